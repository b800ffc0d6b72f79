import type { Inspection, KpiEvidence, KpiPenalty, KpiPenaltyInput, KpiScorecard, KpiTrend } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';

export const useScorecards = (period: string) =>
  useQuery({
    queryKey: ['kpi', 'cards', period],
    queryFn: () => api.get<KpiScorecard[]>('/api/kpi/scorecards', { period }),
  });
export const useTrend = (userId: number | undefined) =>
  useQuery({ queryKey: ['kpi', 'trend', userId], queryFn: () => api.get<KpiTrend>('/api/kpi/trend', { userId }) });
export const useEvidence = (id: number | undefined, key: string | undefined) =>
  useQuery({
    queryKey: ['kpi', 'evidence', id, key],
    enabled: Boolean(id && key),
    queryFn: () => api.get<KpiEvidence>(`/api/kpi/scorecards/${id}/evidence/${key}`),
  });
export const useInspections = () =>
  useQuery({
    queryKey: ['quality', 'inspections'],
    queryFn: () => api.get<{ items: Inspection[]; total: number }>('/api/quality/inspections', { limit: 100 }),
  });
export const usePenalties = (period: string) =>
  useQuery({
    queryKey: ['kpi', 'penalties', period],
    queryFn: () => api.get<KpiPenalty[]>('/api/kpi/penalties', { period }),
  });
export const kpiApi = {
  recordPenalty: (input: KpiPenaltyInput) => api.post<KpiPenalty>('/api/kpi/penalties', input),
  confirm: (id: number) => api.post<KpiScorecard>(`/api/kpi/scorecards/${id}/confirm`),
  run: (period: string) => api.post('/api/kpi/runs', { period }),
};
