import type { solutionOptionCreate } from '@crm/contracts';
import type { z } from 'zod';
import type { RequestCtx } from '../../platform/context';
import { conflict, invalidField, notFound } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { pendingQuotesOfOption, requestDiscountTx } from '../discounts/discounts.service';
import { createServiceOrderTx } from '../fulfilment/fulfilment.service';
import { listOfferings } from '../products/products.service';
import { isClosed } from './opportunities.models';
import * as repo from './opportunities.repository';
import { getOpportunity, lockVisibleOpportunity } from './opportunities.service';

const optionNotFound = () => notFound('opportunities.option_not_found', 'Solution option not found');
const closedOpportunity = (stage: string) =>
  conflict('opportunities.closed', `The opportunity is ${stage}; its solution options cannot change`);

/**
 * Adds a solution option (S1: Centrex, analogue trunk, digital circuit ...): products with quantities, unit one-time
 * and monthly charges, the required investment and the term. An early-stage opportunity moves to `solution`.
 */
export async function addOption(opts: { ctx: RequestCtx; id: number; input: z.infer<typeof solutionOptionCreate> }) {
  const { ctx, id, input } = opts;
  await ctx.db.transaction(async (tx) => {
    const opp = await lockVisibleOpportunity(ctx, tx, id);
    if (isClosed(opp.stage)) throw closedOpportunity(opp.stage);
    const offerings = new Map((await listOfferings({ db: tx })).map((o) => [o.id, o]));
    for (const [i, item] of input.items.entries()) {
      if (!offerings.has(item.offeringId)) throw invalidField(`items.${i}.offeringId`, 'product offering not found');
    }
    // Discount authority (优惠权限): an item priced below its offering's list price is quoted; within the AM's
    // authority the quote is approved at once, beyond it it waits for approval up the chain and the option cannot be
    // chosen (become an order) until then; a rejected quote puts the item back at the list price.
    const listOf = (offeringId: number) => offerings.get(offeringId)?.defaultMonthlyFen ?? 0;
    const discounted = (i: { offeringId: number; monthlyFen: number }) =>
      listOf(i.offeringId) > 0 && i.monthlyFen < listOf(i.offeringId);
    const option = await repo.insertOption(tx, {
      opportunityId: id,
      name: input.name,
      summary: input.summary ?? null,
      termMonths: input.termMonths,
      investmentFen: input.investmentFen,
    });
    const items = await repo.insertOptionItems(
      tx,
      input.items.map((i) => ({
        optionId: option.id,
        offeringId: i.offeringId,
        description: i.description ?? null,
        quantity: i.quantity,
        oneTimeFen: i.oneTimeFen,
        monthlyFen: i.monthlyFen,
      })),
    );
    for (const [i, item] of input.items.entries()) {
      if (!discounted(item)) continue;
      await requestDiscountTx({
        ctx,
        tx,
        subject: {
          customerId: opp.customerId,
          productInstanceId: null,
          opportunityId: id,
          solutionOptionId: option.id,
          solutionOptionItemId: items[i].id,
          family: offerings.get(item.offeringId)?.family ?? 'any',
          listMonthlyFen: listOf(item.offeringId),
          requestedMonthlyFen: item.monthlyFen,
          quantity: item.quantity,
          source: 'quote',
          reason: `${input.name}${input.summary ? `：${input.summary}` : ''}`,
        },
      });
    }
    if (opp.stage === 'lead' || opp.stage === 'qualifying') await repo.updateOpportunity(tx, id, { stage: 'solution' });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'solution_option',
      entityId: option.id,
      customerId: opp.customerId,
      before: null,
      after: { ...input, items: input.items.length },
    });
  });
  return getOpportunity({ ctx, id });
}

export async function deleteOption(opts: { ctx: RequestCtx; id: number; optionId: number }) {
  const { ctx, id, optionId } = opts;
  await ctx.db.transaction(async (tx) => {
    const opp = await lockVisibleOpportunity(ctx, tx, id);
    if (isClosed(opp.stage)) throw closedOpportunity(opp.stage);
    const row = await repo.deleteOption(tx, id, optionId);
    if (!row) throw optionNotFound();
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'delete',
      entity: 'solution_option',
      entityId: optionId,
      customerId: opp.customerId,
      before: { name: row.name },
      after: null,
    });
  });
  return getOpportunity({ ctx, id });
}

/**
 * The customer chose an option: the opportunity is won and becomes a service order with the option's products and
 * charges, whose fulfilment steps start today (DOMAIN.md 5.1).
 */
export async function chooseOption(opts: { ctx: RequestCtx; id: number; optionId: number }) {
  const { ctx, id, optionId } = opts;
  return ctx.db.transaction(async (tx) => {
    const opp = await lockVisibleOpportunity(ctx, tx, id);
    if (isClosed(opp.stage)) throw closedOpportunity(opp.stage);
    const option = (await repo.listOptions(tx, id)).find((o) => o.id === optionId);
    if (!option) throw optionNotFound();
    if ((await pendingQuotesOfOption({ db: tx, optionId })) > 0)
      throw conflict(
        'opportunities.quote_pending',
        'A quote of this option waits for discount approval; it can be chosen once approved or rejected',
      );
    const items = (await repo.listOptionItems(tx, [optionId])).map((i) => i.item);
    await repo.markChosen(tx, id, optionId);
    const orderId = await createServiceOrderTx({
      tx,
      actor: ctx.actor,
      customerId: opp.customerId,
      opportunityId: id,
      optionId,
      title: `${opp.title} — ${option.name}`,
      amId: opp.ownerId,
      termMonths: option.termMonths,
      items: items.map((i) => ({
        offeringId: i.offeringId,
        description: i.description,
        quantity: i.quantity,
        oneTimeFen: i.oneTimeFen,
        monthlyFen: i.monthlyFen,
      })),
    });
    const monthly = items.reduce((s, i) => s + i.quantity * i.monthlyFen, 0);
    const oneTime = items.reduce((s, i) => s + i.quantity * i.oneTimeFen, 0);
    await repo.updateOpportunity(tx, id, {
      stage: 'won',
      chosenOptionId: optionId,
      closedAt: new Date(),
      estMonthlyFen: monthly,
      estOneTimeFen: oneTime,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'choose',
      entity: 'opportunity',
      entityId: id,
      customerId: opp.customerId,
      before: { stage: opp.stage, chosenOptionId: opp.chosenOptionId },
      after: { stage: 'won', chosenOptionId: optionId, orderId },
    });
    return { opportunityId: id, orderId };
  });
}
