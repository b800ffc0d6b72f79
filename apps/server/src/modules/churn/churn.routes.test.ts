import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { runDueJobs } from '../jobs/jobs.service';
import { addKa, http } from '../ka-common/ka.test-helpers';
import { registerWarningJobs } from '../warnings/warnings.jobs';
import { registerChurnJobs } from './churn.jobs';
import { SCORE_JOB, TRAIN_JOB } from './churn.service';

// Train -> registry -> promote -> score -> risk list -> churn_risk warnings, over 80 key accounts whose churn
// follows a spend drop. Churners leave on 20 July 2026; some loyal customers drop their spend too (noise).

let t: TestApp;
let admin: Session;
let am1: Session;
let am3: Session;
let manager1: Session;
let h: ReturnType<typeof http>;
const ids: number[] = [];
const exec = (q: ReturnType<typeof sql>) => t.handle.db.execute(q);
const runChurn = () => runDueJobs({ handle: t.handle, types: [TRAIN_JOB, SCORE_JOB] });

beforeAll(async () => {
  t = await createTestApp();
  registerWarningJobs();
  registerChurnJobs();
  [admin, am1, am3, manager1] = await Promise.all(['admin', 'am1', 'am3', 'manager1'].map((u) => loginAs(t.app, u)));
  h = http(t);
  const db = t.handle.db;
  for (let i = 0; i < 80; i++) {
    const inA = i % 2 === 0;
    const id = await addKa(db, {
      orgUnitId: inA ? t.org.org.cityA.id : t.org.org.cityB.id,
      accountManagerId: inA ? t.org.users.am1.id : t.org.users.am3.id,
      name: `客户${i}`,
      sinceDate: '2020-01-01',
    });
    ids.push(id);
    const churner = i % 4 === 0;
    const dropper = churner || i % 8 === 1 || i % 16 === 3;
    const level = 5_000 + (i % 5) * 2_000;
    // Monthly bills 2025-06..2026-11 (churners stop after June 2026), dropping 45 % from April 2026 for droppers.
    await exec(sql`insert into bills (account_id, customer_id, period, data_fen, total_fen)
      select a.id, a.customer_id, to_char(m, 'YYYY-MM'), v, v from billing_accounts a,
        generate_series('2025-06-01'::date, ${churner ? '2026-06-01' : '2026-11-01'}::date, interval '1 month') m,
        lateral (select (case when ${dropper} and m >= '2026-04-01' then ${level * 55} else ${level * 100} end)::bigint as v) x
      where a.customer_id = ${id}`);
    if (churner) {
      await exec(sql`update customers set status = 'churned' where id = ${id}`);
      await exec(sql`insert into churn_terminations (customer_id, termination_date, reason_code)
        values (${id}, '2026-07-20', 'price')`);
    }
  }
});
afterAll(() => t.close());

const train = (learner: string) =>
  h.send(admin, 'POST', '/api/churn/models/train', {
    learner,
    horizonMonths: 3,
    fromPeriod: '2026-03',
    toPeriod: '2026-06',
  });

describe('churn model registry, scoring and the risk list', () => {
  it('refuses training before the outcome window has ended, and to roles without churn.models', async () => {
    const early = await h.send(admin, 'POST', '/api/churn/models/train', {
      learner: 'logistic',
      horizonMonths: 3,
      fromPeriod: '2026-06',
      toPeriod: '2026-10',
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('toPeriod');
    expect(
      (
        await h.send(am1, 'POST', '/api/churn/models/train', {
          learner: 'gbdt',
          fromPeriod: '2026-03',
          toPeriod: '2026-04',
        })
      ).statusCode,
    ).toBe(403);
    expect((await h.send(admin, 'POST', '/api/churn/score-runs', {})).statusCode).toBe(409);
  });

  it('trains a model as a job and registers it with its metrics; the first model becomes champion', async () => {
    const res = await train('logistic');
    expect(res.statusCode, res.body).toBe(202);
    await runChurn();
    const page = (await h.get(am1, '/api/churn/models')).json();
    expect(page.total).toBe(1);
    const m = page.items[0];
    expect(m).toMatchObject({ learner: 'logistic', featureSetVersion: 'v1', trainFrom: '2026-03', trainTo: '2026-06' });
    expect(m.isChampion).toBe(true);
    expect(m.auc).toBeGreaterThan(0.8);
    const card = (await h.get(am1, `/api/churn/models/${m.id}`)).json();
    expect(card.calibration.length).toBeGreaterThan(0);
    expect(card.confusion.tp + card.confusion.fp + card.confusion.tn + card.confusion.fn).toBe(m.validationRows);
    expect(card.importance[0]).toHaveProperty('zh');
  });

  it('never promotes a model below the champion unless forced, and audits the promotion', async () => {
    await train('gbdt');
    await runChurn();
    const { items } = (await h.get(admin, '/api/churn/models')).json();
    const [gbdt, logistic] = items;
    expect(gbdt.isChampion).toBe(false);
    await exec(sql`update churn_models set metrics = jsonb_set(metrics, '{auc}', '0.9999') where id = ${logistic.id}`);
    const refused = await h.send(admin, 'POST', `/api/churn/models/${gbdt.id}/promote`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('churn.worse_than_champion');
    expect((await h.send(am1, 'POST', `/api/churn/models/${gbdt.id}/promote`, { force: true })).statusCode).toBe(403);
    const forced = await h.send(admin, 'POST', `/api/churn/models/${gbdt.id}/promote`, { force: true, note: 'test' });
    expect(forced.statusCode, forced.body).toBe(200);
    expect(forced.json().isChampion).toBe(true);
    const audit = (await exec(sql`select changes from audit_log where entity = 'churn_model' and action = 'promote'
      and entity_id = ${String(gbdt.id)}`)) as unknown as { rows: { changes: Record<string, { after: unknown }> }[] };
    expect(audit.rows[0].changes.forced.after).toBe(true);
    // Back to the logistic model for the rest (its AUC is now the higher one).
    expect((await h.send(admin, 'POST', `/api/churn/models/${logistic.id}/promote`, {})).statusCode).toBe(200);
  });

  it('scores the customers with reasons and a control group that never reaches the risk list or the warnings', async () => {
    const res = await h.send(admin, 'POST', '/api/churn/score-runs', { period: '2026-11', controlPercent: 20 });
    expect(res.statusCode, res.body).toBe(202);
    await runChurn();
    const runs = (await h.get(admin, '/api/churn/score-runs')).json();
    expect(runs.items[0]).toMatchObject({ period: '2026-11', status: 'succeeded', customers: 60 });
    const controls = runs.items[0].controls as number;
    expect(controls).toBeGreaterThan(0);

    const all = (await h.get(admin, '/api/churn/risk-list?limit=500')).json();
    expect(all.total).toBe(60 - controls);
    const controlIds = (
      (await exec(sql`select customer_id from churn_scores where control`)) as unknown as {
        rows: { customer_id: number }[];
      }
    ).rows.map((r) => Number(r.customer_id));
    for (const item of all.items) expect(controlIds).not.toContain(item.customerId);
    // Ranked by value at risk.
    const values = all.items.map((i: { valueAtRiskFen: number }) => i.valueAtRiskFen);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    // Reasons in both languages, never an empty phrase.
    for (const i of all.items)
      for (const r of i.reasons as { zh: string; en: string }[]) {
        expect(r.zh.length).toBeGreaterThan(0);
        expect(r.en).not.toMatch(/ 0%/);
      }

    // Scope: an AM sees their own customers; a manager their city; a team filter narrows to the org unit subtree.
    const mine = (await h.get(am1, '/api/churn/risk-list?limit=500')).json();
    expect(
      mine.items.every((i: { accountManager: { id: number } }) => i.accountManager.id === t.org.users.am1.id),
    ).toBe(true);
    const city = (await h.get(manager1, '/api/churn/risk-list?limit=500')).json();
    expect(city.total).toBe(mine.total);
    const team = (await h.get(admin, `/api/churn/risk-list?limit=500&orgUnitId=${t.org.org.cityB.id}`)).json();
    expect(
      team.items.every((i: { accountManager: { id: number } }) => i.accountManager.id === t.org.users.am3.id),
    ).toBe(true);
    expect(team.total + mine.total).toBe(all.total);
    const byAm = (await h.get(admin, `/api/churn/risk-list?limit=500&accountManagerId=${t.org.users.am3.id}`)).json();
    expect(byAm.total).toBe(team.total);
    expect((await h.get(am3, `/api/churn/risk-list?accountManagerId=${t.org.users.am1.id}`)).json().total).toBe(0);

    // The churn_risk warning rule: raised for high-risk treated customers, never for the control group. The
    // threshold is set to the median risk of the run so that some customers are above it.
    const risks = (
      (await exec(sql`select risk from churn_scores order by risk`)) as unknown as { rows: { risk: number }[] }
    ).rows.map((r) => Number(r.risk));
    const minRiskPct = Math.floor(risks[Math.floor(risks.length / 2)] * 1000) / 10;
    const setting = await h.send(admin, 'POST', '/api/ka/warning-rules', {
      ruleCode: 'churn_risk',
      orgUnitId: null,
      enabled: true,
      params: { minRiskPct },
    });
    expect(setting.statusCode, setting.body).toBe(200);
    await runDueJobs({ handle: t.handle });
    const warned = (
      (await exec(sql`select customer_id, facts from warnings where rule_code = 'churn_risk'`)) as unknown as {
        rows: { customer_id: number; facts: { riskPct: number; reasonsEn: string } }[];
      }
    ).rows;
    expect(warned.length).toBeGreaterThan(0);
    for (const w of warned) {
      expect(controlIds).not.toContain(Number(w.customer_id));
      expect(w.facts.riskPct).toBeGreaterThanOrEqual(minRiskPct);
    }
    const high = all.items
      .filter((i: { risk: number }) => Math.round(i.risk * 1000) / 10 >= minRiskPct)
      .map((i: { customerId: number }) => i.customerId);
    expect(warned.map((w) => Number(w.customer_id)).sort((a, b) => a - b)).toEqual(
      high.sort((a: number, b: number) => a - b),
    );
  });
});
