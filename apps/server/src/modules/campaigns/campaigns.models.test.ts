import { campaignPlan } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { inQuietHours, nextSendTime, nextStage, renderTemplate, stageBlocker } from './campaigns.models';

describe('quiet hours (Asia/Shanghai)', () => {
  it('wraps midnight: 21:00-09:00 holds 23:30 and 08:59, not 09:00 or 20:59', () => {
    const at = (hhmm: string) => new Date(`2026-03-02T${hhmm}:00+08:00`);
    expect(inQuietHours(at('23:30'), '21:00', '09:00')).toBe(true);
    expect(inQuietHours(at('08:59'), '21:00', '09:00')).toBe(true);
    expect(inQuietHours(at('09:00'), '21:00', '09:00')).toBe(false);
    expect(inQuietHours(at('20:59'), '21:00', '09:00')).toBe(false);
    expect(inQuietHours(at('03:00'), '00:00', '00:00')).toBe(false);
  });

  it('sends a message planned at 22:15 at 09:00 the next morning', () => {
    const next = nextSendTime(new Date('2026-03-02T22:15:00+08:00'), '21:00', '09:00');
    expect(next.toISOString()).toBe(new Date('2026-03-03T09:00:00+08:00').toISOString());
    const day = new Date('2026-03-02T10:00:00+08:00');
    expect(nextSendTime(day, '21:00', '09:00')).toBe(day);
  });
});

describe('templates and stages', () => {
  it('fills name, offer and price in yuan, leaving unknown variables', () => {
    expect(
      renderTemplate('{name}：{offer} {price}元/月 {x}', { name: '张三', offer: '群内通话包', priceFen: 600 }),
    ).toBe('张三：群内通话包 6元/月 {x}');
    expect(renderTemplate('{price}', { name: '', offer: '', priceFen: 8_050 })).toBe('80.50');
  });

  it('needs an offer to leave the value proposition and channels (and agents for calls) to leave communication', () => {
    const plan = campaignPlan.parse({});
    expect(stageBlocker('proposition', { offerId: null, plan })).toBe('offerId');
    expect(stageBlocker('communication', { offerId: 1, plan })).toBe('plan.channels');
    expect(stageBlocker('communication', { offerId: 1, plan: { ...plan, channels: ['outbound_call'] } })).toBe(
      'plan.agentIds',
    );
    expect(stageBlocker('insight', { offerId: null, plan })).toBeNull();
    expect(nextStage('execution')).toBe('completed');
    expect(nextStage('completed')).toBeNull();
  });
});
