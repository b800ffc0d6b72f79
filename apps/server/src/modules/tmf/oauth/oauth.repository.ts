import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/client';
import { oauthClients } from './oauth.table';

export type OAuthClientRow = typeof oauthClients.$inferSelect;

export async function insertClient(db: DbOrTx, values: typeof oauthClients.$inferInsert) {
  const [row] = await db.insert(oauthClients).values(values).returning();
  return row;
}

export const findClientByClientId = async (db: DbOrTx, clientId: string) =>
  (await db.select().from(oauthClients).where(eq(oauthClients.clientId, clientId)))[0];

export const findClient = async (db: DbOrTx, id: number) =>
  (await db.select().from(oauthClients).where(eq(oauthClients.id, id)))[0];

export const listClients = (db: DbOrTx) => db.select().from(oauthClients).orderBy(desc(oauthClients.createdAt));

export async function revokeClient(db: DbOrTx, id: number, at: Date) {
  const [row] = await db.update(oauthClients).set({ revokedAt: at }).where(eq(oauthClients.id, id)).returning();
  return row;
}
