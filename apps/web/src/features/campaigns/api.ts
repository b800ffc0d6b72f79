import type {
  CampaignPlan,
  campaign,
  campaignResults,
  campaignTask,
  offer,
  offerCreate,
  SegmentCondition,
  SegmentDefinition,
  segment,
  segmentPreview,
} from '@crm/contracts';
import type { z } from 'zod';
import { api } from '../../api/client';

export type CampaignCreate = { name: string; segmentId: number; offerId?: number; plan: CampaignPlan };
export type CampaignUpdate = { name?: string; offerId?: number | null; plan?: Partial<CampaignPlan> };

export type Campaign = z.infer<typeof campaign>;
export type CampaignResults = z.infer<typeof campaignResults>;
export type CampaignTask = z.infer<typeof campaignTask>;
export type Offer = z.infer<typeof offer>;
export type OfferCreate = z.input<typeof offerCreate>;
export type Segment = z.infer<typeof segment>;
export type SegmentPreview = z.infer<typeof segmentPreview>;
export type { SegmentCondition, SegmentDefinition };

export const campaignsApi = {
  campaigns: () => api.get<{ items: Campaign[]; total: number }>('/api/marketing/campaigns'),
  results: (id: number) => api.get<CampaignResults>(`/api/marketing/campaigns/${id}/results`),
  advance: (id: number) => api.post<Campaign>(`/api/marketing/campaigns/${id}/advance`),
  nextCycle: (id: number) => api.post<Campaign>(`/api/marketing/campaigns/${id}/next-cycle`),
  create: (body: CampaignCreate, idempotencyKey: string) =>
    api.post<Campaign>('/api/marketing/campaigns', body, { idempotencyKey }),
  update: (id: number, body: CampaignUpdate) => api.patch<Campaign>(`/api/marketing/campaigns/${id}`, body),
  segments: () => api.get<Segment[]>('/api/marketing/segments'),
  offers: () => api.get<Offer[]>('/api/marketing/offers'),
  createOffer: (body: OfferCreate) => api.post<Offer>('/api/marketing/offers', body),
  decideOffer: (id: number, body: { decision: 'approve' | 'reject'; reason?: string }) =>
    api.post<Offer>(`/api/marketing/offers/${id}/decision`, body),
  campaign: (id: number) => api.get<Campaign>(`/api/marketing/campaigns/${id}`),
  preview: (definition: SegmentDefinition) =>
    api.post<SegmentPreview>('/api/marketing/segments/preview', { definition }),
  saveSegment: (body: { name: string; definition: SegmentDefinition }) =>
    api.post<Segment>('/api/marketing/segments', body),
  tasks: () => api.get<CampaignTask[]>('/api/marketing/tasks', { includeDone: 'true' }),
  outcome: (campaignId: number, customerId: number, outcome: string) =>
    api.post<CampaignTask>(`/api/marketing/campaigns/${campaignId}/tasks/${customerId}/outcome`, { outcome }),
};
