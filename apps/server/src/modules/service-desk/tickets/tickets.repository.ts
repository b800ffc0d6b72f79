import { and, asc, count, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { users } from '../../org/org.table';
import { ticketNoFor } from './tickets.models';
import {
  departments,
  ticketAttachments,
  ticketCategories,
  ticketComplaints,
  ticketEvents,
  tickets,
  workOrders,
} from './tickets.table';

export type TicketRow = typeof tickets.$inferSelect;
export type TicketInsert = typeof tickets.$inferInsert;
export type EventInsert = typeof ticketEvents.$inferInsert;
export type WorkOrderRow = typeof workOrders.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type ComplaintRow = typeof ticketComplaints.$inferSelect;

// Departments and the ticket taxonomy.
export const listDepartments = (db: DbOrTx) => db.select().from(departments).orderBy(asc(departments.id));
export const findDepartment = async (db: DbOrTx, id: number) =>
  (await db.select().from(departments).where(eq(departments.id, id)))[0];
export async function insertDepartment(db: DbOrTx, values: typeof departments.$inferInsert) {
  const [row] = await db.insert(departments).values(values).onConflictDoNothing().returning();
  return row as DepartmentRow | undefined;
}
export const listCategories = (db: DbOrTx) => db.select().from(ticketCategories).orderBy(asc(ticketCategories.code));
export const findCategory = async (db: DbOrTx, id: number) =>
  (await db.select().from(ticketCategories).where(eq(ticketCategories.id, id)))[0];
export const findCategoryByCode = async (db: DbOrTx, code: string) =>
  (await db.select().from(ticketCategories).where(eq(ticketCategories.code, code)))[0];
export async function insertCategory(db: DbOrTx, values: typeof ticketCategories.$inferInsert) {
  const [row] = await db.insert(ticketCategories).values(values).onConflictDoNothing().returning();
  return row as typeof ticketCategories.$inferSelect | undefined;
}

// Tickets.
export async function insertTicket(db: DbOrTx, values: Omit<TicketInsert, 'ticketNo'>): Promise<TicketRow> {
  const [row] = await db
    .insert(tickets)
    .values({ ...values, ticketNo: `tmp-${crypto.randomUUID()}` })
    .returning({ id: tickets.id });
  const [numbered] = await db
    .update(tickets)
    .set({ ticketNo: ticketNoFor(row.id) })
    .where(eq(tickets.id, row.id))
    .returning();
  return numbered;
}

export const findTicketRows = (db: DbOrTx, ids: number[]) =>
  db
    .select()
    .from(tickets)
    .where(inArray(tickets.id, ids.length ? ids : [0]));

export async function findTicketRow(db: DbOrTx, id: number, lock = false): Promise<TicketRow | undefined> {
  const q = db.select().from(tickets).where(eq(tickets.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function updateTicket(db: DbOrTx, id: number, values: Partial<TicketInsert>): Promise<TicketRow> {
  const [row] = await db
    .update(tickets)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(tickets.id, id))
    .returning();
  return row;
}

/** The next batch of open tickets on an SLA policy after `afterId` (the partial index tickets_open_policy_idx). */
export const listOpenTicketIdsOnPolicy = (db: DbOrTx, policyId: number, afterId: number, limit: number) =>
  db
    .select({ id: tickets.id })
    .from(tickets)
    .where(
      and(
        eq(tickets.slaPolicyId, policyId),
        sql`${tickets.status} in ('acknowledged', 'inProgress', 'held', 'pending')`,
        sql`${tickets.id} > ${afterId}`,
      ),
    )
    .orderBy(asc(tickets.id))
    .limit(limit);

/** Tickets whose update-interval deadline has passed (for the SLA scan). */
export const listUpdateOverdue = (db: DbOrTx, now: Date, limit: number) =>
  db
    .select()
    .from(tickets)
    .where(
      and(
        sql`${tickets.nextUpdateDueAt} <= ${now.toISOString()}::timestamptz`,
        notInArray(tickets.status, ['resolved', 'closed', 'rejected', 'cancelled', 'pending']),
      ),
    )
    .orderBy(asc(tickets.nextUpdateDueAt))
    .limit(limit);

// Timeline and attachments.
export async function insertEvent(db: DbOrTx, values: EventInsert): Promise<void> {
  await db.insert(ticketEvents).values(values);
}
export const listEvents = (db: DbOrTx, ticketId: number) =>
  db
    .select()
    .from(ticketEvents)
    .where(eq(ticketEvents.ticketId, ticketId))
    .orderBy(asc(ticketEvents.at), asc(ticketEvents.id));

/** Timeline entries of several tickets, of the given kinds (TMF621 notes and status changes of a page). */
export const listEventsOf = (db: DbOrTx, ticketIds: number[], kinds: string[]) =>
  db
    .select()
    .from(ticketEvents)
    .where(and(inArray(ticketEvents.ticketId, ticketIds.length ? ticketIds : [0]), inArray(ticketEvents.kind, kinds)))
    .orderBy(asc(ticketEvents.at), asc(ticketEvents.id));

export type AttachmentRow = typeof ticketAttachments.$inferSelect;
export async function insertAttachments(db: DbOrTx, rows: (typeof ticketAttachments.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return db.insert(ticketAttachments).values(rows).returning();
}
const attachmentQuery = (db: DbOrTx) =>
  db
    .select({ attachment: ticketAttachments, createdByName: users.displayName })
    .from(ticketAttachments)
    .leftJoin(users, eq(users.id, ticketAttachments.createdBy));
export type AttachmentViewRow = Awaited<ReturnType<ReturnType<typeof attachmentQuery>['execute']>>[number];
export const listAttachments = (db: DbOrTx, ticketId: number) => listAttachmentsOf(db, [ticketId]);
export const listAttachmentsOf = (db: DbOrTx, ticketIds: number[]) =>
  attachmentQuery(db)
    .where(inArray(ticketAttachments.ticketId, ticketIds.length ? ticketIds : [0]))
    .orderBy(asc(ticketAttachments.id));
export const findAttachment = async (db: DbOrTx, ticketId: number, id: number) =>
  (
    await db
      .select()
      .from(ticketAttachments)
      .where(and(eq(ticketAttachments.ticketId, ticketId), eq(ticketAttachments.id, id)))
  )[0];
export const countAttachments = async (db: DbOrTx, ticketId: number) =>
  Number(
    (await db.select({ n: count() }).from(ticketAttachments).where(eq(ticketAttachments.ticketId, ticketId)))[0].n,
  );

// Work orders.
export async function insertWorkOrder(db: DbOrTx, values: typeof workOrders.$inferInsert): Promise<WorkOrderRow> {
  const [row] = await db.insert(workOrders).values(values).returning();
  return row;
}
export async function findWorkOrder(db: DbOrTx, id: number, lock = false): Promise<WorkOrderRow | undefined> {
  const q = db.select().from(workOrders).where(eq(workOrders.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}
export async function updateWorkOrder(db: DbOrTx, id: number, values: Partial<typeof workOrders.$inferInsert>) {
  const [row] = await db
    .update(workOrders)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(workOrders.id, id))
    .returning();
  return row;
}
export const countOpenWorkOrders = async (db: DbOrTx, ticketId: number) =>
  Number(
    (
      await db
        .select({ n: count() })
        .from(workOrders)
        .where(and(eq(workOrders.ticketId, ticketId), inArray(workOrders.status, ['open', 'inProgress'])))
    )[0].n,
  );

/** Open work orders past their due time, with the ticket owner and the department head (overdue alerts). */
export const listOverdueWorkOrders = (db: DbOrTx, now: Date, limit: number) =>
  db
    .select({
      id: workOrders.id,
      dueAt: workOrders.dueAt,
      assigneeId: workOrders.assigneeId,
      headUserId: departments.headUserId,
      departmentName: departments.name,
      departmentNameEn: departments.nameEn,
      ticketId: tickets.id,
      ticketNo: tickets.ticketNo,
      ownerId: tickets.ownerId,
    })
    .from(workOrders)
    .innerJoin(tickets, eq(tickets.id, workOrders.ticketId))
    .innerJoin(departments, eq(departments.id, workOrders.departmentId))
    .where(
      and(
        inArray(workOrders.status, ['open', 'inProgress']),
        sql`${workOrders.dueAt} < ${now.toISOString()}::timestamptz`,
      ),
    )
    // Newest overdue first: those were not alerted yet (older ones were, the dedupe key keeps it once).
    .orderBy(desc(workOrders.dueAt))
    .limit(limit);

// Complaints.
export const findComplaint = async (db: DbOrTx, ticketId: number) =>
  (await db.select().from(ticketComplaints).where(eq(ticketComplaints.ticketId, ticketId)))[0];
export async function upsertComplaint(db: DbOrTx, values: typeof ticketComplaints.$inferInsert): Promise<ComplaintRow> {
  const { ticketId: _id, ...set } = values;
  const [row] = await db
    .insert(ticketComplaints)
    .values(values)
    .onConflictDoUpdate({ target: ticketComplaints.ticketId, set: { ...set, updatedAt: new Date() } })
    .returning();
  return row;
}
