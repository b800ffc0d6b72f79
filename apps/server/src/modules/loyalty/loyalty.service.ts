import type { Db, DbOrTx } from '../../db/client';
import type { Actor, RequestCtx } from '../../platform/context';
import { invalidField } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { getClubEvent } from '../care/club.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { enqueueJob } from '../jobs/jobs.service';
import { todayIso } from '../ka-common/ka-common.models';
import {
  insufficientPoints,
  notAttended,
  outOfStock,
  rewardInactive,
  rewardNotFound,
  rewardNotValid,
  selfReferral,
} from './loyalty.errors';
import {
  applyMovement,
  checkRedemption,
  DEFAULT_BONUS,
  expiryOf,
  type LedgerKind,
  pointsForBill,
  pointsToExpire,
  validityOn,
} from './loyalty.models';
import { type PaidBill, paidBillsOfMembers } from './loyalty.queries';
import * as repo from './loyalty.repository';

export const EARN_JOB = 'loyalty.earn-bills';
export const EXPIRE_JOB = 'loyalty.expire';

const defaultRewards = [
  { code: 'phone_credit_50', nameZh: '50元话费', nameEn: '50 yuan phone credit', pointsCost: 5_000, stock: null },
  { code: 'data_pack_5g', nameZh: '5GB流量包', nameEn: '5 GB data pack', pointsCost: 3_000, stock: null },
  {
    code: 'club_magazine',
    nameZh: '俱乐部杂志全年订阅',
    nameEn: 'Club magazine, one year',
    pointsCost: 2_000,
    stock: 500,
  },
  {
    code: 'airport_lounge',
    nameZh: '机场贵宾厅单次',
    nameEn: 'Airport VIP lounge, one visit',
    pointsCost: 8_000,
    stock: 200,
  },
  { code: 'golf_day', nameZh: '俱乐部高尔夫体验日', nameEn: 'Club golf day', pointsCost: 30_000, stock: 20 },
];
const seeded = new WeakSet<object>();

/** Seeds the default reward catalogue once per database (administrators change it afterwards); idempotent. */
export async function ensureRewardDefaults(opts: { db: DbOrTx }): Promise<void> {
  if (seeded.has(opts.db)) return;
  if ((await repo.countRewards(opts.db)) === 0)
    for (const r of defaultRewards) await repo.insertRewardIfMissing(opts.db, r);
  seeded.add(opts.db);
}

type Movement = {
  kind: LedgerKind;
  points: number;
  sourceKey: string;
  bookedOn: string;
  expiresOn?: string | null;
  billId?: number | null;
  paidFen?: number | null;
  multiplierPct?: number | null;
  note?: string | null;
};

/**
 * Books one movement inside the caller's transaction: locks the member's account, refuses a movement taking the
 * balance below zero, writes the ledger row (unless its source was booked already: then the earlier one is returned
 * and nothing changes) and an audit record. Returns the movement and whether it is new.
 */
export async function bookMovementTx(opts: {
  tx: DbOrTx;
  actor: Actor;
  customerId: number;
  movement: Movement;
}): Promise<{ movement: repo.LedgerRow; created: boolean }> {
  const { tx, actor, customerId, movement: m } = opts;
  const account = await repo.lockAccount(tx, customerId);
  const existing = await repo.findMovement(tx, customerId, m.sourceKey);
  if (existing) return { movement: existing, created: false };
  if (account.balance + m.points < 0) throw insufficientPoints(account.balance, -m.points);
  const balance = applyMovement(account.balance, m.points);
  const row = await repo.insertMovement(tx, {
    customerId,
    kind: m.kind,
    points: m.points,
    balanceAfter: balance,
    sourceKey: m.sourceKey,
    billId: m.billId ?? null,
    paidFen: m.paidFen ?? null,
    multiplierPct: m.multiplierPct ?? null,
    bookedOn: m.bookedOn,
    expiresOn: m.expiresOn ?? null,
    note: m.note ?? null,
    createdBy: actor.userId,
  });
  if (!row) return { movement: (await repo.findMovement(tx, customerId, m.sourceKey))!, created: false };
  const totals = {
    balance,
    earnedTotal: account.earnedTotal + Math.max(m.points, 0),
    redeemedTotal: account.redeemedTotal + (m.kind === 'redeem' ? -m.points : 0),
    expiredTotal: account.expiredTotal + (m.kind === 'expire' ? -m.points : 0),
  };
  await repo.updateAccount(tx, customerId, totals);
  await recordAudit({
    tx,
    actor,
    action: m.kind,
    entity: 'loyalty_points',
    entityId: row.id,
    customerId,
    before: { balance: account.balance },
    after: { balance, points: m.points, kind: m.kind, source: m.sourceKey },
  });
  return { movement: row, created: true };
}

/** Earns the points of one fully paid bill (idempotent per bill: a second call changes nothing). */
export async function earnForBill(opts: { db: Db | DbOrTx; actor: Actor; bill: PaidBill; today?: string }) {
  const { bill } = opts;
  const points = pointsForBill(bill.paidFen, bill.multiplierPct, bill.totalFen);
  if (points <= 0) return { created: false, points: 0 };
  const today = opts.today ?? todayIso();
  return opts.db.transaction(async (tx) => {
    const r = await bookMovementTx({
      tx,
      actor: opts.actor,
      customerId: bill.customerId,
      movement: {
        kind: 'earn_bill',
        points,
        sourceKey: `bill:${bill.billId}`,
        bookedOn: today,
        expiresOn: expiryOf(today),
        billId: bill.billId,
        paidFen: Math.min(bill.paidFen, bill.totalFen),
        multiplierPct: bill.multiplierPct,
        note: bill.period,
      },
    });
    return { created: r.created, points: r.movement.points };
  });
}

/** Earns the points of every fully paid bill of members for `period` (the durable job's body). */
export async function earnBillsOfPeriod(opts: {
  db: Db;
  actor: Actor;
  period: string;
  customerId?: number;
  today?: string;
  progress?: (done: number, total: number) => Promise<void>;
}) {
  const bills = await paidBillsOfMembers(opts.db, opts.period, opts.customerId);
  let earned = 0;
  let points = 0;
  for (const [i, bill] of bills.entries()) {
    const r = await earnForBill({ db: opts.db, actor: opts.actor, bill, today: opts.today });
    if (r.created) {
      earned++;
      points += r.points;
    }
    if (opts.progress && i % 100 === 0) await opts.progress(i, bills.length);
  }
  return { period: opts.period, bills: bills.length, earned, points };
}

/**
 * Expires the points whose validity ended before `today` (end of the year after they were earned), oldest first:
 * what was redeemed or expired before counts against the oldest earnings. Idempotent per member and expiry date.
 */
export async function expireMemberPoints(opts: { db: Db | DbOrTx; actor: Actor; customerId: number; today: string }) {
  const { customerId, today } = opts;
  return opts.db.transaction(async (tx) => {
    const account = await repo.lockAccount(tx, customerId);
    const old = await repo.earnedExpiredBefore(tx, customerId, today);
    if (!old.last) return 0;
    const n = pointsToExpire({
      earnedExpired: old.points,
      consumed: account.redeemedTotal + account.expiredTotal,
      balance: account.balance,
    });
    if (n <= 0) return 0;
    const r = await bookMovementTx({
      tx,
      actor: opts.actor,
      customerId,
      movement: { kind: 'expire', points: -n, sourceKey: `expire:${old.last}`, bookedOn: today, note: old.last },
    });
    return r.created ? n : 0;
  });
}

export async function expirePoints(opts: { db: Db; actor: Actor; today?: string }) {
  const today = opts.today ?? todayIso();
  const ids = await repo.customersWithExpiredEarnings(opts.db, today);
  let expired = 0;
  for (const customerId of ids)
    expired += await expireMemberPoints({ db: opts.db, actor: opts.actor, customerId, today });
  return { members: ids.length, expired };
}

/** A bonus for a club event the customer attended, or for a referral (the referred customer must exist). */
export async function awardBonus(opts: {
  ctx: RequestCtx;
  customerId: number;
  input:
    | { kind: 'event'; eventId: number; points?: number; note?: string }
    | { kind: 'referral'; referredCustomerId: number; points?: number; note?: string };
}) {
  const { ctx, customerId, input } = opts;
  await requireVisibleCustomer({ db: ctx.db, scope: ctx.scope, id: customerId });
  let sourceKey: string;
  if (input.kind === 'event') {
    const event = await getClubEvent({ ctx, id: input.eventId }).catch(() => {
      throw invalidField('eventId', 'club event not found');
    });
    if (!event.invitations.some((i) => i.customerId === customerId && i.status === 'attended')) throw notAttended();
    sourceKey = `event:${input.eventId}`;
  } else {
    if (input.referredCustomerId === customerId) throw selfReferral();
    await requireVisibleCustomer({ db: ctx.db, scope: { kind: 'all' }, id: input.referredCustomerId }).catch(() => {
      throw invalidField('referredCustomerId', 'customer not found');
    });
    sourceKey = `referral:${input.referredCustomerId}`;
  }
  const points = input.points ?? DEFAULT_BONUS[input.kind];
  const today = todayIso();
  const r = await ctx.db.transaction((tx) =>
    bookMovementTx({
      tx,
      actor: ctx.actor,
      customerId,
      movement: {
        kind: input.kind === 'event' ? 'bonus_event' : 'bonus_referral',
        points,
        sourceKey,
        bookedOn: today,
        expiresOn: expiryOf(today),
        note: input.note ?? null,
      },
    }),
  );
  return { ...toMovement(r.movement), replayed: !r.created };
}

/** Redeems points against a reward: stock and balance checked and changed in one transaction. */
export async function redeem(opts: {
  ctx: RequestCtx;
  customerId: number;
  input: { rewardId: number; quantity: number };
}) {
  const { ctx, customerId, input } = opts;
  await ensureRewardDefaults({ db: ctx.db });
  return ctx.db.transaction(async (tx) => {
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: customerId });
    const account = await repo.lockAccount(tx, customerId);
    const reward = await repo.findReward(tx, input.rewardId, true);
    if (!reward) throw invalidField('rewardId', 'reward not found');
    const today = todayIso();
    const check = checkRedemption({
      balance: account.balance,
      cost: reward.pointsCost,
      stock: reward.stock,
      active: reward.active,
      quantity: input.quantity,
      today,
      validFrom: reward.validFrom,
      validTo: reward.validTo,
    });
    if (!check.ok) {
      if (check.reason === 'inactive') throw rewardInactive();
      if (check.reason === 'not_yet_valid' || check.reason === 'expired')
        throw rewardNotValid(check.reason, reward.validFrom, reward.validTo);
      if (check.reason === 'out_of_stock') throw outOfStock(reward.stock);
      throw insufficientPoints(account.balance, reward.pointsCost * input.quantity);
    }
    if (check.stockAfter !== null) await repo.updateReward(tx, reward.id, { stock: check.stockAfter });
    const redemption = await repo.insertRedemption(tx, {
      customerId,
      rewardId: reward.id,
      quantity: input.quantity,
      points: check.points,
      createdBy: ctx.user.id,
    });
    const { movement } = await bookMovementTx({
      tx,
      actor: ctx.actor,
      customerId,
      movement: {
        kind: 'redeem',
        points: -check.points,
        sourceKey: `redemption:${redemption.id}`,
        bookedOn: today,
        note: reward.nameZh,
      },
    });
    await repo.setRedemptionLedger(tx, redemption.id, movement.id);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'loyalty_redemption',
      entityId: redemption.id,
      customerId,
      before: { stock: reward.stock },
      after: { rewardId: reward.id, quantity: input.quantity, points: check.points, stock: check.stockAfter },
    });
    return {
      id: redemption.id,
      rewardId: reward.id,
      rewardCode: reward.code,
      rewardNameZh: reward.nameZh,
      rewardNameEn: reward.nameEn,
      quantity: input.quantity,
      points: check.points,
      balance: movement.balanceAfter,
      stockLeft: check.stockAfter,
    };
  });
}

export const toMovement = (m: repo.LedgerRow) => ({
  id: m.id,
  kind: m.kind,
  points: m.points,
  balanceAfter: m.balanceAfter,
  sourceKey: m.sourceKey,
  billId: m.billId,
  paidFen: m.paidFen,
  multiplierPct: m.multiplierPct,
  bookedOn: m.bookedOn,
  expiresOn: m.expiresOn,
  note: m.note,
  createdAt: m.createdAt.toISOString(),
});

/** The member's points statement: balance, totals, points expiring at the end of this year, movements (newest first). */
export async function getStatement(opts: { ctx: RequestCtx; customerId: number; limit: number; offset: number }) {
  const { ctx, customerId } = opts;
  await requireVisibleCustomer({ db: ctx.db, scope: ctx.scope, id: customerId });
  const today = todayIso();
  const yearEnd = `${today.slice(0, 4)}-12-31`;
  const [account, page, expiringEarned] = await Promise.all([
    repo.findAccount(ctx.db, customerId),
    repo.listMovements(ctx.db, customerId, opts.limit, opts.offset),
    repo.earnedExpiringBy(ctx.db, customerId, yearEnd),
  ]);
  const balance = account?.balance ?? 0;
  const consumed = (account?.redeemedTotal ?? 0) + (account?.expiredTotal ?? 0);
  return {
    customerId,
    member: !!account,
    balance,
    earnedTotal: account?.earnedTotal ?? 0,
    redeemedTotal: account?.redeemedTotal ?? 0,
    expiredTotal: account?.expiredTotal ?? 0,
    expiringOn: yearEnd,
    expiringPoints: pointsToExpire({ earnedExpired: expiringEarned, consumed, balance }),
    items: page.items.map(toMovement),
    total: page.total,
  };
}

export const toReward = (r: repo.RewardRow) => ({
  id: r.id,
  code: r.code,
  nameZh: r.nameZh,
  nameEn: r.nameEn,
  pointsCost: r.pointsCost,
  stock: r.stock,
  validFrom: r.validFrom,
  validTo: r.validTo,
  active: r.active,
  redeemable:
    r.active && (r.stock === null || r.stock > 0) && validityOn(todayIso(), r.validFrom, r.validTo) === 'valid',
});

export type RewardFilter = {
  q?: string;
  status?: 'redeemable' | 'active' | 'inactive';
  limit: number;
  offset: number;
};

/** The reward catalogue, cheapest first, a page at a time (`redeemable`: active, in stock and valid today). */
export async function listRewards(opts: { db: DbOrTx; filter: RewardFilter }) {
  await ensureRewardDefaults(opts);
  const page = await repo.listRewards(opts.db, { ...opts.filter, today: todayIso() });
  return { items: page.items.map(toReward), total: page.total };
}

type RewardInput = {
  nameZh: string;
  nameEn: string;
  pointsCost: number;
  stock: number | null;
  validFrom: string | null;
  validTo: string | null;
  active: boolean;
};

function checkValidity(from: string | null | undefined, to: string | null | undefined) {
  if (from && to && from > to) throw invalidField('validTo', 'must be on or after validFrom');
}

export async function createReward(opts: {
  ctx: RequestCtx;
  input: Omit<RewardInput, 'active' | 'validFrom' | 'validTo'> & {
    code: string;
    active?: boolean;
    validFrom?: string | null;
    validTo?: string | null;
  };
}) {
  const { ctx, input } = opts;
  checkValidity(input.validFrom, input.validTo);
  await ensureRewardDefaults({ db: ctx.db });
  return ctx.db.transaction(async (tx) => {
    if (await repo.findRewardByCode(tx, input.code)) throw invalidField('code', 'a reward with this code exists');
    const row = await repo.insertReward(tx, {
      ...input,
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      active: input.active ?? true,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'loyalty_reward',
      entityId: row.id,
      before: null,
      after: toReward(row),
    });
    return toReward(row);
  });
}

export async function updateReward(opts: { ctx: RequestCtx; id: number; input: Partial<RewardInput> }) {
  const { ctx, id, input } = opts;
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findReward(tx, id, true);
    if (!before) throw rewardNotFound();
    checkValidity(
      input.validFrom !== undefined ? input.validFrom : before.validFrom,
      input.validTo !== undefined ? input.validTo : before.validTo,
    );
    const after = await repo.updateReward(tx, id, input);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'loyalty_reward',
      entityId: id,
      before: toReward(before),
      after: toReward(after),
    });
    return toReward(after);
  });
}

/** Queues the earning job for a period (members' fully paid bills; idempotent per bill). */
export async function queueEarning(opts: { ctx: RequestCtx; period: string }) {
  const job = await enqueueJob({
    db: opts.ctx.db,
    type: EARN_JOB,
    payload: { period: opts.period },
    createdBy: opts.ctx.user.id,
  });
  return { jobId: job.id };
}
