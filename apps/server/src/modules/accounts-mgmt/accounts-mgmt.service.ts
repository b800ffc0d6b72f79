import type { AccountPlan, AccountTeam, accountPlanUpsert, amAssign, teamMemberAdd } from '@crm/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { invalidField, notFound } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { requireVisibleCustomer, updateCustomer } from '../customers/customers.service';
import { shareCustomer, unshareCustomer } from '../customers/shares.service';
import { findOrgUnitForReference, findUserForReference } from '../org/org.service';
import { alreadyInTeam, sameAccountManager, teamMemberNotFound } from './accounts-mgmt.errors';
import { spendInYear } from './accounts-mgmt.queries';
import * as repo from './accounts-mgmt.repository';

/** A request context whose writes join the caller's transaction (other modules' use cases nest as savepoints). */
export const inTx = (ctx: RequestCtx, tx: DbOrTx): RequestCtx => ({ ...ctx, db: tx as unknown as Db });

/** The customer (and party) rows when visible to the viewer, else `customers.not_found` (404). */
export const requireKaCustomer = (opts: { db: DbOrTx; ctx: RequestCtx; id: number; lock?: boolean }) =>
  requireVisibleCustomer({ db: opts.db, scope: opts.ctx.scope, id: opts.id, lock: opts.lock });

const onSameBranch = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

/** An active user working on the customer's branch of the organisation (optionally of given roles). */
export async function requireStaff(opts: {
  db: DbOrTx;
  userId: number;
  field: string;
  orgUnitId: number;
  roles?: string[];
}) {
  const user = await findUserForReference({ db: opts.db, id: opts.userId });
  const unit = await findOrgUnitForReference({ db: opts.db, id: opts.orgUnitId });
  if (!user?.active || !unit) throw invalidField(opts.field, 'user not found');
  if (!onSameBranch(user.orgUnitPath, unit.path))
    throw invalidField(opts.field, "the user works outside the customer's org unit");
  if (opts.roles && !opts.roles.includes(user.role))
    throw invalidField(opts.field, `must be ${opts.roles.join(' or ')}`);
  return user;
}

// ---------------------------------------------------------------- account team and AM history

export async function getAccountTeam(opts: { ctx: RequestCtx; customerId: number }): Promise<AccountTeam> {
  const { ctx, customerId } = opts;
  await requireKaCustomer({ db: ctx.db, ctx, id: customerId });
  const head = (await repo.customerHead(ctx.db, customerId))!;
  const [members, assignments] = await Promise.all([
    repo.listTeam(ctx.db, customerId),
    repo.listAssignments(ctx.db, customerId),
  ]);
  return {
    customerId,
    customerName: head.name,
    accountManager: head.accountManagerId
      ? { id: head.accountManagerId, displayName: head.accountManagerName ?? '' }
      : null,
    members,
    assignments: assignments.map((a) => ({
      id: a.id,
      fromUser: a.fromUserId ? { id: a.fromUserId, displayName: a.fromName ?? '' } : null,
      toUser: { id: a.toUserId, displayName: a.toName },
      reason: a.reason,
      assignedByName: a.assignedByName,
      assignedAt: a.assignedAt.toISOString(),
    })),
  };
}

/** Assigns or transfers the customer's AM, recording who, from whom, to whom and why. */
export async function assignAccountManager(opts: {
  ctx: RequestCtx;
  customerId: number;
  input: z.infer<typeof amAssign>;
}): Promise<AccountTeam> {
  const { ctx, customerId, input } = opts;
  await ctx.db.transaction(async (tx) => {
    const { customer } = await requireKaCustomer({ db: tx, ctx, id: customerId, lock: true });
    if (customer.accountManagerId === input.toUserId) throw sameAccountManager();
    await requireStaff({
      db: tx,
      userId: input.toUserId,
      field: 'toUserId',
      orgUnitId: customer.orgUnitId,
      roles: ['account_manager'],
    });
    // The customers module validates and audits the pointer change itself.
    await updateCustomer({ ctx: inTx(ctx, tx), id: customerId, input: { accountManagerId: input.toUserId } });
    const row = await repo.insertAssignment(tx, {
      customerId,
      fromUserId: customer.accountManagerId,
      toUserId: input.toUserId,
      reason: input.reason,
      assignedBy: ctx.user.id,
    });
    await repo.deleteTeamMember(tx, customerId, input.toUserId, 'backup_am');
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: customer.accountManagerId ? 'transfer' : 'assign',
      entity: 'am_assignment',
      entityId: row.id,
      customerId,
      before: { accountManagerId: customer.accountManagerId },
      after: { accountManagerId: input.toUserId, reason: input.reason },
    });
  });
  return getAccountTeam({ ctx, customerId });
}

/**
 * Adds a technical support engineer or a backup AM; a backup AM also gets the customer shared (sees it), and loses
 * the share when removed from the team.
 */
export async function addTeamMember(opts: {
  ctx: RequestCtx;
  customerId: number;
  input: z.infer<typeof teamMemberAdd>;
}): Promise<AccountTeam> {
  const { ctx, customerId, input } = opts;
  await ctx.db.transaction(async (tx) => {
    const { customer } = await requireKaCustomer({ db: tx, ctx, id: customerId });
    const user = await requireStaff({
      db: tx,
      userId: input.userId,
      field: 'userId',
      orgUnitId: customer.orgUnitId,
      roles: input.role === 'backup_am' ? ['account_manager'] : undefined,
    });
    if (input.role === 'backup_am' && customer.accountManagerId === input.userId)
      throw invalidField('userId', "already the customer's account manager");
    const row = await repo.insertTeamMember(tx, { customerId, userId: input.userId, role: input.role });
    if (!row) throw alreadyInTeam();
    if (input.role === 'backup_am') {
      try {
        await shareCustomer({ ctx: inTx(ctx, tx), id: customerId, userId: input.userId });
      } catch (e) {
        if ((e as { code?: string }).code !== 'customers.already_shared') throw e;
      }
    }
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'account_team_member',
      entityId: `${customerId}:${input.userId}:${input.role}`,
      customerId,
      before: null,
      after: { userId: input.userId, username: user.username, role: input.role },
    });
  });
  return getAccountTeam({ ctx, customerId });
}

export async function removeTeamMember(opts: {
  ctx: RequestCtx;
  customerId: number;
  userId: number;
  role: 'technical_support' | 'backup_am';
}): Promise<AccountTeam> {
  const { ctx, customerId, userId, role } = opts;
  await ctx.db.transaction(async (tx) => {
    await requireKaCustomer({ db: tx, ctx, id: customerId });
    const row = await repo.deleteTeamMember(tx, customerId, userId, role);
    if (!row) throw teamMemberNotFound();
    // The access a backup AM got with the role goes with it (least privilege; a manager can share again).
    if (role === 'backup_am') {
      try {
        await unshareCustomer({ ctx: inTx(ctx, tx), id: customerId, userId });
      } catch (e) {
        if ((e as { code?: string }).code !== 'customers.share_not_found') throw e;
      }
    }
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'delete',
      entity: 'account_team_member',
      entityId: `${customerId}:${userId}:${role}`,
      customerId,
      before: { userId, role },
      after: null,
    });
  });
  return getAccountTeam({ ctx, customerId });
}

// ---------------------------------------------------------------- account plans

async function planViews(db: DbOrTx, plans: repo.PlanRow[]): Promise<AccountPlan[]> {
  const actions = await repo.listActions(
    db,
    plans.map((p) => p.id),
  );
  return Promise.all(
    plans.map(async (p) => ({
      id: p.id,
      customerId: p.customerId,
      year: p.year,
      revenueTargetFen: p.revenueTargetFen,
      actualFen: await spendInYear(db, p.customerId, p.year),
      goals: p.goals,
      reviewNotes: p.reviewNotes,
      actions: actions
        .filter((a) => a.planId === p.id)
        .map(({ planId: _p, ...a }) => ({ ...a, ownerName: a.ownerName ?? null })),
      updatedAt: p.updatedAt.toISOString(),
    })),
  );
}

export async function listAccountPlans(opts: { ctx: RequestCtx; customerId: number }): Promise<AccountPlan[]> {
  await requireKaCustomer({ db: opts.ctx.db, ctx: opts.ctx, id: opts.customerId });
  return planViews(opts.ctx.db, await repo.listPlans(opts.ctx.db, opts.customerId));
}

/** Creates or replaces the plan of a year: target, goals, review notes and key actions (owners and dates). */
export async function saveAccountPlan(opts: {
  ctx: RequestCtx;
  customerId: number;
  input: z.infer<typeof accountPlanUpsert>;
}): Promise<AccountPlan> {
  const { ctx, customerId, input } = opts;
  const planId = await ctx.db.transaction(async (tx) => {
    const { customer } = await requireKaCustomer({ db: tx, ctx, id: customerId, lock: true });
    for (const [i, a] of input.actions.entries()) {
      if (a.ownerId)
        await requireStaff({ db: tx, userId: a.ownerId, field: `actions.${i}.ownerId`, orgUnitId: customer.orgUnitId });
    }
    const before = await repo.findPlan(tx, customerId, input.year);
    const values = {
      revenueTargetFen: input.revenueTargetFen,
      goals: input.goals,
      reviewNotes: input.reviewNotes ?? null,
    };
    const plan = before
      ? await repo.updatePlan(tx, before.id, values)
      : await repo.insertPlan(tx, { customerId, year: input.year, createdBy: ctx.user.id, ...values });
    const existing = new Set((await repo.listActions(tx, [plan.id])).map((a) => a.id));
    for (const [i, a] of input.actions.entries()) {
      if (a.id && !existing.has(a.id)) throw invalidField(`actions.${i}.id`, 'not an action of this plan');
    }
    await repo.deleteActionsExcept(
      tx,
      plan.id,
      input.actions.flatMap((a) => (a.id ? [a.id] : [])),
    );
    for (const a of input.actions) {
      await repo.upsertAction(tx, plan.id, {
        id: a.id,
        title: a.title,
        ownerId: a.ownerId ?? null,
        dueDate: a.dueDate ?? null,
        doneDate: a.doneDate ?? null,
      });
    }
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: before ? 'update' : 'create',
      entity: 'account_plan',
      entityId: plan.id,
      customerId,
      before: before ? { ...values, revenueTargetFen: before.revenueTargetFen, goals: before.goals } : null,
      after: { ...values, actions: input.actions.length },
    });
    return plan.id;
  });
  const plans = await repo.listPlans(ctx.db, customerId);
  return (
    await planViews(
      ctx.db,
      plans.filter((p) => p.id === planId),
    )
  )[0];
}

/**
 * The AM whose portfolio a view is about: an AM sees only their own (another AM's id answers 404, like a missing
 * user); managers an AM of their org units, or everyone (null) when none is named.
 */
export async function visibleAccountManager(opts: { ctx: RequestCtx; amId?: number }) {
  const { ctx, amId } = opts;
  const notVisible = () => notFound('org.user_not_found', 'User not found');
  if (ctx.scope.kind === 'portfolio') {
    if (amId && amId !== ctx.user.id) throw notVisible();
    return { id: ctx.user.id, displayName: ctx.user.displayName };
  }
  if (!amId) return null;
  const user = await findUserForReference({ db: ctx.db, id: amId });
  if (!user || (ctx.scope.kind === 'org' && !ctx.scope.orgUnitIds.includes(user.orgUnitId))) throw notVisible();
  return { id: user.id, displayName: user.displayName };
}
