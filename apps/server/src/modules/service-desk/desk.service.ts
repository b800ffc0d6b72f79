// Shared pieces of the service desk: customer facts for SLA matching and priority (class, KA tier and importance
// from the grading module), viewer and authority checks, DTO mapping, departments and the ticket taxonomy.
import {
  type KaImportance,
  type KaTier,
  kaImportances,
  kaTiers,
  maskPersonalValue,
  type TicketSummary,
} from '@crm/contracts';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { AppError, invalidField } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { getCustomerEntitlements } from '../entitlements/entitlements.service';
import { getCustomerGrading } from '../grading/grading.service';
import { findUserRefs, isManagerOf } from './desk.queries';
import { ensureServiceDeskDefaults } from './sla/sla-admin.service';
import type { TicketSummaryRow, Viewer } from './tickets/tickets.queries';
import * as repo from './tickets/tickets.repository';

export type CustomerFacts = {
  customerId: number;
  category: 'key_account' | 'business' | 'public';
  orgUnitId: number;
  accountManagerId: number | null;
  tier: KaTier | null;
  importance: KaImportance | null;
  stars: number | null;
  abcClass: string | null;
  period: string | null;
};

const asTier = (v: string | null | undefined): KaTier | null =>
  (kaTiers as readonly string[]).includes(v ?? '') ? (v as KaTier) : null;
const asImportance = (v: string | null | undefined): KaImportance | null =>
  (kaImportances as readonly string[]).includes(v ?? '') ? (v as KaImportance) : null;

/**
 * A visible customer's class and latest grading (no grading yet = untiered). Throws `customerId` 400 when the
 * customer is missing or outside the viewer's scope.
 */
export async function customerFacts(opts: { db: DbOrTx; ctx: RequestCtx; customerId: number }): Promise<CustomerFacts> {
  const { db, ctx, customerId } = opts;
  let customer: Awaited<ReturnType<typeof requireVisibleCustomer>>['customer'];
  try {
    customer = (await requireVisibleCustomer({ db, scope: ctx.scope, id: customerId })).customer;
  } catch (err) {
    if (err instanceof AppError && err.statusCode === 404) throw invalidField('customerId', 'customer not found');
    throw err;
  }
  const grading = await getCustomerGrading({ db, customerId, historyLimit: 1 });
  return {
    customerId,
    category: customer.category,
    orgUnitId: customer.orgUnitId,
    accountManagerId: customer.accountManagerId,
    tier: customer.category === 'key_account' ? asTier(grading?.tier) : null,
    importance: customer.category === 'key_account' ? asImportance(grading?.importance) : null,
    stars: grading?.stars ?? null,
    abcClass: grading?.abcClass ?? null,
    period: grading?.period ?? null,
  };
}

/**
 * The committed repair limit (minutes) a key account holds through its entitlements (`repair_time_limit`, hours per
 * tier, bound from the grading by the entitlements module); null when none is bound yet (SLA policies then apply).
 */
export async function entitledRepairMinutes(ctx: RequestCtx, customerId: number): Promise<number | null> {
  const entitlements = await getCustomerEntitlements({ ctx, customerId });
  return repairMinutesOf(entitlements.items);
}

/** The committed repair limit (minutes) among bound entitlements, or null. */
export function repairMinutesOf(items: { code: string; value: number | null }[]): number | null {
  const hours = items.find((i) => i.code === 'repair_time_limit')?.value;
  return typeof hours === 'number' && hours > 0 ? hours * 60 : null;
}

export const viewerOf = (ctx: RequestCtx): Viewer => ({ scope: ctx.scope, userId: ctx.user.id });

/** First-contact ownership: is the signed-in user the owner, or a manager above the owner? */
export async function authorityOver(ctx: RequestCtx, db: DbOrTx, ownerId: number) {
  const isOwner = ctx.user.id === ownerId;
  const managesOwner =
    !isOwner &&
    ctx.can('tickets.manage') &&
    (ctx.scope.kind === 'all' || (await isManagerOf(db, ctx.user.id, ownerId)));
  return { isOwner, managesOwner };
}

export const notOwner = () =>
  new AppError('tickets.not_owner', 403, 'Only the first-contact owner of the ticket or their manager may do this');

export const ticketNotFound = () => new AppError('tickets.not_found', 404, 'Ticket not found');

export const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export const toTicketSummary = (r: TicketSummaryRow): TicketSummary => ({
  ...r,
  resolutionDueAt: iso(r.resolutionDueAt),
  resolutionWarnAt: iso(r.resolutionWarnAt),
  resolutionClockState: r.resolutionClockState ?? null,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** A phone number for the viewer: the one masking decision of personal fields (`maskPersonalValue`). */
export const maskedPhone = (
  ctx: RequestCtx,
  phone: string | null,
  field: 'phone' | 'mobile' | 'callerPhone' = 'phone',
) => maskPersonalValue(field, phone, ctx.can('pii.read'));

/** Display names of users by id (one query). */
export async function userNames(db: DbOrTx, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => typeof i === 'number'))];
  return new Map((await findUserRefs(db, wanted)).map((u) => [u.id, u.displayName]));
}

// Departments and the ticket taxonomy.

export async function listDepartments(opts: { db: DbOrTx }) {
  await ensureServiceDeskDefaults({ db: opts.db });
  const rows = await repo.listDepartments(opts.db);
  const names = await userNames(
    opts.db,
    rows.map((r) => r.headUserId),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    orgUnitId: r.orgUnitId,
    headUserId: r.headUserId,
    headUserName: r.headUserId ? (names.get(r.headUserId) ?? null) : null,
  }));
}

export async function createDepartment(opts: {
  ctx: RequestCtx;
  input: { code: string; name: string; nameEn?: string | null; orgUnitId?: number | null; headUserId?: number | null };
}) {
  const { ctx, input } = opts;
  await ensureServiceDeskDefaults({ db: ctx.db });
  const id = await ctx.db.transaction(async (tx) => {
    if (input.headUserId && (await findUserRefs(tx, [input.headUserId])).length === 0)
      throw invalidField('headUserId', 'user not found');
    const row = await repo.insertDepartment(tx, {
      code: input.code,
      name: input.name,
      nameEn: input.nameEn ?? null,
      orgUnitId: input.orgUnitId ?? null,
      headUserId: input.headUserId ?? null,
    });
    if (!row)
      throw new AppError('service_desk.department_exists', 409, 'code: already taken', [
        { path: 'code', message: 'already taken' },
      ]);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'department',
      entityId: row.id,
      before: null,
      after: row,
    });
    return row.id;
  });
  return (await listDepartments({ db: ctx.db })).find((d) => d.id === id)!;
}

export async function listCategories(opts: { db: DbOrTx }) {
  await ensureServiceDeskDefaults({ db: opts.db });
  return (await repo.listCategories(opts.db)).map((c) => ({
    id: c.id,
    parentId: c.parentId,
    code: c.code,
    nameZh: c.nameZh,
    nameEn: c.nameEn,
  }));
}

export async function createCategory(opts: {
  ctx: RequestCtx;
  input: { parentId?: number | null; code: string; nameZh: string; nameEn: string };
}) {
  const { ctx, input } = opts;
  await ensureServiceDeskDefaults({ db: ctx.db });
  const row = await ctx.db.transaction(async (tx) => {
    if (input.parentId && !(await repo.findCategory(tx, input.parentId)))
      throw invalidField('parentId', 'category not found');
    const created = await repo.insertCategory(tx, { ...input, parentId: input.parentId ?? null });
    if (!created)
      throw new AppError('service_desk.category_exists', 409, 'code: already taken', [
        { path: 'code', message: 'already taken' },
      ]);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'ticket_category',
      entityId: created.id,
      before: null,
      after: created,
    });
    return created;
  });
  return { id: row.id, parentId: row.parentId, code: row.code, nameZh: row.nameZh, nameEn: row.nameEn };
}
