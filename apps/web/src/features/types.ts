import type { QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/**
 * One page of a feature. Every `src/features/<feature>/routes.tsx` exports `featureRoutes: FeatureRoute[]`;
 * they are collected by `./index.ts` and mounted inside the layout (no other file needs editing).
 * - `path`: absolute ('/customers', '/customers/:id').
 * - `menu`: adds a side-menu entry (label `t(labelKey)`, sorted by `order`, lowest first).
 * - `permission`: the menu entry is hidden and the page answers 403 for users without it.
 * - `prefetch`: when the app opens on this page, its first queries start with the sign-in check instead of after
 *   it (same query keys as the page's hooks; an answer the user may not see is an error the page shows anyway).
 */
export type FeatureRoute = {
  path: string;
  element: ReactNode;
  menu?: { labelKey: string; icon?: ReactNode; order: number };
  permission?: string;
  prefetch?: (params: Record<string, string | undefined>, queryClient: QueryClient) => void;
};
