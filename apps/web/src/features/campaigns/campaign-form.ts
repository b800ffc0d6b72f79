// Pure logic of the campaign form (create and edit a draft's plan): the form's values from a campaign, the bodies
// of POST and PATCH from the values, the checks the form makes before sending, and where a server field error goes.
import type { CampaignPlan, campaignChannels } from '@crm/contracts';
import dayjs, { type Dayjs } from 'dayjs';
import type { Campaign, Offer } from './api';

export type CampaignChannel = (typeof campaignChannels)[number];

/** The form's fields: the plan flattened, money in yuan, times as dayjs (the pickers' values). */
export type CampaignFormValues = {
  name: string;
  segmentId?: number;
  offerId?: number | null;
  controlPct: number;
  recentContactDays: number;
  excludeOpenComplaints: boolean;
  frequencyCapContacts: number;
  frequencyCapDays: number;
  channels: CampaignChannel[];
  agentIds: number[];
  startAt?: Dayjs | null;
  quietStart: Dayjs;
  quietEnd: Dayjs;
  template: string;
  conversionWindowDays: number;
  costPerContactYuan: number;
  fixedCostYuan: number;
  valueMonths: number;
};

/** The plan of a new campaign: the server's defaults (contracts `campaignPlan`). */
export const defaultPlan: CampaignPlan = {
  recentContactDays: 30,
  excludeOpenComplaints: true,
  frequencyCapContacts: 0,
  frequencyCapDays: 30,
  controlPct: 10,
  channels: [],
  agentIds: [],
  startAt: null,
  quietStart: '21:00',
  quietEnd: '09:00',
  template: '',
  conversionWindowDays: 30,
  costPerContactFen: 0,
  fixedCostFen: 0,
  valueMonths: 12,
};

/** The plan can be edited until the campaign launches (entering execution). */
export const planEditable = (stage: Campaign['stage']) => stage !== 'execution' && stage !== 'completed';

export const TEMPLATE_VARIABLES = ['name', 'offer', 'price'] as const;
/** Variables of a message template the sender does not fill (they would reach the customer as written). */
export function unknownTemplateVariables(template: string): string[] {
  const found = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return [...new Set(found.filter((v) => !(TEMPLATE_VARIABLES as readonly string[]).includes(v)))];
}

const hhmm = (s: string) => dayjs(`2000-01-01T${s}:00`);
const toFen = (yuan: number | null | undefined) => Math.round((yuan ?? 0) * 100);

export function formValuesOf(c?: Pick<Campaign, 'name' | 'segmentId' | 'offerId' | 'plan'>): CampaignFormValues {
  const p = c?.plan ?? defaultPlan;
  return {
    name: c?.name ?? '',
    segmentId: c?.segmentId,
    offerId: c?.offerId ?? undefined,
    controlPct: p.controlPct,
    recentContactDays: p.recentContactDays,
    excludeOpenComplaints: p.excludeOpenComplaints,
    frequencyCapContacts: p.frequencyCapContacts,
    frequencyCapDays: p.frequencyCapDays,
    channels: p.channels,
    agentIds: p.agentIds,
    startAt: p.startAt ? dayjs(p.startAt) : null,
    quietStart: hhmm(p.quietStart),
    quietEnd: hhmm(p.quietEnd),
    template: p.template,
    conversionWindowDays: p.conversionWindowDays,
    costPerContactYuan: p.costPerContactFen / 100,
    fixedCostYuan: p.fixedCostFen / 100,
    valueMonths: p.valueMonths,
  };
}

export function planOf(v: CampaignFormValues): CampaignPlan {
  const channels = v.channels ?? [];
  return {
    controlPct: v.controlPct,
    recentContactDays: v.recentContactDays,
    excludeOpenComplaints: Boolean(v.excludeOpenComplaints),
    frequencyCapContacts: v.frequencyCapContacts,
    frequencyCapDays: v.frequencyCapDays,
    channels,
    // Agents only matter for outbound calls: none are kept for a plan without them.
    agentIds: channels.includes('outbound_call') ? (v.agentIds ?? []) : [],
    startAt: v.startAt ? v.startAt.second(0).millisecond(0).format() : null,
    quietStart: v.quietStart.format('HH:mm'),
    quietEnd: v.quietEnd.format('HH:mm'),
    template: (v.template ?? '').trim(),
    conversionWindowDays: v.conversionWindowDays,
    costPerContactFen: toFen(v.costPerContactYuan),
    fixedCostFen: toFen(v.fixedCostYuan),
    valueMonths: v.valueMonths,
  };
}

/** POST /api/marketing/campaigns. */
export function createBodyOf(v: CampaignFormValues) {
  return {
    name: v.name.trim(),
    segmentId: v.segmentId as number,
    ...(v.offerId ? { offerId: v.offerId } : {}),
    plan: planOf(v),
  };
}

/** PATCH /api/marketing/campaigns/:id: only what changed (the server keeps the rest of the plan); {} for nothing. */
export function updateBodyOf(c: Pick<Campaign, 'name' | 'offerId' | 'plan'>, v: CampaignFormValues) {
  const body: { name?: string; offerId?: number | null; plan?: Partial<CampaignPlan> } = {};
  if (v.name.trim() !== c.name) body.name = v.name.trim();
  const offerId = v.offerId ?? null;
  if (offerId !== c.offerId) body.offerId = offerId;
  const next = planOf(v);
  const plan: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(next)) {
    if (JSON.stringify(value) !== JSON.stringify(c.plan[k as keyof CampaignPlan])) plan[k] = value;
  }
  if (Object.keys(plan).length) body.plan = plan as Partial<CampaignPlan>;
  return body;
}

const formFieldOfPlan: Record<string, keyof CampaignFormValues> = {
  costPerContactFen: 'costPerContactYuan',
  fixedCostFen: 'fixedCostYuan',
};
/** Server error paths ('plan.controlPct', 'plan.channels.0') to the form's fields, for `applyServerErrors`. */
export function serverFieldsOfPlan(): Record<string, (string | number)[]> {
  const out: Record<string, (string | number)[]> = {};
  for (const k of Object.keys(defaultPlan)) {
    const field = formFieldOfPlan[k] ?? k;
    out[`plan.${k}`] = [field];
    if (k === 'channels' || k === 'agentIds') for (let i = 0; i < 50; i++) out[`plan.${k}.${i}`] = [field];
  }
  return out;
}

export type OfferChoice = { value: number; name: string; status: Offer['approvalStatus']; expired: boolean };
/** Offers a campaign may carry: never a rejected one; a pending one is marked (not to be pitched before approval). */
export function offerChoices(offers: Offer[], today: string): OfferChoice[] {
  return offers
    .filter((o) => o.approvalStatus !== 'rejected')
    .map((o) => ({ value: o.id, name: o.name, status: o.approvalStatus, expired: o.validTo < today }));
}
