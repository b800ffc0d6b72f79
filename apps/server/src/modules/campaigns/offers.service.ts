// Offers: value propositions bound to catalogue products. The discount is checked against the creator's discount
// authority (discounts module): within it the offer is approved at once, beyond it it waits for the nearest manager
// up the creator's chain whose authority covers it (POST /api/marketing/offers/:id/decision). A campaign launches
// only with an approved offer valid on the day.
import type { offerCreate, offerDecision, SegmentDefinition } from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { recordAudit } from '../audit/audit.service';
import { checkDiscountAuthority, percentDiscount, reviewDiscount } from '../discounts/discounts.service';
import { notifyUsers } from '../notifications/notifications.service';
import {
  badValidity,
  offerNotFound,
  offerNotPending,
  offerOverAuthority,
  ownOffer,
  unknownOffering,
} from './campaigns.errors';
import * as repo from './campaigns.repository';

type OfferRow = NonNullable<Awaited<ReturnType<typeof repo.findOffer>>>;
const dto = (r: OfferRow) => {
  const { offeringFamily: _f, createdBy: _c, ...rest } = r;
  return {
    ...rest,
    description: r.description ?? null,
    eligibility: (r.eligibility ?? null) as SegmentDefinition | null,
    validFrom: String(r.validFrom),
    validTo: String(r.validTo),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionReason: r.decisionReason ?? null,
    approverName: r.approverName ?? null,
    decidedByName: r.decidedByName ?? null,
    createdByName: r.createdByName ?? null,
  };
};
export type OfferDto = ReturnType<typeof dto>;
/** The offers screen with the offer highlighted (the deep link of its alerts). */
const offerLink = (id: number) => `/marketing/offers?offer=${id}`;

export async function listOffers(opts: { ctx: RequestCtx }) {
  return (await repo.listOffers(opts.ctx.db)).map(dto);
}

export async function requireOffer(opts: { db: DbOrTx; id: number }) {
  const row = await repo.findOffer(opts.db, opts.id);
  if (!row) throw offerNotFound();
  return dto(row);
}

export async function getOffer(opts: { ctx: RequestCtx; id: number }) {
  return requireOffer({ db: opts.ctx.db, id: opts.id });
}

/** Whether an offer may be taken on a day (Asia/Shanghai, ISO date): its validity. */
export const offerValidOn = (o: Pick<OfferDto, 'validFrom' | 'validTo'>, day: string) =>
  o.validFrom <= day && day <= o.validTo;

export async function createOffer(opts: { ctx: RequestCtx; input: z.infer<typeof offerCreate> }) {
  const { ctx, input } = opts;
  if (input.validTo < input.validFrom) throw badValidity();
  return ctx.db.transaction(async (tx) => {
    const offering = await repo.offeringByCode(tx, input.offeringCode);
    if (!offering) throw unknownOffering(input.offeringCode);
    const review = await reviewDiscount({
      db: tx,
      user: ctx.user,
      family: offering.family,
      discount: percentDiscount(input.monthlyPriceFen, input.discountPct),
    });
    const now = new Date();
    const row = await repo.insertOffer(tx, {
      code: input.code,
      name: input.name,
      description: input.description ?? null,
      offeringId: offering.id,
      monthlyPriceFen: input.monthlyPriceFen,
      discountPct: input.discountPct,
      eligibility: input.eligibility ?? null,
      validFrom: input.validFrom,
      validTo: input.validTo,
      approvalStatus: review.allowed ? 'approved' : 'pending',
      approverId: review.allowed ? null : review.approverId,
      decidedBy: review.allowed ? ctx.user.id : null,
      decidedAt: review.allowed ? now : null,
      decisionReason: review.allowed ? 'within_authority' : null,
      createdBy: ctx.user.id,
    });
    const { createdAt: _c, ...after } = row;
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'marketing_offer',
      entityId: row.id,
      before: null,
      after,
    });
    if (!review.allowed && review.approverId) {
      await notifyUsers({
        tx,
        userIds: [review.approverId],
        alert: {
          kind: 'campaigns.offer_approval',
          title: `营销优惠待审批：${row.name}（折扣 ${row.discountPct}%）`,
          link: offerLink(row.id),
          data: { offerId: row.id, offerName: row.name, discountPct: row.discountPct },
          dedupeKey: `marketing-offer:${row.id}:approval:${review.approverId}`,
        },
      });
    }
    return requireOffer({ db: tx, id: row.id });
  });
}

/**
 * Approves or rejects an offer pending approval. Nobody decides their own offer; an approval needs the decider's
 * own discount authority to cover the discount (403 `campaigns.offer_over_authority`). Rejections are not limited.
 */
export async function decideOffer(opts: {
  ctx: RequestCtx;
  id: number;
  input: z.infer<typeof offerDecision>;
  now?: Date;
}) {
  const { ctx, id, input } = opts;
  return ctx.db.transaction(async (tx) => {
    const before = await repo.lockOffer(tx, id);
    if (!before) throw offerNotFound();
    if (before.approvalStatus !== 'pending') throw offerNotPending();
    if (before.createdBy === ctx.user.id) throw ownOffer();
    const full = await requireOffer({ db: tx, id });
    if (input.decision === 'approve') {
      const family = (await repo.findOffer(tx, id))?.offeringFamily ?? 'any';
      const { allowed, rule } = await checkDiscountAuthority({
        db: tx,
        user: ctx.user,
        family,
        discount: percentDiscount(before.monthlyPriceFen, before.discountPct),
      });
      if (!allowed) throw offerOverAuthority(Math.floor((rule?.maxDiscountBp ?? 0) / 100));
    }
    const after = await repo.updateOffer(tx, id, {
      approvalStatus: input.decision === 'approve' ? 'approved' : 'rejected',
      decidedBy: ctx.user.id,
      decidedAt: opts.now ?? new Date(),
      decisionReason: input.reason ?? null,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: input.decision,
      entity: 'marketing_offer',
      entityId: id,
      before: { approvalStatus: before.approvalStatus },
      after: { approvalStatus: after.approvalStatus, decisionReason: after.decisionReason },
    });
    if (before.createdBy) {
      await notifyUsers({
        tx,
        userIds: [before.createdBy],
        alert: {
          kind: 'campaigns.offer_decided',
          title: input.decision === 'approve' ? `营销优惠已批准：${full.name}` : `营销优惠被驳回：${full.name}`,
          body: input.reason ?? '',
          link: offerLink(id),
          data: { offerId: id, offerName: full.name, decision: input.decision },
          dedupeKey: `marketing-offer:${id}:decided`,
        },
      });
    }
    return requireOffer({ db: tx, id });
  });
}
