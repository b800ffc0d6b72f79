// Commitments joined with customers and promisers (read-only), under the viewer's row scope: a commitment is visible
// when its customer is, or when the viewer made the promise.
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../../db/client';
import { jsonArrayOf, jsonObjectOf, jsonRowsDecoder } from '../../../db/json-select';
import { customerScopeSql } from '../../../platform/scope-sql';
import { customers, parties } from '../../customers/customers.table';
import { users } from '../../org/org.table';
import type { Viewer } from '../tickets/tickets.queries';
import { commitments } from './commitments.table';

const decider = alias(users, 'decider');

const columns = {
  id: commitments.id,
  customerId: commitments.customerId,
  customerName: parties.name,
  customerCategory: customers.category,
  type: commitments.type,
  what: commitments.what,
  amountFen: commitments.amountFen,
  dueAt: commitments.dueAt,
  promiserId: commitments.promiserId,
  promiserName: users.displayName,
  departmentId: commitments.departmentId,
  ticketId: commitments.ticketId,
  opportunityId: commitments.opportunityId,
  orderRef: commitments.orderRef,
  status: commitments.status,
  withinLimit: commitments.withinLimit,
  limitFen: commitments.limitFen,
  approvedByName: decider.displayName,
  decisionNote: commitments.decisionNote,
  evidence: commitments.evidence,
  fulfilledAt: commitments.fulfilledAt,
  createdAt: commitments.createdAt,
};

const base = (db: DbOrTx) =>
  db
    .select(columns)
    .from(commitments)
    .innerJoin(customers, eq(customers.id, commitments.customerId))
    .innerJoin(parties, eq(parties.id, customers.partyId))
    .innerJoin(users, eq(users.id, commitments.promiserId))
    .leftJoin(decider, eq(decider.id, commitments.decidedBy));

export type CommitmentViewRow = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];

const visible = (v: Viewer): SQL =>
  sql`(${customerScopeSql(v.scope, 'customers')} or ${commitments.promiserId} = ${v.userId})`;

export type CommitmentFilter = {
  status?: CommitmentViewRow['status'];
  statuses?: CommitmentViewRow['status'][];
  customerId?: number;
  ticketId?: number;
  promiserId?: number;
  keyAccountsOnly?: boolean;
  limit: number;
  offset: number;
};

export async function listCommitments(db: DbOrTx, v: Viewer, f: CommitmentFilter) {
  const where = and(
    visible(v),
    f.status ? eq(commitments.status, f.status) : undefined,
    f.statuses ? inArray(commitments.status, f.statuses) : undefined,
    f.customerId ? eq(commitments.customerId, f.customerId) : undefined,
    f.ticketId ? eq(commitments.ticketId, f.ticketId) : undefined,
    f.promiserId ? eq(commitments.promiserId, f.promiserId) : undefined,
    f.keyAccountsOnly ? eq(customers.category, 'key_account') : undefined,
  );
  const [items, [{ total }]] = await Promise.all([
    base(db).where(where).orderBy(asc(commitments.dueAt), asc(commitments.id)).limit(f.limit).offset(f.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(commitments)
      .innerJoin(customers, eq(customers.id, commitments.customerId))
      .where(where),
  ]);
  return { items, total: Number(total) };
}

export async function findCommitmentView(db: DbOrTx, v: Viewer, id: number) {
  const [row] = await base(db).where(and(eq(commitments.id, id), visible(v)));
  return row;
}

/** Statuses of a commitment still to keep (the caller card's and the desk's "open" list). */
export const openCommitmentStatuses: CommitmentViewRow['status'][] = ['pending_approval', 'open', 'overdue'];

/**
 * A customer's open commitments as the list shows them (same joins as `base`, same visibility, due first, the first `limit`), as one JSON
 * array for a statement that embeds it (the caller card). Decode with `decodeCommitmentViews`.
 */
export function openCommitmentsJson(db: DbOrTx, v: Viewer, customerId: SQL, limit: number): SQL {
  const rows = db
    .select({ j: sql`${jsonObjectOf(columns)}`.as('j') })
    .from(commitments)
    .innerJoin(customers, eq(customers.id, commitments.customerId))
    .innerJoin(parties, eq(parties.id, customers.partyId))
    .innerJoin(users, eq(users.id, commitments.promiserId))
    .leftJoin(decider, eq(decider.id, commitments.decidedBy))
    .where(and(visible(v), inArray(commitments.status, openCommitmentStatuses), eq(commitments.customerId, customerId)))
    .orderBy(asc(commitments.dueAt), asc(commitments.id))
    .limit(limit);
  return jsonArrayOf(rows);
}
export const decodeCommitmentViews = jsonRowsDecoder<CommitmentViewRow>(columns);
