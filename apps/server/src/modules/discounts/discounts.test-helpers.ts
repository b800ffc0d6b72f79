// The small world both discount-authority HTTP tests start from: the fixture organisation, a key account of am1's in
// city A, sessions of admin, manager1 (city, 15%) and am1 (5%), and a province-level manager (province1).
import { seedOfferings } from '../../test/customer-helpers';
import { TEST_PASSWORD } from '../../test/fixtures';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { ctxFor, makeCustomer } from '../service-desk/service-desk.test-helpers';

export type DiscountWorld = {
  t: TestApp;
  s: Record<'admin' | 'manager1' | 'am1' | 'province1', Session>;
  customerId: number;
  offerings: Awaited<ReturnType<typeof seedOfferings>>;
  call: ReturnType<typeof callerOf>;
};

const callerOf =
  (t: TestApp) => async (who: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await t.app.inject({ method, url, headers: who.headers, payload: payload as object });
    return { status: res.statusCode, body: res.json() };
  };

export const yuan = (y: number) => y * 100;

export async function setUpDiscountWorld(customerName: string): Promise<DiscountWorld> {
  const t = await createTestApp();
  const call = callerOf(t);
  const offerings = await seedOfferings(t.handle);
  const adminCtx = await ctxFor(t.handle.db, t.org.users.admin);
  const c = await makeCustomer(adminCtx, {
    name: customerName,
    category: 'key_account',
    orgUnitId: t.org.org.cityA.id,
    organizationType: 'enterprise',
    accountManagerId: t.org.users.am1.id,
  });
  const s = {} as DiscountWorld['s'];
  for (const u of ['admin', 'manager1', 'am1'] as const) s[u] = await loginAs(t.app, u);
  await call(s.admin, 'POST', '/api/users', {
    username: 'province1',
    displayName: '省公司经理',
    role: 'manager',
    orgUnitId: t.org.org.province.id,
    password: TEST_PASSWORD,
  });
  s.province1 = await loginAs(t.app, 'province1');
  return { t, s, customerId: c.id, offerings, call };
}
