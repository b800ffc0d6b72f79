import type { AuditPage, Customer360, CustomerSummary } from '@crm/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../api/client';

export type Page<T> = { items: T[]; total: number };

export const customerKeys = {
  all: ['customers'] as const,
  list: (query: Record<string, unknown>) => ['customers', 'list', query] as const,
  detail: (id: number) => ['customers', 'detail', id] as const,
  history: (id: number) => ['customers', 'history', id] as const,
};

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
