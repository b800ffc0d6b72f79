import { Skeleton } from 'antd';
import { type ComponentType, lazy, type ReactNode, Suspense } from 'react';

/** The chunk loader of each element `lazyPage` made, so the page of the first URL can be fetched early. */
const loaders = new WeakMap<object, () => Promise<unknown>>();

/** A code-split page: `lazyPage(() => import('./Page'), 'Page')` renders a skeleton while its chunk loads. */
export function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, exportName: keyof M & string) {
  const Page = lazy(async () => ({ default: (await load())[exportName] as ComponentType }));
  const element = (
    <Suspense fallback={<Skeleton active style={{ padding: 24 }} paragraph={{ rows: 10 }} />}>
      <Page />
    </Suspense>
  );
  loaders.set(element, load);
  return element;
}

/**
 * Starts fetching the chunk of a page made by `lazyPage` (no-op for any other element). The browser caches the
 * module, so the page's own `lazy` finds it loaded or in flight.
 */
export function preloadPage(element: ReactNode): void {
  if (element && typeof element === 'object')
    void loaders
      .get(element)?.()
      .catch(() => undefined);
}
