import { Skeleton } from 'antd';
import { type ComponentType, lazy, Suspense } from 'react';

/** A code-split page: `lazyPage(() => import('./Page'), 'Page')` renders a skeleton while its chunk loads. */
export function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, exportName: keyof M & string) {
  const Page = lazy(async () => ({ default: (await load())[exportName] as ComponentType }));
  return (
    <Suspense fallback={<Skeleton active style={{ padding: 24 }} paragraph={{ rows: 10 }} />}>
      <Page />
    </Suspense>
  );
}
