// Discount authority (优惠权限): administrators maintain a versioned matrix role x org level x product family ->
// largest discount and largest amount per month; a discount asked for beyond the requester's authority goes up the
// chain (AM -> city manager -> province ...) and the price changes only when someone whose authority covers it
// approves.
import type {
  DiscountAuthority,
  DiscountRequest,
  discountAuthorityInput,
  discountRequestCreate,
  discountRequestQuery,
  optionItemQuote,
} from '@crm/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import type { AuthUser, RequestCtx } from '../../platform/context';
import { AppError, invalidField } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { notifyUsers } from '../notifications/notifications.service';
import { lockOptionItemForQuote, revertRejectedQuote, setOptionItemPrice } from '../opportunities/option-items.service';
import { findOrgUnitForReference } from '../org/org.service';
import { productsOfCustomer, updateProduct } from '../products/products.service';
import { discountRequestNotFound, noDiscount, notPending, overAuthority } from './discounts.errors';
import {
  type AuthorityRule,
  authorityOf,
  coversDiscount,
  type Discount,
  defaultDiscountAuthority,
  discountOfQuantity,
  escalationOf,
  NO_AUTHORITY,
  nextGranter,
} from './discounts.models';
import * as repo from './discounts.repository';

const toAuthorityDto = (r: repo.AuthorityRow): DiscountAuthority => ({ ...r, updatedAt: r.updatedAt.toISOString() });

/** Seeds the default matrix (family 'any') when it is empty: lazily, on first use. */
export async function ensureDiscountDefaults(opts: { db: DbOrTx }) {
  if ((await repo.countAuthority(opts.db)) > 0) return;
  await repo.insertMissingAuthority(
    opts.db,
    defaultDiscountAuthority.map((r) => ({
      role: r.role as repo.AuthorityRow['role'],
      orgLevel: r.orgLevel as repo.AuthorityRow['orgLevel'],
      productFamily: 'any' as const,
      maxDiscountBp: r.maxDiscountBp,
      maxMonthlyFen: r.maxMonthlyFen,
    })),
  );
}

async function rulesOf(db: DbOrTx): Promise<AuthorityRule[]> {
  await ensureDiscountDefaults({ db });
  return repo.listAuthority(db);
}

export async function listDiscountAuthority(opts: { ctx: RequestCtx }): Promise<DiscountAuthority[]> {
  await ensureDiscountDefaults({ db: opts.ctx.db });
  return (await repo.listAuthority(opts.ctx.db)).map(toAuthorityDto);
}

/** Sets one cell of the matrix (maxMonthlyFen null: no cap); administrators only, versioned and audited. */
export async function putDiscountAuthority(opts: {
  ctx: RequestCtx;
  input: z.infer<typeof discountAuthorityInput>;
  now?: Date;
}): Promise<DiscountAuthority> {
  const { ctx, input } = opts;
  return ctx.db.transaction(async (tx) => {
    await ensureDiscountDefaults({ db: tx });
    const before = await repo.findAuthority(tx, input, true);
    const after = await repo.upsertAuthority(tx, {
      ...input,
      updatedBy: ctx.user.id,
      updatedAt: opts.now ?? new Date(),
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: before ? 'update' : 'create',
      entity: 'discount_authority',
      entityId: after.id,
      before: before ?? null,
      after,
    });
    return toAuthorityDto(after);
  });
}

/** The matrix row that applies to a user for a product family (undefined: no authority). */
export async function discountAuthorityOf(opts: {
  db: DbOrTx;
  user: Pick<AuthUser, 'role' | 'orgUnitId'>;
  family: string;
}) {
  const unit = await findOrgUnitForReference({ db: opts.db, id: opts.user.orgUnitId });
  return authorityOf(await rulesOf(opts.db), { role: opts.user.role, level: unit?.level ?? 'any' }, opts.family);
}

/** Whether a user's discount authority covers a discount of a product family (for other modules' checks). */
export async function checkDiscountAuthority(opts: {
  db: DbOrTx;
  user: Pick<AuthUser, 'role' | 'orgUnitId'>;
  family: string;
  discount: Discount;
}) {
  const rule = await discountAuthorityOf(opts);
  return { allowed: coversDiscount(rule, opts.discount), rule };
}

/**
 * Reviews a discount that another module grants (e.g. a marketing offer): whether the user's own authority covers it
 * and, when not, the nearest manager up the user's chain whose authority does (else the top of the chain).
 */
export async function reviewDiscount(opts: {
  db: DbOrTx;
  user: Pick<AuthUser, 'id' | 'role' | 'orgUnitId'>;
  family: string;
  discount: Discount;
}) {
  const { allowed, rule } = await checkDiscountAuthority(opts);
  if (allowed) return { allowed, rule, approverId: null as number | null };
  const approver = nextGranter(await rulesOf(opts.db), await repo.chainAbove(opts.db, opts.user.id), opts.family, {
    ...opts.discount,
  });
  return { allowed, rule, approverId: approver?.id ?? null };
}

/** A list price and a percentage as a discount (basis points and the amount per month). */
export const percentDiscount = (listMonthlyFen: number, pct: number): Discount =>
  pct <= 0
    ? { discountBp: 0, discountMonthlyFen: 0 }
    : { discountBp: pct * 100, discountMonthlyFen: Math.round((listMonthlyFen * pct) / 100) };

const toRequestDto = (r: Awaited<ReturnType<typeof repo.listRequests>>['items'][number]): DiscountRequest => ({
  ...r.row,
  customerName: r.customerName,
  serviceNumber: r.serviceNumber,
  subjectZh: r.subjectZh,
  subjectEn: r.subjectEn,
  requestedByName: r.requestedByName,
  approverName: r.approverName,
  decidedByName: r.decidedByName,
  requesterLimit: r.row.requesterLimit ?? null,
  escalation:
    r.row.decisionReason === 'within_authority'
      ? []
      : escalationOf(r.row.requesterLimit, {
          discountBp: r.row.discountBp,
          discountMonthlyFen: r.row.discountMonthlyFen,
        }),
  decidedAt: r.row.decidedAt?.toISOString() ?? null,
  createdAt: r.row.createdAt.toISOString(),
});

async function viewRequest(ctx: RequestCtx, id: number): Promise<DiscountRequest> {
  const { items } = await repo.listRequests(ctx.db, ctx.scope, { id }, { limit: 1, offset: 0 });
  if (!items[0]) throw discountRequestNotFound();
  return toRequestDto(items[0]);
}

export async function listDiscountRequests(opts: {
  ctx: RequestCtx;
  query: z.infer<typeof discountRequestQuery>;
}): Promise<{ items: DiscountRequest[]; total: number }> {
  const { ctx, query } = opts;
  const { items, total } = await repo.listRequests(
    ctx.db,
    ctx.scope,
    {
      status: query.status,
      customerId: query.customerId,
      requestedBy: query.mine === 'requested' ? ctx.user.id : undefined,
      approverId: query.mine === 'to_approve' ? ctx.user.id : undefined,
    },
    { limit: query.limit, offset: query.offset },
  );
  return { items: items.map(toRequestDto), total };
}

export const getDiscountRequest = (opts: { ctx: RequestCtx; id: number }) => viewRequest(opts.ctx, opts.id);

const ctxIn = (ctx: RequestCtx, tx: DbOrTx): RequestCtx => ({ ...ctx, db: tx as Db });

/** The new price takes effect: on the customer's product (audited by the products module) or the option item. */
async function applyPrice(ctx: RequestCtx, tx: DbOrTx, r: repo.RequestRow) {
  if (r.productInstanceId !== null) {
    await updateProduct({
      ctx: ctxIn(ctx, tx),
      id: r.customerId,
      productId: r.productInstanceId,
      input: { monthlyFen: r.requestedMonthlyFen },
    });
  } else if (r.solutionOptionItemId !== null) {
    await setOptionItemPrice({
      tx,
      ctx,
      customerId: r.customerId,
      itemId: r.solutionOptionItemId,
      monthlyFen: r.requestedMonthlyFen,
      beforeMonthlyFen: r.listMonthlyFen,
    });
  }
}

/** What a discount is asked on: a held product or a solution-option item (unit prices, times the quantity). */
export type DiscountSubject = {
  customerId: number;
  productInstanceId: number | null;
  opportunityId?: number;
  solutionOptionId?: number;
  solutionOptionItemId?: number;
  family: string;
  listMonthlyFen: number;
  requestedMonthlyFen: number;
  quantity: number;
  source: 'quote' | 'price_review';
  reason: string;
};

/**
 * A discount asked for inside the caller's transaction. Within the requester's authority it is approved at once and
 * the price changes; beyond it the request waits for the nearest manager above whose authority covers it (notified),
 * and the price stays as it is. The requester's own limit is kept to show why it went up.
 */
export async function requestDiscountTx(opts: {
  ctx: RequestCtx;
  tx: DbOrTx;
  subject: DiscountSubject;
}): Promise<repo.RequestRow> {
  const { ctx, tx, subject } = opts;
  const discount = discountOfQuantity(subject.listMonthlyFen, subject.requestedMonthlyFen, subject.quantity);
  if (discount.discountBp === 0) throw noDiscount();
  const { allowed, rule } = await checkDiscountAuthority({ db: tx, user: ctx.user, family: subject.family, discount });
  const approver = allowed
    ? undefined
    : nextGranter(await rulesOf(tx), await repo.chainAbove(tx, ctx.user.id), subject.family, discount);
  const now = new Date();
  const row = await repo.insertRequest(tx, {
    customerId: subject.customerId,
    productInstanceId: subject.productInstanceId,
    opportunityId: subject.opportunityId ?? null,
    solutionOptionId: subject.solutionOptionId ?? null,
    solutionOptionItemId: subject.solutionOptionItemId ?? null,
    productFamily: subject.family,
    source: subject.source,
    listMonthlyFen: subject.listMonthlyFen,
    requestedMonthlyFen: subject.requestedMonthlyFen,
    ...discount,
    reason: subject.reason,
    requesterLimit: rule ? { maxDiscountBp: rule.maxDiscountBp, maxMonthlyFen: rule.maxMonthlyFen } : NO_AUTHORITY,
    status: allowed ? 'approved' : 'pending',
    requestedBy: ctx.user.id,
    approverId: allowed ? ctx.user.id : (approver?.id ?? null),
    decidedBy: allowed ? ctx.user.id : null,
    decidedAt: allowed ? now : null,
    decisionReason: allowed ? 'within_authority' : null,
  });
  await recordAudit({
    tx,
    actor: ctx.actor,
    action: 'create',
    entity: 'discount_request',
    entityId: row.id,
    customerId: row.customerId,
    before: null,
    after: row,
  });
  if (allowed) await applyPrice(ctx, tx, row);
  else if (approver) await askToApprove(tx, row, approver.id, ctx.user.id);
  return row;
}

/** POST /api/discount-requests: a discount on one of the customer's live products. */
export async function createDiscountRequest(opts: {
  ctx: RequestCtx;
  input: z.infer<typeof discountRequestCreate>;
}): Promise<DiscountRequest> {
  const { ctx, input } = opts;
  const id = await ctx.db.transaction(async (tx) => {
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: input.customerId });
    const product = (await productsOfCustomer({ db: tx, customerId: input.customerId })).find(
      (p) => p.id === input.productInstanceId,
    );
    if (!product || product.status === 'terminated')
      throw invalidField('productInstanceId', 'not a live product of this customer');
    const row = await requestDiscountTx({
      ctx,
      tx,
      subject: {
        customerId: input.customerId,
        productInstanceId: product.id,
        family: product.family,
        listMonthlyFen: product.monthlyFen,
        requestedMonthlyFen: input.requestedMonthlyFen,
        quantity: 1,
        source: input.source,
        reason: input.reason,
      },
    });
    return row.id;
  });
  return viewRequest(ctx, id);
}

/**
 * POST /api/ka/opportunities/{id}/options/{optionId}/items/{itemId}/quote: a new monthly unit price for a
 * solution-option item, measured against the offering's list price (the item's current price when the offering has
 * none). Within the AM's authority the item's price changes now; beyond it a pending request goes up the chain and
 * the item keeps its price until someone whose authority covers it approves.
 */
export async function quoteOptionItem(opts: {
  ctx: RequestCtx;
  opportunityId: number;
  optionId: number;
  itemId: number;
  input: z.infer<typeof optionItemQuote>;
}): Promise<DiscountRequest> {
  const { ctx, input } = opts;
  const id = await ctx.db.transaction(async (tx) => {
    const found = await lockOptionItemForQuote({ ...opts, tx });
    const listMonthlyFen = found.listMonthlyFen > 0 ? found.listMonthlyFen : found.item.monthlyFen;
    if (input.monthlyFen >= listMonthlyFen)
      throw invalidField('monthlyFen', `must be below the list price of ${listMonthlyFen} fen a month`);
    const row = await requestDiscountTx({
      ctx,
      tx,
      subject: {
        customerId: found.customerId,
        productInstanceId: null,
        opportunityId: opts.opportunityId,
        solutionOptionId: opts.optionId,
        solutionOptionItemId: found.item.id,
        family: found.family,
        listMonthlyFen,
        requestedMonthlyFen: input.monthlyFen,
        quantity: found.item.quantity,
        source: 'quote',
        reason: input.reason,
      },
    });
    return row.id;
  });
  return viewRequest(ctx, id);
}

const askToApprove = (tx: DbOrTx, r: repo.RequestRow, approverId: number, fromId: number) =>
  notifyUsers({
    tx,
    userIds: [approverId],
    alert: {
      kind: 'discount.approval',
      title: `优惠申请待审批：折扣 ${(r.discountBp / 100).toFixed(2)}%`,
      link: '/ka/discounts',
      data: { discountRequestId: r.id, customerId: r.customerId, discountBp: r.discountBp, escalatedFrom: fromId },
      dedupeKey: `discount:${r.id}:approval:${approverId}`,
    },
  });

/**
 * POST /api/discount-requests/{id}/decision: approve (the price changes now) or reject with a reason. Nobody decides
 * their own request; an approval beyond the approver's authority is refused (`discounts.over_authority`, 403) after
 * the next approver up their chain is asked. Rejections are not limited.
 */
export async function decideDiscountRequest(opts: {
  ctx: RequestCtx;
  id: number;
  input: { decision: 'approve' | 'reject'; reason?: string };
}): Promise<DiscountRequest> {
  const { ctx, id, input } = opts;
  const refused = await ctx.db.transaction(async (tx) => {
    const before = await repo.lockRequest(tx, id);
    if (!before) throw discountRequestNotFound();
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: before.customerId }).catch(() => {
      throw discountRequestNotFound();
    });
    if (before.status !== 'pending') throw notPending();
    if (before.requestedBy === ctx.user.id)
      throw new AppError('discounts.own_request', 403, 'Nobody may approve or reject their own discount request');
    const discount = { discountBp: before.discountBp, discountMonthlyFen: before.discountMonthlyFen };
    if (input.decision === 'approve') {
      const { allowed, rule } = await checkDiscountAuthority({
        db: tx,
        user: ctx.user,
        family: before.productFamily,
        discount,
      });
      if (!allowed) return { before, rule };
    }
    const after = await repo.updateRequest(tx, id, {
      status: input.decision === 'approve' ? 'approved' : 'rejected',
      decidedBy: ctx.user.id,
      decidedAt: new Date(),
      decisionReason: input.reason ?? null,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: input.decision,
      entity: 'discount_request',
      entityId: id,
      customerId: before.customerId,
      before: { status: before.status },
      after: { status: after.status, decisionReason: after.decisionReason },
    });
    if (input.decision === 'approve') await applyPrice(ctx, tx, after);
    else if (after.solutionOptionItemId !== null)
      await revertRejectedQuote({
        tx,
        ctx,
        customerId: after.customerId,
        itemId: after.solutionOptionItemId,
        quotedFen: after.requestedMonthlyFen,
        listFen: after.listMonthlyFen,
      });
    if (before.requestedBy)
      await notifyUsers({
        tx,
        userIds: [before.requestedBy],
        alert: {
          kind: 'discount.decided',
          title: input.decision === 'approve' ? '优惠申请已批准，新价格已生效' : '优惠申请被驳回',
          body: input.reason ?? '',
          link: '/ka/discounts',
          data: { discountRequestId: id, decision: input.decision },
          dedupeKey: `discount:${id}:decided`,
        },
      });
    return null;
  });
  if (refused) {
    const escalated = await escalate(ctx, refused.before);
    throw overAuthority({
      ...refused.before,
      maxDiscountBp: refused.rule?.maxDiscountBp ?? 0,
      maxMonthlyFen: refused.rule ? refused.rule.maxMonthlyFen : 0,
      escalated,
    });
  }
  return viewRequest(ctx, id);
}

/** An approver refused for their authority: the next one above them who may grant it is asked; audited. */
async function escalate(ctx: RequestCtx, r: repo.RequestRow): Promise<boolean> {
  return ctx.db.transaction(async (tx) => {
    const discount = { discountBp: r.discountBp, discountMonthlyFen: r.discountMonthlyFen };
    const approver = nextGranter(await rulesOf(tx), await repo.chainAbove(tx, ctx.user.id), r.productFamily, discount);
    if (approver) {
      await repo.updateRequest(tx, r.id, { approverId: approver.id });
      await askToApprove(tx, r, approver.id, ctx.user.id);
    }
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'escalate',
      entity: 'discount_request',
      entityId: r.id,
      customerId: r.customerId,
      before: { approverId: r.approverId },
      after: { approverId: approver?.id ?? r.approverId },
    });
    return Boolean(approver);
  });
}

/** Pending discount requests on a solution option's items (an option with one cannot be chosen yet). */
export const pendingQuotesOfOption = (opts: { db: DbOrTx; optionId: number }) =>
  repo.countPendingOfOption(opts.db, opts.optionId);
