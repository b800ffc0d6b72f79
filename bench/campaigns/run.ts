/**
 * Campaigns benchmark: segment evaluation (count) and contact-list generation of the product (the condition tree
 * compiled by segments.queries, the one-statement list of campaigns.repository#generateMembers: exclusions, hold-out,
 * channels) against hand-written SQL of the same conditions, on PostgreSQL.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/campaigns/run.ts --customers 1000000
 *
 * Creates (once) the scratch database `crm_bench_campaigns_<customers>` filled by the grading benchmark's synthetic
 * operator (bench/grading/generate.ts) plus international spend on 30 % of the bills, then times each side in
 * alternating rounds and prints the median ratio product / hand-written (target: within 1.5x). Two segments: a
 * semi-join ("at least" international spend) and a nested and/or tree with an anti-join ("at most" total spend); the counts of both sides must agree. Run at a small size on a shared machine, e.g. --customers 4000.
 */
import { parseArgs } from 'node:util';
import { campaignPlan, type SegmentDefinition } from '@crm/contracts';
import pg from 'pg';
import { openPostgres } from '../../apps/server/src/db/client';
import { migrateDatabase } from '../../apps/server/src/db/migrate';
import { generateMembers } from '../../apps/server/src/modules/campaigns/campaigns.repository';
import { countSegment, segmentFrom } from '../../apps/server/src/modules/campaigns/segments.queries';
import { periodOf, shiftPeriod, todayIso } from '../../apps/server/src/modules/ka-common/ka-common.models';
import { median } from '../common/protocol';
import { generateOperator } from '../grading/generate';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '5' },
    // only the segments whose name contains this text (e.g. --only international)
    only: { type: 'string', default: '' },
  },
});
const customers = Number(values.customers);
const rounds = Number(values.rounds);
const log = (s: string) => console.log(s);
const today = todayIso();
const lastPeriod = shiftPeriod(periodOf(today), -1);
const from = shiftPeriod(lastPeriod, -2);
const BAR = 20_000; // 200 yuan a month of international calls
const LOW = 100_000; // at most 1,000 yuan a month in total
const window = `period between '${from}' and '${lastPeriod}'`;
/** The segments timed: a semi-join (at least), and a nested tree with an anti-join (at most). */
const cases: { name: string; definition: SegmentDefinition; hand: string }[] = [
  {
    name: 'international >= 200 yuan',
    definition: {
      op: 'and',
      children: [
        { field: 'category', values: ['key_account', 'business'] },
        { field: 'internationalSpend', op: 'gte', valueFen: BAR, months: 3 },
      ],
    },
    hand: `from customers c where c.status = 'active' and c.category in ('key_account', 'business')
      and c.id in (select customer_id from bills where ${window}
        group by customer_id having sum(international_fen) >= ${BAR * 3})`,
  },
  {
    name: 'nested: intl >= 200 or (business and spend <= 1,000)',
    definition: {
      op: 'and',
      children: [
        { field: 'category', values: ['key_account', 'business'] },
        {
          op: 'or',
          children: [
            { field: 'internationalSpend', op: 'gte', valueFen: BAR, months: 3 },
            {
              op: 'and',
              children: [
                { field: 'monthlySpend', op: 'lte', valueFen: LOW, months: 3 },
                { field: 'category', values: ['business'] },
              ],
            },
          ],
        },
      ],
    },
    hand: `from customers c where c.status = 'active' and c.category in ('key_account', 'business')
      and (c.id in (select customer_id from bills where ${window}
            group by customer_id having sum(international_fen) >= ${BAR * 3})
        or (not exists (select 1 from (select customer_id from bills where ${window}
              group by customer_id having sum(total_fen) > ${LOW * 3}) x where x.customer_id = c.id)
          and c.category = 'business'))`,
  },
];

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a PostgreSQL server.');
  const name = `crm_bench_campaigns_${customers}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount;
  if (!exists) await admin.query(`create database ${name}`);
  await admin.end();
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  const h = openPostgres(scratch.toString(), 2);
  const pool = h.pool as pg.Pool;
  if (!exists) {
    await migrateDatabase(h);
    await generateOperator(pool, { customers, months: 6, lastPeriod, log });
    await pool.query(`update bills set international_fen = (total_fen * 0.3)::bigint where id % 10 < 3`);
    await pool.query('analyze');
  }
  const plan = campaignPlan.parse({
    controlPct: 10,
    channels: ['sms', 'am_visit'],
    recentContactDays: 7,
    frequencyCapContacts: 3,
    frequencyCapDays: 30,
  });
  const o = { lastPeriod, today };
  const time = async (f: () => Promise<unknown>) => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  const ratio = (p: number[], q: number[]) => (median(p) / median(q)).toFixed(2);
  for (const c of cases.filter((x) => x.name.includes(values.only ?? ''))) {
    const seg = await pool.query(
      `insert into marketing_segments (name, definition, org_unit_id) values ('bench', $1, 1) returning id`,
      [JSON.stringify(c.definition)],
    );
    const newCampaign = async () =>
      Number(
        (
          await pool.query(
            `insert into marketing_campaigns (name, stage, segment_id, segment_version, plan, org_unit_id)
             values ('bench', 'execution', $1, 1, $2, 1) returning id`,
            [seg.rows[0].id, JSON.stringify(plan)],
          )
        ).rows[0].id,
      );
    const r = { count: [] as number[], countHand: [] as number[], list: [] as number[], listHand: [] as number[] };
    let n = 0;
    let nHand = 0;
    for (let i = 0; i < rounds; i++) {
      r.count.push(await time(async () => (n = await countSegment(h.db, c.definition, { kind: 'all' }, o))));
      r.countHand.push(
        await time(async () => (nHand = Number((await pool.query(`select count(*) as n ${c.hand}`)).rows[0].n))),
      );
      const a = await newCampaign();
      const now = new Date();
      r.list.push(
        await time(() =>
          generateMembers(h.db, {
            campaignId: a,
            segmentSql: segmentFrom(c.definition, { kind: 'all' }, o),
            plan,
            now,
          }),
        ),
      );
      const b = await newCampaign();
      // Hand-written: the same list as a DBA would write it, the exclusions as anti-joins in the WHERE (opt-outs,
      // contacted in the last 7 days, 3 contacts in 30 days, open complaints); excluded customers are not written.
      const since = new Date(now.getTime() - 7 * 86_400_000).toISOString();
      const capSince = new Date(now.getTime() - 30 * 86_400_000).toISOString();
      r.listHand.push(
        await time(() =>
          pool.query(`insert into marketing_campaign_members (campaign_id, customer_id, arm, channel, assignee_user_id, status)
            select ${b}, id, case when rn <= round(n * 0.1) then 'control' else 'target' end,
              case when rn <= round(n * 0.1) then null when category = 'key_account' and am is not null then 'am_visit' else 'sms' end,
              case when rn > round(n * 0.1) and category = 'key_account' then am end,
              case when rn <= round(n * 0.1) then 'none' else 'pending' end
            from (select c.id, c.category, c.account_manager_id as am,
                row_number() over (order by md5('${b}:' || c.id::text), c.id) as rn, count(*) over () as n ${c.hand}
                and not exists (select 1 from marketing_opt_outs x where x.customer_id = c.id)
                and not exists (select 1 from marketing_campaign_members m where m.customer_id = c.id
                  and m.contacted_at >= '${since}')
                and not exists (select 1 from (select customer_id from marketing_campaign_members
                  where contacted_at >= '${capSince}' group by customer_id having count(*) >= 3) f
                  where f.customer_id = c.id)
                and not exists (select 1 from tickets t where t.customer_id = c.id and t.type = 'complaint'
                  and t.status in ('acknowledged', 'inProgress', 'held', 'pending'))) s`),
        ),
      );
      await pool.query('delete from marketing_campaign_members where campaign_id in ($1, $2)', [a, b]);
    }
    if (n !== nHand) throw new Error(`${c.name}: product counts ${n}, hand-written ${nHand}`);
    log(`${c.name}: segment of ${n} customers (of ${customers}), ${rounds} rounds, median ms:`);
    log(
      `  count: product ${median(r.count).toFixed(1)}, hand ${median(r.countHand).toFixed(1)}, ratio ${ratio(r.count, r.countHand)}`,
    );
    log(
      `  contact list: product ${median(r.list).toFixed(1)}, hand ${median(r.listHand).toFixed(1)}, ratio ${ratio(r.list, r.listHand)}`,
    );
  }
  await pool.query(`delete from marketing_campaigns where name = 'bench'`);
  await pool.query(`delete from marketing_segments where name = 'bench'`);
  await h.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
