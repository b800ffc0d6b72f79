import { and, desc, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { questionnaires } from '../surveys.table';

export type QuestionnaireRow = typeof questionnaires.$inferSelect;

export const findForUpdate = async (db: DbOrTx, id: number) =>
  (await db.select().from(questionnaires).where(eq(questionnaires.id, id)).for('update'))[0];

export const findDraftOf = async (db: DbOrTx, code: string) =>
  (
    await db
      .select()
      .from(questionnaires)
      .where(and(eq(questionnaires.code, code), eq(questionnaires.status, 'draft')))
  )[0];

export const versionsOf = (db: DbOrTx, code: string) =>
  db.select().from(questionnaires).where(eq(questionnaires.code, code)).orderBy(desc(questionnaires.version));

/** Retires the other published versions of a code (the newest published one is the one in use). */
export const retireOthers = (db: DbOrTx, code: string, keepId: number) =>
  db
    .update(questionnaires)
    .set({ status: 'retired' })
    .where(and(eq(questionnaires.code, code), eq(questionnaires.status, 'published'), ne(questionnaires.id, keepId)))
    .returning({ id: questionnaires.id });
