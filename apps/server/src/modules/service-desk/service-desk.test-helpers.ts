// Test helpers of the service desk (used by *.test.ts only): request contexts for fixture users, customers made
// through the customers service, and a grading row (the grading module's own runs need months of bills).
import type { CustomerCreate } from '@crm/contracts';
import type { Db } from '../../db/client';
import { customerGrades } from '../../db/schema';
import type { RequestCtx } from '../../platform/context';
import type { TestOrg } from '../../test/fixtures';
import { permissionsOf, scopeOf } from '../auth/auth.models';
import { createCustomer } from '../customers/customers.service';
import { findOrgUnitForReference, getSubtreeIds } from '../org/org.service';

type FixtureUser = TestOrg['users'][keyof TestOrg['users']];

/** The request context a fixture user gets when signed in. */
export async function ctxFor(db: Db, user: FixtureUser): Promise<RequestCtx> {
  const unit = await findOrgUnitForReference({ db, id: user.orgUnitId });
  const subtree =
    user.role === 'admin' || user.role === 'account_manager' ? [] : await getSubtreeIds({ db, path: unit!.path });
  const permissions = permissionsOf(user.role);
  return {
    db,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      orgUnitId: user.orgUnitId,
      orgUnitName: unit!.name,
    },
    scope: scopeOf(user, subtree),
    actor: { userId: user.id, name: user.username, requestId: null },
    can: (p) => permissions.has(p),
  };
}

let seq = 0;
/** A customer created by the administrator through the customers service. */
export async function makeCustomer(
  admin: RequestCtx,
  input: Partial<CustomerCreate> & { name: string; category: CustomerCreate['category'] },
) {
  seq++;
  return createCustomer({
    ctx: admin,
    input: {
      partyType: input.category === 'public' ? 'individual' : 'organization',
      ...(input.category === 'public' ? { publicSubtype: 'mobile' as const } : {}),
      mobile: `139${String(Date.now() % 10_000).padStart(4, '0')}${String(seq).padStart(4, '0')}`,
      ...input,
    } as CustomerCreate,
  });
}

/** Gives a customer a grade for a period, as a finished grading run would. */
export async function gradeCustomer(
  db: Db,
  customerId: number,
  g: { tier: string | null; importance?: string | null; category?: string; period?: string },
) {
  await db.insert(customerGrades).values({
    period: g.period ?? '2025-10',
    customerId,
    runId: 1,
    ruleSetId: 0,
    ruleSetVersion: 1,
    category: g.category ?? 'key_account',
    tier: g.tier,
    reason: 'threshold',
    abcClass: 'A',
    importance: g.importance ?? null,
    measureFen: 60_000_000,
    measureSumFen: 180_000_000,
    measureMonths: 3,
    measureDivisor: 3,
    spendFen: 60_000_000,
  });
}

/** A Shanghai wall-clock time. */
export const sh = (s: string) => new Date(`${s}+08:00`);
