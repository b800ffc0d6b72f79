import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { users } from '../org/org.table';
import { interactions } from './interactions.table';

export type InteractionRow = typeof interactions.$inferSelect;

/** A customer's interactions, newest first (interactions_customer_idx). */
export const listRecent = (db: DbOrTx, customerId: number, limit: number) =>
  db
    .select({
      id: interactions.id,
      customerId: interactions.customerId,
      channel: interactions.channel,
      direction: interactions.direction,
      summary: interactions.summary,
      userId: interactions.userId,
      userName: users.displayName,
      occurredAt: interactions.occurredAt,
    })
    .from(interactions)
    .leftJoin(users, eq(users.id, interactions.userId))
    .where(eq(interactions.customerId, customerId))
    .orderBy(desc(interactions.occurredAt), desc(interactions.id))
    .limit(limit);

export async function insertInteraction(db: DbOrTx, values: typeof interactions.$inferInsert) {
  const [row] = await db.insert(interactions).values(values).returning();
  return row;
}

/** Many interactions in one statement (campaign sends). */
export async function insertInteractions(db: DbOrTx, values: (typeof interactions.$inferInsert)[]) {
  if (values.length) await db.insert(interactions).values(values);
}
