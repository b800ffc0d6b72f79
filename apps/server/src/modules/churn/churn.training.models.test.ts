import { describe, expect, it } from 'vitest';
import { explainModel, predictModel } from './churn.evaluate.models';
import { churnFeatures, encodeFeatureRows, type FeatureValues, reasonOf, reasonsOf, yuan } from './churn.features';
import { createRng } from './churn.sampling.models';
import {
  bestF1Threshold,
  controlFlags,
  promotionCheck,
  scoreRows,
  TrainingDataError,
  trainRegistryModel,
} from './churn.training.models';

/** Customers whose churn follows their spend trend and contract end, with noise. */
function synthetic(n: number, seed = 3): { features: FeatureValues; label: number }[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => {
    const trend = Math.round((rng() * 100 - 60) * 10) / 10;
    const days = Math.round(rng() * 700 - 30);
    const complaints = rng() < 0.2 ? 2 : 0;
    const z = -2 - trend / 12 - days / 250 + complaints * 0.6 + (rng() - 0.5);
    return {
      features: {
        tenure_months: Math.round(rng() * 120),
        spend_level_yuan: Math.round(rng() * 20_000),
        spend_trend_3m_pct: trend,
        spend_trend_6m_pct: null,
        contract_days_left: days,
        complaints_90d: complaints,
        tier: rng() < 0.5 ? 'gold' : 'diamond',
        category: 'key_account',
      },
      label: rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0,
    };
  });
}

describe('churn reasons in words an account manager understands', () => {
  it('phrases the feature values in Chinese and English', () => {
    expect(reasonOf('spend_trend_3m_pct', -38.2)).toEqual({
      zh: '近3个月消费下降38%',
      en: 'spend down 38% in 3 months',
    });
    expect(reasonOf('contract_days_left', 45)).toEqual({ zh: '合同45天后到期', en: 'contract ends in 45 days' });
    expect(reasonOf('price_review_overdue_days', 91)).toEqual({
      zh: '价格复核逾期91天',
      en: 'price review 91 days overdue',
    });
    expect(reasonOf('competitor_offer', 1)?.en).toBe('competitor offer on record');
    expect(reasonOf('tier', 'gold')).toEqual({ zh: '金级客户', en: 'gold tier customer' });
    expect(reasonOf('satisfaction_latest', null)).toBeNull();
    expect(reasonOf('unknown_feature', 3)).toBeNull();
  });

  it('keeps the three largest positive contributions that have something to say', () => {
    const values = { spend_trend_3m_pct: -38, contract_days_left: 45, complaints_90d: 0, tenure_months: 80 };
    const reasons = reasonsOf(
      [
        { feature: 'tenure_months', value: -0.9 },
        { feature: 'complaints_90d', value: 0.8 },
        { feature: 'contract_days_left', value: 0.5 },
        { feature: 'spend_trend_3m_pct', value: 1.2 },
      ],
      values,
    );
    expect(reasons.map((r) => r.en)).toEqual(['spend down 38% in 3 months', 'contract ends in 45 days']);
    expect(reasons[0]).toMatchObject({ feature: 'spend_trend_3m_pct', weight: 1.2, zh: '近3个月消费下降38%' });
  });

  it('declares every feature once, with both languages', () => {
    const keys = churnFeatures.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of churnFeatures) expect(f.zh && f.en && f.description).toBeTruthy();
  });
});

describe('training a registry model', () => {
  const rows = synthetic(1500);

  it.each(['logistic', 'gbdt'] as const)('%s: validation metrics, calibration, confusion and importance', (learner) => {
    const m = trainRegistryModel(learner, rows, { gbdt: { maxIterations: 60 } });
    expect(m.rows).toBe(1500);
    expect(m.validationRows).toBe(300);
    expect(m.metrics.auc).toBeGreaterThan(0.75);
    expect(m.metrics.prAuc).toBeGreaterThan(0);
    expect(m.metrics.lift10).toBeGreaterThan(1.5);
    expect(m.metrics.brier).toBeGreaterThan(0);
    expect(m.metrics.brier).toBeLessThan(0.25);
    expect(m.metrics.calibration.reduce((s, b) => s + b.count, 0)).toBe(300);
    const c = m.metrics.confusion;
    expect(c.tp + c.fp + c.tn + c.fn).toBe(300);
    expect(m.importance.slice(0, 2).map((i) => i.feature)).toContain('spend_trend_3m_pct');
    // Scores carry risk, a year of spend at risk and reasons.
    const [s] = scoreRows(m.model, m.encoding, [
      { customerId: 7, features: { ...rows[0].features, spend_trend_3m_pct: -55, spend_level_yuan: 1000 } },
    ]);
    expect(s.customerId).toBe(7);
    expect(s.risk).toBeGreaterThan(0);
    expect(s.valueAtRiskFen).toBe(Math.round(s.risk * 100_000 * 12));
    expect(s.reasons[0].en).toBe('spend down 55% in 3 months');
  });

  it('is deterministic', () => {
    const a = trainRegistryModel('logistic', rows);
    const b = trainRegistryModel('logistic', rows);
    expect(a.metrics).toEqual(b.metrics);
  });

  it('refuses data without both outcomes', () => {
    expect(() =>
      trainRegistryModel(
        'logistic',
        rows.map((r) => ({ ...r, label: 0 })),
      ),
    ).toThrow(TrainingDataError);
    expect(() => trainRegistryModel('logistic', rows.slice(0, 5))).toThrow(/at least 20/);
  });

  it('chooses the F1-best threshold', () => {
    expect(bestF1Threshold([1, 1, 0, 0], [0.9, 0.8, 0.3, 0.1])).toBe(0.8);
    expect(bestF1Threshold([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1])).toBe(0.7);
  });
});

describe('batch scoring gives the figures of the row-by-row model code', () => {
  // The reference: probability from predictModel, reasons from explainModel + reasonsOf, one row at a time.
  const reference = (trained: ReturnType<typeof trainRegistryModel>, rows: { features: FeatureValues }[]) => {
    const m = encodeFeatureRows(
      rows.map((r) => r.features),
      trained.encoding,
    );
    const probs = predictModel(trained.model, m);
    return rows.map((r, i) => ({
      risk: Math.round(probs[i] * 1e6) / 1e6,
      reasons: reasonsOf(explainModel(trained.model, m, i).contributions, r.features),
    }));
  };
  for (const learner of ['logistic', 'gbdt'] as const)
    it(`${learner}: same risk and same reasons for every customer`, () => {
      const trained = trainRegistryModel(learner, synthetic(600, 11), { gbdt: { maxIterations: 40 } });
      const rows = synthetic(400, 12).map((r, i) => ({ customerId: i + 1, features: r.features }));
      const scored = scoreRows(trained.model, trained.encoding, rows);
      expect(scored.map((s) => ({ risk: s.risk, reasons: s.reasons }))).toEqual(reference(trained, rows));
    });

  it('writes yuan amounts as the en-US number format does', () => {
    for (const x of [0, -0.2, 0.5, 7, -31, 999.5, 1000, 12_345.4, -1_234_567, 98_765_432.1, 1e15])
      expect(yuan(x)).toBe(Math.round(x).toLocaleString('en-US'));
  });
});

describe('control group and promotion rule', () => {
  it('draws about the asked share, the same for the same run seed', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => i + 1);
    const a = controlFlags(ids, 10, 42);
    const share = a.filter(Boolean).length / ids.length;
    expect(share).toBeGreaterThan(0.09);
    expect(share).toBeLessThan(0.11);
    expect(controlFlags(ids, 10, 42)).toEqual(a);
    expect(controlFlags(ids, 10, 43)).not.toEqual(a);
    expect(controlFlags(ids, 0, 42).some(Boolean)).toBe(false);
  });

  it('never promotes a model whose validation AUC is below the champion, unless forced', () => {
    expect(promotionCheck(0.8, null, false)).toEqual({ allowed: true });
    expect(promotionCheck(0.85, { auc: 0.85 }, false)).toEqual({ allowed: true });
    expect(promotionCheck(0.84, { auc: 0.85 }, false)).toEqual({
      allowed: false,
      championAuc: 0.85,
      candidateAuc: 0.84,
    });
    expect(promotionCheck(0.84, { auc: 0.85 }, true)).toEqual({ allowed: true });
  });
});
