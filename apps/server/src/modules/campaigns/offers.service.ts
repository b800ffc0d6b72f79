import type { offerCreate, SegmentDefinition } from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { recordAudit } from '../audit/audit.service';
import { badValidity, offerNotFound, unknownOffering } from './campaigns.errors';
import * as repo from './campaigns.repository';

type OfferRow = NonNullable<Awaited<ReturnType<typeof repo.findOffer>>>;
const dto = (r: OfferRow) => ({
  ...r,
  description: r.description ?? null,
  eligibility: (r.eligibility ?? null) as SegmentDefinition | null,
  validFrom: String(r.validFrom),
  validTo: String(r.validTo),
});

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

export async function createOffer(opts: { ctx: RequestCtx; input: z.infer<typeof offerCreate> }) {
  const { ctx, input } = opts;
  if (input.validTo < input.validFrom) throw badValidity();
  return ctx.db.transaction(async (tx) => {
    const offering = await repo.offeringByCode(tx, input.offeringCode);
    if (!offering) throw unknownOffering(input.offeringCode);
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
    const full = await repo.findOffer(tx, row.id);
    if (!full) throw offerNotFound();
    return dto(full);
  });
}
