// Satisfaction analytics benchmark.
// 1. A PLS path model (ECSI structure, 7 latent variables, 30 indicators) fitted on synthetic survey answers with a
//    known structure, then bootstrapped: the fit time, the bootstrap time and the time per bootstrap sample.
// 2. The monthly indices (CSAT top-2-box and mean, NPS, response rate) over N callback surveys: the product path
//    (`answerCells` histogram query + `indicesByPeriodAndSegment`, as GET /api/surveys/analytics/indices) against a
//    hand-written SQL aggregate computing the same figures in one statement; both results are compared.
//    Embedded PGlite by default; `--url postgres://...` (or BENCH_DATABASE_URL) runs it on PostgreSQL in a scratch
//    schema-migrated database you give it (its survey tables are emptied).
//
//   npx tsx bench/satisfaction/run.ts [--respondents 10000] [--bootstrap 1000] [--answers 20000] [--seed 1]
//   npx tsx bench/satisfaction/run.ts --answers 1000000 --url postgres://postgres@127.0.0.1:5432/crm_bench_sat
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { type DbHandle, openPglite, openPostgres } from '../../apps/server/src/db/client';
import { migrateDatabase } from '../../apps/server/src/db/migrate';
import { fitPls, type PlsModelSpec } from '../../apps/server/src/modules/surveys/analytics/pls.models';
import { bootstrapPls } from '../../apps/server/src/modules/surveys/analytics/pls-bootstrap.models';
import { seededRandom } from '../../apps/server/src/modules/surveys/analytics/stats.models';
import { indicesByPeriodAndSegment } from '../../apps/server/src/modules/surveys/analytics/surveys.analytics.models';
import { answerCells } from '../../apps/server/src/modules/surveys/analytics/surveys.analytics.queries';

const { values } = parseArgs({
  options: {
    respondents: { type: 'string', default: '10000' },
    bootstrap: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    answers: { type: 'string', default: '20000' },
    url: { type: 'string', default: process.env.BENCH_DATABASE_URL ?? '' },
  },
});
const n = Number(values.respondents);
const samples = Number(values.bootstrap);
const random = seededRandom(Number(values.seed));
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

// ECSI: image -> expectation -> quality -> value -> satisfaction -> complaints / loyalty (30 indicators in all).
const sizes: Record<string, number> = {
  Image: 5,
  Expectation: 4,
  Quality: 6,
  Value: 3,
  Satisfaction: 4,
  Complaints: 3,
  Loyalty: 5,
};
const spec: PlsModelSpec = {
  blocks: Object.fromEntries(
    Object.entries(sizes).map(([lv, k]) => [lv, Array.from({ length: k }, (_, i) => `${lv.slice(0, 4)}${i + 1}`)]),
  ),
  paths: [
    ['Image', 'Expectation'],
    ['Image', 'Satisfaction'],
    ['Image', 'Loyalty'],
    ['Expectation', 'Quality'],
    ['Expectation', 'Value'],
    ['Quality', 'Value'],
    ['Quality', 'Satisfaction'],
    ['Value', 'Satisfaction'],
    ['Satisfaction', 'Complaints'],
    ['Satisfaction', 'Loyalty'],
    ['Complaints', 'Loyalty'],
  ],
  csi: 'Satisfaction',
};

function synthesise(): Record<string, Float64Array> {
  const lv: Record<string, Float64Array> = {};
  const order = Object.keys(sizes);
  for (const name of order) {
    const preds = spec.paths.filter(([, to]) => to === name).map(([from]) => from);
    lv[name] = Float64Array.from({ length: n }, (_, i) => preds.reduce((s, p) => s + 0.5 * lv[p][i], 0) + normal());
  }
  const data: Record<string, Float64Array> = {};
  for (const [name, items] of Object.entries(spec.blocks))
    for (const item of items)
      data[item] = Float64Array.from({ length: n }, (_, i) =>
        Math.min(10, Math.max(1, Math.round(6 + 1.2 * lv[name][i] + normal()))),
      );
  return data;
}

const data = synthesise();
const t0 = performance.now();
const fit = fitPls(data, spec, { scheme: 'path', scaleMin: 1, scaleMax: 10 });
const fitMs = performance.now() - t0;
const t1 = performance.now();
const boot = bootstrapPls(data, spec, fit, { scheme: 'path', scaleMin: 1, scaleMax: 10, samples, seed: 1 });
const bootMs = performance.now() - t1;
console.log(`PLS path model: ${n} respondents x 30 indicators, 7 latent variables, ${fit.iterations} iterations`);
console.log(`  one fit:      ${fitMs.toFixed(0)} ms`);
console.log(
  `  bootstrap:    ${samples} samples in ${(bootMs / 1000).toFixed(1)} s (${(bootMs / samples).toFixed(1)} ms per sample, ${boot.failed} failed)`,
);
console.log(`  CSI:          ${fit.csi.toFixed(2)} [${boot.csi.lower.toFixed(2)}, ${boot.csi.upper.toFixed(2)}]`);

// 2. Monthly indices over N callback surveys.
const answers = Number(values.answers);
if (answers > 0) await indicesBench(answers);

async function indicesBench(total: number) {
  const handle: DbHandle = values.url ? openPostgres(values.url) : await openPglite();
  await migrateDatabase(handle);
  const db = handle.db;
  const exec = async <T>(q: ReturnType<typeof sql>) => ((await db.execute(q)) as unknown as { rows: T[] }).rows;
  await exec(
    sql`truncate survey_followups, survey_responses, survey_invitations, questionnaires restart identity cascade`,
  );
  const [org] = await exec<{ id: number }>(
    sql`insert into org_units (parent_id, level, code, name, path) values (null, 'group', 'BENCH', '基准', '/') returning id`,
  );
  await exec(sql`update org_units set path = ${`/${org.id}/`} where id = ${org.id}`);
  const customers = Math.max(100, Math.floor(total / 20));
  const t0 = performance.now();
  await exec(
    sql`insert into parties (party_type, name) select 'individual', 'c' || g from generate_series(1, ${customers}) g`,
  );
  await exec(sql`insert into customers (party_id, customer_no, category, org_unit_id)
    select p.id, 'B' || p.id, 'public', ${org.id} from parties p where p.name like 'c%' and not exists (select 1 from customers c where c.party_id = p.id)`);
  const [q] = await exec<{
    id: number;
  }>(sql`insert into questionnaires (code, version, kind, status, title_zh, title_en, questions)
    values ('bench', 1, 'callback', 'published', '基准', 'Bench', '[]'::jsonb) returning id`);
  // Invitations over the last year; 62% answered, the rest expired or sent.
  await exec(sql`insert into survey_invitations (questionnaire_id, customer_id, trigger, channel, token, status,
      scheduled_at, created_at)
    select ${q.id}, (select min(id) from customers) + (g % ${customers}), 'ticket_closed', 'sms', 'b' || g,
      case when g % 100 < 62 then 'answered' when g % 100 < 90 then 'expired' else 'sent' end,
      now() - ((g % 365) || ' days')::interval, now() - ((g % 365) || ' days')::interval - ((g % 24) || ' hours')::interval
    from generate_series(1, ${total}) g`);
  await exec(sql`insert into survey_responses (invitation_id, message_id, answers, csat, recommend, dissatisfied)
    select i.id, 'm' || i.id, '{}'::jsonb, 1 + (i.id * 7) % 5, (i.id * 13) % 11, (i.id * 7) % 5 < 1
    from survey_invitations i where i.status = 'answered'`);
  await exec(sql`analyze survey_invitations`);
  await exec(sql`analyze survey_responses`);
  console.log(
    `monthly indices: ${total} callback surveys (${customers} customers), loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s on ${values.url ? 'PostgreSQL' : 'PGlite'}`,
  );
  const from = new Date(Date.now() - 400 * 86_400_000);
  const to = new Date(Date.now() + 86_400_000);
  const runs = 3;
  let product: ReturnType<typeof indicesByPeriodAndSegment> | null = null;
  const productMs: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    const cells = await answerCells(db, {
      scope: { kind: 'all' },
      from,
      to,
      source: 'callback',
      period: 'month',
      segment: 'none',
    });
    product = indicesByPeriodAndSegment(cells);
    productMs.push(performance.now() - t);
  }
  const handMs: number[] = [];
  let hand: { period: string; sent: number; answered: number; csat_mean: number; t2b: number; nps: number }[] = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    hand = await exec(sql`
      select to_char(i.created_at at time zone 'Asia/Shanghai', 'YYYY-MM') as period,
        count(*) filter (where i.status in ('sent', 'answered', 'expired'))::int as sent,
        count(*) filter (where i.status = 'answered')::int as answered,
        avg(r.csat)::float8 as csat_mean,
        (count(*) filter (where r.csat >= 4))::float8 / nullif(count(r.csat), 0) as t2b,
        100.0 * ((count(*) filter (where r.recommend >= 9)) - (count(*) filter (where r.recommend <= 6)))::float8
          / nullif(count(r.recommend), 0) as nps
      from survey_invitations i left join survey_responses r on r.invitation_id = i.id
      where i.created_at >= ${from.toISOString()}::timestamptz and i.created_at < ${to.toISOString()}::timestamptz
        and i.wave_id is null and i.trigger <> 'resurvey'
      group by 1 order by 1`);
    handMs.push(performance.now() - t);
  }
  const best = (xs: number[]) => Math.min(...xs);
  const same =
    product !== null &&
    product.rows.length === hand.length &&
    product.rows.every(
      (r, i) =>
        r.period === hand[i].period &&
        r.answered === hand[i].answered &&
        Math.abs(r.nps - hand[i].nps) < 1e-9 &&
        Math.abs(r.csatTopTwoBox - hand[i].t2b) < 1e-12,
    );
  console.log(`  product (histogram query + models): ${best(productMs).toFixed(0)} ms (best of ${runs})`);
  console.log(`  hand-written SQL aggregate:         ${best(handMs).toFixed(0)} ms (best of ${runs})`);
  console.log(
    `  product / SQL: ${(best(productMs) / best(handMs)).toFixed(2)}x, ${hand.length} months, results ${same ? 'identical' : 'DIFFER'}`,
  );
  await handle.close();
}
