import type {
  ChurnAnalysis,
  ChurnCompetitor,
  ChurnModelCard,
  ChurnModelSummary,
  ChurnRiskPage,
  ChurnRiskSummary,
  ChurnScoreRun,
  CustomerChurnScore,
  RetentionAction,
  ScoreRunUplift,
  Termination,
} from '@crm/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, newIdempotencyKey } from '../../api/client';

type Page<T> = { items: T[]; total: number };
type Query = Record<string, unknown>;

export const useRiskList = (q: Query) =>
  useQuery({
    queryKey: ['churn', 'risk-list', q],
    queryFn: () => api.get<ChurnRiskPage>('/api/churn/risk-list', q),
    placeholderData: keepPreviousData,
  });
export const useRiskSummary = (q: Query) =>
  useQuery({
    queryKey: ['churn', 'risk-summary', q],
    queryFn: () => api.get<ChurnRiskSummary>('/api/churn/risk-summary', q),
  });
export const useCustomerChurn = (id: number) =>
  useQuery({
    queryKey: ['churn', 'customer', id],
    queryFn: () => api.get<CustomerChurnScore>(`/api/customers/${id}/churn-score`),
    retry: false,
  });
export const useActions = (q: Query, enabled = true) =>
  useQuery({
    queryKey: ['churn', 'actions', q],
    queryFn: () => api.get<Page<RetentionAction>>('/api/churn/retention-actions', q),
    enabled,
  });
export const useTerminations = (q: Query) =>
  useQuery({
    queryKey: ['churn', 'terminations', q],
    queryFn: () => api.get<Page<Termination>>('/api/churn/terminations', q),
    placeholderData: keepPreviousData,
  });
export const useCompetitors = () =>
  useQuery({
    queryKey: ['churn', 'competitors'],
    queryFn: () => api.get<ChurnCompetitor[]>('/api/churn/competitors'),
  });
export const useAnalysis = (q: Query) =>
  useQuery({
    queryKey: ['churn', 'analysis', q],
    queryFn: () => api.get<ChurnAnalysis>('/api/churn/analysis', q),
    placeholderData: keepPreviousData,
  });
export const useModels = () =>
  useQuery({
    queryKey: ['churn', 'models'],
    queryFn: () => api.get<Page<ChurnModelSummary>>('/api/churn/models', { limit: 100 }),
  });
export const useModelCard = (id: number) =>
  useQuery({
    queryKey: ['churn', 'model', id],
    queryFn: () => api.get<ChurnModelCard>(`/api/churn/models/${id}`),
    retry: false,
  });
export const useRuns = () =>
  useQuery({
    queryKey: ['churn', 'runs'],
    queryFn: () => api.get<Page<ChurnScoreRun>>('/api/churn/score-runs', { limit: 50 }),
  });
export const useRunUplift = (runId: number | undefined, minRiskPct: number) =>
  useQuery({
    queryKey: ['churn', 'uplift', runId, minRiskPct],
    queryFn: () => api.get<ScoreRunUplift>(`/api/churn/score-runs/${runId}/uplift`, { minRiskPct }),
    enabled: Boolean(runId),
  });

/** A churn write that refreshes every churn query afterwards. */
export function useChurnMutation<V, R = unknown>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['churn'] }) });
}

export const churnApi = {
  recordAction: (customerId: number, body: Record<string, unknown>) =>
    api.post<RetentionAction>(`/api/customers/${customerId}/retention-actions`, body, {
      idempotencyKey: newIdempotencyKey(),
    }),
  updateAction: (id: number, body: Record<string, unknown>) =>
    api.patch<RetentionAction>(`/api/churn/retention-actions/${id}`, body),
  promote: (id: number, body: { force: boolean; note?: string }) =>
    api.post<ChurnModelCard>(`/api/churn/models/${id}/promote`, body),
  createCompetitor: (body: Record<string, unknown>) =>
    api.post<ChurnCompetitor>('/api/churn/competitors', body, { idempotencyKey: newIdempotencyKey() }),
  updateCompetitor: (id: number, body: Record<string, unknown>) =>
    api.patch<ChurnCompetitor>(`/api/churn/competitors/${id}`, body),
};
