import { type SQL, sql } from 'drizzle-orm';
import type { Scope } from './context';

/**
 * The row-scope condition on a customers row, as SQL for any query (repositories and analytics alike).
 * `alias` is the name (or alias) of the customers table in the query, e.g. 'c'.
 * `all` -> true; `org` -> the customer's org unit is in the user's subtree; `portfolio` -> the user is the customer's
 * account manager, or the customer is shared with the user.
 */
export function customerScopeSql(scope: Scope, alias = 'customers'): SQL {
  const a = sql.raw(`"${alias.replaceAll('"', '')}"`);
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'org':
      if (scope.orgUnitIds.length === 0) return sql`false`;
      return sql`${a}.org_unit_id = any(${sql.raw(`'{${scope.orgUnitIds.join(',')}}'::int[]`)})`;
    case 'portfolio':
      // `= any(array(...))` (an init plan run once) rather than a correlated EXISTS: PostgreSQL can then combine
      // customers_am_idx and the primary key in a BitmapOr instead of scanning every customer row.
      return sql`(${a}.account_manager_id = ${scope.userId} or ${a}.id = any(array(select cs.customer_id from customer_shares cs where cs.user_id = ${scope.userId})))`;
  }
}

/**
 * A scope for a statement built once and reused (`executeStatement`): `key` names what changes the SQL text (the kind
 * and an org scope's units, which are part of the text); a portfolio's user id becomes the placeholder `scopeUserId`,
 * filled from `values`.
 */
export function scopeTemplate(scope: Scope): { key: string; scope: Scope; values: Record<string, unknown> } {
  switch (scope.kind) {
    case 'all':
      return { key: 'all', scope, values: {} };
    case 'org':
      return { key: `org:${scope.orgUnitIds.join(',')}`, scope, values: {} };
    case 'portfolio':
      return {
        key: 'portfolio',
        scope: { kind: 'portfolio', userId: sql.placeholder('scopeUserId') as unknown as number },
        values: { scopeUserId: scope.userId },
      };
  }
}
