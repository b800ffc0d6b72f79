import { and, asc, desc, eq, inArray, lte, notInArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../platform/context';
import { customers, parties } from '../customers/customers.table';
import { users } from '../org/org.table';
import {
  accountPlanActions,
  accountPlans,
  accountTeamMembers,
  amAssignments,
  contactProfiles,
  contactRelationships,
  kaTasks,
  kaVisits,
} from './accounts-mgmt.table';

export type TaskRow = typeof kaTasks.$inferSelect;
export type PlanRow = typeof accountPlans.$inferSelect;

const fromUser = alias(users, 'from_user');
const toUser = alias(users, 'to_user');
const byUser = alias(users, 'by_user');

// ---------------------------------------------------------------- AM history and team

export async function insertAssignment(db: DbOrTx, values: typeof amAssignments.$inferInsert) {
  const [row] = await db.insert(amAssignments).values(values).returning();
  return row;
}

export const listAssignments = (db: DbOrTx, customerId: number) =>
  db
    .select({
      id: amAssignments.id,
      fromUserId: amAssignments.fromUserId,
      fromName: fromUser.displayName,
      toUserId: amAssignments.toUserId,
      toName: toUser.displayName,
      reason: amAssignments.reason,
      assignedByName: byUser.displayName,
      assignedAt: amAssignments.assignedAt,
    })
    .from(amAssignments)
    .leftJoin(fromUser, eq(fromUser.id, amAssignments.fromUserId))
    .innerJoin(toUser, eq(toUser.id, amAssignments.toUserId))
    .leftJoin(byUser, eq(byUser.id, amAssignments.assignedBy))
    .where(eq(amAssignments.customerId, customerId))
    .orderBy(desc(amAssignments.assignedAt), desc(amAssignments.id));

export const listTeam = (db: DbOrTx, customerId: number) =>
  db
    .select({ userId: accountTeamMembers.userId, displayName: users.displayName, role: accountTeamMembers.role })
    .from(accountTeamMembers)
    .innerJoin(users, eq(users.id, accountTeamMembers.userId))
    .where(eq(accountTeamMembers.customerId, customerId))
    .orderBy(asc(accountTeamMembers.role), asc(users.displayName));

export async function insertTeamMember(db: DbOrTx, values: typeof accountTeamMembers.$inferInsert) {
  const [row] = await db.insert(accountTeamMembers).values(values).onConflictDoNothing().returning();
  return row;
}

export async function deleteTeamMember(db: DbOrTx, customerId: number, userId: number, role: string) {
  const [row] = await db
    .delete(accountTeamMembers)
    .where(
      and(
        eq(accountTeamMembers.customerId, customerId),
        eq(accountTeamMembers.userId, userId),
        sql`${accountTeamMembers.role} = ${role}`,
      ),
    )
    .returning();
  return row;
}

/** The customer's name and AM (the caller has checked the scope). */
export async function customerHead(db: DbOrTx, customerId: number) {
  const [row] = await db
    .select({
      id: customers.id,
      name: parties.name,
      accountManagerId: customers.accountManagerId,
      accountManagerName: users.displayName,
      orgUnitId: customers.orgUnitId,
    })
    .from(customers)
    .innerJoin(parties, eq(parties.id, customers.partyId))
    .leftJoin(users, eq(users.id, customers.accountManagerId))
    .where(eq(customers.id, customerId));
  return row;
}

// ---------------------------------------------------------------- account plans

export const findPlan = async (db: DbOrTx, customerId: number, year: number) =>
  (
    await db
      .select()
      .from(accountPlans)
      .where(and(eq(accountPlans.customerId, customerId), eq(accountPlans.year, year)))
  )[0];

export const listPlans = (db: DbOrTx, customerId: number) =>
  db.select().from(accountPlans).where(eq(accountPlans.customerId, customerId)).orderBy(desc(accountPlans.year));

export async function insertPlan(db: DbOrTx, values: typeof accountPlans.$inferInsert) {
  const [row] = await db.insert(accountPlans).values(values).returning();
  return row;
}

export async function updatePlan(db: DbOrTx, id: number, values: Partial<typeof accountPlans.$inferInsert>) {
  const [row] = await db
    .update(accountPlans)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(accountPlans.id, id))
    .returning();
  return row;
}

export const listActions = (db: DbOrTx, planIds: number[]) =>
  planIds.length === 0
    ? Promise.resolve([])
    : db
        .select({
          id: accountPlanActions.id,
          planId: accountPlanActions.planId,
          title: accountPlanActions.title,
          ownerId: accountPlanActions.ownerId,
          ownerName: users.displayName,
          dueDate: accountPlanActions.dueDate,
          doneDate: accountPlanActions.doneDate,
        })
        .from(accountPlanActions)
        .leftJoin(users, eq(users.id, accountPlanActions.ownerId))
        .where(inArray(accountPlanActions.planId, planIds))
        .orderBy(asc(accountPlanActions.dueDate), asc(accountPlanActions.id));

export async function deleteActionsExcept(db: DbOrTx, planId: number, keep: number[]) {
  await db
    .delete(accountPlanActions)
    .where(
      and(eq(accountPlanActions.planId, planId), keep.length ? notInArray(accountPlanActions.id, keep) : undefined),
    );
}

export async function upsertAction(
  db: DbOrTx,
  planId: number,
  a: Omit<typeof accountPlanActions.$inferInsert, 'planId'> & { id?: number },
) {
  if (a.id) {
    const [row] = await db
      .update(accountPlanActions)
      .set({ title: a.title, ownerId: a.ownerId, dueDate: a.dueDate, doneDate: a.doneDate })
      .where(and(eq(accountPlanActions.id, a.id), eq(accountPlanActions.planId, planId)))
      .returning();
    return row;
  }
  const { id: _id, ...values } = a;
  const [row] = await db
    .insert(accountPlanActions)
    .values({ ...values, planId })
    .returning();
  return row;
}

// ---------------------------------------------------------------- decision chain

export const listProfiles = (db: DbOrTx, customerId: number) =>
  db
    .select({
      contactId: contactProfiles.contactId,
      influence: contactProfiles.influence,
      ourContactUserId: contactProfiles.ourContactUserId,
      ourContactName: users.displayName,
    })
    .from(contactProfiles)
    .leftJoin(users, eq(users.id, contactProfiles.ourContactUserId))
    .where(eq(contactProfiles.customerId, customerId));

export async function upsertProfile(db: DbOrTx, values: typeof contactProfiles.$inferInsert) {
  const { contactId: _c, customerId: _cu, ...set } = values;
  const [row] = await db
    .insert(contactProfiles)
    .values(values)
    .onConflictDoUpdate({ target: contactProfiles.contactId, set: { ...set, updatedAt: new Date() } })
    .returning();
  return row;
}

export const listRelationships = (db: DbOrTx, customerId: number) =>
  db
    .select()
    .from(contactRelationships)
    .where(eq(contactRelationships.customerId, customerId))
    .orderBy(asc(contactRelationships.id));

export async function insertRelationship(db: DbOrTx, values: typeof contactRelationships.$inferInsert) {
  const [row] = await db.insert(contactRelationships).values(values).onConflictDoNothing().returning();
  return row;
}

export const findRelationship = async (db: DbOrTx, id: number) =>
  (await db.select().from(contactRelationships).where(eq(contactRelationships.id, id)))[0];

export async function deleteRelationship(db: DbOrTx, id: number) {
  await db.delete(contactRelationships).where(eq(contactRelationships.id, id));
}

// ---------------------------------------------------------------- visits

export async function insertVisit(db: DbOrTx, values: typeof kaVisits.$inferInsert) {
  const [row] = await db.insert(kaVisits).values(values).returning();
  return row;
}

export async function setVisitTask(db: DbOrTx, id: number, taskId: number) {
  await db.update(kaVisits).set({ taskId }).where(eq(kaVisits.id, id));
}

export const listVisits = (db: DbOrTx, customerId: number, limit = 100) =>
  db
    .select({ visit: kaVisits, userName: users.displayName })
    .from(kaVisits)
    .innerJoin(users, eq(users.id, kaVisits.userId))
    .where(eq(kaVisits.customerId, customerId))
    .orderBy(desc(kaVisits.occurredAt))
    .limit(limit);

// ---------------------------------------------------------------- tasks

/** Inserts a task; with a source key already used by the owner, returns the existing task instead. */
export async function insertTask(
  db: DbOrTx,
  values: typeof kaTasks.$inferInsert,
): Promise<{ row: TaskRow; created: boolean }> {
  const [row] = await db.insert(kaTasks).values(values).onConflictDoNothing().returning();
  if (row) return { row, created: true };
  const [existing] = await db
    .select()
    .from(kaTasks)
    .where(and(eq(kaTasks.ownerId, values.ownerId), eq(kaTasks.sourceKey, values.sourceKey ?? '')));
  return { row: existing, created: false };
}

export const findTask = async (db: DbOrTx, id: number) =>
  (await db.select().from(kaTasks).where(eq(kaTasks.id, id)))[0];

export async function updateTask(db: DbOrTx, id: number, values: Partial<typeof kaTasks.$inferInsert>) {
  const [row] = await db.update(kaTasks).set(values).where(eq(kaTasks.id, id)).returning();
  return row;
}

/** Tasks visible in a scope: one's own; managers also those of users in their org units; administrators all. */
export function taskScopeSql(scope: Scope, userId: number): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (scope.kind === 'portfolio' || scope.orgUnitIds.length === 0) return sql`${kaTasks.ownerId} = ${userId}`;
  return sql`(${kaTasks.ownerId} = ${userId} or ${kaTasks.ownerId} in (select u.id from users u where u.org_unit_id = any(${sql.raw(`'{${scope.orgUnitIds.join(',')}}'::int[]`)})))`;
}

export const listTasks = (
  db: DbOrTx,
  opts: {
    scope: Scope;
    userId: number;
    id?: number;
    ownerId?: number;
    status?: TaskRow['status'];
    dueBefore?: string;
    customerId?: number;
    limit: number;
  },
) =>
  db
    .select({ task: kaTasks, ownerName: users.displayName, customerName: parties.name })
    .from(kaTasks)
    .innerJoin(users, eq(users.id, kaTasks.ownerId))
    .leftJoin(customers, eq(customers.id, kaTasks.customerId))
    .leftJoin(parties, eq(parties.id, customers.partyId))
    .where(
      and(
        taskScopeSql(opts.scope, opts.userId),
        opts.id ? eq(kaTasks.id, opts.id) : undefined,
        opts.ownerId ? eq(kaTasks.ownerId, opts.ownerId) : undefined,
        opts.status ? eq(kaTasks.status, opts.status) : undefined,
        opts.dueBefore ? lte(kaTasks.dueDate, opts.dueBefore) : undefined,
        opts.customerId ? eq(kaTasks.customerId, opts.customerId) : undefined,
      ),
    )
    .orderBy(asc(kaTasks.dueDate), asc(kaTasks.id))
    .limit(opts.limit);

/** Open tasks carrying one of `keys` as their source key, for one owner (calendar entries already planned). */
export const tasksBySourceKeys = (db: DbOrTx, ownerIds: number[]) =>
  ownerIds.length === 0
    ? Promise.resolve([])
    : db
        .select({
          id: kaTasks.id,
          customerId: kaTasks.customerId,
          title: kaTasks.title,
          dueDate: kaTasks.dueDate,
          sourceKey: kaTasks.sourceKey,
        })
        .from(kaTasks)
        .where(and(inArray(kaTasks.ownerId, ownerIds), eq(kaTasks.status, 'open')));
