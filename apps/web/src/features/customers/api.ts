import type { AuditPage, Customer360, CustomerHeadline, CustomerSummary } from '@crm/contracts';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client';

export type Page<T> = { items: T[]; total: number };

export const customerKeys = {
  all: ['customers'] as const,
  list: (query: Record<string, unknown>) => ['customers', 'list', query] as const,
  detail: (id: number) => ['customers', 'detail', id] as const,
  history: (id: number) => ['customers', 'history', id] as const,
};

/** The 360 header strip's query (what matters now about the customer). */
export const customerHeadlineQuery = (id: number) => ({
  queryKey: ['customers', 'headline', id],
  queryFn: () => api.get<CustomerHeadline>(`/api/customers/${id}/headline`),
});

/** The 360 page's first queries (the customer, the header strip), started before the page mounts. */
export function prefetchCustomer360(queryClient: QueryClient, id: number): void {
  if (!Number.isInteger(id) || id <= 0) return;
  void queryClient.prefetchQuery({
    queryKey: customerKeys.detail(id),
    queryFn: () => api.get<Customer360>(`/api/customers/${id}`),
  });
  void queryClient.prefetchQuery(customerHeadlineQuery(id));
}

export function useCustomer360(id: number) {
  return useQuery({
    queryKey: customerKeys.detail(id),
    queryFn: () => api.get<Customer360>(`/api/customers/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

export function listCustomers(query: Record<string, unknown>) {
  return api.get<Page<CustomerSummary>>('/api/customers', query);
}

export function listHistory(id: number, query: { limit: number; offset: number }) {
  return api.get<AuditPage>(`/api/customers/${id}/history`, query);
}

/** Refetches the 360 view (and lists) after a change on one customer. */
export function useInvalidateCustomer(id: number) {
  const qc = useQueryClient();
  return useCallback(async () => {
    await qc.invalidateQueries({ queryKey: customerKeys.detail(id) });
    await qc.invalidateQueries({ queryKey: customerKeys.history(id) });
    await qc.invalidateQueries({ queryKey: ['customers', 'list'] });
  }, [qc, id]);
}
