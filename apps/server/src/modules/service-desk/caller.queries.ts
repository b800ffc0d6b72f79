// The caller card's read model: what the hotline agent sees about a caller, in one prepared statement (grading, open
// tickets and commitments, last bills, live products and their counts, the active SLA policies), built once per scope
// shape and reused. Lists come back as JSON arrays in the same order and visibility as their own list endpoints.
import { and, asc, desc, eq, ne, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { jsonArrayOf, jsonObjectOf } from '../../db/json-select';
import { executeStatement } from '../../db/prepared';
import { scopeTemplate } from '../../platform/scope-sql';
import { billingAccounts, bills } from '../billing/billing.table';
import { type LookupRow, partyMobileHitSql } from '../customers/customers.repository';
import { customerGrades } from '../grading/grading.table';
import { productInstances, productOfferings } from '../products/products.table';
import { type CommitmentViewRow, decodeCommitmentViews, openCommitmentsJson } from './commitments/commitments.queries';
import type { MatchablePolicy } from './sla/sla.models';
import { slaPolicies } from './sla/sla.table';
import { decodeTicketSummaries, openTicketsJson, type TicketSummaryRow, type Viewer } from './tickets/tickets.queries';

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
  /** The active SLA policies, as the matcher needs them (`matchPolicy`). */
  policies: (MatchablePolicy & { resolutionMinutes: number })[];
};

const OPEN_LIMIT = 10;
const BILLS = 3;
const PRODUCTS = 20;

/** The caller card's columns for the customer `customerId` (SQL: a placeholder or the `hit` row's id). */
function factsColumns(db: DbOrTx, v: Viewer, customerId: SQL): SQL {
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
  const policies = db
    .select({
      j: sql`${jsonObjectOf({
        id: slaPolicies.id,
        active: slaPolicies.active,
        ticketType: slaPolicies.ticketType,
        customerCategory: slaPolicies.customerCategory,
        tier: slaPolicies.tier,
        importance: slaPolicies.importance,
        severity: slaPolicies.severity,
        resolutionMinutes: slaPolicies.resolutionMinutes,
      })}`.as('j'),
    })
    .from(slaPolicies)
    .where(eq(slaPolicies.active, true))
    .orderBy(asc(slaPolicies.id));
  return sql`${grading} as "grading",
    ${openTicketsJson(db, v, customerId, OPEN_LIMIT)} as "openTickets",
    ${openCommitmentsJson(db, v, customerId, OPEN_LIMIT)} as "openCommitments",
    ${jsonArrayOf(lastBills)} as "lastBills",
    ${jsonArrayOf(products)} as "products",
    ${productCounts} as "productCounts",
    ${jsonArrayOf(policies)} as "policies"`;
}

const decode = <R extends CallerFacts>(row: R): R => {
  decodeTicketSummaries(row.openTickets as unknown as Record<string, unknown>[]);
  decodeCommitmentViews(row.openCommitments as unknown as Record<string, unknown>[]);
  return row;
};

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
  const [row] = await executeStatement<LookupRow & CallerFacts>(
    db,
    `service-desk.caller.mobile:${t.key}`,
    () =>
      sql`with hit as (${partyMobileHitSql(t.viewer.scope, sql.placeholder('phone'))})
        select hit.*, ${factsColumns(db, t.viewer, sql`hit.id`)} from hit`,
    { ...t.values, phone },
  );
  return row && decode(row);
}

/** The caller card's facts of a customer already identified in the viewer's scope. */
export async function callerFactsOf(db: DbOrTx, v: Viewer, customerId: number): Promise<CallerFacts> {
  const t = templateOf(v);
  const [row] = await executeStatement<CallerFacts>(
    db,
    `service-desk.caller.facts:${t.key}`,
    () => sql`select ${factsColumns(db, t.viewer, sql`${sql.placeholder('customerId')}::int`)}`,
    { ...t.values, customerId },
  );
  return decode(row);
}
