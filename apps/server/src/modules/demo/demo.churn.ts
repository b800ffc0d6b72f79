// Demo churn: the demo operator's customers leave with a learnable structure, so that the churn model, its card, the
// survival curves and the risk lists are meaningful. A deterministic share of the active customers becomes "at risk"
// from an onset month: their spend halves, they complain, their contract runs out and competitors make offers (each
// driver drawn on its own); the more drivers, the likelier they leave 45-100 days later. Departures are recorded
// through the churn module's termination service (reason, competitor, lines, value lost; audited, customer churned).
// Training jobs of both learners are queued (the better one promoted, audited), then the score job of the last
// complete month; the job worker runs them after start-up, so the start-up pays only for the drivers and the
// departures (at most `maxAtRisk` (300) customers at risk, whatever the demo's size).
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rowsOf } from '../../db/results';
import { TRAIN_JOB, type TrainPayload } from '../churn/churn.service';
import { listCompetitors, recordTermination } from '../churn/churn.terminations.service';
import { enqueueJob } from '../jobs/jobs.service';
import { addDays, periodOf, shiftPeriod, todayIso } from '../ka-common/ka-common.models';
import { demoCtx } from './demo.actors';
import { Rng } from './demo.random';
import { demoStoryCustomers } from './demo.stories';

export type DemoChurnSummary = {
  atRisk: number;
  departures: number;
  /** The queued training jobs (logistic, then gbdt which promotes itself if better and queues the score job). */
  trainJobIds: number[];
};

type Candidate = {
  id: number;
  customer_no: string;
  category: 'key_account' | 'business' | 'public';
  org_unit_id: number;
  account_manager_id: number | null;
  monthly_fen: number;
  lines: number;
  contract_id: number | null;
  product_id: number | null;
};

type Driven = Candidate & {
  onset: string;
  drop: boolean;
  complaints: boolean;
  contractEnd: boolean;
  competitor: boolean;
  leavesOn: string | null;
};

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Seeds the demo's churn (see above). Skipped (null) below `minCustomers` active customers (too few to learn from)
 * or when terminations are recorded already (a second start). `maxAtRisk` bounds the start-up cost on large demos.
 */
export async function seedDemoChurn(opts: {
  db: Db;
  now?: Date;
  seed?: number;
  minCustomers?: number;
  maxAtRisk?: number;
  log?: (line: string) => void;
}): Promise<DemoChurnSummary | null> {
  const { db } = opts;
  const now = opts.now ?? new Date();
  const today = todayIso(now);
  const last = shiftPeriod(periodOf(today), -1);
  const rng = new Rng(opts.seed ?? 29);
  const t0 = performance.now();
  const lap = (what: string) => opts.log?.(`  churn: ${what} at ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const [{ n, terminated }] = rowsOf<{ n: number; terminated: number }>(
    await db.execute(sql`select (select count(*)::int from customers where status = 'active') as n,
      (select count(*)::int from churn_terminations) as terminated`),
  );
  if (Number(n) < (opts.minCustomers ?? 3_000) || Number(terminated) > 0) return null;
  const stories = demoStoryCustomers.map((s) => s.customerNo);
  // Active customers with bills before the window (not the story customers, who keep their scripts).
  const candidates = rowsOf<Candidate>(
    await db.execute(sql`select c.id, c.customer_no, c.category, c.org_unit_id, c.account_manager_id,
        coalesce((select sum(b.total_fen) from bills b where b.customer_id = c.id and b.period = ${shiftPeriod(last, -7)}), 0)::bigint
          as monthly_fen,
        (select count(*)::int from product_instances p where p.customer_id = c.id and p.status = 'active') as lines,
        (select max(k.id) from contracts k where k.customer_id = c.id and k.status <> 'draft') as contract_id,
        (select min(p.id) from product_instances p where p.customer_id = c.id and p.status = 'active') as product_id
      from customers c
      where c.status = 'active' and c.customer_no <> all(${sql.raw(`'{${stories.join(',')}}'::text[]`)})
        and coalesce(c.since_date, (c.created_at at time zone 'Asia/Shanghai')::date) < ${`${shiftPeriod(last, -12)}-01`}::date
      order by c.id`),
  ).filter((c) => Number(c.monthly_fen) > 0 && c.product_id !== null);
  const atRiskCount = Math.min(Math.round(candidates.length * 0.15), opts.maxAtRisk ?? 300);
  // A deterministic, spread-out sample of the candidates.
  const chosen = candidates
    .map((c) => ({ c, key: rng.next() }))
    .sort((a, b) => a.key - b.key)
    .slice(0, atRiskCount)
    .map((x) => x.c)
    .sort((a, b) => a.id - b.id);
  const driven: Driven[] = chosen.map((c) => {
    const onset = shiftPeriod(last, -rng.int(1, 7));
    const d = {
      drop: rng.chance(0.6),
      complaints: rng.chance(0.4),
      contractEnd: c.contract_id !== null && rng.chance(0.45),
      competitor: rng.chance(0.4),
    };
    const logit = -2.6 + 1.7 * +d.drop + 1.0 * +d.complaints + 1.3 * +d.contractEnd + 1.5 * +d.competitor;
    const leaves = rng.next() < sigmoid(logit);
    const date = addDays(`${onset}-01`, rng.int(45, 100));
    return { ...c, onset, ...d, leavesOn: leaves && date < today ? date : null };
  });

  // The drivers, set-based (one JSON parameter per statement).
  const json = (rows: unknown[]) => JSON.stringify(rows);
  const drops = driven.filter((d) => d.drop).map((d) => ({ customer_id: d.id, onset: d.onset }));
  if (drops.length)
    await db.execute(sql`update bills b set total_fen = b.total_fen / 2, local_voice_fen = b.local_voice_fen / 2,
        long_distance_fen = b.long_distance_fen / 2, international_fen = b.international_fen / 2,
        data_fen = b.data_fen / 2, value_added_fen = b.value_added_fen / 2, rental_fen = b.rental_fen / 2,
        paid_fen = least(b.paid_fen, b.total_fen / 2), arrears_fen = least(b.arrears_fen, b.total_fen / 2)
      from json_to_recordset(${json(drops)}::json) as x(customer_id int, onset text)
      where b.customer_id = x.customer_id and b.period >= x.onset`);
  const complaints = driven
    .filter((d) => d.complaints)
    .flatMap((d, i) =>
      [0, 1].map((k) => ({
        ticket_no: `CH${d.onset.replace('-', '')}${String(i * 2 + k).padStart(5, '0')}`,
        customer_id: d.id,
        category: d.category,
        org_unit_id: d.org_unit_id,
        at: `${addDays(`${d.onset}-01`, 3 + k * 12 + (i % 9))}T10:00:00+08:00`,
        title: k ? '网络质量投诉：多次断线' : '账单费用投诉',
      })),
    );
  if (complaints.length)
    await db.execute(sql`insert into tickets (ticket_no, type, channel, severity, title, status, owner_id, org_unit_id,
        customer_id, customer_category, created_at, status_changed_at, resolved_at, closed_at)
      select x.ticket_no, 'complaint', 'phone', 'major', x.title, 'closed',
        coalesce((select u.id from users u where u.role = 'agent' and u.active order by u.id limit 1),
          (select u.id from users u where u.role = 'admin' order by u.id limit 1)),
        x.org_unit_id, x.customer_id, x.category, x.at, x.at + interval '4 days', x.at + interval '3 days',
        x.at + interval '4 days'
      from json_to_recordset(${json(complaints)}::json) as x(ticket_no text, customer_id int, category text,
        org_unit_id int, at timestamptz, title text)
      on conflict (ticket_no) do nothing`);
  const contractEnds = driven
    .filter((d) => d.contractEnd)
    .map((d) => ({ id: d.contract_id, end_date: addDays(`${d.onset}-01`, 75) }));
  if (contractEnds.length)
    await db.execute(sql`update contracts k set end_date = greatest(x.end_date, k.start_date + 1)
      from json_to_recordset(${json(contractEnds)}::json) as x(id int, end_date date) where k.id = x.id`);
  const offers = driven
    .filter((d) => d.competitor)
    .map((d) => ({
      customer_id: d.id,
      product_id: d.product_id,
      review: addDays(`${d.onset}-01`, -30),
      offer: Math.max(10_000, Math.round((Number(d.monthly_fen) * 0.7) / 100) * 100),
    }));
  if (offers.length)
    await db.execute(sql`insert into price_reviews (customer_id, product_instance_id, next_review_date,
        competitor_offer_fen)
      select x.customer_id, x.product_id, x.review, x.offer
      from json_to_recordset(${json(offers)}::json) as x(customer_id int, product_id int, review date, offer bigint)
      on conflict (product_instance_id) do update set competitor_offer_fen = excluded.competitor_offer_fen,
        next_review_date = least(price_reviews.next_review_date, excluded.next_review_date)`);

  lap('drivers written');
  // The departures, through the termination service (each in its own transaction, audited).
  const admin = await demoCtx(db, 'admin');
  const competitors = await listCompetitors({ ctx: admin, activeOnly: true });
  const leavers = driven.filter((d) => d.leavesOn);
  for (const [i, d] of leavers.entries()) {
    const reasonCode = d.competitor
      ? 'competitor_offer'
      : d.drop
        ? 'price'
        : d.complaints
          ? rng.chance(0.5)
            ? 'service_quality'
            : 'network_quality'
          : d.contractEnd
            ? 'contract_end'
            : rng.pick(['relocation', 'business_closed', 'other'] as const);
    const toCompetitor = d.competitor || rng.chance(0.5);
    await recordTermination({
      ctx: admin,
      customerId: d.id,
      input: {
        terminationDate: d.leavesOn as string,
        reasonCode,
        competitorId: toCompetitor ? competitors[i % Math.min(3, competitors.length)]?.id : undefined,
        portedOut: toCompetitor && d.category !== 'key_account',
        linesLost: Math.max(1, Number(d.lines)),
        monthlyValueLostFen: Number(d.monthly_fen),
        note: '',
      },
    });
  }
  // A customer that left is no longer billed and its lines end on the day.
  const left = leavers.map((d) => ({ customer_id: d.id, on: d.leavesOn }));
  if (left.length) {
    await db.execute(sql`delete from bills b using json_to_recordset(${json(left)}::json) as x(customer_id int, "on" date)
      where b.customer_id = x.customer_id and b.period > to_char(x."on", 'YYYY-MM')`);
    await db.execute(sql`update product_instances p set status = 'terminated', end_date = x."on"
      from json_to_recordset(${json(left)}::json) as x(customer_id int, "on" date)
      where p.customer_id = x.customer_id and (p.end_date is null or p.end_date > x."on")`);
  }
  lap('departures recorded');
  opts.log?.(`  churn: ${driven.length} customers at risk, ${leavers.length} departures recorded`);

  // A model of each learner on the recorded outcomes, trained by the job worker once the server runs (not at
  // start-up): the logistic model becomes the first champion; the boosted trees reuse its snapshots, replace it when
  // their validation AUC is higher (audited) and then queue the score job of the last complete month.
  const window = { fromPeriod: shiftPeriod(last, -4), toPeriod: shiftPeriod(last, -3), horizonMonths: 3 };
  const jobs: number[] = [];
  for (const body of [
    { ...window, learner: 'logistic' },
    {
      ...window,
      learner: 'gbdt',
      reuseSnapshots: true,
      promoteIfBetter: true,
      scoreAfter: { period: last, controlPercent: 10 },
    },
  ] satisfies TrainPayload[])
    jobs.push((await enqueueJob({ db, type: TRAIN_JOB, payload: body, createdBy: admin.user.id })).id);
  return { atRisk: driven.length, departures: leavers.length, trainJobIds: jobs };
}
