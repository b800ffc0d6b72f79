import { deskCodeOfKaDepartment } from '@crm/contracts';
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { rowsOf } from '../../db/results';

/** Our fulfilment departments -> the service desk's department codes (departments.head_user_id). */
const deskCodes: Record<string, string | null> = deskCodeOfKaDepartment;

/**
 * Who heads the department owning a step: the head of the matching service-desk department when that table exists
 * and names one; otherwise the managers of the customer's org unit (the nearest unit up the tree that has any).
 * Read-only; runs outside transactions (a missing table must not abort one).
 */
export async function departmentHeads(db: DbOrTx, department: string, customerOrgUnitId: number): Promise<number[]> {
  const code = deskCodes[department];
  if (code) {
    const present = rowsOf<{ t: string | null }>(
      await db.execute(sql`select to_regclass('public.departments')::text as t`),
    );
    if (present[0]?.t) {
      const heads = rowsOf<{ id: number }>(
        await db.execute(
          sql`select head_user_id as id from departments where code = ${code} and head_user_id is not null`,
        ),
      );
      if (heads.length) return heads.map((h) => Number(h.id));
    }
  }
  const managers = rowsOf<{ id: number; depth: number }>(
    await db.execute(sql`
      select u.id, length(o.path) as depth from users u
      join org_units o on o.id = u.org_unit_id
      join org_units c on c.id = ${customerOrgUnitId}
      where u.role = 'manager' and u.active and c.path like o.path || '%'
      order by length(o.path) desc`),
  );
  const nearest = managers[0]?.depth;
  return managers.filter((m) => m.depth === nearest).map((m) => Number(m.id));
}
