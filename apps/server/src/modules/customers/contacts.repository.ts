import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { contacts } from './customers.table';

export type ContactRow = typeof contacts.$inferSelect;

export const listContacts = (db: DbOrTx, customerId: number) =>
  db.select().from(contacts).where(eq(contacts.customerId, customerId)).orderBy(asc(contacts.id));

export async function findContact(db: DbOrTx, customerId: number, contactId: number) {
  const [row] = await db
    .select()
    .from(contacts)
    .where(and(eq(contacts.id, contactId), eq(contacts.customerId, customerId)));
  return row;
}

export async function insertContact(db: DbOrTx, values: typeof contacts.$inferInsert): Promise<ContactRow> {
  const [row] = await db.insert(contacts).values(values).returning();
  return row;
}

export async function updateContact(db: DbOrTx, id: number, values: Partial<typeof contacts.$inferInsert>) {
  const [row] = await db
    .update(contacts)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(contacts.id, id))
    .returning();
  return row;
}

export async function deleteContact(db: DbOrTx, id: number): Promise<void> {
  await db.delete(contacts).where(eq(contacts.id, id));
}
