import type { QueryClient } from '@tanstack/react-query';
import { matchPath } from 'react-router-dom';
import { preloadPage } from '../components/Lazy';
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

const routeAt = (pathname: string) => {
  for (const r of allFeatureRoutes) {
    const match = matchPath(r.path, pathname);
    if (match) return { route: r, params: match.params };
  }
  return null;
};

/** The page the app opens on: its code chunk is fetched at once, beside the sign-in check, not after it. */
export function preloadPageAt(pathname: string): void {
  const at = routeAt(pathname);
  if (at) preloadPage(at.route.element);
}

/** Once the sign-in check has answered: the `prefetch` queries of the page the app opened on start before it mounts. */
export function prefetchPageDataAt(pathname: string, queryClient: QueryClient): void {
  const at = routeAt(pathname);
  at?.route.prefetch?.(at.params, queryClient);
}
