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
import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { loadECharts } from '../../components/echarts-loader';

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

// Without a period the server answers for the latest graded one, the same for all three.
const pyramidQuery = (period?: string) => ({
  queryKey: ['grading', 'pyramid', period],
  queryFn: () => api.get<Pyramid>(`${base}/pyramid`, { period }),
});
const distributionQuery = (period: string | undefined, by: DistributionDimension) => ({
  queryKey: ['grading', 'distribution', period, by],
  queryFn: () => api.get<Distribution>(`${base}/distribution`, { period, by }),
});
const paretoQuery = (period?: string) => ({
  queryKey: ['grading', 'pareto', period],
  queryFn: () => api.get<Pareto>(`${base}/pareto`, { period }),
});
export const usePyramid = (period?: string) => useQuery({ ...pyramidQuery(period), ...opts });
export const useDistribution = (period: string | undefined, by: DistributionDimension) =>
  useQuery({ ...distributionQuery(period, by), ...opts });
export const usePareto = (period?: string) => useQuery({ ...paretoQuery(period), ...opts });

/** The value dashboard's first queries (latest period, by org unit) and its chart library, before the page mounts. */
export function prefetchValueDashboard(queryClient: QueryClient): void {
  const options = { staleTime: opts.staleTime };
  void queryClient.prefetchQuery({ ...pyramidQuery(), ...options });
  void queryClient.prefetchQuery({ ...distributionQuery(undefined, 'org_unit'), ...options });
  void queryClient.prefetchQuery({ ...paretoQuery(), ...options });
  void loadECharts();
}
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
