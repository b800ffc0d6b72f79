import type { DiscountAuthority, DiscountRequest } from '@crm/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export const useDiscountRequests = (query: { mine?: string; status?: string }) =>
  useQuery({
    queryKey: ['discounts', 'requests', query],
    queryFn: () =>
      api.get<{ items: DiscountRequest[]; total: number }>('/api/discount-requests', { ...query, limit: 200 }),
  });
export const useAuthorityMatrix = () =>
  useQuery({
    queryKey: ['discounts', 'authority'],
    queryFn: () => api.get<DiscountAuthority[]>('/api/discount-authority'),
  });

export const discApi = {
  decide: (id: number, decision: 'approve' | 'reject', reason?: string) =>
    api.post<DiscountRequest>(`/api/discount-requests/${id}/decision`, { decision, reason }),
  putAuthority: (body: {
    role: string;
    orgLevel: string;
    productFamily: string;
    maxDiscountBp: number;
    maxMonthlyFen: number | null;
  }) => api.put<DiscountAuthority>('/api/discount-authority', body),
  quote: (opportunityId: number, optionId: number, itemId: number, body: { monthlyFen: number; reason: string }) =>
    api.post<DiscountRequest>(`/api/ka/opportunities/${opportunityId}/options/${optionId}/items/${itemId}/quote`, body),
};

export function useDiscMutation<A, R>(fn: (a: A) => Promise<R>, also: readonly (readonly unknown[])[] = []) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['discounts'] });
      for (const k of also) qc.invalidateQueries({ queryKey: k });
    },
  });
}
