import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rowsOf } from '../../db/results';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import { customers } from '../customers/customers.table';
import { discountAuthority, discountRequests } from './discounts.table';

export type AuthorityRow = typeof discountAuthority.$inferSelect;
export type RequestRow = typeof discountRequests.$inferSelect;
type AuthorityKey = Pick<AuthorityRow, 'role' | 'orgLevel' | 'productFamily'>;

export const listAuthority = (db: DbOrTx) =>
  db
    .select()
    .from(discountAuthority)
    .orderBy(asc(discountAuthority.role), asc(discountAuthority.orgLevel), asc(discountAuthority.productFamily));

export const countAuthority = async (db: DbOrTx) =>
  Number((await db.select({ n: sql<number>`count(*)` }).from(discountAuthority))[0]?.n ?? 0);

/** Inserts rows that do not exist yet (the seeded defaults); existing rows stay as administrators set them. */
export async function insertMissingAuthority(
  db: DbOrTx,
  rows: (AuthorityKey & { maxDiscountBp: number; maxMonthlyFen: number | null })[],
) {
  if (rows.length === 0) return;
  await db.insert(discountAuthority).values(rows).onConflictDoNothing();
}

export async function findAuthority(db: DbOrTx, key: AuthorityKey, lock = false) {
  const q = db
    .select()
    .from(discountAuthority)
    .where(
      and(
        eq(discountAuthority.role, key.role),
        eq(discountAuthority.orgLevel, key.orgLevel),
        eq(discountAuthority.productFamily, key.productFamily),
      ),
    );
  const [row] = lock ? await q.for('update') : await q;
  return row as AuthorityRow | undefined;
}

/** Creates or changes one cell of the matrix; a change bumps its version. */
export async function upsertAuthority(
  db: DbOrTx,
  values: AuthorityKey & {
    maxDiscountBp: number;
    maxMonthlyFen: number | null;
    updatedBy: number | null;
    updatedAt: Date;
  },
) {
  const [row] = await db
    .insert(discountAuthority)
    .values(values)
    .onConflictDoUpdate({
      target: [discountAuthority.role, discountAuthority.orgLevel, discountAuthority.productFamily],
      set: {
        maxDiscountBp: values.maxDiscountBp,
        maxMonthlyFen: values.maxMonthlyFen,
        updatedBy: values.updatedBy,
        updatedAt: values.updatedAt,
        version: sql`${discountAuthority.version} + 1`,
      },
    })
    .returning();
  return row;
}

export type ChainMember = { id: number; role: string; level: string };

/**
 * The managers above a user, nearest first (their own unit's, then each ancestor's), then administrators: the
 * chain a request beyond the user's authority goes up. The user themself is left out.
 */
export async function chainAbove(db: DbOrTx, userId: number): Promise<ChainMember[]> {
  const result = await db.execute(sql`
    select m.id, m.role, mo.level
      from users u
      join org_units uo on uo.id = u.org_unit_id
      join users m on m.active and m.id <> u.id and m.role in ('manager', 'admin')
      join org_units mo on mo.id = m.org_unit_id
     where u.id = ${userId} and uo.path like mo.path || '%'
     order by (m.role = 'admin'), length(mo.path) desc, m.id`);
  return rowsOf<ChainMember>(result);
}

export const insertRequest = async (db: DbOrTx, values: typeof discountRequests.$inferInsert) =>
  (await db.insert(discountRequests).values(values).returning())[0];

export async function lockRequest(db: DbOrTx, id: number) {
  const [row] = await db.select().from(discountRequests).where(eq(discountRequests.id, id)).for('update');
  return row as RequestRow | undefined;
}

export const updateRequest = async (db: DbOrTx, id: number, set: Partial<typeof discountRequests.$inferInsert>) =>
  (await db.update(discountRequests).set(set).where(eq(discountRequests.id, id)).returning())[0];

export type RequestFilter = {
  status?: RequestRow['status'];
  requestedBy?: number;
  approverId?: number;
  customerId?: number;
  id?: number;
};

const requester = sql`(select display_name from users x where x.id = ${discountRequests.requestedBy})`;
const approver = sql`(select display_name from users x where x.id = ${discountRequests.approverId})`;
const decider = sql`(select display_name from users x where x.id = ${discountRequests.decidedBy})`;

/** Discount requests of visible customers with names, newest first. */
export async function listRequests(
  db: DbOrTx,
  scope: Scope,
  f: RequestFilter,
  page: { limit: number; offset: number },
) {
  const conds: (SQL | undefined)[] = [
    customerScopeSql(scope, 'customers'),
    f.status ? eq(discountRequests.status, f.status) : undefined,
    f.requestedBy ? eq(discountRequests.requestedBy, f.requestedBy) : undefined,
    f.approverId ? eq(discountRequests.approverId, f.approverId) : undefined,
    f.customerId ? eq(discountRequests.customerId, f.customerId) : undefined,
    f.id ? eq(discountRequests.id, f.id) : undefined,
  ];
  const where = and(...conds);
  const [items, [{ n }]] = await Promise.all([
    db
      .select({
        row: discountRequests,
        customerName: sql<string>`(select pa.name from parties pa where pa.id = ${customers.partyId})`,
        serviceNumber: sql<string>`coalesce((select service_number from product_instances p where p.id = ${discountRequests.productInstanceId}), '')`,
        subjectZh: sql<string | null>`coalesce(
          (select o.name_zh from product_instances p join product_offerings o on o.id = p.offering_id where p.id = ${discountRequests.productInstanceId}),
          (select o.name_zh from solution_option_items i join product_offerings o on o.id = i.offering_id where i.id = ${discountRequests.solutionOptionItemId}))`,
        subjectEn: sql<string | null>`coalesce(
          (select o.name_en from product_instances p join product_offerings o on o.id = p.offering_id where p.id = ${discountRequests.productInstanceId}),
          (select o.name_en from solution_option_items i join product_offerings o on o.id = i.offering_id where i.id = ${discountRequests.solutionOptionItemId}))`,
        requestedByName: sql<string | null>`${requester}`,
        approverName: sql<string | null>`${approver}`,
        decidedByName: sql<string | null>`${decider}`,
      })
      .from(discountRequests)
      .innerJoin(customers, eq(customers.id, discountRequests.customerId))
      .where(where)
      .orderBy(desc(discountRequests.createdAt), desc(discountRequests.id))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ n: sql<number>`count(*)` })
      .from(discountRequests)
      .innerJoin(customers, eq(customers.id, discountRequests.customerId))
      .where(where),
  ]);
  return { items, total: Number(n) };
}

export const countPendingOfOption = async (db: DbOrTx, optionId: number) =>
  Number(
    (
      await db
        .select({ n: sql<number>`count(*)` })
        .from(discountRequests)
        .where(and(eq(discountRequests.solutionOptionId, optionId), eq(discountRequests.status, 'pending')))
    )[0]?.n ?? 0,
  );
