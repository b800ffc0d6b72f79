// Prices of solution-option items for discount authority (优惠权限): the discounts module locks an item to quote it
// and sets its monthly price once a quote is approved. Kept apart from solutions.service (which asks the discounts
// module about new options) so the two modules do not import each other.
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { conflict, notFound } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { isClosed } from './opportunities.models';
import * as repo from './opportunities.repository';
import { lockVisibleOpportunity } from './opportunities.service';

export const optionItemNotFound = () =>
  notFound('opportunities.option_item_not_found', 'Solution option item not found');

/** A visible, open opportunity's option item, locked, with its offering's family and list price. */
export async function lockOptionItemForQuote(opts: {
  ctx: RequestCtx;
  tx: DbOrTx;
  opportunityId: number;
  optionId: number;
  itemId: number;
}) {
  const opp = await lockVisibleOpportunity(opts.ctx, opts.tx, opts.opportunityId);
  if (isClosed(opp.stage))
    throw conflict('opportunities.closed', `The opportunity is ${opp.stage}; its solution options cannot change`);
  const row = await repo.lockOptionItem(opts.tx, opts.opportunityId, opts.optionId, opts.itemId);
  if (!row) throw optionItemNotFound();
  return { ...row, customerId: opp.customerId };
}

/** Sets an option item's monthly unit price (an approved quote); audited. Missing item (option deleted): false. */
export async function setOptionItemPrice(opts: {
  tx: DbOrTx;
  ctx: RequestCtx;
  customerId: number;
  itemId: number;
  monthlyFen: number;
  beforeMonthlyFen?: number;
}): Promise<boolean> {
  const after = await repo.updateOptionItemPrice(opts.tx, opts.itemId, opts.monthlyFen);
  if (!after) return false;
  await recordAudit({
    tx: opts.tx,
    actor: opts.ctx.actor,
    action: 'update',
    entity: 'solution_option_item',
    entityId: opts.itemId,
    customerId: opts.customerId,
    before: opts.beforeMonthlyFen === undefined ? null : { monthlyFen: opts.beforeMonthlyFen },
    after: { monthlyFen: opts.monthlyFen },
  });
  return true;
}

/**
 * A rejected quote made when the option was designed (the item carries the quoted price): the item goes back to the
 * list price; audited. An item priced otherwise since (or deleted) is left alone.
 */
export async function revertRejectedQuote(opts: {
  tx: DbOrTx;
  ctx: RequestCtx;
  customerId: number;
  itemId: number;
  quotedFen: number;
  listFen: number;
}) {
  if (!(await repo.revertOptionItemPrice(opts.tx, opts.itemId, opts.quotedFen, opts.listFen))) return;
  await recordAudit({
    tx: opts.tx,
    actor: opts.ctx.actor,
    action: 'update',
    entity: 'solution_option_item',
    entityId: opts.itemId,
    customerId: opts.customerId,
    before: { monthlyFen: opts.quotedFen },
    after: { monthlyFen: opts.listFen },
  });
}
