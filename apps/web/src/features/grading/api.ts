import type {
  Arpu,
  ArpuDimension,
  CustomerGrading,
  Distribution,
  DistributionDimension,
  GradeLayer,
  Migration,
  Pareto,
  Pyramid,
  SegmentFilter,
  SegmentPage,
} from '@crm/contracts';
import { gradeLayers, gradeTiers } from '@crm/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

// The grading API types live in packages/contracts (grading.ts, grading-analytics.ts); here: the queries of the pages.
export type {
  Arpu,
  ArpuDimension,
  CustomerGrading,
  Distribution,
  GradingRun,
  LayerRow,
  Migration,
  MigrationGroup,
  Mover,
  Pareto,
  Pyramid,
  RuleSet,
  RuleSetConfig,
  RuleSetPreview,
  SegmentCustomer,
} from '@crm/contracts';
export { migrationGroups } from '@crm/contracts';

/** Value-pyramid layers, top first. */
export const layers = gradeLayers;
export type Layer = GradeLayer;
/** KA tiers, lowest first. */
export const tierOrder = gradeTiers;
export type Page<T> = { items: T[]; total: number };
/**
 * A drill-down: one period's segment, or (with `from`) a migration group or matrix cell. The segment filter of the
 * contract, with the layer / class filters as plain strings because they come from response rows (the server
 * validates them).
 */
export type SegmentQuery = {
  [K in keyof SegmentFilter]?: K extends 'group'
    ? SegmentFilter[K]
    : Exclude<SegmentFilter[K], undefined> extends string
      ? string
      : SegmentFilter[K];
};

const base = '/api/grading/analytics';
const opts = { placeholderData: keepPreviousData, staleTime: 60_000 } as const;

export const usePyramid = (period?: string) =>
  useQuery({
    queryKey: ['grading', 'pyramid', period],
    queryFn: () => api.get<Pyramid>(`${base}/pyramid`, { period }),
    ...opts,
  });
export const useDistribution = (period: string | undefined, by: DistributionDimension) =>
  useQuery({
    queryKey: ['grading', 'distribution', period, by],
    queryFn: () => api.get<Distribution>(`${base}/distribution`, { period, by }),
    ...opts,
  });
export const usePareto = (period?: string) =>
  useQuery({
    queryKey: ['grading', 'pareto', period],
    queryFn: () => api.get<Pareto>(`${base}/pareto`, { period }),
    ...opts,
  });
export const useMigration = (from?: string, to?: string) =>
  useQuery({
    queryKey: ['grading', 'migration', from, to],
    queryFn: () => api.get<Migration>(`${base}/migration`, { from, to }),
    ...opts,
  });
export const useArpu = (by: ArpuDimension, from?: string, to?: string) =>
  useQuery({
    queryKey: ['grading', 'arpu', by, from, to],
    queryFn: () => api.get<Arpu>(`${base}/arpu`, { by, from, to }),
    ...opts,
  });
export const fetchSegment = (q: SegmentQuery & { limit: number; offset: number }) =>
  api.get<SegmentPage>(`${base}/customers`, q as Record<string, unknown>);
/** The URL of the CSV export of a drill-down (downloaded by the browser with the session cookie). */
export const segmentCsvUrl = (q: SegmentQuery) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') params.set(k, String(v));
  return `${base}/customers.csv?${params.toString()}`;
};
export const useCustomerGrading = (customerId: number) =>
  useQuery({
    queryKey: ['grading', 'customer', customerId],
    queryFn: () => api.get<CustomerGrading>(`/api/customers/${customerId}/grading`),
  });
