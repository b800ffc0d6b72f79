import { describe, expect, it } from 'vitest';
import { catalogs, type Locale, translate } from '../../i18n/catalog';
import { alertText, kindLabel } from '../service-desk/notification-text';
import { codeLabel, funnelStages, isOverdue, periodOf, reasonText } from './labels';

const tOf = (locale: Locale) => (key: string, vars?: Record<string, string | number>) => translate(locale, key, vars);
const zh = tOf('zh-CN');
const en = tOf('en');

describe('follow-up reasons in words', () => {
  it('reads a low CSAT and a low recommend score as scores, in both languages', () => {
    expect(reasonText(zh, 'csat:2')).toBe('满意度评分 2 分（满分 5）');
    expect(reasonText(zh, 'recommend:3')).toBe('推荐意愿 3 分（满分 10）');
    expect(reasonText(en, 'csat:1')).toBe('Satisfaction score 1 of 5');
    expect(reasonText(en, 'recommend:0')).toBe('Likelihood to recommend 0 of 10');
  });

  it('names the reason the customer chose', () => {
    expect(reasonText(zh, 'reason:slow')).toBe('客户反映：处理太慢');
    expect(reasonText(zh, 'reason:unresolved')).toBe('客户反映：问题没有解决');
    expect(reasonText(en, 'reason:attitude')).toBe('Customer says: staff attitude');
  });

  it('never shows a raw code for a reason it does not know', () => {
    for (const code of ['reason:price', 'weird', 'csat:', 'csat:x', '']) {
      const text = reasonText(zh, code);
      expect(text, code).not.toMatch(/[a-z_:]/i);
      expect(text).not.toBe('');
    }
  });
});

describe('survey labels', () => {
  it('translates every trigger, channel, status and suppression reason the server sends', () => {
    const codes = {
      trigger: ['ticket_closed', 'counter', 'resurvey'],
      channel: ['sms', 'ivr', 'agent_call'],
      status: ['scheduled', 'sent', 'answered', 'expired', 'suppressed'],
      suppressed: ['opted_out', 'recently_surveyed', 'no_contact_number'],
      followupStatus: ['open', 'resurveyed', 'recovered'],
    };
    for (const [ns, values] of Object.entries(codes))
      for (const v of values) {
        expect(catalogs['zh-CN'][`surveys.${ns}.${v}`], `${ns}.${v}`).toBeTruthy();
        expect(codeLabel(zh, ns, v)).not.toMatch(/[a-z]/i);
      }
    expect(codeLabel(zh, 'channel', 'wechat')).toBe('其他');
    expect(codeLabel(zh, 'channel', null)).toBe('');
  });
});

describe('follow-up due times', () => {
  const now = new Date('2026-12-04T10:00:00Z');
  it('is overdue past its due time unless recovered', () => {
    expect(isOverdue({ status: 'open', dueAt: '2026-12-04T09:59:00Z' }, now)).toBe(true);
    expect(isOverdue({ status: 'resurveyed', dueAt: '2026-12-03T00:00:00Z' }, now)).toBe(true);
    expect(isOverdue({ status: 'open', dueAt: '2026-12-04T10:01:00Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'recovered', dueAt: '2026-12-01T00:00:00Z' }, now)).toBe(false);
  });
});

describe('funnel period and stages', () => {
  it('covers the picked days whole, ending at the start of the next day', () => {
    const { from, to } = periodOf(new Date(2026, 11, 1, 15, 30), new Date(2026, 11, 4, 8));
    expect(new Date(from).getTime()).toBe(new Date(2026, 11, 1).getTime());
    expect(new Date(to).getTime()).toBe(new Date(2026, 11, 5).getTime());
  });

  it('lists the stages in funnel order', () => {
    expect(funnelStages({ sent: 10, answered: 6, dissatisfied: 2, recovered: 1 })).toEqual([
      { stage: 'sent', value: 10 },
      { stage: 'answered', value: 6 },
      { stage: 'dissatisfied', value: 2 },
      { stage: 'recovered', value: 1 },
    ]);
  });
});

describe('the dissatisfaction alert', () => {
  it('reads in the viewer language, not as its stored Chinese title or raw kind', () => {
    const n = {
      id: 1,
      kind: 'survey.dissatisfied',
      title: '回访不满意，请跟进',
      body: '',
      link: '/surveys/followups',
      data: { followupId: 1 },
      readAt: null,
      createdAt: '2026-12-04T10:00:00Z',
    };
    expect(alertText(en, n)).toBe('A customer was dissatisfied in a callback survey: please follow up');
    expect(kindLabel(zh, 'survey.dissatisfied')).toBe('回访不满意');
  });
});
