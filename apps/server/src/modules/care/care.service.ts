import type {
  CalendarEntry,
  calendarQuery,
  lineCheck,
  lineCheckCreate,
  lineCheckDone,
  lineCheckUpdate,
  PriceReview,
  priceReviewCreate,
  priceReviewDone,
} from '@crm/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { badRequest, invalidField, notFound } from '../../platform/errors';
import { requireKaCustomer, visibleAccountManager } from '../accounts-mgmt/accounts-mgmt.service';
import { openTasksOf } from '../accounts-mgmt/tasks.service';
import { recordAudit } from '../audit/audit.service';
import { requestDiscountTx } from '../discounts/discounts.service';
import { hasEntitlement, recordUsageTx } from '../entitlements/entitlements.service';
import { addDays, daysBetween, todayIso } from '../ka-common/ka-common.models';
import { productsOfCustomer, updateProduct } from '../products/products.service';
import { buildCalendar, expiryReminderDays, maxWindowDays, nextReviewAfter } from './care.models';
import { contactsWithBirthdays, contractsEnding, portfolioCustomers } from './care.queries';
import * as repo from './care.repository';

type LineCheck = z.infer<typeof lineCheck>;

/**
 * The care calendar of an AM's portfolio (managers: of an AM, or of every key account in their org units):
 * birthdays, anniversaries, contract expiry at 90/60/30 days, price reviews, preventive line checks, club events
 * and open tasks. Another AM's calendar answers 404.
 */
export async function getCalendar(opts: {
  ctx: RequestCtx;
  query: z.infer<typeof calendarQuery>;
}): Promise<CalendarEntry[]> {
  const { ctx, query } = opts;
  const { from, to } = query;
  if (to < from || daysBetween(from, to) > maxWindowDays)
    throw badRequest('validation.invalid', `to: must be within ${maxWindowDays} days after from`, [
      { path: 'to', message: `within ${maxWindowDays} days after from` },
    ]);
  const am = await visibleAccountManager({ ctx, amId: query.amId });
  const customers = await portfolioCustomers(ctx.db, ctx.scope, am?.id ?? null);
  const ids = customers.map((c) => c.id);
  const [contacts, contracts, reviews, checks, events, tasks] = await Promise.all([
    contactsWithBirthdays(ctx.db, ids),
    contractsEnding(ctx.db, ids, from, addDays(to, Math.max(...expiryReminderDays))),
    repo.listPriceReviews(ctx.db, ids),
    repo.listLineChecks(ctx.db, ids),
    repo.invitationsOfCustomers(ctx.db, ids, from, to),
    openTasksOf({ db: ctx.db, ownerIds: [am?.id ?? ctx.user.id] }),
  ]);
  return buildCalendar(
    {
      customers,
      contacts,
      contracts,
      priceReviews: reviews.map((r) => ({
        id: r.review.id,
        customerId: r.review.customerId,
        serviceNumber: r.serviceNumber,
        nextReviewDate: r.review.nextReviewDate,
      })),
      lineChecks: checks,
      events: events.map((e) => ({
        id: e.eventId,
        title: e.title,
        eventDate: e.eventDate,
        customerId: e.customerId,
        status: e.status,
      })),
      tasks,
    },
    from,
    to,
  );
}

// ---------------------------------------------------------------- price reviews (S3)

const toReview = (r: Awaited<ReturnType<typeof repo.listPriceReviews>>[number], today = todayIso()): PriceReview => ({
  id: r.review.id,
  customerId: r.review.customerId,
  productInstanceId: r.review.productInstanceId,
  serviceNumber: r.serviceNumber,
  monthlyFen: r.monthlyFen,
  nextReviewDate: r.review.nextReviewDate,
  lastReviewedAt: r.review.lastReviewedAt,
  intervalMonths: r.review.intervalMonths,
  competitorOfferFen: r.review.competitorOfferFen,
  note: r.review.note,
  overdue: r.review.nextReviewDate < today,
});

export async function listPriceReviews(opts: { ctx: RequestCtx; customerId: number }): Promise<PriceReview[]> {
  await requireKaCustomer({ db: opts.ctx.db, ctx: opts.ctx, id: opts.customerId });
  return (await repo.listPriceReviews(opts.ctx.db, [opts.customerId])).map((r) => toReview(r));
}

/** Schedules (or reschedules) the price review of one of the customer's lines. */
export async function setPriceReview(opts: {
  ctx: RequestCtx;
  customerId: number;
  input: z.infer<typeof priceReviewCreate>;
}) {
  const { ctx, customerId, input } = opts;
  await ctx.db.transaction(async (tx) => {
    await requireKaCustomer({ db: tx, ctx, id: customerId });
    const products = await productsOfCustomer({ db: tx, customerId });
    if (!products.some((p) => p.id === input.productInstanceId))
      throw invalidField('productInstanceId', 'not a product of this customer');
    const row = await repo.upsertPriceReview(tx, {
      customerId,
      productInstanceId: input.productInstanceId,
      nextReviewDate: input.nextReviewDate,
      intervalMonths: input.intervalMonths,
      competitorOfferFen: input.competitorOfferFen ?? null,
      note: input.note ?? null,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'price_review',
      entityId: row.id,
      customerId,
      before: null,
      after: { ...input },
    });
  });
  return listPriceReviews({ ctx, customerId });
}

/** Records a price review done on a date; the next one is due an interval later. */
export async function completePriceReview(opts: {
  ctx: RequestCtx;
  id: number;
  input: z.infer<typeof priceReviewDone>;
}) {
  const { ctx, id, input } = opts;
  const customerId = await ctx.db
    .transaction(async (tx) => {
      const before = await repo.findPriceReview(tx, id);
      if (!before) throw notFound('care.price_review_not_found', 'Price review not found');
      await requireKaCustomer({ db: tx, ctx, id: before.customerId });
      const next = nextReviewAfter(input.reviewedOn, before.intervalMonths);
      if (input.newMonthlyFen !== undefined) await agreePrice(ctx, tx, before, input.newMonthlyFen, input.note);
      await repo.updatePriceReview(tx, id, {
        lastReviewedAt: input.reviewedOn,
        nextReviewDate: next,
        note: input.note ?? before.note,
      });
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'review',
        entity: 'price_review',
        entityId: id,
        customerId: before.customerId,
        before: { nextReviewDate: before.nextReviewDate, lastReviewedAt: before.lastReviewedAt },
        after: { nextReviewDate: next, lastReviewedAt: input.reviewedOn },
      });
      return before.customerId;
    })
    .catch((e) => {
      if ((e as { code?: string }).code === 'customers.not_found')
        throw notFound('care.price_review_not_found', 'Price review not found');
      throw e;
    });
  return listPriceReviews({ ctx, customerId });
}

/**
 * The monthly price agreed in a price review: a lower price is a discount through discount authority (优惠权限;
 * beyond the reviewer's authority it waits for approval up the chain and the price stays), a higher one applies.
 */
async function agreePrice(
  ctx: RequestCtx,
  tx: DbOrTx,
  review: { customerId: number; productInstanceId: number },
  newMonthlyFen: number,
  note: string | undefined,
) {
  const product = (await productsOfCustomer({ db: tx, customerId: review.customerId })).find(
    (p) => p.id === review.productInstanceId,
  );
  if (!product || product.status === 'terminated')
    throw invalidField('newMonthlyFen', 'the reviewed product is no longer live');
  if (newMonthlyFen === product.monthlyFen) return;
  if (newMonthlyFen > product.monthlyFen) {
    await updateProduct({
      ctx: { ...ctx, db: tx as Db },
      id: review.customerId,
      productId: product.id,
      input: { monthlyFen: newMonthlyFen },
    });
    return;
  }
  await requestDiscountTx({
    ctx,
    tx,
    subject: {
      customerId: review.customerId,
      productInstanceId: product.id,
      family: product.family,
      listMonthlyFen: product.monthlyFen,
      requestedMonthlyFen: newMonthlyFen,
      quantity: 1,
      source: 'price_review',
      reason: note?.trim() || '价格复核',
    },
  });
}

/** Price reviews past due on `asOf`, per customer (the warnings engine; no scope: the caller is a job). */
export const overdueReviewsOf = (opts: { db: DbOrTx; customerIds: number[]; asOf: string }) =>
  repo.overdueReviews(opts.db, opts.customerIds, opts.asOf);

// ---------------------------------------------------------------- preventive line checks

const toCheck = (r: repo.LineCheckRow): LineCheck => ({
  id: r.id,
  customerId: r.customerId,
  productInstanceId: r.productInstanceId,
  description: r.description,
  intervalDays: r.intervalDays,
  nextDueDate: r.nextDueDate,
  lastDoneDate: r.lastDoneDate,
});

export async function listLineChecks(opts: { ctx: RequestCtx; customerId: number }): Promise<LineCheck[]> {
  await requireKaCustomer({ db: opts.ctx.db, ctx: opts.ctx, id: opts.customerId });
  return (await repo.listLineChecks(opts.ctx.db, [opts.customerId])).map(toCheck);
}

export async function createLineCheck(opts: {
  ctx: RequestCtx;
  customerId: number;
  input: z.infer<typeof lineCheckCreate>;
}) {
  const { ctx, customerId, input } = opts;
  await ctx.db.transaction(async (tx) => {
    await requireKaCustomer({ db: tx, ctx, id: customerId });
    if (input.productInstanceId) {
      const products = await productsOfCustomer({ db: tx, customerId });
      if (!products.some((p) => p.id === input.productInstanceId))
        throw invalidField('productInstanceId', 'not a product of this customer');
    }
    const row = await repo.insertLineCheck(tx, {
      customerId,
      ...input,
      productInstanceId: input.productInstanceId ?? null,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'line_check',
      entityId: row.id,
      customerId,
      before: null,
      after: { ...input },
    });
  });
  return listLineChecks({ ctx, customerId });
}

async function lineCheckInScope(ctx: RequestCtx, tx: DbOrTx, id: number) {
  const row = await repo.findLineCheck(tx, id);
  if (!row) throw notFound('care.line_check_not_found', 'Line check not found');
  await requireKaCustomer({ db: tx, ctx, id: row.customerId });
  return row;
}

/** Changes what a scheduled check covers, how often it recurs or when the next one is due. */
export async function updateLineCheck(opts: { ctx: RequestCtx; id: number; input: z.infer<typeof lineCheckUpdate> }) {
  const { ctx, id, input } = opts;
  const customerId = await ctx.db.transaction(async (tx) => {
    const before = await lineCheckInScope(ctx, tx, id);
    const after = await repo.updateLineCheck(tx, id, input);
    const keys = Object.keys(input) as (keyof typeof input)[];
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'line_check',
      entityId: id,
      customerId: before.customerId,
      before: Object.fromEntries(keys.map((k) => [k, before[k]])),
      after: Object.fromEntries(keys.map((k) => [k, after[k]])),
    });
    return before.customerId;
  });
  return listLineChecks({ ctx, customerId });
}

/** Stops a scheduled check (e.g. the line was terminated); its past checks stay in the audit and usage history. */
export async function deleteLineCheck(opts: { ctx: RequestCtx; id: number }) {
  const { ctx, id } = opts;
  const customerId = await ctx.db.transaction(async (tx) => {
    const before = await lineCheckInScope(ctx, tx, id);
    await repo.deleteLineCheck(tx, id);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'delete',
      entity: 'line_check',
      entityId: id,
      customerId: before.customerId,
      before: {
        description: before.description,
        intervalDays: before.intervalDays,
        nextDueDate: before.nextDueDate,
        lastDoneDate: before.lastDoneDate,
      },
      after: null,
    });
    return before.customerId;
  });
  return listLineChecks({ ctx, customerId });
}

/** Records a preventive check as done (and as a use of the customer's line-check entitlement when it has one). */
export async function completeLineCheck(opts: { ctx: RequestCtx; id: number; input: z.infer<typeof lineCheckDone> }) {
  const { ctx, id, input } = opts;
  const before = await repo.findLineCheck(ctx.db, id);
  if (!before) throw notFound('care.line_check_not_found', 'Line check not found');
  await ctx.db.transaction(async (tx) => {
    await requireKaCustomer({ db: tx, ctx, id: before.customerId });
    const next = addDays(input.doneOn, before.intervalDays);
    await repo.updateLineCheck(tx, id, { lastDoneDate: input.doneOn, nextDueDate: next });
    if (await hasEntitlement({ db: tx, customerId: before.customerId, code: 'preventive_line_check' })) {
      await recordUsageTx({
        tx,
        actor: ctx.actor,
        customerId: before.customerId,
        input: {
          code: 'preventive_line_check',
          usedOn: input.doneOn,
          quantity: 1,
          note: (input.note ? `${before.description}: ${input.note}` : before.description).slice(0, 500),
        },
      });
    }
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'complete',
      entity: 'line_check',
      entityId: id,
      customerId: before.customerId,
      before: { nextDueDate: before.nextDueDate },
      after: { nextDueDate: next, lastDoneDate: input.doneOn, ...(input.note ? { note: input.note } : {}) },
    });
  });
  return listLineChecks({ ctx, customerId: before.customerId });
}
