import { afterAll, describe, expect, it } from 'vitest';
import { type FeatureValues, featureTextsOf } from './churn.features';
import { createRng } from './churn.sampling.models';
import { controlFlags, scoreRows, TrainingDataError, trainRegistryModel } from './churn.training.models';
import { openChurnWorkerPool, scoreInWorker, trainInWorker } from './churn.workers';

// Training and scoring in worker threads give exactly what the in-process model code gives.

function customers(n: number, seed: number) {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => {
    const trend = Math.round((rng() * 100 - 60) * 10) / 10;
    const days = Math.round(rng() * 700 - 30);
    const z = -2 - trend / 12 - days / 250 + (rng() - 0.5);
    const features: FeatureValues = {
      tenure_months: Math.round(rng() * 120),
      spend_level_yuan: Math.round(rng() * 20_000),
      spend_trend_3m_pct: trend,
      contract_days_left: rng() < 0.1 ? null : days,
      tier: rng() < 0.5 ? 'gold' : 'diamond',
      category: 'key_account',
    };
    return { customerId: 1000 + i, features, label: rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0 };
  });
}

const pool = openChurnWorkerPool(2);
afterAll(() => pool.close());

describe('churn model code in worker threads', () => {
  const train = customers(500, 1);
  const texts = train.map((r) => featureTextsOf(r.features));
  const labels = Uint8Array.from(train, (r) => r.label);
  // Handed over in chunks of 200 rows (as the training job does, page by page).
  const chunks = (n: number) =>
    Array.from({ length: Math.ceil(n / 200) }, (_, c) => {
      const part = texts.slice(c * 200, Math.min(n, (c + 1) * 200));
      return {
        numeric: part.map((x) => x.numeric),
        categorical: part.map((x) => x.categorical),
        labels: labels.slice(c * 200, Math.min(n, (c + 1) * 200)),
      };
    });

  for (const learner of ['logistic', 'gbdt'] as const)
    it(`trains the same ${learner} model as in-process`, async () => {
      const options = { gbdt: { maxIterations: 30 } };
      const inWorker = await trainInWorker({ learner, rows: chunks(train.length), options });
      const here = trainRegistryModel(learner, train, options);
      expect(inWorker.model).toEqual(here.model);
      expect(inWorker.metrics).toEqual(here.metrics);
      expect(inWorker.importance).toEqual(here.importance);
    });

  it('reports training data problems as training data errors', async () => {
    await expect(
      trainInWorker({ learner: 'logistic', rows: chunks(30).map((c) => ({ ...c, labels: new Uint8Array(30) })) }),
    ).rejects.toBeInstanceOf(TrainingDataError);
  });

  it('scores pages with the same risk, reasons and control group, in COPY and JSON form', async () => {
    const trained = trainRegistryModel('logistic', train);
    const page = customers(300, 2);
    const task = {
      model: trained.model,
      encoding: trained.encoding,
      runId: 7,
      controlPercent: 10,
      seed: 99,
      customerIds: page.map((r) => r.customerId),
      numeric: page.map((r) => featureTextsOf(r.features).numeric),
      categorical: page.map((r) => featureTextsOf(r.features).categorical),
    };
    const expected = scoreRows(trained.model, trained.encoding, page);
    const flags = controlFlags(task.customerIds, 10, 99);
    const [json, copy] = await Promise.all([
      scoreInWorker(pool, { ...task, format: 'json' }),
      scoreInWorker(pool, { ...task, format: 'copy' }),
    ]);
    expect(json.customers).toBe(300);
    expect(json.controls).toBe(flags.filter(Boolean).length);
    expect(JSON.parse(json.payload)).toEqual(
      expected.map((s, i) => ({
        run_id: 7,
        customer_id: s.customerId,
        risk: s.risk,
        monthly_value_fen: s.monthlyValueFen,
        value_at_risk_fen: s.valueAtRiskFen,
        reasons: s.reasons,
        control: flags[i],
      })),
    );
    const lines = copy.payload.trimEnd().split('\n');
    expect(lines).toHaveLength(300);
    const cells = lines[0].split('\t');
    expect(cells.slice(0, 5).map(Number)).toEqual([
      7,
      expected[0].customerId,
      expected[0].risk,
      expected[0].monthlyValueFen,
      expected[0].valueAtRiskFen,
    ]);
    expect(JSON.parse(cells[5].replace(/\\\\/g, '\\'))).toEqual(expected[0].reasons);
    expect(cells[6]).toBe(flags[0] ? 't' : 'f');
  });
});
