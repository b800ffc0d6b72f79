import type {
  BindingTierCode,
  CustomerEntitlements,
  clubMembershipSet,
  EntitlementType,
  entitlementTierRuleUpdate,
  entitlementUsageCreate,
  entitlementUsageResult,
  KaTierCode,
  StarLevelCode,
} from '@crm/contracts';
import { starLevelCodes } from '@crm/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor, RequestCtx } from '../../platform/context';
import { invalidField, notFound } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { getCustomerGrading } from '../grading/grading.service';
import { enqueueJob } from '../jobs/jobs.service';
import { todayIso } from '../ka-common/ka-common.models';
import {
  bindingTierOf,
  type ClubCard,
  defaultCatalog,
  diffBindings,
  entitlementsFor,
  exceedsAllowance,
  isStarTier,
  type Period,
  periodKey,
  remainingOf,
  type StarTier,
  type Tier,
} from './entitlements.models';
import * as repo from './entitlements.repository';

export const REBIND_JOB = 'entitlements.rebind';
const tierCodes = ['crystal', 'gold', 'gem', 'platinum', 'jade', 'diamond'];
const asTier = (t: string | null | undefined): Tier | null => (t && tierCodes.includes(t) ? (t as Tier) : null);
const asBindingTier = (t: string | null | undefined): BindingTierCode | null => asTier(t) ?? (isStarTier(t) ? t : null);

const seeded = new WeakSet<object>();

/** Seeds the default catalogue (DOMAIN.md section 4) once per database; idempotent. */
export async function ensureEntitlementCatalog(opts: { db: DbOrTx }): Promise<void> {
  const { db } = opts;
  if (seeded.has(db)) return;
  if ((await repo.countTypes(db)) < defaultCatalog.length) {
    for (const [i, c] of defaultCatalog.entries()) {
      const type = await repo.insertTypeIfMissing(db, {
        code: c.code,
        category: c.category,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        unit: c.unit,
        period: c.period,
        clubCardOnly: c.clubCardOnly ?? false,
        sort: i,
      });
      for (const [tier, g] of [...Object.entries(c.tiers), ...Object.entries(c.stars ?? {})] as [
        string,
        { allowance: number | null; value?: number | null },
      ][]) {
        await repo.insertTierRuleIfMissing(db, {
          typeId: type.id,
          tier,
          allowance: g.allowance,
          value: g.value ?? null,
        });
      }
    }
  }
  seeded.add(db);
}

export async function getCatalog(opts: { db: DbOrTx }): Promise<EntitlementType[]> {
  await ensureEntitlementCatalog(opts);
  const [types, rules] = await Promise.all([repo.listTypes(opts.db), repo.listTierRules(opts.db)]);
  return types
    .filter((t) => t.active)
    .map((t) => ({
      id: t.id,
      code: t.code,
      category: t.category,
      nameZh: t.nameZh,
      nameEn: t.nameEn,
      unit: t.unit,
      period: t.period,
      clubCardOnly: t.clubCardOnly,
      tiers: rules
        .filter((r) => r.typeId === t.id && asTier(r.tier))
        .sort((a, b) => tierCodes.indexOf(a.tier) - tierCodes.indexOf(b.tier))
        .map((r) => ({ tier: r.tier as KaTierCode, allowance: r.allowance, value: r.value, enabled: r.enabled })),
      stars: rules
        .filter((r) => r.typeId === t.id && (starLevelCodes as readonly string[]).includes(r.tier))
        .sort((a, b) => a.tier.localeCompare(b.tier))
        .map((r) => ({ tier: r.tier as StarLevelCode, allowance: r.allowance, value: r.value, enabled: r.enabled })),
    }));
}

/** Changes what a tier (or star level) gets of a type; customers bound to it are re-bound by a job. */
export async function updateTierRule(opts: {
  ctx: RequestCtx;
  typeId: number;
  tier: KaTierCode | StarLevelCode;
  input: z.infer<typeof entitlementTierRuleUpdate>;
}): Promise<EntitlementType[]> {
  const { ctx, typeId, tier, input } = opts;
  await ensureEntitlementCatalog({ db: ctx.db });
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.findType(tx, typeId))) throw notFound('entitlements.type_not_found', 'Entitlement type not found');
    const before = (await repo.listTierRules(tx)).find((r) => r.typeId === typeId && r.tier === tier);
    const after = await repo.upsertTierRule(tx, {
      typeId,
      tier,
      allowance: input.allowance !== undefined ? input.allowance : (before?.allowance ?? null),
      value: input.value !== undefined ? input.value : (before?.value ?? null),
      enabled: input.enabled ?? before?.enabled ?? true,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'entitlement_tier_rule',
      entityId: `${typeId}:${tier}`,
      before: before ? { allowance: before.allowance, value: before.value, enabled: before.enabled } : null,
      after: { allowance: after.allowance, value: after.value, enabled: after.enabled },
    });
    await enqueueJob({ db: tx, type: REBIND_JOB, payload: { tier }, createdBy: ctx.user.id });
  });
  return getCatalog({ db: ctx.db });
}

/**
 * Binds the customer's entitlements to its current grading (and club card): grants that no longer apply or changed
 * end today, new ones start today. Idempotent; the lead wires it to tier changes (see entitlements.jobs.ts).
 */
export async function rebindEntitlements(opts: {
  db: Db | DbOrTx;
  customerId: number;
  actor: Actor;
  today?: string;
}): Promise<{ customerId: number; tier: KaTierCode | StarTier | null; opened: number; closed: number }> {
  const { db, customerId, actor } = opts;
  const today = opts.today ?? todayIso();
  await ensureEntitlementCatalog({ db });
  const grading = await getCustomerGrading({ db, customerId, historyLimit: 1 });
  const tier = bindingTierOf(asTier(grading?.tier), grading?.stars);
  return db.transaction(async (tx) => {
    await repo.lockBindings(tx, customerId);
    const club = await repo.findClub(tx, customerId);
    const desired = entitlementsFor(await repo.listTierRules(tx), tier, (club?.card as ClubCard) ?? null);
    const current = (await repo.currentBindings(tx, customerId)).map((r) => r.binding);
    const { close, open } = diffBindings(current, desired);
    if (close.length === 0 && open.length === 0) return { customerId, tier, opened: 0, closed: 0 };
    await repo.closeBindings(tx, close, today);
    // A grant opened and closed on the same day (a second re-bind that day) is simply replaced.
    await repo.insertBindings(
      tx,
      open.map((b) => ({ customerId, ...b, validFrom: today })),
    );
    await recordAudit({
      tx,
      actor,
      action: 'rebind',
      entity: 'customer_entitlements',
      entityId: customerId,
      customerId,
      before: { tier: current[0]?.tier ?? null, grants: current.length },
      after: { tier, grants: desired.length },
    });
    return { customerId, tier, opened: open.length, closed: close.length };
  });
}

/** What the customer is entitled to now, how much of each allowance it used this period, and the latest uses. */
export async function getCustomerEntitlements(opts: {
  ctx: RequestCtx;
  customerId: number;
  asOf?: string;
}): Promise<CustomerEntitlements> {
  const { ctx, customerId } = opts;
  const asOf = opts.asOf ?? todayIso();
  await requireVisibleCustomer({ db: ctx.db, scope: ctx.scope, id: customerId });
  await ensureEntitlementCatalog({ db: ctx.db });
  const bindings = await repo.currentBindings(ctx.db, customerId);
  const keys = bindings.map((b) => ({ typeId: b.type.id, periodKey: periodKey(asOf, b.type.period as Period) }));
  const used = await repo.usedIn(ctx.db, customerId, keys);
  const club = await repo.findClub(ctx.db, customerId);
  const usages = await repo.listUsages(ctx.db, customerId, 50);
  return {
    customerId,
    tier: asBindingTier(bindings[0]?.binding.tier),
    clubCard: club?.card ?? null,
    asOf,
    items: bindings.map(({ binding: b, type: t }) => {
      const key = periodKey(asOf, t.period as Period);
      const n = used.get(`${t.id}:${key}`) ?? 0;
      return {
        typeId: t.id,
        code: t.code,
        category: t.category,
        nameZh: t.nameZh,
        nameEn: t.nameEn,
        unit: t.unit,
        period: t.period,
        tier: b.tier as BindingTierCode,
        allowance: b.allowance,
        value: b.value,
        validFrom: b.validFrom,
        periodKey: key,
        used: n,
        remaining: remainingOf(b.allowance, n),
        over: b.allowance !== null && n > b.allowance,
      };
    }),
    usages: usages.map((u) => ({
      id: u.usage.id,
      typeId: u.usage.typeId,
      code: u.code,
      usedOn: u.usage.usedOn,
      periodKey: u.usage.periodKey,
      quantity: u.usage.quantity,
      usedBy: u.usage.usedBy,
      note: u.usage.note,
      overAllowance: u.usage.overAllowance,
      recordedByName: u.recordedByName,
    })),
  };
}

/**
 * Records a use of an entitlement inside the caller's transaction (who used what, when). A use beyond the period
 * allowance is recorded and flagged `overAllowance`; a customer without the entitlement is refused.
 */
export async function recordUsageTx(opts: {
  tx: DbOrTx;
  actor: Actor;
  customerId: number;
  input: z.infer<typeof entitlementUsageCreate>;
}): Promise<z.infer<typeof entitlementUsageResult>> {
  const { tx, actor, customerId, input } = opts;
  await ensureEntitlementCatalog({ db: tx });
  await repo.lockBindings(tx, customerId);
  const bound = (await repo.currentBindings(tx, customerId)).find((b) => b.type.code === input.code);
  if (!bound) throw invalidField('code', 'the customer is not entitled to this service');
  const key = periodKey(input.usedOn, bound.type.period as Period);
  const before = (await repo.usedIn(tx, customerId, [{ typeId: bound.type.id, periodKey: key }])).get(
    `${bound.type.id}:${key}`,
  );
  const over = exceedsAllowance(bound.binding.allowance, before ?? 0, input.quantity);
  const row = await repo.insertUsage(tx, {
    customerId,
    typeId: bound.type.id,
    usedOn: input.usedOn,
    periodKey: key,
    quantity: input.quantity,
    usedBy: input.usedBy ?? null,
    contactId: input.contactId ?? null,
    note: input.note ?? null,
    overAllowance: over,
    recordedBy: actor.userId,
  });
  await recordAudit({
    tx,
    actor,
    action: 'create',
    entity: 'entitlement_usage',
    entityId: row.id,
    customerId,
    before: null,
    after: { code: input.code, usedOn: input.usedOn, quantity: input.quantity, overAllowance: over },
  });
  return {
    id: row.id,
    typeId: row.typeId,
    code: input.code,
    usedOn: row.usedOn,
    periodKey: key,
    quantity: row.quantity,
    usedBy: row.usedBy,
    note: row.note,
    overAllowance: over,
    recordedByName: actor.name,
    allowance: bound.binding.allowance,
    remaining: remainingOf(bound.binding.allowance, (before ?? 0) + input.quantity),
  };
}

export async function recordUsage(opts: {
  ctx: RequestCtx;
  customerId: number;
  input: z.infer<typeof entitlementUsageCreate>;
}) {
  const { ctx, customerId, input } = opts;
  return ctx.db.transaction(async (tx) => {
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: customerId });
    return recordUsageTx({ tx, actor: ctx.actor, customerId, input });
  });
}

/** Sets or removes the customer's club card, then re-binds (the lounge follows the card). */
export async function setClubMembership(opts: {
  ctx: RequestCtx;
  customerId: number;
  input: z.infer<typeof clubMembershipSet>;
}): Promise<CustomerEntitlements> {
  const { ctx, customerId, input } = opts;
  await ctx.db.transaction(async (tx) => {
    await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: customerId });
    const before = await repo.findClub(tx, customerId);
    if (input.card) {
      await repo.upsertClub(tx, {
        customerId,
        card: input.card,
        cardNo: input.cardNo ?? before?.cardNo ?? null,
        since: input.since ?? before?.since ?? todayIso(),
      });
    } else if (before) await repo.deleteClub(tx, customerId);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'club_membership',
      entityId: customerId,
      customerId,
      before: { card: before?.card ?? null },
      after: { card: input.card },
    });
  });
  await rebindEntitlements({ db: ctx.db, customerId, actor: ctx.actor });
  return getCustomerEntitlements({ ctx, customerId });
}

/** POST /rebind: re-binds one visible customer now. */
export async function rebindForViewer(opts: { ctx: RequestCtx; customerId: number }) {
  await requireVisibleCustomer({ db: opts.ctx.db, scope: opts.ctx.scope, id: opts.customerId });
  return rebindEntitlements({ db: opts.ctx.db, customerId: opts.customerId, actor: opts.ctx.actor });
}

/** The club card of a customer (for club events and the 360 card). */
export const clubCardOf = async (opts: { db: DbOrTx; customerId: number }) =>
  (await repo.findClub(opts.db, opts.customerId))?.card ?? null;

export const customersBoundToTier = (opts: { db: DbOrTx; tier: string }) =>
  repo.customersBoundToTier(opts.db, opts.tier);

/** Whether the customer currently holds the entitlement `code`. */
export const hasEntitlement = async (opts: { db: DbOrTx; customerId: number; code: string }) =>
  (await repo.currentBindings(opts.db, opts.customerId)).some((b) => b.type.code === opts.code);
