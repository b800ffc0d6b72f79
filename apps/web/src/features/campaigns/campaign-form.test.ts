import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import type { Campaign, Offer } from './api';
import {
  createBodyOf,
  defaultPlan,
  formValuesOf,
  offerChoices,
  planEditable,
  serverFieldsOfPlan,
  unknownTemplateVariables,
  updateBodyOf,
} from './campaign-form';

const draft: Pick<Campaign, 'name' | 'segmentId' | 'offerId' | 'plan'> = {
  name: '国际长途VIP推广',
  segmentId: 4,
  offerId: 7,
  plan: { ...defaultPlan, channels: ['sms'], controlPct: 10, fixedCostFen: 500_000, quietEnd: '08:30' },
};

describe('campaign form', () => {
  it('starts a new campaign from the server defaults and sends the whole plan with money in fen', () => {
    const v = {
      ...formValuesOf(),
      name: '  集团融合推广 ',
      segmentId: 3,
      channels: ['sms' as const, 'outbound_call' as const],
      agentIds: [11],
      costPerContactYuan: 0.15,
      fixedCostYuan: 5000,
      startAt: dayjs('2030-01-02T09:00:27+08:00'),
    };
    const body = createBodyOf(v);
    expect(body).toMatchObject({ name: '集团融合推广', segmentId: 3 });
    expect(body).not.toHaveProperty('offerId');
    expect(body.plan).toMatchObject({
      channels: ['sms', 'outbound_call'],
      agentIds: [11],
      costPerContactFen: 15,
      fixedCostFen: 500_000,
      quietStart: '21:00',
      quietEnd: '09:00',
      controlPct: 10,
      excludeOpenComplaints: true,
    });
    expect(new Date(body.plan.startAt as string).toISOString()).toBe('2030-01-02T01:00:00.000Z');
  });

  it('drops the agents of a plan without outbound calls', () => {
    const v = { ...formValuesOf(draft), channels: ['sms' as const], agentIds: [11, 12] };
    expect(createBodyOf(v).plan.agentIds).toEqual([]);
  });

  it('edits a draft by sending only what changed, an offer taken off as null, and nothing when nothing did', () => {
    expect(updateBodyOf(draft, formValuesOf(draft))).toEqual({});
    const v = { ...formValuesOf(draft), controlPct: 20, offerId: undefined, quietEnd: dayjs('2000-01-01T09:15:00') };
    expect(updateBodyOf(draft, v)).toEqual({ offerId: null, plan: { controlPct: 20, quietEnd: '09:15' } });
  });

  it('lets the plan change until the campaign launches', () => {
    expect(['insight', 'proposition', 'segment_plan', 'communication'].every((s) => planEditable(s as never))).toBe(
      true,
    );
    expect(planEditable('execution')).toBe(false);
    expect(planEditable('completed')).toBe(false);
  });

  it('names the template variables the sender cannot fill in', () => {
    expect(unknownTemplateVariables('{name}您好，{offer}仅{price}元')).toEqual([]);
    expect(unknownTemplateVariables('{name}，{mobile}{mobile}{offerName}')).toEqual(['mobile', 'offerName']);
  });

  it('puts server errors of the plan on the form fields, money fields included', () => {
    const f = serverFieldsOfPlan();
    expect(f['plan.controlPct']).toEqual(['controlPct']);
    expect(f['plan.channels.0']).toEqual(['channels']);
    expect(f['plan.fixedCostFen']).toEqual(['fixedCostYuan']);
  });

  it('offers approved and pending offers (marked) but never rejected ones, and flags expired ones', () => {
    const o = (id: number, approvalStatus: Offer['approvalStatus'], validTo = '2099-12-31') =>
      ({ id, name: `方案${id}`, approvalStatus, validTo }) as Offer;
    const choices = offerChoices(
      [o(1, 'approved'), o(2, 'pending'), o(3, 'rejected'), o(4, 'approved', '2020-01-01')],
      '2026-12-05',
    );
    expect(choices.map((c) => [c.value, c.status, c.expired])).toEqual([
      [1, 'approved', false],
      [2, 'pending', false],
      [4, 'approved', true],
    ]);
  });
});
