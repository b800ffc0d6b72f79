import type { SegmentDimension } from '@crm/contracts';
import { useQueries, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export type Segment = SegmentDimension;
export const segments: Segment[] = [
  'tier',
  'category',
  'industry',
  'org_unit',
  'channel',
  'ticket_type',
  'account_manager',
];
export type Source = 'callback' | 'wave' | 'all';
/** Month, quarter, or the whole window as one period. */
export type Period = 'month' | 'quarter' | 'all';

/** One row of `GET /api/surveys/analytics/indices`: rates and top-2-box as fractions, NPS in points. */
export type IndexRow = {
  period: string;
  segment: string | null;
  segmentLabel?: string | null;
  sent: number;
  answered: number;
  responseRate: number;
  dissatisfied: number;
  csatN: number;
  csatMean: number;
  csatTopTwoBox: number;
  npsN: number;
  promoters: number;
  detractors: number;
  nps: number;
};
export type Indices = { period: Period; segment: Segment; source: Source; rows: IndexRow[]; totals: IndexRow };

export type AnswerItem = {
  invitationId: number;
  customerId: number;
  customerName: string;
  phone: string | null;
  trigger: string;
  channel: string;
  waveId: number | null;
  ticketId: number | null;
  createdAt: string;
  answeredAt: string | null;
  csat: number | null;
  recommend: number | null;
  dissatisfied: boolean;
  reasons: string[];
  answers: Record<string, unknown>;
};

export type WaveSummary = {
  id: number;
  name: string;
  quarter: string;
  status: string;
  members: number;
  answered: number;
  refused: number;
  nonResponse: number;
  pending: number;
  responseRate: number;
  csatN: number;
  csatMean: number;
  csatTopTwoBox: number;
  npsN: number;
  nps: number;
  satisfactionRatio: number | null;
  satisfactionLevel: string | null;
};

export type PlsPath = {
  from: string;
  to: string;
  coef: number;
  lower: number | null;
  upper: number | null;
  stdError: number | null;
};
export type PlsResult = {
  waveId: number;
  quarter: string;
  n: number;
  dropped: number;
  scheme: 'path' | 'centroid' | 'factorial';
  blocks: Record<string, string[]>;
  paths: PlsPath[];
  outerWeights: Record<string, number>;
  loadings: Record<string, number>;
  r2: Record<string, number>;
  ave: Record<string, number>;
  compositeReliability: Record<string, number>;
  indices: Record<string, number>;
  csiVariable: string;
  csi: number;
  csiLower: number | null;
  csiUpper: number | null;
  gof: number;
  iterations: number;
  bootstrap: { samples: number; failed: number; level: number } | null;
  durationMs: number;
};

export type IpaQuadrant = 'fix_first' | 'keep_up' | 'possible_overkill' | 'low_priority';
export type IpaResult = {
  waveId: number;
  n: number;
  importanceSource: 'stated' | 'derived';
  importanceMean: number;
  performanceMean: number;
  items: {
    code: string;
    attribute: string;
    zh: string;
    en: string;
    importance: number;
    performance: number;
    quadrant: IpaQuadrant;
    gap: number;
    rank: number;
  }[];
  ratio: {
    band: { low: number; high: number };
    attributes: {
      code: string;
      attribute: string;
      n: number;
      expected: number;
      perceived: number;
      ratio: number;
      level: 'dissatisfied' | 'satisfied' | 'highly_satisfied';
      shares: { dissatisfied: number; satisfied: number; highly_satisfied: number };
    }[];
    overall: { n: number; ratio: number; level: string } | null;
  };
};
export type LoyaltyCounts = {
  waveId: number;
  n: number;
  counts: { true: number; latent: number; spurious: number; none: number };
};

export type IndicesQuery = { from: string; to: string; period: Period; segment: Segment; source: Source };
export type AnswersQuery = IndicesQuery & {
  periodValue?: string;
  segmentValue?: string;
  dissatisfied?: boolean;
  offset: number;
};

const clean = (o: Record<string, string | number | boolean | undefined>) =>
  Object.fromEntries(
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );

export const analyticsApi = {
  indices: (q: IndicesQuery) => api.get<Indices>('/api/surveys/analytics/indices', clean(q)),
  answers: (q: AnswersQuery) =>
    api.get<{ total: number; items: AnswerItem[] }>('/api/surveys/analytics/answers', clean({ ...q, limit: 20 })),
  waves: () => api.get<WaveSummary[]>('/api/surveys/analytics/waves'),
  pls: (waveId: number, body: { scheme?: string; bootstrap: number }) =>
    api.post<PlsResult>(`/api/surveys/waves/${waveId}/pls`, body),
  ipa: (waveId: number, importance: 'stated' | 'derived') =>
    api.get<IpaResult>(`/api/surveys/waves/${waveId}/ipa`, { importance }),
  loyalty: (waveId: number) => api.get<LoyaltyCounts>(`/api/surveys/waves/${waveId}/loyalty`),
};

export function useIndices(q: IndicesQuery, enabled = true) {
  return useQuery({ queryKey: ['surveys', 'indices', q], queryFn: () => analyticsApi.indices(q), enabled });
}
export function useAnswers(q: AnswersQuery | null) {
  return useQuery({
    queryKey: ['surveys', 'answers', q],
    queryFn: () => analyticsApi.answers(q!),
    enabled: q !== null,
  });
}
export function useWaveSummaries() {
  return useQuery({ queryKey: ['surveys', 'wave-summaries'], queryFn: analyticsApi.waves });
}
const plsQuery = (waveId: number | undefined, bootstrap: number) => ({
  queryKey: ['surveys', 'pls', waveId, bootstrap],
  queryFn: () => analyticsApi.pls(waveId!, { bootstrap }),
  enabled: waveId !== undefined,
  staleTime: 5 * 60_000,
  retry: false,
});
export function usePls(waveId: number | undefined, bootstrap: number) {
  return useQuery(plsQuery(waveId, bootstrap));
}
/** The server's CSI of each wave (PLS without bootstrap, cached per wave), by wave id. */
export function useCsiOfWaves(ids: number[]): Record<number, number> {
  const results = useQueries({ queries: ids.map((id) => plsQuery(id, 0)) });
  const out: Record<number, number> = {};
  for (const q of results) if (q.data) out[q.data.waveId] = q.data.csi;
  return out;
}
export function useIpa(waveId: number | undefined, importance: 'stated' | 'derived') {
  return useQuery({
    queryKey: ['surveys', 'ipa', waveId, importance],
    queryFn: () => analyticsApi.ipa(waveId!, importance),
    enabled: waveId !== undefined,
  });
}
export function useLoyalty(waveId: number | undefined) {
  return useQuery({
    queryKey: ['surveys', 'loyalty', waveId],
    queryFn: () => analyticsApi.loyalty(waveId!),
    enabled: waveId !== undefined,
  });
}
