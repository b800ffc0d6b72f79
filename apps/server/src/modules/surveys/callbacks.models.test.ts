import { describe, expect, it } from 'vitest';
import {
  callbackTimeOf,
  expiryOf,
  nextContactTime,
  signInbound,
  suppressionOf,
  verifyInbound,
} from './callbacks.models';
import { checkAnswers, checkQuestionnaire, type Question, scoreAnswers } from './waves/questionnaire.models';

// Asia/Shanghai is UTC+8: 21:00 local = 13:00Z, 08:00 local = 00:00Z.
const at = (iso: string) => new Date(iso);

describe('quiet hours (21:00-08:00 Asia/Shanghai)', () => {
  it('sends at once during the day', () => {
    expect(nextContactTime(at('2026-12-04T06:30:00Z'))).toEqual(at('2026-12-04T06:30:00Z')); // 14:30 local
  });
  it('holds an evening survey until 08:00 the next morning', () => {
    expect(nextContactTime(at('2026-12-04T13:30:00Z'))).toEqual(at('2026-12-05T00:00:00Z')); // 21:30 local
  });
  it('holds a small-hours survey until 08:00 the same morning', () => {
    expect(nextContactTime(at('2026-12-04T18:00:00Z'))).toEqual(at('2026-12-05T00:00:00Z')); // 02:00 local on the 5th
  });
  it('treats 08:00 as open and 20:59 as open, 21:00 as quiet', () => {
    expect(nextContactTime(at('2026-12-05T00:00:00Z'))).toEqual(at('2026-12-05T00:00:00Z'));
    expect(nextContactTime(at('2026-12-04T12:59:00Z'))).toEqual(at('2026-12-04T12:59:00Z'));
    expect(nextContactTime(at('2026-12-04T13:00:00Z'))).toEqual(at('2026-12-05T00:00:00Z'));
  });
});

describe('when a callback survey goes out', () => {
  it('waits 30 minutes after the trigger during the day', () => {
    expect(callbackTimeOf(at('2026-12-04T06:30:00Z'))).toEqual(at('2026-12-04T07:00:00Z')); // 14:30 -> 15:00 local
  });
  it('a ticket closed at 20:45 is surveyed at 08:00 the next morning, not at 21:15', () => {
    expect(callbackTimeOf(at('2026-12-04T12:45:00Z'))).toEqual(at('2026-12-05T00:00:00Z'));
  });
  it('a ticket closed at 07:50 is surveyed at 08:20', () => {
    expect(callbackTimeOf(at('2026-12-04T23:50:00Z'))).toEqual(at('2026-12-05T00:20:00Z'));
  });
});

describe('who may be surveyed', () => {
  const now = at('2026-12-04T06:00:00Z');
  it('honours opt-out first, then the 30-day cap', () => {
    expect(suppressionOf({ optedOut: true, lastSurveyedAt: null, hasContactNumber: true, now })).toBe('opted_out');
    expect(
      suppressionOf({ optedOut: false, lastSurveyedAt: at('2026-11-10T00:00:00Z'), hasContactNumber: true, now }),
    ).toBe('recently_surveyed');
    expect(
      suppressionOf({ optedOut: false, lastSurveyedAt: at('2026-11-01T00:00:00Z'), hasContactNumber: true, now }),
    ).toBeNull();
    expect(suppressionOf({ optedOut: false, lastSurveyedAt: null, hasContactNumber: false, now })).toBe(
      'no_contact_number',
    );
  });
  it('expires an unanswered survey after 72 hours', () => {
    expect(expiryOf(at('2026-12-04T00:00:00Z'))).toEqual(at('2026-12-07T00:00:00Z'));
  });
});

describe('signed inbound answers', () => {
  const now = at('2026-12-04T06:00:00Z');
  const ts = String(now.getTime() / 1000);
  const body = '{"messageId":"m1"}';
  const signature = signInbound('s3cret', ts, body);
  it('accepts the right signature within five minutes', () => {
    expect(verifyInbound({ secret: 's3cret', timestamp: ts, signature, body, now })).toBe('ok');
  });
  it('refuses a changed body, another secret, a stale timestamp and a missing header', () => {
    expect(verifyInbound({ secret: 's3cret', timestamp: ts, signature, body: `${body} `, now })).toBe('bad_signature');
    expect(verifyInbound({ secret: 'other', timestamp: ts, signature, body, now })).toBe('bad_signature');
    const later = new Date(now.getTime() + 301_000);
    expect(verifyInbound({ secret: 's3cret', timestamp: ts, signature, body, now: later })).toBe('stale');
    expect(verifyInbound({ secret: 's3cret', timestamp: undefined, signature, body, now })).toBe('missing');
  });
});

const questions: Question[] = [
  { code: 'csat', type: 'csat', zh: '您对本次服务满意吗？', en: 'How satisfied are you?', required: true },
  { code: 'nps', type: 'recommend', zh: '您向朋友推荐的可能性？', en: 'How likely to recommend?' },
  {
    code: 'reason',
    type: 'single_choice',
    zh: '主要原因',
    en: 'Main reason',
    options: [
      { code: 'slow', zh: '处理慢', en: 'Too slow', dissatisfied: true },
      { code: 'fine', zh: '没有问题', en: 'No problem' },
    ],
  },
  { code: 'speed', type: 'attribute', attribute: 'repair_speed', zh: '修复速度', en: 'Repair speed' },
];

describe('questionnaires and answers', () => {
  it('accepts a well-formed questionnaire and names the problems of a bad one', () => {
    expect(checkQuestionnaire(questions)).toEqual([]);
    const bad = checkQuestionnaire([
      { code: 'A', type: 'csat', zh: 'x', en: 'x' },
      { code: 'c', type: 'single_choice', zh: 'x', en: 'x', options: [] },
      { code: 'c', type: 'attribute', zh: 'x', en: '' },
    ]);
    expect(bad.map((p) => p.path)).toEqual([
      'questions.0.code',
      'questions.1.options',
      'questions.2.code',
      'questions.2',
      'questions.2.attribute',
    ]);
  });

  it('refuses answers off the scale, to unknown questions and missing required ones', () => {
    expect(
      checkAnswers(questions, { csat: 4, nps: 9, reason: 'fine', speed: { importance: 9, performance: 7 } }),
    ).toEqual([]);
    const problems = checkAnswers(questions, {
      nps: 11,
      reason: 'other',
      speed: { importance: 0, performance: 5 },
      x: 1,
    });
    expect(problems.map((p) => p.path).sort()).toEqual([
      'answers.csat',
      'answers.nps',
      'answers.reason',
      'answers.speed',
      'answers.x',
    ]);
  });

  it('opens a follow-up for CSAT <= 2, recommend <= 6 or a dissatisfied reason', () => {
    expect(scoreAnswers(questions, { csat: 4, nps: 9 })).toEqual({
      csat: 4,
      recommend: 9,
      dissatisfied: false,
      reasons: [],
    });
    expect(scoreAnswers(questions, { csat: 2, nps: 9 }).reasons).toEqual(['csat:2']);
    expect(scoreAnswers(questions, { csat: 4, nps: 6 }).reasons).toEqual(['recommend:6']);
    expect(scoreAnswers(questions, { csat: 5, reason: 'slow' }).reasons).toEqual(['reason:slow']);
  });
});
