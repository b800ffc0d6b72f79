import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

// Types of the grading API (apps/server/src/modules/grading/*.routes.ts) and the queries of the pages.

export const layers = ['diamond', 'jade', 'platinum', 'gem', 'gold', 'crystal', 'business', 'public'] as const;
export type Layer = (typeof layers)[number];
export const tierOrder = ['crystal', 'gold', 'gem', 'platinum', 'jade', 'diamond'] as const;
export const migrationGroups = ['upgraded', 'downgraded', 'inactive', 'potential', 'unstable', 'new', 'lost'] as const;
export type MigrationGroup = (typeof migrationGroups)[number];

export type LayerRow = {
  layer: string;
  customers: number;
  activeCustomers: number;
  revenueFen: number;
  valueFen: number;
};
export type Pyramid = { period: string; items: LayerRow[]; totals: { customers: number; revenueFen: number } };
export type Distribution = {
  period: string;
  by: string;
  items: {
    key: string;
    label: string | null;
    labelEn: string | null;
    customers: number;
    revenueFen: number;
    layers: Record<string, number>;
  }[];
};
export type Pareto = {
  period: string;
  customers: number;
  top10Share: number;
  top20Share: number;
  points: { customerShare: number; valueShare: number }[];
  abc: { abcClass: string; customers: number; valueFen: number; revenueFen: number }[];
};
export type Migration = {
  from: string;
  to: string;
  states: string[];
  matrix: { fromLayer: string; toLayer: string; customers: number; fromRevenueFen: number; toRevenueFen: number }[];
  summary: Record<MigrationGroup, number>;
};
export type SegmentCustomer = {
  customerId: number;
  customerNo: string;
  name: string;
  category: string;
  industry: string | null;
  orgUnitName: string;
  accountManagerName: string | null;
  layer: string | null;
  fromLayer: string | null;
  stars: number | null;
  abcClass: string | null;
  importance: string | null;
  valueFen: number;
  revenueFen: number;
  fromRevenueFen: number | null;
};
/** A drill-down: one period's segment, or (with `from`) a migration group or matrix cell. */
export type SegmentQuery = {
  period?: string;
  layer?: string;
  abcClass?: string;
  stars?: number;
  importance?: string;
  category?: string;
  industry?: string;
  orgUnitId?: number;
  from?: string;
  group?: MigrationGroup;
  fromLayer?: string;
  toLayer?: string;
};
export type ArpuDimension = 'total' | 'category' | 'tier' | 'industry' | 'org_unit';
export type Arpu = {
  from: string;
  to: string;
  by: ArpuDimension;
  periods: string[];
  items: {
    period: string;
    key: string;
    label: string | null;
    customers: number;
    accounts: number;
    revenueFen: number;
    arpuFen: number;
    arpaFen: number;
  }[];
};

export type RuleSetConfig = {
  measure: { months: number; missingMonths: 'skip' | 'zero' };
  tiers: { categories: string[]; minFen: Record<(typeof tierOrder)[number], number> };
  hysteresis: { downgradeAfter: number };
  importance: { importantOrgTypes: string[]; ordinaryMinFen: number; extraLargeMinFen: number };
  stars: { categories: string[]; months: number; minMonthlyFen: { three: number; four: number; five: number } };
  abc: { aShare: number; bShare: number; partitionByCategory: boolean };
};
export type RuleSet = {
  id: number;
  version: number;
  name: string;
  status: 'draft' | 'active' | 'retired';
  effectiveFrom: string;
  effectiveTo: string | null;
  config: RuleSetConfig;
  notes: string | null;
  createdAt: string;
  activatedAt: string | null;
};
export type RuleSetPreview = {
  ruleSetId: number;
  ruleSetVersion: number;
  period: string;
  baselineGraded: boolean;
  customers: number;
  moved: number;
  starsChanged: number;
  abcChanged: number;
  layers: {
    layer: Layer;
    currentCustomers: number;
    proposedCustomers: number;
    currentRevenueFen: number;
    proposedRevenueFen: number;
  }[];
  matrix: { fromLayer: string | null; toLayer: string; customers: number; revenueFen: number }[];
};
export type Mover = {
  customerId: number;
  customerNo: string;
  name: string;
  fromLayer: string | null;
  toLayer: string;
  measureFen: number;
  spendFen: number;
};
export type GradingRun = {
  id: number;
  period: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  trigger: 'manual' | 'schedule';
  ruleSetVersion: number | null;
  gradedCount: number | null;
  changedCount: number | null;
  error: string | null;
  durationMs: number | null;
  createdAt: string;
  finishedAt: string | null;
  progress: { done: number; total: number | null } | null;
};
export type Page<T> = { items: T[]; total: number };

export type CustomerGrading = {
  customerId: number;
  period: string | null;
  category: string | null;
  layer: string | null;
  tier: string | null;
  stars: number | null;
  abcClass: string | null;
  importance: string | null;
  measureFen: number | null;
  measure: {
    valueFen: number;
    sumFen: number;
    months: number;
    monthsUsed: number;
    divisor: number;
    missingMonths: 'skip' | 'zero';
    fromPeriod: string;
    toPeriod: string;
  } | null;
  spendFen: number | null;
  reason: string | null;
  potential: boolean | null;
  ruleSet: { id: number; version: number; name: string } | null;
  explanation: {
    tier: {
      raw: string;
      rawLowerFen: number;
      rawUpperFen: number | null;
      previous: string | null;
      held: boolean;
      belowCount: number;
      downgradeAfter: number;
    } | null;
    stars: {
      months: number;
      streaks: { three: number; four: number; five: number };
      barsFen: { three: number; four: number; five: number };
    } | null;
    abc: { aShare: number; bShare: number };
    importance: { organizationType: string | null } | null;
  } | null;
  history: {
    period: string;
    layer: string;
    tier: string | null;
    stars: number | null;
    abcClass: string;
    importance: string | null;
    measureFen: number;
    spendFen: number;
    reason: string;
    held: boolean;
    ruleSetVersion: number;
  }[];
  events: { period: string; kind: string; fromValue: string | null; toValue: string | null; direction: string }[];
};

const base = '/api/grading/analytics';
const opts = { placeholderData: keepPreviousData, staleTime: 60_000 } as const;

export const usePyramid = (period?: string) =>
  useQuery({
    queryKey: ['grading', 'pyramid', period],
    queryFn: () => api.get<Pyramid>(`${base}/pyramid`, { period }),
    ...opts,
  });
export const useDistribution = (period: string | undefined, by: 'org_unit' | 'industry') =>
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
  api.get<Page<SegmentCustomer>>(`${base}/customers`, q as Record<string, unknown>);
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
