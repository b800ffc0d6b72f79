// Demo loyalty club (积分): club cards for the best key accounts, and a points history for the club members and the
// star customers of the latest grading: points earned on every fully paid bill at the tier's or star level's
// multiplier, a referral bonus now and then, redemptions of the default rewards, and the yearly expiry (end of the
// second year, oldest points first). Simulated in memory with the loyalty models, written set-based (a few
// statements), with an audit record per movement; cheap at start-up (a few hundred members).
import { type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { addDays, periodOf, shiftPeriod, todayIso } from '../ka-common/ka-common.models';
import { DEFAULT_BONUS, expiryOf, pointsForBill, pointsToExpire } from '../loyalty/loyalty.models';
import { ensureRewardDefaults } from '../loyalty/loyalty.service';
import { Rng } from './demo.random';

/** Multipliers (percent) of the default entitlement catalogue, by tier and star level. */
const multiplierOf: Record<string, number> = {
  diamond: 200,
  jade: 180,
  platinum: 160,
  gem: 140,
  gold: 120,
  crystal: 110,
  star3: 120,
  star4: 150,
  star5: 200,
};
/** Club card by key-account tier (diamond and gold cards open the airport lounge). */
const cardOf: Record<string, 'diamond' | 'gold' | 'silver'> = {
  diamond: 'diamond',
  jade: 'diamond',
  platinum: 'gold',
  gem: 'gold',
  gold: 'silver',
  crystal: 'silver',
};

type Movement = {
  customerId: number;
  kind: 'earn_bill' | 'bonus_referral' | 'redeem' | 'expire' | 'adjust';
  points: number;
  balanceAfter: number;
  sourceKey: string;
  billId: number | null;
  paidFen: number | null;
  multiplierPct: number | null;
  bookedOn: string;
  expiresOn: string | null;
  note: string | null;
  reward?: { id: number; cost: number };
};

const rowsOf = async <T>(db: DbOrTx, q: SQL) => ((await db.execute(q)) as unknown as { rows: T[] }).rows;

async function insertChunks(db: DbOrTx, rows: SQL[], head: SQL, chunk = 500) {
  for (let i = 0; i < rows.length; i += chunk)
    await db.execute(sql`${head} values ${sql.join(rows.slice(i, i + chunk), sql`, `)}`);
}

/**
 * Seeds the demo loyalty club once (nothing when any points account exists). `members` caps the club cards and the
 * star customers taken (each); returns what was written, or null when already seeded.
 */
export async function seedDemoLoyalty(opts: { db: Db; members?: number; seed?: number; today?: string }) {
  const { db } = opts;
  const cap = opts.members ?? 100;
  const today = opts.today ?? todayIso();
  if ((await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from loyalty_accounts`))[0].n > 0) return null;
  const rng = new Rng(opts.seed ?? 17);
  await ensureRewardDefaults({ db });
  const latest = (
    await rowsOf<{ period: string | null }>(db, sql`select max(period) as period from customer_grades`)
  )[0]?.period;
  if (!latest) return null;

  // Club cards for the best-graded key accounts that hold none yet.
  const cards = await rowsOf<{ customer_id: number; tier: string }>(
    db,
    sql`select g.customer_id, g.tier from customer_grades g
      where g.period = ${latest} and g.tier is not null
        and not exists (select 1 from club_memberships m where m.customer_id = g.customer_id)
      order by g.measure_fen desc, g.customer_id limit ${cap}`,
  );
  if (cards.length)
    await db.execute(
      sql`insert into club_memberships (customer_id, card, card_no, since) values ${sql.join(
        cards.map(
          (c, i) =>
            sql`(${c.customer_id}, ${cardOf[c.tier] ?? 'silver'}, ${`CLUB-${String(i + 1).padStart(5, '0')}`}, ${addDays(today, -rng.int(400, 1_500))})`,
        ),
        sql`, `,
      )} on conflict do nothing`,
    );

  // Members: card holders and the star customers of the latest grading, with their multiplier.
  const members = await rowsOf<{ customer_id: number; binding: string | null }>(
    db,
    sql`(select m.customer_id, g.tier as binding from club_memberships m
        left join customer_grades g on g.customer_id = m.customer_id and g.period = ${latest})
      union all
      (select g.customer_id, 'star' || g.stars from customer_grades g
        where g.period = ${latest} and g.stars > 0 and g.tier is null
          and not exists (select 1 from club_memberships m where m.customer_id = g.customer_id)
        order by g.stars desc, g.customer_id limit ${cap})`,
  );
  if (members.length === 0) return null;
  const ids = members.map((m) => m.customer_id);
  const idList = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const current = periodOf(today);
  const bills = await rowsOf<{ id: number; customer_id: number; period: string; paid_fen: number; total_fen: number }>(
    db,
    sql`select id, customer_id, period, paid_fen, total_fen from bills
      where customer_id in (${idList}) and period < ${current} and total_fen > 0 and paid_fen >= total_fen
      order by customer_id, period, id`,
  );
  const billsOf = new Map<number, typeof bills>();
  for (const b of bills) billsOf.set(Number(b.customer_id), [...(billsOf.get(Number(b.customer_id)) ?? []), b]);
  // Two dated rewards: last spring festival's gift (ended) and this season's (valid until the end of next month).
  const year = Number(today.slice(0, 4));
  await db.execute(sql`insert into loyalty_rewards (code, name_zh, name_en, points_cost, stock, valid_from, valid_to)
    values ('spring_gift_${sql.raw(String(year))}', ${`${year}年春节礼包`}, ${`Spring festival gift ${year}`}, 1500, 300,
        ${`${year}-01-15`}, ${`${year}-02-28`}),
      ('season_gift', '冬季暖心礼包', 'Winter gift box', 2500, 150, ${`${periodOf(today)}-01`},
        ${addDays(`${shiftPeriod(periodOf(today), 2)}-01`, -1)})
    on conflict do nothing`);
  const rewards = (
    await rowsOf<{ id: number; code: string; points_cost: number; stock: number | null }>(
      db,
      sql`select id, code, points_cost, stock from loyalty_rewards where active and valid_to is null order by points_cost, id`,
    )
  ).map((r) => ({ id: r.id, cost: Number(r.points_cost), stock: r.stock === null ? null : Number(r.stock) }));

  const movements: Movement[] = [];
  for (const m of members) {
    const customerId = Number(m.customer_id);
    const pct = multiplierOf[m.binding ?? ''] ?? 100;
    let balance = 0;
    let consumed = 0;
    const earned: { points: number; expiresOn: string }[] = [];
    const book = (mv: Omit<Movement, 'customerId' | 'balanceAfter'>) => {
      balance += mv.points;
      if (mv.points < 0) consumed -= mv.points;
      else if (mv.expiresOn) earned.push({ points: mv.points, expiresOn: mv.expiresOn });
      movements.push({ ...mv, customerId, balanceAfter: balance });
    };
    /** The yearly expiry on 1 January of each year passed before `until`. */
    let nextExpiry: string | null = null;
    const expireUpTo = (until: string) => {
      while (nextExpiry && nextExpiry <= until) {
        const on = nextExpiry;
        const lastDay = addDays(on, -1);
        const n = pointsToExpire({
          earnedExpired: earned.filter((e) => e.expiresOn <= lastDay).reduce((s, e) => s + e.points, 0),
          consumed,
          balance,
        });
        if (n > 0)
          book({
            kind: 'expire',
            points: -n,
            sourceKey: `expire:${lastDay}`,
            billId: null,
            paidFen: null,
            multiplierPct: null,
            bookedOn: on,
            expiresOn: null,
            note: lastDay,
          });
        nextExpiry = `${Number(on.slice(0, 4)) + 1}-01-01`;
      }
    };
    // Points carried over from the previous points system (booked mid-year of the first bill the demo holds): they
    // expire at the end of the next year, less what the member redeemed first.
    const first = (billsOf.get(customerId) ?? [])[0];
    if (first && rng.chance(0.6)) {
      const y = Number(first.period.slice(0, 4));
      const openedOn = first.period > `${y}-06` ? `${y}-06-30` : `${y - 1}-12-31`;
      const expiresOn = expiryOf(openedOn);
      book({
        kind: 'adjust',
        points: rng.int(5, 60) * 100,
        sourceKey: `opening:${openedOn}`,
        billId: null,
        paidFen: null,
        multiplierPct: null,
        bookedOn: openedOn,
        expiresOn,
        note: null,
      });
      nextExpiry = `${Number(expiresOn.slice(0, 4)) + 1}-01-01`;
    }
    for (const b of billsOf.get(customerId) ?? []) {
      const bookedOn = `${shiftPeriod(b.period, 1)}-0${rng.int(1, 9)}`;
      if (bookedOn > today) continue;
      expireUpTo(bookedOn);
      const points = pointsForBill(Number(b.paid_fen), pct, Number(b.total_fen));
      if (points <= 0) continue;
      const expiresOn = expiryOf(bookedOn);
      nextExpiry ??= `${Number(expiresOn.slice(0, 4)) + 1}-01-01`;
      book({
        kind: 'earn_bill',
        points,
        sourceKey: `bill:${b.id}`,
        billId: Number(b.id),
        paidFen: Math.min(Number(b.paid_fen), Number(b.total_fen)),
        multiplierPct: pct,
        bookedOn,
        expiresOn,
        note: b.period,
      });
      if (rng.chance(0.04)) {
        const friend = ids[rng.int(0, ids.length - 1)];
        if (
          friend !== customerId &&
          !movements.some((x) => x.sourceKey === `referral:${friend}` && x.customerId === customerId)
        )
          book({
            kind: 'bonus_referral',
            points: DEFAULT_BONUS.referral,
            sourceKey: `referral:${friend}`,
            billId: null,
            paidFen: null,
            multiplierPct: null,
            bookedOn: addDays(bookedOn, 3),
            expiresOn: expiryOf(addDays(bookedOn, 3)),
            note: null,
          });
      }
      // Now and then the member redeems the dearest reward the balance affords (and the stock has).
      if (rng.chance(0.12)) {
        const reward = [...rewards].reverse().find((r) => r.cost <= balance && (r.stock === null || r.stock > 0));
        if (reward) {
          if (reward.stock !== null) reward.stock--;
          book({
            kind: 'redeem',
            points: -reward.cost,
            sourceKey: '',
            billId: null,
            paidFen: null,
            multiplierPct: null,
            bookedOn: addDays(bookedOn, rng.int(5, 20)),
            expiresOn: null,
            note: null,
            reward,
          });
        }
      }
    }
    expireUpTo(today);
  }
  // Redemptions happen after the bill's booking day, possibly after a later earning: keep each member's movements in
  // date order (ids follow it, so the statement reads newest first), with balances recomputed in that order.
  movements.sort((a, b) => a.customerId - b.customerId || a.bookedOn.localeCompare(b.bookedOn));
  let prev = -1;
  let running = 0;
  const kept: Movement[] = [];
  for (const mv of movements) {
    if (mv.customerId !== prev) {
      prev = mv.customerId;
      running = 0;
    }
    if (mv.bookedOn > today || running + mv.points < 0) continue; // never below zero
    running += mv.points;
    kept.push({ ...mv, balanceAfter: running });
  }

  // Redemption records first (their ids name the ledger source), then the ledger, accounts, stock and audit.
  const redemptions = kept.filter((mv) => mv.kind === 'redeem');
  const ts = (day: string) => `${day}T10:00:00+08:00`;
  if (redemptions.length) {
    const created = await rowsOf<{ id: number }>(
      db,
      sql`insert into loyalty_redemptions (customer_id, reward_id, quantity, points, created_at) values ${sql.join(
        redemptions.map((r) => sql`(${r.customerId}, ${r.reward!.id}, 1, ${-r.points}, ${ts(r.bookedOn)})`),
        sql`, `,
      )} returning id`,
    );
    redemptions.forEach((r, i) => {
      r.sourceKey = `redemption:${created[i].id}`;
      r.note = String(r.reward!.id);
    });
  }
  await insertChunks(
    db,
    kept.map(
      (mv) =>
        sql`(${mv.customerId}, ${mv.kind}, ${mv.points}, ${mv.balanceAfter}, ${mv.sourceKey}, ${mv.billId}, ${mv.paidFen},
          ${mv.multiplierPct}, ${mv.bookedOn}, ${mv.expiresOn}, ${mv.note}, ${ts(mv.bookedOn)})`,
    ),
    sql`insert into loyalty_ledger (customer_id, kind, points, balance_after, source_key, bill_id, paid_fen,
      multiplier_pct, booked_on, expires_on, note, created_at)`,
  );
  await db.execute(sql`update loyalty_redemptions r set ledger_id = l.id from loyalty_ledger l
    where l.customer_id = r.customer_id and l.source_key = 'redemption:' || r.id`);
  // Reward names on redemption movements, as the service writes them.
  await db.execute(sql`update loyalty_ledger l set note = w.name_zh from loyalty_rewards w
    where l.kind = 'redeem' and l.note = w.id::text`);
  await db.execute(sql`update loyalty_rewards w set stock = greatest(w.stock - x.n, 0), updated_at = now()
    from (select reward_id, count(*)::int as n from loyalty_redemptions group by reward_id) x
    where w.id = x.reward_id and w.stock is not null`);
  await db.execute(sql`insert into loyalty_accounts (customer_id, balance, earned_total, redeemed_total, expired_total,
      opened_at, updated_at)
    select customer_id,
      (array_agg(balance_after order by id desc))[1],
      coalesce(sum(points) filter (where points > 0), 0),
      coalesce(-sum(points) filter (where kind = 'redeem'), 0),
      coalesce(-sum(points) filter (where kind = 'expire'), 0),
      min(created_at), max(created_at)
    from loyalty_ledger group by customer_id`);
  // Members without a movement yet still have an (empty) account.
  await db.execute(sql`insert into loyalty_accounts (customer_id) select customer_id from club_memberships
    on conflict do nothing`);
  await db.execute(sql`insert into audit_log (at, actor_name, action, entity, entity_id, changes, customer_id)
    select created_at, 'demo', kind, 'loyalty_points', id::text,
      jsonb_build_object('balance', jsonb_build_object('before', balance_after - points, 'after', balance_after),
        'points', jsonb_build_object('before', null, 'after', points),
        'source', jsonb_build_object('before', null, 'after', source_key)),
      customer_id
    from loyalty_ledger order by id`);
  return {
    clubCards: cards.length,
    members: members.length,
    movements: kept.length,
    redemptions: redemptions.length,
    expiries: kept.filter((mv) => mv.kind === 'expire').length,
  };
}
