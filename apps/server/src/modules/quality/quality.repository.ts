import { and, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { orgUnits, users } from '../org/org.table';
import { qualityInspections } from './quality.table';

export type InspectionRow = typeof qualityInspections.$inferSelect;
const staff = alias(users, 'staff');
const inspector = alias(users, 'inspector');

const withNames = (db: DbOrTx) =>
  db
    .select({
      row: qualityInspections,
      staffName: staff.displayName,
      inspectorName: inspector.displayName,
      orgUnitName: orgUnits.name,
    })
    .from(qualityInspections)
    .innerJoin(orgUnits, eq(orgUnits.id, qualityInspections.orgUnitId))
    .leftJoin(staff, eq(staff.id, qualityInspections.staffUserId))
    .leftJoin(inspector, eq(inspector.id, qualityInspections.inspectorId));
export type InspectionWithNames = Awaited<ReturnType<ReturnType<typeof withNames>['limit']>>[number];

export async function insertInspection(db: DbOrTx, values: typeof qualityInspections.$inferInsert) {
  const [row] = await db.insert(qualityInspections).values(values).returning();
  return row;
}

export async function findInspection(db: DbOrTx, id: number) {
  const [row] = await withNames(db).where(eq(qualityInspections.id, id));
  return row;
}

export type InspectionFilter = {
  orgUnitIds: number[] | null;
  /** Only these staff (an AM sees their own). */
  staffUserId?: number;
  kind?: InspectionRow['kind'];
  from?: string;
  to?: string;
};
const where = (f: InspectionFilter) =>
  and(
    f.orgUnitIds ? inArray(qualityInspections.orgUnitId, f.orgUnitIds) : undefined,
    f.staffUserId ? eq(qualityInspections.staffUserId, f.staffUserId) : undefined,
    f.kind ? eq(qualityInspections.kind, f.kind) : undefined,
    f.from ? gte(qualityInspections.inspectedAt, f.from) : undefined,
    f.to ? lte(qualityInspections.inspectedAt, f.to) : undefined,
  );

export async function listInspections(db: DbOrTx, f: InspectionFilter, page: { limit: number; offset: number }) {
  const [items, [{ n }]] = await Promise.all([
    withNames(db)
      .where(where(f))
      .orderBy(desc(qualityInspections.inspectedAt), desc(qualityInspections.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(qualityInspections).where(where(f)),
  ]);
  return { items, total: Number(n) };
}

/** Inspections of staff members between two dates [from, to) (the KPI's penalties). */
export const listStaffInspections = (db: DbOrTx, opts: { userIds: number[]; from: string; to: string }) =>
  db
    .select()
    .from(qualityInspections)
    .where(
      and(
        inArray(qualityInspections.staffUserId, opts.userIds),
        gte(qualityInspections.inspectedAt, opts.from),
        lt(qualityInspections.inspectedAt, opts.to),
      ),
    )
    .orderBy(qualityInspections.inspectedAt, qualityInspections.id);
