// Read models of tickets and work orders joined with customers, parties and users (read-only), always under the
// viewer's row scope: a ticket is visible when its customer is in scope, the viewer owns it, or a work order of it
// is assigned to the viewer or to a department the viewer heads.
import { and, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../db/client';
import { jsonArrayOf, jsonObjectOf, jsonRowsDecoder } from '../../../db/json-select';
import type { Scope } from '../../../platform/context';
import { customerScopeSql } from '../../../platform/scope-sql';
import { customers, parties } from '../../customers/customers.table';
import { users } from '../../org/org.table';
import { productInstances } from '../../products/products.table';
import { slaClocks } from '../sla/sla.table';
import { openStatuses } from './tickets.models';
import { departments, ticketCategories, tickets, workOrders } from './tickets.table';

export type Viewer = { scope: Scope; userId: number };

const resolutionClock = alias(slaClocks, 'rc');
const assignee = alias(users, 'assignee');

/**
 * THE visibility condition of a ticket row (`tickets` joined with `customers`). An unidentified caller's ticket (no
 * customer) is visible in the org scope of the unit that opened it.
 */
export function ticketVisible(v: Viewer): SQL {
  const unidentified =
    v.scope.kind === 'org'
      ? sql` or (${tickets.customerId} is null and ${customerScopeSql(v.scope, 'tickets')})`
      : sql``;
  return sql`${tickets.deletedAt} is null and (${customerScopeSql(v.scope, 'customers')}${unidentified} or ${tickets.ownerId} = ${v.userId} or exists (
    select 1 from work_orders w left join departments d on d.id = w.department_id
     where w.ticket_id = ${tickets.id} and (w.assignee_id = ${v.userId} or d.head_user_id = ${v.userId})))`;
}

const summaryColumns = {
  id: tickets.id,
  ticketNo: tickets.ticketNo,
  type: tickets.type,
  channel: tickets.channel,
  status: tickets.status,
  severity: tickets.severity,
  priority: tickets.priority,
  title: tickets.title,
  customerId: tickets.customerId,
  customerName: parties.name,
  customerCategory: tickets.customerCategory,
  tier: tickets.tier,
  ownerId: tickets.ownerId,
  ownerName: users.displayName,
  categoryName: ticketCategories.nameZh,
  categoryNameEn: ticketCategories.nameEn,
  resolutionDueAt: resolutionClock.dueAt,
  resolutionWarnAt: resolutionClock.warnAt,
  resolutionClockState: resolutionClock.state,
  createdAt: tickets.createdAt,
  updatedAt: tickets.updatedAt,
};

const baseQuery = (db: DbOrTx) =>
  db
    .select(summaryColumns)
    .from(tickets)
    .leftJoin(customers, eq(customers.id, tickets.customerId))
    .leftJoin(parties, eq(parties.id, customers.partyId))
    .innerJoin(users, eq(users.id, tickets.ownerId))
    .leftJoin(ticketCategories, eq(ticketCategories.id, tickets.categoryId))
    .leftJoin(resolutionClock, and(eq(resolutionClock.ticketId, tickets.id), eq(resolutionClock.metric, 'resolution')));

export type TicketSummaryRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

/**
 * A customer's open tickets as the ticket list shows them (same joins and visibility as `baseQuery`, same order,
 * the first `limit`), as one
 * JSON array for a statement that embeds it (the caller card). `customerId` is SQL: a placeholder or an outer column.
 * Decode the array with `decodeTicketSummaries`.
 */
export function openTicketsJson(db: DbOrTx, v: Viewer, customerId: SQL, limit: number): SQL {
  const f: TicketFilter = { open: true, limit, offset: 0 };
  const rows = db
    .select({ j: sql`${jsonObjectOf(summaryColumns)}`.as('j') })
    .from(tickets)
    .leftJoin(customers, eq(customers.id, tickets.customerId))
    .leftJoin(parties, eq(parties.id, customers.partyId))
    .innerJoin(users, eq(users.id, tickets.ownerId))
    .leftJoin(ticketCategories, eq(ticketCategories.id, tickets.categoryId))
    .leftJoin(resolutionClock, and(eq(resolutionClock.ticketId, tickets.id), eq(resolutionClock.metric, 'resolution')))
    .where(and(filterCondition(v, f), eq(tickets.customerId, customerId)))
    .orderBy(...orderOf(f))
    .limit(limit);
  return jsonArrayOf(rows);
}
export const decodeTicketSummaries = jsonRowsDecoder<TicketSummaryRow>(summaryColumns);

export type TicketFilter = {
  status?: (typeof tickets.$inferSelect)['status'];
  open?: boolean;
  type?: (typeof tickets.$inferSelect)['type'];
  customerId?: number;
  ownerId?: number;
  search?: string;
  ids?: number[];
  createdFrom?: Date;
  createdTo?: Date;
  categoryIds?: number[];
  offeringId?: number;
  orgUnitIds?: number[];
  customerOrgUnitIds?: number[];
  externalId?: string;
  /** TMF621 attribute filters (lists are ORs): the client's ticket type and severity, else ours as TMF621 shows them. */
  statuses?: (typeof tickets.$inferSelect)['status'][];
  clientTicketTypes?: string[];
  clientSeverities?: string[];
  titles?: string[];
  descriptions?: string[];
  priorities?: number[];
  statusReasons?: string[];
  externalIds?: string[];
  channels?: string[];
  /** The ticket's customer or its first-contact owner (TMF621 relatedParty.id). */
  relatedPartyIds?: number[];
  productInstanceIds?: number[];
  /** Comparisons of a priority with a number (TMF621 priority.gt=...). */
  priorityBounds?: { op: DateOp; value: number }[];
  /** Comparisons of a timestamp column with an instant (TMF621 creationDate.gt=..., lastUpdate.lte=...). */
  dates?: {
    column: TicketDateColumn;
    op: DateOp;
    at: Date;
  }[];
  /** Order (TMF621 sort=); the default is highest priority, newest first. The id breaks ties. */
  sort?: { column: TicketSortColumn; desc: boolean }[];
  limit: number;
  offset: number;
};

export type DateOp = 'eq' | 'gt' | 'gte' | 'lt' | 'lte';
const dateOps: Record<DateOp, string> = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** The resolution due time of a ticket (its resolution SLA clock; null while paused). */
const resolutionDueSql = sql`(select c.due_at from sla_clocks c where c.ticket_id = ${tickets.id} and c.metric = 'resolution' limit 1)`;
/** Timestamps of a ticket that TMF621 filters and sorts on. */
const dateColumns = {
  createdAt: sql`${tickets.createdAt}`,
  updatedAt: sql`${tickets.updatedAt}`,
  statusChangedAt: sql`${tickets.statusChangedAt}`,
  requestedResolutionAt: sql`${tickets.requestedResolutionAt}`,
  resolvedAt: sql`${tickets.resolvedAt}`,
  resolutionDueAt: resolutionDueSql,
};
export type TicketDateColumn = keyof typeof dateColumns;
const sortColumns = {
  ...dateColumns,
  id: sql`${tickets.id}`,
  title: sql`${tickets.title}`,
  priority: sql`${tickets.priority}`,
  status: sql`${tickets.status}`,
  ticketType: sql`coalesce(${tickets.clientTicketType}, ${tickets.type})`,
  severity: sql`coalesce(${tickets.clientSeverity}, initcap(${tickets.severity}))`,
  externalId: sql`${tickets.externalId}`,
};
export type TicketSortColumn = keyof typeof sortColumns;

function orderOf(f: TicketFilter): SQL[] {
  if (!f.sort?.length) return [desc(tickets.priority), desc(tickets.createdAt), desc(tickets.id)];
  return [
    ...f.sort.map((s) => sql`${sortColumns[s.column]} ${sql.raw(s.desc ? 'desc nulls last' : 'asc nulls last')}`),
    sql`${tickets.id}`,
  ];
}

/** The TMF621 attribute filters (every list is non-empty: the facade passes only values it received). */
function tmfConditions(f: TicketFilter): SQL[] {
  const out: SQL[] = [];
  if (f.statuses) out.push(inArray(tickets.status, f.statuses));
  if (f.clientTicketTypes)
    out.push(
      sql`coalesce(${tickets.clientTicketType}, ${tickets.type}) in (${sql.join(
        f.clientTicketTypes.map((v) => sql`${v}`),
        sql`, `,
      )})`,
    );
  if (f.clientSeverities)
    out.push(
      sql`coalesce(${tickets.clientSeverity}, initcap(${tickets.severity})) in (${sql.join(
        f.clientSeverities.map((v) => sql`${v}`),
        sql`, `,
      )})`,
    );
  if (f.titles) out.push(inArray(tickets.title, f.titles));
  if (f.descriptions) out.push(inArray(tickets.description, f.descriptions));
  if (f.priorities) out.push(inArray(tickets.priority, f.priorities));
  if (f.externalIds) out.push(inArray(tickets.externalId, f.externalIds));
  if (f.statusReasons) out.push(inArray(tickets.statusReason, f.statusReasons));
  if (f.channels)
    out.push(
      sql`${tickets.channel}::text in (${sql.join(
        f.channels.map((v) => sql`${v}`),
        sql`, `,
      )})`,
    );
  if (f.relatedPartyIds) {
    const ids = f.relatedPartyIds.length ? f.relatedPartyIds : [0];
    out.push(or(inArray(tickets.customerId, ids), inArray(tickets.ownerId, ids))!);
  }
  if (f.productInstanceIds)
    out.push(inArray(tickets.productInstanceId, f.productInstanceIds.length ? f.productInstanceIds : [0]));
  for (const b of f.priorityBounds ?? []) out.push(sql`${tickets.priority} ${sql.raw(dateOps[b.op])} ${b.value}`);
  // At the millisecond precision TMF621 answers with, so a returned creationDate finds its ticket.
  for (const d of f.dates ?? [])
    out.push(
      sql`date_trunc('milliseconds', ${dateColumns[d.column]}) ${sql.raw(dateOps[d.op])} ${d.at.toISOString()}::timestamptz`,
    );
  return out;
}

function filterCondition(v: Viewer, f: TicketFilter): SQL | undefined {
  const like = f.search ? `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return and(
    ticketVisible(v),
    f.status ? eq(tickets.status, f.status) : undefined,
    f.open ? inArray(tickets.status, [...openStatuses]) : undefined,
    f.type ? eq(tickets.type, f.type) : undefined,
    f.customerId ? eq(tickets.customerId, f.customerId) : undefined,
    f.ownerId ? eq(tickets.ownerId, f.ownerId) : undefined,
    f.externalId ? eq(tickets.externalId, f.externalId) : undefined,
    f.ids ? inArray(tickets.id, f.ids.length ? f.ids : [0]) : undefined,
    f.createdFrom ? sql`${tickets.createdAt} >= ${f.createdFrom.toISOString()}::timestamptz` : undefined,
    f.createdTo ? sql`${tickets.createdAt} < ${f.createdTo.toISOString()}::timestamptz` : undefined,
    f.categoryIds ? inArray(tickets.categoryId, f.categoryIds.length ? f.categoryIds : [0]) : undefined,
    f.orgUnitIds ? inArray(tickets.orgUnitId, f.orgUnitIds.length ? f.orgUnitIds : [0]) : undefined,
    f.customerOrgUnitIds
      ? inArray(customers.orgUnitId, f.customerOrgUnitIds.length ? f.customerOrgUnitIds : [0])
      : undefined,
    f.offeringId
      ? sql`exists (select 1 from product_instances pi where pi.id = ${tickets.productInstanceId} and pi.offering_id = ${f.offeringId})`
      : undefined,
    like
      ? or(ilike(tickets.title, like), eq(tickets.ticketNo, f.search!.toUpperCase()), ilike(parties.name, like))
      : undefined,
    ...tmfConditions(f),
  );
}

export async function listTickets(db: DbOrTx, v: Viewer, f: TicketFilter) {
  const where = filterCondition(v, f);
  const [items, [{ total }]] = await Promise.all([
    baseQuery(db)
      .where(where)
      .orderBy(...orderOf(f))
      .limit(f.limit)
      .offset(f.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(tickets)
      .leftJoin(customers, eq(customers.id, tickets.customerId))
      .leftJoin(parties, eq(parties.id, customers.partyId))
      .where(where),
  ]);
  return { items, total: Number(total) };
}

/** One ticket with its names, or undefined when missing or not visible. */
export async function findTicketSummary(db: DbOrTx, v: Viewer, id: number) {
  const [row] = await baseQuery(db).where(and(eq(tickets.id, id), ticketVisible(v)));
  return row;
}

export async function findServiceNumber(db: DbOrTx, productInstanceId: number | null) {
  if (!productInstanceId) return null;
  const [row] = await db
    .select({ serviceNumber: productInstances.serviceNumber, customerId: productInstances.customerId })
    .from(productInstances)
    .where(eq(productInstances.id, productInstanceId));
  return row ?? null;
}

/** Service numbers of product instances, by id. */
export async function serviceNumbersOf(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: productInstances.id, serviceNumber: productInstances.serviceNumber })
    .from(productInstances)
    .where(inArray(productInstances.id, ids));
  return new Map(rows.map((r) => [r.id, r.serviceNumber]));
}

/** Open tickets per owner among the visible ones (owner workload). */
export async function ownerWorkload(db: DbOrTx, v: Viewer, now: Date) {
  const endOfDay = new Date(Math.floor((now.getTime() + 8 * 3_600_000) / 86_400_000 + 1) * 86_400_000 - 8 * 3_600_000);
  return db
    .select({
      ownerId: tickets.ownerId,
      ownerName: users.displayName,
      open: sql<number>`count(*)::int`,
      pending: sql<number>`(count(*) filter (where ${tickets.status} = 'pending'))::int`,
      breached: sql<number>`(count(*) filter (where ${resolutionClock.breachedAt} is not null))::int`,
      dueToday: sql<number>`(count(*) filter (where ${resolutionClock.dueAt} < ${endOfDay.toISOString()}::timestamptz))::int`,
    })
    .from(tickets)
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .innerJoin(users, eq(users.id, tickets.ownerId))
    .leftJoin(resolutionClock, and(eq(resolutionClock.ticketId, tickets.id), eq(resolutionClock.metric, 'resolution')))
    .where(and(ticketVisible(v), inArray(tickets.status, [...openStatuses])))
    .groupBy(tickets.ownerId, users.displayName)
    .orderBy(desc(sql`count(*)`));
}

const workOrderColumns = {
  id: workOrders.id,
  ticketId: workOrders.ticketId,
  ticketNo: tickets.ticketNo,
  ticketTitle: tickets.title,
  departmentId: workOrders.departmentId,
  departmentName: departments.name,
  assigneeId: workOrders.assigneeId,
  assigneeName: assignee.displayName,
  status: workOrders.status,
  instructions: workOrders.instructions,
  resolution: workOrders.resolution,
  dueAt: workOrders.dueAt,
  createdAt: workOrders.createdAt,
  resolvedAt: workOrders.resolvedAt,
};

const workOrderQuery = (db: DbOrTx) =>
  db
    .select(workOrderColumns)
    .from(workOrders)
    .innerJoin(tickets, eq(tickets.id, workOrders.ticketId))
    .innerJoin(customers, eq(customers.id, tickets.customerId))
    .innerJoin(departments, eq(departments.id, workOrders.departmentId))
    .leftJoin(assignee, eq(assignee.id, workOrders.assigneeId));

export type WorkOrderViewRow = Awaited<ReturnType<ReturnType<typeof workOrderQuery>['execute']>>[number];

export const workOrdersOfTicket = (db: DbOrTx, ticketId: number) =>
  workOrderQuery(db).where(eq(workOrders.ticketId, ticketId)).orderBy(workOrders.id);

export async function listWorkOrders(
  db: DbOrTx,
  v: Viewer,
  f: {
    departmentId?: number;
    status?: WorkOrderViewRow['status'];
    mine?: boolean;
    unfinished?: boolean;
    limit: number;
    offset: number;
  },
) {
  const common = and(
    ticketVisible(v),
    f.departmentId ? eq(workOrders.departmentId, f.departmentId) : undefined,
    f.status ? eq(workOrders.status, f.status) : undefined,
    f.mine ? or(eq(workOrders.assigneeId, v.userId), eq(departments.headUserId, v.userId)) : undefined,
  );
  const where = and(common, f.unfinished ? inArray(workOrders.status, ['open', 'inProgress']) : undefined);
  const countOf = (condition: SQL | undefined) =>
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(workOrders)
      .innerJoin(tickets, eq(tickets.id, workOrders.ticketId))
      .innerJoin(customers, eq(customers.id, tickets.customerId))
      .innerJoin(departments, eq(departments.id, workOrders.departmentId))
      .where(condition);
  const [items, [{ total }], hidden] = await Promise.all([
    workOrderQuery(db)
      .where(where)
      .orderBy(sql`${workOrders.dueAt} asc nulls last`, workOrders.id)
      .limit(f.limit)
      .offset(f.offset),
    countOf(where),
    f.unfinished ? countOf(and(common, inArray(workOrders.status, ['resolved', 'cancelled']))) : undefined,
  ]);
  return {
    items,
    total: Number(total),
    ...(hidden ? { finishedHidden: Number(hidden[0]?.total ?? 0) } : {}),
  };
}

export async function findWorkOrderView(db: DbOrTx, v: Viewer, id: number) {
  const [row] = await workOrderQuery(db).where(and(eq(workOrders.id, id), ticketVisible(v)));
  return row;
}
