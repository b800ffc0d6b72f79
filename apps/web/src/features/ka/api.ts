import type {
  AccountPlan,
  AccountTeam,
  CalendarEntry,
  ClubEvent,
  CustomerEntitlements,
  DecisionChain,
  EntitlementType,
  KaTask,
  lineCheck,
  MyStep,
  OpportunityDetail,
  OpportunitySummary,
  Pipeline,
  PriceReview,
  ServiceOrderDetail,
  ServiceOrderSummary,
  TeamOverview,
  User,
  Visit,
  Warning,
  WarningRuleSetting,
  Workbench,
} from '@crm/contracts';
import { keepPreviousData, type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type { z } from 'zod';
import { ApiError, api } from '../../api/client';
import { loadECharts } from '../../components/echarts-loader';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';

// Queries and mutations of the key-account API (apps/server/src/modules/{accounts-mgmt,opportunities,...}).

export type Page<T> = { items: T[]; total: number };
export type LineCheck = z.infer<typeof lineCheck>;
export type {
  AccountPlan,
  AccountTeam,
  CalendarEntry,
  ClubEvent,
  CustomerEntitlements,
  DecisionChain,
  EntitlementType,
  KaTask,
  MyStep,
  OpportunityDetail,
  OpportunitySummary,
  Pipeline,
  PriceReview,
  ServiceOrderDetail,
  ServiceOrderSummary,
  TeamOverview,
  Visit,
  Warning,
  WarningRuleSetting,
  Workbench,
};

const KA = ['ka'] as const;

const workbenchQuery = (amId?: number) => ({
  queryKey: [...KA, 'workbench', amId ?? null],
  queryFn: () => api.get<Workbench>('/api/ka/workbench', { amId }),
});
export const useWorkbench = (amId?: number) => useQuery({ ...workbenchQuery(amId), placeholderData: keepPreviousData });

/** The workbench's first query (the signed-in AM's own) and its chart library, before the page mounts. */
export function prefetchWorkbench(queryClient: QueryClient): void {
  void queryClient.prefetchQuery(workbenchQuery());
  void loadECharts();
}

export const useTeamOverview = (enabled: boolean) =>
  useQuery({
    queryKey: [...KA, 'team'],
    queryFn: () => api.get<TeamOverview>('/api/ka/workbench/team'),
    enabled,
  });

export const usePipeline = (filter: { ownerId?: number; orgUnitId?: number }) =>
  useQuery({
    queryKey: [...KA, 'pipeline', filter],
    queryFn: () => api.get<Pipeline>('/api/ka/pipeline', filter),
    placeholderData: keepPreviousData,
  });

export const useOpportunity = (id: number) =>
  useQuery({
    queryKey: [...KA, 'opportunity', id],
    queryFn: () => api.get<OpportunityDetail>(`/api/ka/opportunities/${id}`),
  });

export const useOrder = (id: number) =>
  useQuery({ queryKey: [...KA, 'order', id], queryFn: () => api.get<ServiceOrderDetail>(`/api/ka/orders/${id}`) });

export const useOrders = (filter: { status?: string; customerId?: number }) =>
  useQuery({
    queryKey: [...KA, 'orders', filter],
    queryFn: () => api.get<Page<ServiceOrderSummary>>('/api/ka/orders', { ...filter, limit: 100 }),
  });

export const useMySteps = (enabled = true) =>
  useQuery({ queryKey: [...KA, 'my-steps'], queryFn: () => api.get<MyStep[]>('/api/ka/my-steps'), enabled });

export const useCalendar = (from: string, to: string, amId?: number) =>
  useQuery({
    queryKey: [...KA, 'calendar', from, to, amId ?? null],
    queryFn: () => api.get<CalendarEntry[]>('/api/ka/calendar', { from, to, amId }),
    placeholderData: keepPreviousData,
  });

export const useWarnings = (filter: Record<string, unknown>) =>
  useQuery({
    queryKey: [...KA, 'warnings', filter],
    queryFn: () => api.get<Page<Warning>>('/api/ka/warnings', filter),
    placeholderData: keepPreviousData,
  });

export const useWarningRules = (orgUnitId?: number) =>
  useQuery({
    queryKey: [...KA, 'warning-rules', orgUnitId ?? null],
    queryFn: () => api.get<WarningRuleSetting[]>('/api/ka/warning-rules', { orgUnitId }),
  });

export const useTasks = (filter: Record<string, unknown>) =>
  useQuery({ queryKey: [...KA, 'tasks', filter], queryFn: () => api.get<KaTask[]>('/api/ka/tasks', filter) });

export const useAccountTeam = (customerId: number) =>
  useQuery({
    queryKey: [...KA, 'team', customerId],
    queryFn: () => api.get<AccountTeam>(`/api/ka/customers/${customerId}/team`),
  });

export const usePlans = (customerId: number) =>
  useQuery({
    queryKey: [...KA, 'plans', customerId],
    queryFn: () => api.get<AccountPlan[]>(`/api/ka/customers/${customerId}/plans`),
  });

export const useDecisionChain = (customerId: number) =>
  useQuery({
    queryKey: [...KA, 'chain', customerId],
    queryFn: () => api.get<DecisionChain>(`/api/ka/customers/${customerId}/decision-chain`),
  });

export const useVisits = (customerId: number) =>
  useQuery({
    queryKey: [...KA, 'visits', customerId],
    queryFn: () => api.get<Visit[]>(`/api/ka/customers/${customerId}/visits`),
  });

export const useEntitlements = (customerId: number) =>
  useQuery({
    queryKey: [...KA, 'entitlements', customerId],
    queryFn: () => api.get<CustomerEntitlements>(`/api/ka/customers/${customerId}/entitlements`),
  });

export const usePriceReviews = (customerId: number) =>
  useQuery({
    queryKey: [...KA, 'price-reviews', customerId],
    queryFn: () => api.get<PriceReview[]>(`/api/ka/customers/${customerId}/price-reviews`),
  });

export const useLineChecks = (customerId: number) =>
  useQuery({
    queryKey: [...KA, 'line-checks', customerId],
    queryFn: () => api.get<LineCheck[]>(`/api/ka/customers/${customerId}/line-checks`),
  });

export const useEntitlementCatalog = () =>
  useQuery({
    queryKey: [...KA, 'entitlement-catalog'],
    queryFn: () => api.get<EntitlementType[]>('/api/ka/entitlements/catalog'),
  });

/** Staff of the viewer's org subtree for pickers (optionally of one role), searched by name on the server. */
export const useStaff = (filter: { role?: string; search?: string }, enabled = true) =>
  useQuery({
    queryKey: ['users', { ...filter, picker: true }],
    queryFn: () => api.get<Page<User>>('/api/users', { ...filter, limit: 50 }),
    select: (page) => page.items.filter((u) => u.active),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    enabled,
  });

export const useClubEvents = (from: string, to: string) =>
  useQuery({
    queryKey: [...KA, 'club-events', from, to],
    queryFn: () => api.get<ClubEvent[]>('/api/ka/club-events', { from, to }),
  });

/**
 * A mutation of the key-account API: on success every `ka` query (and any `also` query) is refreshed and a "saved"
 * message shown; errors are shown in the current language (and a 404 / 409 refreshes the stale `ka` data).
 */
export function useKaMutation<TVars, TResult = unknown>(
  fn: (vars: TVars) => Promise<TResult>,
  opts: { silent?: boolean; silentErrors?: boolean; also?: readonly (readonly unknown[])[] } = {},
) {
  const qc = useQueryClient();
  const t = useT();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([KA, ...(opts.also ?? [])].map((queryKey) => qc.invalidateQueries({ queryKey })));
      if (!opts.silent) message.success(t('common.saved'));
    },
    onError: (err) => {
      // silentErrors: the caller shows field errors next to the form's fields itself (forms.ts applyServerErrors)
      if (!opts.silentErrors) message.error(apiErrorText(err, t));
      // 404 / 409: the record changed under the user (deleted, completed, closed): show its current state.
      if (err instanceof ApiError && (err.status === 404 || err.status === 409))
        void qc.invalidateQueries({ queryKey: KA });
    },
  });
}

/** Reads a browser file as base64 (without the data: prefix) for the JSON upload endpoints. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
