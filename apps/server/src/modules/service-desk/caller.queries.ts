// The caller card's read model: what the hotline agent sees about a caller, in one prepared statement (grading, last
// bills, live products and their counts, whether any ticket or commitment is open), built once per scope shape and
// reused. Lists come back as JSON arrays in the same order and visibility as their own list endpoints. The open
// tickets and commitments (each a join of five tables) are read by a second statement only when the first found any
// open: most callers have none. The SLA policies are not read here (the service matches them from a cached list).
import { and, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { jsonArrayOf, jsonObjectOf } from '../../db/json-select';
import { executeStatement } from '../../db/prepared';
import { scopeTemplate } from '../../platform/scope-sql';
import { billingAccounts, bills } from '../billing/billing.table';
import { type LookupRow, partyMobileHitSql } from '../customers/customers.repository';
import { customerGrades } from '../grading/grading.table';
import { productInstances, productOfferings } from '../products/products.table';
import {
  type CommitmentViewRow,
  decodeCommitmentViews,
  openCommitmentStatuses,
  openCommitmentsJson,
} from './commitments/commitments.queries';
import { commitments } from './commitments/commitments.table';
import { openStatuses } from './tickets/tickets.models';
import { decodeTicketSummaries, openTicketsJson, type TicketSummaryRow, type Viewer } from './tickets/tickets.queries';
import { tickets } from './tickets/tickets.table';

export type CallerFacts = {
  grading: {
    tier: string | null;
    stars: number | null;
    importance: string | null;
    abcClass: string;
    period: string;
  } | null;
  openTickets: TicketSummaryRow[];
  openCommitments: CommitmentViewRow[];
  lastBills: { period: string; totalFen: number; arrearsFen: number }[];
  products: { id: number; serviceNumber: string; offeringName: string; offeringNameEn: string; status: string }[];
  productCounts: { total: number; live: number };
};

/** The first statement's columns: the facts without the open lists, and whether there are any to read. */
type FactsRow = Omit<CallerFacts, 'openTickets' | 'openCommitments'> & {
  hasOpenTickets: boolean;
  hasOpenCommitments: boolean;
};

const OPEN_LIMIT = 10;
const BILLS = 3;
const PRODUCTS = 20;

/** The caller card's columns for the customer `customerId` (SQL: a placeholder or the `hit` row's id). */
function factsColumns(db: DbOrTx, customerId: SQL): SQL {
  const grading = db
    .select({
      j: sql`${jsonObjectOf({
        tier: customerGrades.tier,
        stars: customerGrades.stars,
        importance: customerGrades.importance,
        abcClass: customerGrades.abcClass,
        period: customerGrades.period,
      })}`.as('j'),
    })
    .from(customerGrades)
    .where(eq(customerGrades.customerId, customerId))
    .orderBy(desc(customerGrades.period))
    .limit(1);
  // As billing's recentBills: newest period first, then by account.
  const lastBills = db
    .select({
      j: sql`${jsonObjectOf({ period: bills.period, totalFen: bills.totalFen, arrearsFen: bills.arrearsFen })}`.as('j'),
    })
    .from(bills)
    .innerJoin(billingAccounts, eq(billingAccounts.id, bills.accountId))
    .where(eq(bills.customerId, customerId))
    .orderBy(desc(bills.period), asc(bills.accountId))
    .limit(BILLS);
  // As desk.queries' productsOfCustomer / productCountsOfCustomer.
  const products = db
    .select({
      j: sql`${jsonObjectOf({
        id: productInstances.id,
        serviceNumber: productInstances.serviceNumber,
        offeringName: productOfferings.nameZh,
        offeringNameEn: productOfferings.nameEn,
        status: productInstances.status,
      })}`.as('j'),
    })
    .from(productInstances)
    .innerJoin(productOfferings, eq(productOfferings.id, productInstances.offeringId))
    .where(and(eq(productInstances.customerId, customerId), ne(productInstances.status, 'terminated')))
    .orderBy(asc(productInstances.id))
    .limit(PRODUCTS);
  const productCounts = db
    .select({
      j: sql`json_build_object('total', count(*)::int, 'live', (count(*) filter (where ${productInstances.status} <> 'terminated'))::int)`.as(
        'j',
      ),
    })
    .from(productInstances)
    .where(eq(productInstances.customerId, customerId));
  // Whether the customer has any open ticket / commitment at all, whoever may see it (a superset of the lists'
  // visibility: the lists themselves are read with it, by `openListsOf`). One index probe each
  // (tickets_customer_open_idx, commitments_customer_idx).
  const anyOpenTicket = db
    .select({ one: sql`1` })
    .from(tickets)
    .where(
      and(eq(tickets.customerId, customerId), inArray(tickets.status, [...openStatuses]), isNull(tickets.deletedAt)),
    );
  const anyOpenCommitment = db
    .select({ one: sql`1` })
    .from(commitments)
    .where(and(eq(commitments.customerId, customerId), inArray(commitments.status, openCommitmentStatuses)));
  return sql`${grading} as "grading",
    exists ${anyOpenTicket} as "hasOpenTickets",
    exists ${anyOpenCommitment} as "hasOpenCommitments",
    ${jsonArrayOf(lastBills)} as "lastBills",
    ${jsonArrayOf(products)} as "products",
    ${productCounts} as "productCounts"`;
}

type OpenLists = Pick<CallerFacts, 'openTickets' | 'openCommitments'>;
const noneOpen = (): OpenLists => ({ openTickets: [], openCommitments: [] });

/**
 * The open tickets and commitments of a customer the first statement found some for, as their list endpoints show
 * them to the viewer (same joins, order, visibility; the first ten of each).
 */
async function openListsOf(
  db: DbOrTx,
  t: ReturnType<typeof templateOf>,
  customerId: number,
  row: FactsRow,
): Promise<OpenLists> {
  if (!row.hasOpenTickets && !row.hasOpenCommitments) return noneOpen();
  const id = sql`${sql.placeholder('customerId')}::int`;
  const [lists] = await executeStatement<OpenLists>(
    db,
    `service-desk.caller.open:${t.key}`,
    () => sql`select ${openTicketsJson(db, t.viewer, id, OPEN_LIMIT)} as "openTickets",
      ${openCommitmentsJson(db, t.viewer, id, OPEN_LIMIT)} as "openCommitments"`,
    { ...t.values, customerId },
  );
  decodeTicketSummaries(lists.openTickets as unknown as Record<string, unknown>[]);
  decodeCommitmentViews(lists.openCommitments as unknown as Record<string, unknown>[]);
  return lists;
}

/** The card's facts from the first statement's row and, when it found any open, the open lists. */
async function factsOf<R extends FactsRow>(
  db: DbOrTx,
  t: ReturnType<typeof templateOf>,
  customerId: number,
  row: R,
): Promise<Omit<R, 'hasOpenTickets' | 'hasOpenCommitments'> & OpenLists> {
  const { hasOpenTickets: _t, hasOpenCommitments: _c, ...facts } = row;
  return { ...facts, ...(await openListsOf(db, t, customerId, row)) };
}

/** A template viewer for a statement built once: the viewer's own id is the placeholder `viewerId`. */
function templateOf(v: Viewer) {
  const t = scopeTemplate(v.scope);
  const viewer: Viewer = { scope: t.scope, userId: sql.placeholder('viewerId') as unknown as number };
  return { key: t.key, viewer, values: { ...t.values, viewerId: v.userId } };
}

/**
 * The caller card of whoever holds `phone` as a party mobile in the viewer's scope (nearly every caller), identified
 * and described in one statement; undefined when no party in scope holds it (then `lookupByOtherPhone` and
 * `callerFactsOf`).
 */
export async function callerCardByMobile(
  db: DbOrTx,
  v: Viewer,
  phone: string,
): Promise<(LookupRow & CallerFacts) | undefined> {
  const t = templateOf(v);
  const [row] = await executeStatement<LookupRow & FactsRow>(
    db,
    `service-desk.caller.mobile:${t.key}`,
    () =>
      sql`with hit as (${partyMobileHitSql(t.viewer.scope, sql.placeholder('phone'))})
        select hit.*, ${factsColumns(db, sql`hit.id`)} from hit`,
    { ...t.values, phone },
  );
  return row && factsOf(db, t, row.id, row);
}

/** The caller card's facts of a customer already identified in the viewer's scope. */
export async function callerFactsOf(db: DbOrTx, v: Viewer, customerId: number): Promise<CallerFacts> {
  const t = templateOf(v);
  const [row] = await executeStatement<FactsRow>(
    db,
    `service-desk.caller.facts:${t.key}`,
    () => sql`select ${factsColumns(db, sql`${sql.placeholder('customerId')}::int`)}`,
    { ...t.values, customerId },
  );
  return factsOf(db, t, customerId, row);
}
