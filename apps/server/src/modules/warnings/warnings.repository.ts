import { and, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';
import { customers, parties } from '../customers/customers.table';
import { users } from '../org/org.table';
import { warningRuleSettings, warnings } from './warnings.table';

export type WarningRow = typeof warnings.$inferSelect;
export type SettingDbRow = typeof warningRuleSettings.$inferSelect;

export const listSettings = (db: DbOrTx) => db.select().from(warningRuleSettings);

export async function upsertSetting(db: DbOrTx, values: typeof warningRuleSettings.$inferInsert) {
  const existing = (
    await db
      .select()
      .from(warningRuleSettings)
      .where(
        and(
          eq(warningRuleSettings.ruleCode, values.ruleCode),
          values.orgUnitId
            ? eq(warningRuleSettings.orgUnitId, values.orgUnitId)
            : isNull(warningRuleSettings.orgUnitId),
        ),
      )
  )[0];
  if (existing) {
    const [row] = await db
      .update(warningRuleSettings)
      .set({ enabled: values.enabled, params: values.params, updatedBy: values.updatedBy, updatedAt: new Date() })
      .where(eq(warningRuleSettings.id, existing.id))
      .returning();
    return { before: existing, after: row };
  }
  const [row] = await db.insert(warningRuleSettings).values(values).returning();
  return { before: null, after: row };
}

/** Inserts the warnings not raised before (same customer, rule and cause); returns the new ones. */
export async function insertNew(db: DbOrTx, rows: (typeof warnings.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return db.insert(warnings).values(rows).onConflictDoNothing().returning();
}

/** Open warnings follow the customer's current AM (after a transfer). */
export async function followAccountManagers(db: DbOrTx, customerIds: number[]) {
  if (customerIds.length === 0) return;
  await db.execute(sql`update warnings w set assignee_id = c.account_manager_id
    from customers c where c.id = w.customer_id and w.status <> 'closed'
      and w.customer_id = any(${sql.raw(`'{${customerIds.join(',')}}'::int[]`)})
      and w.assignee_id is distinct from c.account_manager_id`);
}

export type WarningFilter = {
  id?: number;
  status?: WarningRow['status'];
  open?: boolean;
  assigneeId?: number;
  customerId?: number;
  customerIds?: number[];
  ruleCode?: WarningRow['ruleCode'];
};

function where(scope: Scope, f: WarningFilter): SQL | undefined {
  return and(
    customerScopeSql(scope, 'customers'),
    f.id ? eq(warnings.id, f.id) : undefined,
    f.status ? eq(warnings.status, f.status) : undefined,
    f.open === true ? sql`${warnings.status} <> 'closed'` : undefined,
    f.open === false ? eq(warnings.status, 'closed') : undefined,
    f.assigneeId ? eq(warnings.assigneeId, f.assigneeId) : undefined,
    f.customerId ? eq(warnings.customerId, f.customerId) : undefined,
    f.customerIds ? inArray(warnings.customerId, f.customerIds.length ? f.customerIds : [0]) : undefined,
    f.ruleCode ? eq(warnings.ruleCode, f.ruleCode) : undefined,
  );
}

export async function listWarnings(
  db: DbOrTx,
  scope: Scope,
  f: WarningFilter,
  page: { limit: number; offset: number },
) {
  const w = where(scope, f);
  const [items, [{ total }]] = await Promise.all([
    db
      .select({ warning: warnings, customerName: parties.name, assigneeName: users.displayName })
      .from(warnings)
      .innerJoin(customers, eq(customers.id, warnings.customerId))
      .innerJoin(parties, eq(parties.id, customers.partyId))
      .leftJoin(users, eq(users.id, warnings.assigneeId))
      .where(w)
      .orderBy(
        sql`case ${warnings.severity} when 'high' then 0 when 'medium' then 1 else 2 end`,
        desc(warnings.createdAt),
        desc(warnings.id),
      )
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(warnings).innerJoin(customers, eq(customers.id, warnings.customerId)).where(w),
  ]);
  return { items, total: Number(total) };
}

export type WarningListRow = Awaited<ReturnType<typeof listWarnings>>['items'][number];

export async function updateWarning(db: DbOrTx, id: number, values: Partial<typeof warnings.$inferInsert>) {
  const [row] = await db.update(warnings).set(values).where(eq(warnings.id, id)).returning();
  return row;
}

/** Open warnings per customer (the workbench portfolio). */
export async function openCounts(db: DbOrTx, customerIds: number[]) {
  if (customerIds.length === 0) return new Map<number, number>();
  const rows = await db
    .select({ customerId: warnings.customerId, n: count() })
    .from(warnings)
    .where(and(inArray(warnings.customerId, customerIds), sql`${warnings.status} <> 'closed'`))
    .groupBy(warnings.customerId);
  return new Map(rows.map((r) => [r.customerId, Number(r.n)]));
}
