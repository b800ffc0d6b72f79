import type { CallbackFunnel } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Segment } from './analytics-api';

export type FollowupStatus = 'open' | 'resurveyed' | 'recovered';

/** A follow-up of a dissatisfied answer, as `GET /api/surveys/followups` returns it. */
export type Followup = {
  id: number;
  invitationId: number;
  customerId: number;
  customerName: string | null;
  ticketId: number | null;
  ownerId: number;
  reasons: string[];
  note: string | null;
  status: FollowupStatus;
  attempts: number;
  dueAt: string;
  createdAt: string;
  closedAt: string | null;
};

/** One survey of a customer (the 360 page's survey history). */
export type CustomerSurvey = {
  id: number;
  trigger: string;
  channel: string;
  status: string;
  suppressedReason: string | null;
  ticketId: number | null;
  createdAt: string;
  sentAt: string | null;
  answeredAt: string | null;
  csat: number | null;
  recommend: number | null;
  dissatisfied: boolean | null;
  answers: Record<string, unknown> | null;
};

export const surveyKeys = {
  followups: (openOnly: boolean) => ['surveys', 'followups', openOnly] as const,
  customer: (customerId: number) => ['surveys', 'customer', customerId] as const,
  funnel: (from: string, to: string, segment: Segment) => ['surveys', 'funnel', from, to, segment] as const,
};

export const surveysApi = {
  followups: (openOnly: boolean) =>
    api.get<Followup[]>('/api/surveys/followups', { open: openOnly ? 'true' : 'false' }),
  recordContact: (id: number, note: string) => api.post<Followup>(`/api/surveys/followups/${id}/contact`, { note }),
  requestResurvey: (id: number) =>
    api.post<{ followup: Followup; invitationId: number }>(`/api/surveys/followups/${id}/resurvey`),
  customerSurveys: (customerId: number) => api.get<CustomerSurvey[]>(`/api/customers/${customerId}/surveys`),
  optOut: (customerId: number) =>
    api.post<{ customerId: number; optedOut: true }>('/api/surveys/opt-outs', {
      customerId,
      source: 'customer_request',
    }),
  funnel: (from: string, to: string, segment: Segment) =>
    api.get<CallbackFunnel>('/api/surveys/callbacks/funnel', { from, to, segment }),
};

export function useFollowups(openOnly: boolean) {
  return useQuery({ queryKey: surveyKeys.followups(openOnly), queryFn: () => surveysApi.followups(openOnly) });
}

export function useCustomerSurveys(customerId: number) {
  return useQuery({ queryKey: surveyKeys.customer(customerId), queryFn: () => surveysApi.customerSurveys(customerId) });
}

export function useCallbackFunnel(from: string, to: string, segment: Segment = 'none') {
  return useQuery({
    queryKey: surveyKeys.funnel(from, to, segment),
    queryFn: () => surveysApi.funnel(from, to, segment),
  });
}
