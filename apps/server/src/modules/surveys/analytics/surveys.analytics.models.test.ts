import { describe, expect, it } from 'vitest';
import { Rng } from '../../demo/demo.random';
import { demoKaQuestions, ecsiAnswers } from '../../demo/demo.surveys';
import type { Question } from '../waves/questionnaire.models';
import { checkAnswers, checkQuestionnaire } from '../waves/questionnaire.models';
import { computeCsat, computeNps } from './indices.models';
import { fitPls } from './pls.models';
import {
  type AnswerCell,
  ecsiSpecOf,
  funnelBySegment,
  indicesByPeriodAndSegment,
  indicesOfCells,
  ipaItemsOf,
  ipaOf,
  loyaltyCounts,
  loyaltyOf,
  periodKey,
  plsDataOf,
  satisfactionRatios,
} from './surveys.analytics.models';

const cell = (c: Partial<AnswerCell>): AnswerCell => ({
  period: '2026-01',
  segment: null,
  status: 'answered',
  csat: null,
  recommend: null,
  dissatisfied: false,
  n: 1,
  ...c,
});

describe('indices from the answer histogram', () => {
  it('equal CSAT and NPS computed over the individual answers', () => {
    const rng = new Rng(3);
    const cells: AnswerCell[] = [];
    const csats: number[] = [];
    const recs: number[] = [];
    for (let i = 0; i < 40; i++) {
      const csat = rng.int(1, 5);
      const recommend = rng.int(0, 10);
      const n = rng.int(1, 9);
      cells.push(cell({ csat, recommend, n, dissatisfied: csat <= 2 }));
      for (let k = 0; k < n; k++) {
        csats.push(csat);
        recs.push(recommend);
      }
    }
    const got = indicesOfCells(cells);
    const csat = computeCsat(csats);
    const nps = computeNps(recs);
    expect(got.csatMean).toBeCloseTo(csat.mean, 12);
    expect(got.csatTopTwoBox).toBeCloseTo(csat.topTwoBox, 12);
    expect(got.nps).toBeCloseTo(nps.nps, 12);
    expect(got.npsN).toBe(nps.n);
  });

  it('counts sent as sent, answered and expired; response rate answered / sent; unanswered cells carry no scores', () => {
    const got = indicesOfCells([
      cell({ csat: 5, recommend: 10, n: 3 }),
      cell({ status: 'expired', n: 2 }),
      cell({ status: 'sent', n: 1 }),
      cell({ status: 'suppressed', n: 7 }),
      cell({ status: 'scheduled', n: 4 }),
    ]);
    expect(got).toMatchObject({ sent: 6, answered: 3, csatN: 3, csatTopTwoBox: 1, nps: 100 });
    expect(got.responseRate).toBeCloseTo(0.5);
    expect(indicesOfCells([])).toMatchObject({ sent: 0, responseRate: 0, csatMean: 0, nps: 0 });
  });

  it('groups by period and segment in order, the totals over everything', () => {
    const { rows, totals } = indicesByPeriodAndSegment([
      cell({ period: '2026-02', segment: 'gold', csat: 2, recommend: 3 }),
      cell({ period: '2026-01', segment: 'silver', csat: 5, recommend: 9 }),
      cell({ period: '2026-01', segment: 'gold', csat: 4, recommend: 8 }),
    ]);
    expect(rows.map((r) => [r.period, r.segment, r.nps])).toEqual([
      ['2026-01', 'gold', 0],
      ['2026-01', 'silver', 100],
      ['2026-02', 'gold', -100],
    ]);
    expect(totals).toMatchObject({ answered: 3, nps: 0 });
  });

  it('keys periods in Asia/Shanghai time', () => {
    // 2026-03-31 17:00 UTC is 1 April 01:00 in Shanghai.
    const t = new Date('2026-03-31T17:00:00Z');
    expect(periodKey(t, 'month')).toBe('2026-04');
    expect(periodKey(t, 'quarter')).toBe('2026-Q2');
    expect(periodKey(new Date('2026-03-31T15:59:00Z'), 'quarter')).toBe('2026-Q1');
  });
});

const pair = (code: string): Question => ({ code, type: 'expectation_pair', zh: code, en: code, attribute: code });

describe('satisfaction ratio with a tolerance band', () => {
  it('classifies each attribute by mean perceived / mean expected and the overall by the sums', () => {
    const r = satisfactionRatios(
      [pair('speed'), pair('price')],
      [
        { speed: { expected: 8, perceived: 6 }, price: { expected: 5, perceived: 6 } },
        { speed: { expected: 8, perceived: 8 }, price: { expected: 5, perceived: 5 } },
      ],
    );
    expect(r.attributes.map((a) => [a.attribute, a.ratio, a.level])).toEqual([
      ['speed', 7 / 8, 'dissatisfied'],
      ['price', 1.1, 'highly_satisfied'],
    ]);
    expect(r.attributes[0].shares).toEqual({ dissatisfied: 0.5, satisfied: 0.5, highly_satisfied: 0 });
    expect(r.overall?.ratio).toBeCloseTo(25 / 26);
    // A wider band calls the same answers satisfied.
    const wide = satisfactionRatios([pair('speed')], [{ speed: { expected: 8, perceived: 7 } }], {
      low: 0.85,
      high: 1.15,
    });
    expect(wide.attributes[0].level).toBe('satisfied');
    expect(satisfactionRatios([pair('x')], []).overall).toBeNull();
  });
});

const rating = (code: string, construct?: string): Question => ({
  code,
  type: 'rating',
  zh: code,
  en: code,
  construct,
});

describe('rating questions and constructs', () => {
  it('checks 1-10 ratings and refuses a construct on a non-numeric question', () => {
    expect(checkAnswers([rating('a', 'image')], { a: 11 })).toEqual([
      { path: 'answers.a', message: 'a whole number 1-10' },
    ]);
    expect(checkAnswers([rating('a', 'image')], { a: 7 })).toEqual([]);
    expect(
      checkQuestionnaire([{ code: 'c', type: 'text', zh: '意见', en: 'Comment', construct: 'image' }]).map(
        (p) => p.path,
      ),
    ).toEqual(['questions.0.construct']);
  });
});

describe('the callback funnel by segment', () => {
  it('counts each stage per segment and over all, recovery among the dissatisfied', () => {
    const cells = [
      cell({ segment: 'gold', csat: 5, recommend: 10, n: 6 }),
      cell({ segment: 'gold', csat: 1, recommend: 2, dissatisfied: true, n: 2 }),
      cell({ segment: 'gold', status: 'expired', n: 2 }),
      cell({ segment: null, csat: 2, recommend: 5, dissatisfied: true, n: 1 }),
      cell({ segment: null, status: 'scheduled', n: 4 }),
      cell({ segment: null, status: 'suppressed', n: 3 }),
    ];
    const { totals, segments } = funnelBySegment(cells, [
      { segment: 'gold', n: 1 },
      { segment: null, n: 1 },
    ]);
    expect(segments.map((x) => x.segment)).toEqual([null, 'gold']);
    const gold = segments[1];
    expect(gold).toMatchObject({ sent: 10, answered: 8, expired: 2, dissatisfied: 2, recovered: 1, recoveryRate: 0.5 });
    expect(gold.responseRate).toBeCloseTo(0.8, 12);
    expect(gold.nps).toBeCloseTo(((6 - 2) / 8) * 100, 12);
    expect(segments[0]).toMatchObject({ sent: 1, scheduled: 4, suppressed: 3, recovered: 1, recoveryRate: 1 });
    expect(totals).toMatchObject({ sent: 11, answered: 9, dissatisfied: 3, recovered: 2, scheduled: 4, suppressed: 3 });
    expect(totals.csatTopTwoBox).toBeCloseTo(6 / 9, 12);
  });
});

describe('the PLS data and ECSI structure of a wave', () => {
  it('builds blocks in ECSI order, takes performance and perceived values, drops incomplete respondents', () => {
    const questions: Question[] = [
      rating('l1', 'loyalty'),
      rating('i1', 'image'),
      { code: 'net', type: 'attribute', zh: '网络', en: 'Network', attribute: 'net', construct: 'quality' },
      { ...pair('stab'), construct: 'quality' },
      rating('free'),
    ];
    const got = plsDataOf(questions, [
      { l1: 8, i1: 7, net: { importance: 9, performance: 6 }, stab: { expected: 9, perceived: 5 }, free: 3 },
      { l1: 8, i1: 7, net: { importance: 9, performance: 6 } },
    ]);
    expect(got.blocks).toEqual({ image: ['i1'], quality: ['net', 'stab'], loyalty: ['l1'] });
    expect(got.data).toEqual({ l1: [8], i1: [7], net: [6], stab: [5] });
    expect([got.n, got.dropped]).toEqual([1, 1]);
    const spec = ecsiSpecOf(got.blocks);
    expect(spec.paths).toEqual([['image', 'loyalty']]);
    expect(spec.csi).toBeUndefined();
  });

  it('recovers the ECSI structure of generated answers, and derives the attributes importance from it', () => {
    const rng = new Rng(11);
    const sheets = Array.from({ length: 400 }, () => ecsiAnswers(rng));
    const { data, blocks } = plsDataOf(demoKaQuestions, sheets);
    const fit = fitPls(data, ecsiSpecOf(blocks), { scaleMin: 1, scaleMax: 10 });
    const coef = (a: string, b: string) => fit.paths.find((p) => p.from === a && p.to === b)!.coef;
    expect(coef('quality', 'satisfaction')).toBeGreaterThan(coef('expectation', 'satisfaction'));
    expect(coef('satisfaction', 'loyalty')).toBeGreaterThan(0.3);
    expect(fit.r2.satisfaction).toBeGreaterThan(0.5);
    const derived = ipaItemsOf(demoKaQuestions, sheets, 'derived', {
      fit,
      rows: sheets.map((_, i) => i),
    });
    const imp = Object.fromEntries(derived.map((d) => [d.code, d.importance]));
    // The attributes that load most on quality matter most to satisfaction.
    expect(imp.network).toBeGreaterThan(imp.billing);
    expect(imp.repair).toBeGreaterThan(imp.product_range);
    const stated = ipaOf(ipaItemsOf(demoKaQuestions, sheets, 'stated'));
    expect(stated.items.filter((i) => i.quadrant === 'fix_first').map((i) => i.code)).toEqual(['network', 'repair']);
  });
});

describe('loyalty types', () => {
  it('classifies relative attitude against repeat patronage', () => {
    const loyalCustomer = { tenureYears: 8, productsHeld: 4, intention: [9, 9], recommend: 10 };
    expect(loyaltyOf(loyalCustomer)).toBe('true');
    expect(loyaltyOf({ ...loyalCustomer, tenureYears: 0.5, productsHeld: 1 })).toBe('latent');
    expect(loyaltyOf({ ...loyalCustomer, intention: [2, 3], recommend: 3 })).toBe('spurious');
    expect(loyaltyOf({ tenureYears: 1, productsHeld: 1, intention: [], recommend: 2 })).toBe('none');
    expect(loyaltyCounts([loyalCustomer, loyalCustomer])).toEqual({ true: 2, latent: 0, spurious: 0, none: 0 });
  });
});
