import { and, asc, count, desc, eq, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import { customers, parties } from '../customers/customers.table';
import { users } from '../org/org.table';
import { productOfferings } from '../products/products.table';
import { serviceOrderItems, serviceOrderSteps, serviceOrders } from './fulfilment.table';

export type OrderRow = typeof serviceOrders.$inferSelect;
export type StepRow = typeof serviceOrderSteps.$inferSelect;
export type ItemRow = typeof serviceOrderItems.$inferSelect;

const amUser = alias(users, 'am_user');
const assignee = alias(users, 'assignee_user');
const doneBy = alias(users, 'done_by_user');

export async function insertOrder(db: DbOrTx, values: typeof serviceOrders.$inferInsert) {
  const [row] = await db.insert(serviceOrders).values(values).returning();
  return row;
}

export async function updateOrder(db: DbOrTx, id: number, values: Partial<typeof serviceOrders.$inferInsert>) {
  const [row] = await db.update(serviceOrders).set(values).where(eq(serviceOrders.id, id)).returning();
  return row;
}

export const insertItems = (db: DbOrTx, rows: (typeof serviceOrderItems.$inferInsert)[]) =>
  db.insert(serviceOrderItems).values(rows).returning();

export const insertSteps = (db: DbOrTx, rows: (typeof serviceOrderSteps.$inferInsert)[]) =>
  db.insert(serviceOrderSteps).values(rows).returning();

export type OrderFilter = {
  id?: number;
  status?: OrderRow['status'];
  amId?: number;
  customerId?: number;
  opportunityId?: number;
};

function orderWhere(scope: Scope, f: OrderFilter): SQL | undefined {
  return and(
    customerScopeSql(scope, 'customers'),
    f.id ? eq(serviceOrders.id, f.id) : undefined,
    f.status ? eq(serviceOrders.status, f.status) : undefined,
    f.amId ? eq(serviceOrders.amId, f.amId) : undefined,
    f.customerId ? eq(serviceOrders.customerId, f.customerId) : undefined,
    f.opportunityId ? eq(serviceOrders.opportunityId, f.opportunityId) : undefined,
  );
}

export async function listOrders(db: DbOrTx, scope: Scope, f: OrderFilter, page: { limit: number; offset: number }) {
  const w = orderWhere(scope, f);
  const [items, [{ total }]] = await Promise.all([
    db
      .select({ order: serviceOrders, customerName: parties.name, amName: amUser.displayName })
      .from(serviceOrders)
      .innerJoin(customers, eq(customers.id, serviceOrders.customerId))
      .innerJoin(parties, eq(parties.id, customers.partyId))
      .leftJoin(amUser, eq(amUser.id, serviceOrders.amId))
      .where(w)
      .orderBy(desc(serviceOrders.createdAt), desc(serviceOrders.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: count() })
      .from(serviceOrders)
      .innerJoin(customers, eq(customers.id, serviceOrders.customerId))
      .where(w),
  ]);
  return { items, total: Number(total) };
}

export type OrderListRow = Awaited<ReturnType<typeof listOrders>>['items'][number];

/** The order row locked for update, when visible in the scope. */
export async function lockOrder(db: DbOrTx, scope: Scope, id: number) {
  const [row] = await db
    .select({ order: serviceOrders })
    .from(serviceOrders)
    .innerJoin(customers, eq(customers.id, serviceOrders.customerId))
    .where(and(eq(serviceOrders.id, id), customerScopeSql(scope, 'customers')))
    .for('update', { of: serviceOrders });
  return row?.order;
}

export const listSteps = (db: DbOrTx, orderIds: number[]) =>
  orderIds.length === 0
    ? Promise.resolve([])
    : db
        .select({ step: serviceOrderSteps, assigneeName: assignee.displayName, doneByName: doneBy.displayName })
        .from(serviceOrderSteps)
        .leftJoin(assignee, eq(assignee.id, serviceOrderSteps.assigneeId))
        .leftJoin(doneBy, eq(doneBy.id, serviceOrderSteps.doneBy))
        .where(inArray(serviceOrderSteps.orderId, orderIds))
        .orderBy(asc(serviceOrderSteps.orderId), asc(serviceOrderSteps.seq));

export type StepListRow = Awaited<ReturnType<typeof listSteps>>[number];

export const listItems = (db: DbOrTx, orderId: number) =>
  db
    .select({
      item: serviceOrderItems,
      offeringNameZh: productOfferings.nameZh,
      offeringNameEn: productOfferings.nameEn,
    })
    .from(serviceOrderItems)
    .innerJoin(productOfferings, eq(productOfferings.id, serviceOrderItems.offeringId))
    .where(eq(serviceOrderItems.orderId, orderId))
    .orderBy(asc(serviceOrderItems.id));

export async function updateStep(db: DbOrTx, id: number, values: Partial<typeof serviceOrderSteps.$inferInsert>) {
  const [row] = await db.update(serviceOrderSteps).set(values).where(eq(serviceOrderSteps.id, id)).returning();
  return row;
}

export async function updateItem(db: DbOrTx, id: number, values: Partial<typeof serviceOrderItems.$inferInsert>) {
  await db.update(serviceOrderItems).set(values).where(eq(serviceOrderItems.id, id));
}

/** A step is current when every earlier step of its order is done. */
const isCurrent = sql`not exists (select 1 from service_order_steps p
  where p.order_id = ${serviceOrderSteps.orderId} and p.seq < ${serviceOrderSteps.seq} and p.done_at is null)`;

/**
 * Open current steps a user works on: assigned to them, or (with `departments`) unassigned steps of those
 * departments, for orders in fulfilment whose customer is in the scope.
 */
export const listOpenSteps = (db: DbOrTx, opts: { scope: Scope; userId: number; departments: string[] }) =>
  db
    .select({
      step: serviceOrderSteps,
      assigneeName: assignee.displayName,
      orderNo: serviceOrders.orderNo,
      orderTitle: serviceOrders.title,
      customerId: serviceOrders.customerId,
      customerName: parties.name,
    })
    .from(serviceOrderSteps)
    .innerJoin(serviceOrders, eq(serviceOrders.id, serviceOrderSteps.orderId))
    .innerJoin(customers, eq(customers.id, serviceOrders.customerId))
    .innerJoin(parties, eq(parties.id, customers.partyId))
    .leftJoin(assignee, eq(assignee.id, serviceOrderSteps.assigneeId))
    .where(
      and(
        customerScopeSql(opts.scope, 'customers'),
        eq(serviceOrders.status, 'in_progress'),
        isNull(serviceOrderSteps.doneAt),
        isCurrent,
        opts.departments.length
          ? sql`(${serviceOrderSteps.assigneeId} = ${opts.userId} or (${serviceOrderSteps.assigneeId} is null and ${inArray(serviceOrderSteps.department, opts.departments as StepRow['department'][])}))`
          : eq(serviceOrderSteps.assigneeId, opts.userId),
      ),
    )
    .orderBy(asc(serviceOrderSteps.dueDate), asc(serviceOrderSteps.id))
    .limit(500);

/** Current steps past their due date that have not been alerted yet. */
export const overdueUnalerted = (db: DbOrTx, today: string) =>
  db
    .select({
      step: serviceOrderSteps,
      orderNo: serviceOrders.orderNo,
      amId: serviceOrders.amId,
      customerId: serviceOrders.customerId,
      customerName: parties.name,
      orgUnitId: customers.orgUnitId,
    })
    .from(serviceOrderSteps)
    .innerJoin(serviceOrders, eq(serviceOrders.id, serviceOrderSteps.orderId))
    .innerJoin(customers, eq(customers.id, serviceOrders.customerId))
    .innerJoin(parties, eq(parties.id, customers.partyId))
    .where(
      and(
        eq(serviceOrders.status, 'in_progress'),
        isNull(serviceOrderSteps.doneAt),
        isNull(serviceOrderSteps.alertedAt),
        lt(serviceOrderSteps.dueDate, today),
        isCurrent,
      ),
    )
    .orderBy(asc(serviceOrderSteps.dueDate))
    .limit(1000);
