import type {
  InvestmentInputDto,
  InvestmentPolicy,
  InvestmentPolicyInput,
  InvestmentPreview,
  InvestmentProject,
  InvestmentProjectSummary,
  investmentInboxItem,
  realisedPayback,
} from '@crm/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, newIdempotencyKey } from '../../api/client';

export type InboxItem = z.infer<typeof investmentInboxItem>;
export type Realised = z.infer<typeof realisedPayback>;

export const useProjects = (query: { status?: string; customerId?: number }) =>
  useQuery({
    queryKey: ['investments', 'list', query],
    queryFn: () =>
      api.get<{ items: InvestmentProjectSummary[]; total: number }>('/api/investments', { ...query, limit: 200 }),
  });
export const useInbox = (enabled: boolean) =>
  useQuery({
    queryKey: ['investments', 'inbox'],
    enabled,
    queryFn: () => api.get<InboxItem[]>('/api/investments/inbox'),
  });
export const useProject = (id: number) =>
  useQuery({
    queryKey: ['investments', 'project', id],
    queryFn: () => api.get<InvestmentProject>(`/api/investments/${id}`),
  });
export const useRealised = (id: number, enabled: boolean) =>
  useQuery({
    queryKey: ['investments', 'realised', id],
    enabled,
    queryFn: () => api.get<Realised>(`/api/investments/${id}/realised`),
  });

export const usePolicy = () =>
  useQuery({
    queryKey: ['investments', 'policy'],
    queryFn: () => api.get<InvestmentPolicy>('/api/investments/policy'),
  });

export const invApi = {
  putPolicy: (input: InvestmentPolicyInput) => api.put<InvestmentPolicy>('/api/investments/policy', input),
  create: (body: {
    customerId: number;
    name: string;
    opportunityId?: number;
    solutionOptionId?: number;
    description?: string;
  }) => api.post<InvestmentProject>('/api/investments', body, { idempotencyKey: newIdempotencyKey() }),
  addEvaluation: (projectId: number, input: InvestmentInputDto) =>
    api.post<InvestmentProject>(`/api/investments/${projectId}/evaluations`, input),
  preview: (input: InvestmentInputDto) => api.post<InvestmentPreview>('/api/investments/preview', input),
  submit: (evaluationId: number) => api.post<InvestmentProject>(`/api/investment-evaluations/${evaluationId}/submit`),
  review: (evaluationId: number, action: 'forward' | 'return', note?: string) =>
    api.post<InvestmentProject>(`/api/investment-evaluations/${evaluationId}/review`, { action, note }),
  decide: (evaluationId: number, decision: 'approve' | 'reject', reason?: string) =>
    api.post<InvestmentProject>(`/api/investment-evaluations/${evaluationId}/decision`, { decision, reason }),
};

/** A mutation that refreshes every investments query afterwards. */
export function useInvMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['investments'] }) });
}
