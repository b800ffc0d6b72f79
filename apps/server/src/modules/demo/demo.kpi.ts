// Demo AM KPI: a few quality inspections of the demo account managers (deterministic, seeded) and a year of
// monthly scorecards computed from the demo's live data; every month but the last is confirmed (frozen).
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { systemActor } from '../../platform/context';
import { periodOf, shiftPeriod, todayIso } from '../ka-common/ka-common.models';
import { computeKpiMonth, confirmKpiMonth } from '../kpi/kpi.service';
import { Rng } from './demo.random';

const CHECKLIST = ['首问负责', '礼貌用语', '业务熟练', '承诺兑现', '着装仪表'];

export async function seedDemoKpi(opts: { db: Db; months?: number; seed?: number }) {
  const { db } = opts;
  const months = opts.months ?? 12;
  const rng = new Rng(opts.seed ?? 13);
  const last = shiftPeriod(periodOf(todayIso()), -1);
  const ams = (
    (await db.execute(
      sql`select id, org_unit_id from users where role = 'account_manager' and active order by id limit 200`,
    )) as unknown as { rows: { id: number; org_unit_id: number }[] }
  ).rows;
  const inspector = (
    (await db.execute(sql`select id from users where role = 'quality' and active order by id limit 1`)) as unknown as {
      rows: { id: number }[];
    }
  ).rows[0];
  const values = ams.flatMap((am, i) =>
    [0, 1, 2].map((k) => {
      const items = CHECKLIST.map((label) => ({ label, maxScore: 20, score: rng.int(12, 20) }));
      const score = items.reduce((s, x) => s + x.score, 0);
      const penalty = score < 80 ? 2 : 0;
      const period = shiftPeriod(last, -((i + k * 4) % months));
      return sql`(${k % 2 ? 'service_inspection' : 'mystery_shopper'}, 'staff', ${am.id}, ${am.org_unit_id},
        ${`${period}-${String(rng.int(3, 27)).padStart(2, '0')}`}, ${inspector?.id ?? null}, ${JSON.stringify(items)}::jsonb,
        ${score}, 100, ${penalty}, ${penalty * 5_000})`;
    }),
  );
  if (values.length)
    await db.execute(sql`insert into quality_inspections (kind, subject_type, staff_user_id, org_unit_id, inspected_at,
      inspector_id, items, score, max_score, penalty_points, penalty_fen) values ${sql.join(values, sql`, `)}`);
  const actor = systemActor('demo');
  for (let k = months - 1; k >= 0; k--) {
    const period = shiftPeriod(last, -k);
    await computeKpiMonth({ db, period, actor });
    if (k > 0) await confirmKpiMonth({ db, period, actor });
  }
  return { inspections: values.length, months };
}
