import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { slaCalendars, slaClocks, slaEvents, slaHolidays, slaPolicies } from './sla.table';

export type CalendarRow = typeof slaCalendars.$inferSelect;
export type PolicyRow = typeof slaPolicies.$inferSelect;
export type ClockRow = typeof slaClocks.$inferSelect;
export type HolidayRow = typeof slaHolidays.$inferSelect;

export const listCalendars = (db: DbOrTx) => db.select().from(slaCalendars).orderBy(asc(slaCalendars.id));
export const findCalendar = async (db: DbOrTx, id: number) =>
  (await db.select().from(slaCalendars).where(eq(slaCalendars.id, id)))[0];
export async function insertCalendar(db: DbOrTx, values: typeof slaCalendars.$inferInsert) {
  await db.insert(slaCalendars).values(values).onConflictDoNothing();
}
export async function updateCalendar(db: DbOrTx, id: number, values: Partial<typeof slaCalendars.$inferInsert>) {
  const [row] = await db.update(slaCalendars).set(values).where(eq(slaCalendars.id, id)).returning();
  return row;
}

export const listHolidays = (db: DbOrTx) => db.select().from(slaHolidays).orderBy(asc(slaHolidays.date));
export const findHoliday = async (db: DbOrTx, date: string) =>
  (await db.select().from(slaHolidays).where(eq(slaHolidays.date, date)))[0];
export async function upsertHoliday(db: DbOrTx, values: HolidayRow): Promise<HolidayRow> {
  const [row] = await db
    .insert(slaHolidays)
    .values(values)
    .onConflictDoUpdate({ target: slaHolidays.date, set: { kind: values.kind, name: values.name } })
    .returning();
  return row;
}
export async function deleteHoliday(db: DbOrTx, date: string) {
  const [row] = await db.delete(slaHolidays).where(eq(slaHolidays.date, date)).returning();
  return row;
}

export const listPolicies = (db: DbOrTx) => db.select().from(slaPolicies).orderBy(asc(slaPolicies.id));
export const countPolicies = async (db: DbOrTx) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(slaPolicies))[0].n;
export const findPolicy = async (db: DbOrTx, id: number) =>
  (await db.select().from(slaPolicies).where(eq(slaPolicies.id, id)))[0];
export async function insertPolicy(db: DbOrTx, values: typeof slaPolicies.$inferInsert): Promise<PolicyRow> {
  const [row] = await db.insert(slaPolicies).values(values).returning();
  return row;
}
export async function updatePolicy(db: DbOrTx, id: number, values: Partial<typeof slaPolicies.$inferInsert>) {
  const [row] = await db
    .update(slaPolicies)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(slaPolicies.id, id))
    .returning();
  return row;
}

export async function insertClock(db: DbOrTx, values: typeof slaClocks.$inferInsert): Promise<ClockRow> {
  const [row] = await db.insert(slaClocks).values(values).returning();
  return row;
}
export const listClocks = (db: DbOrTx, ticketId: number) =>
  db.select().from(slaClocks).where(eq(slaClocks.ticketId, ticketId)).orderBy(asc(slaClocks.metric));
export const listClocksOf = (db: DbOrTx, ticketIds: number[]) =>
  ticketIds.length ? db.select().from(slaClocks).where(inArray(slaClocks.ticketId, ticketIds)) : Promise.resolve([]);
export async function updateClock(db: DbOrTx, id: number, values: Partial<typeof slaClocks.$inferInsert>) {
  const [row] = await db.update(slaClocks).set(values).where(eq(slaClocks.id, id)).returning();
  return row;
}

/**
 * Running clocks the SLA scan must look at, in three bounded lists so that none starves the others: warning time
 * passed (oldest first), due time passed (oldest first), and breached clocks not yet escalated to the manager (oldest
 * breach first; they reach 150 % of the target in about that order).
 */
export async function listClocksToScan(db: DbOrTx, now: Date, limit: number) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const running = eq(slaClocks.state, 'running');
  const [warn, due, escalate] = await Promise.all([
    db
      .select()
      .from(slaClocks)
      .where(and(running, isNull(slaClocks.warnedAt), isNull(slaClocks.breachedAt), sql`${slaClocks.warnAt} <= ${at}`))
      .orderBy(asc(slaClocks.warnAt))
      .limit(limit),
    db
      .select()
      .from(slaClocks)
      .where(and(running, isNull(slaClocks.breachedAt), sql`${slaClocks.dueAt} <= ${at}`))
      .orderBy(asc(slaClocks.dueAt))
      .limit(limit),
    db
      .select()
      .from(slaClocks)
      .where(and(running, isNotNull(slaClocks.breachedAt), sql`${slaClocks.escalationLevel} < 2`))
      .orderBy(asc(slaClocks.breachedAt))
      .limit(limit),
  ]);
  const byId = new Map([...warn, ...due, ...escalate].map((c) => [c.id, c]));
  return [...byId.values()];
}

/**
 * Records a warning / breach / escalation of a clock once: the unique (clock, kind, level) index makes a second scan
 * (or a concurrent worker) insert nothing; returns whether this call recorded it.
 */
export async function recordSlaEvent(
  db: DbOrTx,
  values: { clockId: number; ticketId: number; kind: 'warning' | 'breach' | 'escalation'; level: number; at: Date },
  notifiedUserIds: number[],
): Promise<boolean> {
  const rows = await db
    .insert(slaEvents)
    .values({ ...values, notifiedUserIds })
    .onConflictDoNothing()
    .returning({ id: slaEvents.id });
  return rows.length > 0;
}
export const listSlaEvents = (db: DbOrTx, ticketId: number) =>
  db.select().from(slaEvents).where(eq(slaEvents.ticketId, ticketId)).orderBy(asc(slaEvents.id));

/** Serialises the one-time seeding of defaults across workers (transaction-scoped advisory lock). */
export async function lockDefaults(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('service-desk.defaults'))`);
}
