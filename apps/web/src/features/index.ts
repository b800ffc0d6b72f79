import type { FeatureRoute } from './types';

export type { FeatureRoute } from './types';

const modules = import.meta.glob<{ featureRoutes?: FeatureRoute[] }>('./*/routes.tsx', { eager: true });

/** Every feature's routes, in a stable order (by feature folder, then as declared). */
export const allFeatureRoutes: FeatureRoute[] = Object.keys(modules)
  .sort()
  .flatMap((file) => modules[file].featureRoutes ?? []);

/** Menu entries, sorted by `menu.order`. */
export const menuRoutes = allFeatureRoutes
  .filter((r): r is FeatureRoute & { menu: NonNullable<FeatureRoute['menu']> } => Boolean(r.menu))
  .sort((a, b) => a.menu.order - b.menu.order);
