// Read-only lookups of the callback programme, within the viewer's customer scope.
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import type { Scope } from '../../platform/context';
import { customerScopeSql } from '../../platform/scope-sql';

type Rows<T> = { rows: T[] };

/** Names of the customers among `ids` that are inside the scope (the follow-up list shows who is to be called). */
export async function customerNamesOf(db: DbOrTx, scope: Scope, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const res = (await db.execute(
    sql`select c.id, p.name from customers c join parties p on p.id = c.party_id
        where c.id = any(${sql.raw(`'{${ids.map(Number).join(',')}}'::int[]`)}) and ${customerScopeSql(scope, 'c')}`,
  )) as unknown as Rows<{ id: number; name: string }>;
  return new Map(res.rows.map((r) => [r.id, r.name]));
}
