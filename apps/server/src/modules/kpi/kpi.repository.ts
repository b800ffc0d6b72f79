import { and, asc, desc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import { orgUnits, users } from '../org/org.table';
import { tickets } from '../service-desk/tickets/tickets.table';
import { kpiPenalties, kpiScorecards, kpiSettings } from './kpi.table';

export type KpiSettingsRow = typeof kpiSettings.$inferSelect;
export type KpiScorecardRow = typeof kpiScorecards.$inferSelect;
export type KpiPenaltyRow = typeof kpiPenalties.$inferSelect;

export const listSettings = (db: DbOrTx) => db.select().from(kpiSettings).orderBy(asc(kpiSettings.effectiveFrom));

export async function findSettings(db: DbOrTx, effectiveFrom: string, lock = false) {
  const q = db.select().from(kpiSettings).where(eq(kpiSettings.effectiveFrom, effectiveFrom));
  const [row] = lock ? await q.for('update') : await q;
  return row as KpiSettingsRow | undefined;
}

/** Inserts the default settings unless a row for that period exists (lazily, by whoever reads first). */
export async function insertSettingsIfMissing(
  db: DbOrTx,
  values: Pick<KpiSettingsRow, 'effectiveFrom' | 'weights' | 'targets' | 'bonusTable'>,
) {
  await db.insert(kpiSettings).values(values).onConflictDoNothing({ target: kpiSettings.effectiveFrom });
}

export async function upsertSettings(
  db: DbOrTx,
  values: Pick<KpiSettingsRow, 'effectiveFrom' | 'weights' | 'targets' | 'bonusTable' | 'updatedBy' | 'updatedAt'>,
) {
  const [row] = await db
    .insert(kpiSettings)
    .values(values)
    .onConflictDoUpdate({
      target: kpiSettings.effectiveFrom,
      set: {
        weights: values.weights,
        targets: values.targets,
        bonusTable: values.bonusTable,
        updatedBy: values.updatedBy,
        updatedAt: values.updatedAt,
        version: sql`${kpiSettings.version} + 1`,
      },
    })
    .returning();
  return row;
}

const cardColumns = {
  card: kpiScorecards,
  userName: users.displayName,
  orgUnitName: orgUnits.name,
};
export type CardWithNames = { card: KpiScorecardRow; userName: string; orgUnitName: string };

const cardsQuery = (db: DbOrTx) =>
  db
    .select(cardColumns)
    .from(kpiScorecards)
    .innerJoin(users, eq(users.id, kpiScorecards.userId))
    .innerJoin(orgUnits, eq(orgUnits.id, kpiScorecards.orgUnitId));

export async function findCard(db: DbOrTx, id: number): Promise<CardWithNames | undefined> {
  const [row] = await cardsQuery(db).where(eq(kpiScorecards.id, id));
  return row;
}

export async function lockCard(db: DbOrTx, id: number) {
  const [row] = await db.select().from(kpiScorecards).where(eq(kpiScorecards.id, id)).for('update');
  return row as KpiScorecardRow | undefined;
}

/** Cards of a period, restricted to org units or users when given, best score first. */
export const listCards = (
  db: DbOrTx,
  opts: { period: string; orgUnitIds?: readonly number[] | null; userId?: number | null },
): Promise<CardWithNames[]> =>
  cardsQuery(db)
    .where(
      and(
        eq(kpiScorecards.period, opts.period),
        opts.orgUnitIds ? inArray(kpiScorecards.orgUnitId, [...opts.orgUnitIds]) : undefined,
        opts.userId ? eq(kpiScorecards.userId, opts.userId) : undefined,
      ),
    )
    .orderBy(desc(kpiScorecards.score), asc(users.displayName), asc(kpiScorecards.id))
    .limit(2000);

export const listCardsOfUser = (db: DbOrTx, opts: { userId: number; from: string; to: string }) =>
  db
    .select()
    .from(kpiScorecards)
    .where(
      and(
        eq(kpiScorecards.userId, opts.userId),
        gte(kpiScorecards.period, opts.from),
        lte(kpiScorecards.period, opts.to),
      ),
    )
    .orderBy(asc(kpiScorecards.period));

/** Frozen (confirmed) user ids of a period. */
export async function confirmedUserIds(db: DbOrTx, period: string): Promise<Set<number>> {
  const rows = await db
    .select({ userId: kpiScorecards.userId })
    .from(kpiScorecards)
    .where(and(eq(kpiScorecards.period, period), eq(kpiScorecards.status, 'confirmed')));
  return new Set(rows.map((r) => r.userId));
}

export type CardValues = Omit<KpiScorecardRow, 'id' | 'status' | 'confirmedBy' | 'confirmedAt'>;

/** Creates or recomputes cards; a confirmed card is never changed (the update skips it). */
export async function upsertCards(db: DbOrTx, values: CardValues[]) {
  if (values.length === 0) return [];
  return db
    .insert(kpiScorecards)
    .values(values)
    .onConflictDoUpdate({
      target: [kpiScorecards.period, kpiScorecards.userId],
      set: {
        orgUnitId: sql`excluded.org_unit_id`,
        score: sql`excluded.score`,
        coefficient: sql`excluded.coefficient`,
        penaltyPoints: sql`excluded.penalty_points`,
        penaltyFen: sql`excluded.penalty_fen`,
        portfolioSize: sql`excluded.portfolio_size`,
        figures: sql`excluded.figures`,
        settingsId: sql`excluded.settings_id`,
        settingsVersion: sql`excluded.settings_version`,
        computedAt: sql`excluded.computed_at`,
      },
      setWhere: ne(kpiScorecards.status, 'confirmed'),
    })
    .returning({ id: kpiScorecards.id, userId: kpiScorecards.userId });
}

export async function confirmCard(db: DbOrTx, id: number, by: number, at: Date) {
  const [row] = await db
    .update(kpiScorecards)
    .set({ status: 'confirmed', confirmedBy: by, confirmedAt: at })
    .where(eq(kpiScorecards.id, id))
    .returning();
  return row;
}

export async function insertPenalty(db: DbOrTx, values: typeof kpiPenalties.$inferInsert) {
  const [row] = await db.insert(kpiPenalties).values(values).returning();
  return row;
}

const penaltyAm = alias(users, 'penalty_am');
const penaltyRecorder = alias(users, 'penalty_recorder');
/** A penalty with the names shown next to it: the AM, who recorded it, the linked ticket's number and title. */
export type PenaltyWithNames = {
  row: KpiPenaltyRow;
  userName: string;
  createdByName: string | null;
  ticketNo: string | null;
  ticketTitle: string | null;
};
const penaltiesWithNames = (db: DbOrTx) =>
  db
    .select({
      row: kpiPenalties,
      userName: penaltyAm.displayName,
      createdByName: penaltyRecorder.displayName,
      ticketNo: tickets.ticketNo,
      ticketTitle: tickets.title,
    })
    .from(kpiPenalties)
    .innerJoin(penaltyAm, eq(penaltyAm.id, kpiPenalties.userId))
    .leftJoin(penaltyRecorder, eq(penaltyRecorder.id, kpiPenalties.createdBy))
    .leftJoin(tickets, eq(tickets.id, kpiPenalties.ticketId));

export async function findPenalty(db: DbOrTx, id: number): Promise<PenaltyWithNames | undefined> {
  const [row] = await penaltiesWithNames(db).where(eq(kpiPenalties.id, id));
  return row;
}

export const listPenalties = (
  db: DbOrTx,
  opts: { period: string; userIds?: readonly number[] | null },
): Promise<PenaltyWithNames[]> =>
  penaltiesWithNames(db)
    .where(
      and(
        eq(kpiPenalties.period, opts.period),
        opts.userIds ? inArray(kpiPenalties.userId, [...opts.userIds]) : undefined,
      ),
    )
    .orderBy(asc(kpiPenalties.createdAt), asc(kpiPenalties.id));

/** Confirms every computed card of a period (the demo's past months); returns their ids. */
export const confirmPeriod = (db: DbOrTx, period: string, at: Date) =>
  db
    .update(kpiScorecards)
    .set({ status: 'confirmed', confirmedAt: at })
    .where(and(eq(kpiScorecards.period, period), eq(kpiScorecards.status, 'computed')))
    .returning({ id: kpiScorecards.id });
