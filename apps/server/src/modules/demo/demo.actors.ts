// The demo staff acting through the modules' services while the demo's activity is seeded: each demo user gets the
// request context they would have when signed in (role permissions, row scope), so every write is scope-checked and
// audited under their name, exactly as if they had used the UI.
import { type CustomerSummary, customerListQuery } from '@crm/contracts';
import type { Db } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { userContext } from '../auth/auth.service';
import { listCustomers } from '../customers/customers.service';
import { listOfferings, productsOfCustomer } from '../products/products.service';
import { ensureServiceDeskDefaults } from '../service-desk/sla/sla-admin.service';
import { demoStoryCustomers } from './demo.stories';

/** The request context of a demo user (as after signing in); throws when the user is missing. */
export async function demoCtx(db: Db, username: string): Promise<RequestCtx> {
  const ctx = await userContext({ db, username });
  if (!ctx) throw new Error(`demo user ${username} missing`);
  return ctx;
}

const staff = ['admin', 'manager1', 'am1', 'am2', 'agent1', 'agent2', 'backoffice1', 'quality1'] as const;
export type DemoStaff = Record<(typeof staff)[number], RequestCtx>;

/** Customers the seeded activity is about: the story customers and the other key accounts of am1 and am2. */
export type DemoCustomers = {
  s1: CustomerSummary;
  s2: CustomerSummary;
  s3: CustomerSummary;
  /** Active key accounts of am1 / am2 other than the story customers, by customer number. */
  am1: CustomerSummary[];
  am2: CustomerSummary[];
  /** Business and public customers of the Nanjing branch (hotline callers), by customer number. */
  business: CustomerSummary[];
  public: CustomerSummary[];
  /** A key account of the second province (tickets agent1 must not see). */
  otherProvince: CustomerSummary | null;
};

/** Everything the seeding steps share: "now", the staff, the customers and the product catalogue. */
export type DemoWorld = {
  db: Db;
  now: Date;
  /** Business date of `now` (Asia/Shanghai). */
  today: string;
  staff: DemoStaff;
  customers: DemoCustomers;
  offering: (code: string) => number;
  /** Live products of a customer with one of the offering codes, by id. */
  productsOf: (customerId: number, codes: string[]) => Promise<{ id: number; serviceNumber: string; code: string }[]>;
};

const page = (query: Record<string, unknown>) => customerListQuery.parse({ limit: 40, ...query });

export async function loadDemoWorld(db: Db, now: Date, today: string): Promise<DemoWorld> {
  await ensureServiceDeskDefaults({ db });
  const s = {} as DemoStaff;
  for (const u of staff) s[u] = await demoCtx(db, u);
  const kas = async (ctx: RequestCtx) =>
    (await listCustomers({ ctx, query: page({ category: 'key_account' }) })).items.filter(
      (c) => c.accountManagerId === ctx.user.id,
    );
  const [am1All, am2All] = [await kas(s.am1), await kas(s.am2)];
  const story = (no: string) => {
    const c = [...am1All, ...am2All].find((x) => x.customerNo === no);
    if (!c) throw new Error(`story customer ${no} missing`);
    return c;
  };
  const [s1, s2, s3] = demoStoryCustomers.map((x) => story(x.customerNo));
  const storyIds = new Set([s1.id, s2.id, s3.id]);
  const others = (all: CustomerSummary[]) => all.filter((c) => !storyIds.has(c.id) && c.status === 'active');
  const nanjing = s.manager1.user.orgUnitId;
  const list = async (query: Record<string, unknown>) =>
    (await listCustomers({ ctx: s.admin, query: page({ ...query, status: 'active' }) })).items;
  const agent2Unit = s.agent2.user.orgUnitId;
  const offerings = await listOfferings({ db });
  const byCode = new Map(offerings.map((o) => [o.code, o.id]));
  return {
    db,
    now,
    today,
    staff: s,
    customers: {
      s1,
      s2,
      s3,
      am1: others(am1All),
      am2: others(am2All),
      business: await list({ category: 'business', orgUnitId: nanjing, limit: 6 }),
      public: await list({ category: 'public', orgUnitId: nanjing, limit: 6 }),
      otherProvince: (await list({ category: 'key_account', orgUnitId: agent2Unit, limit: 1 }))[0] ?? null,
    },
    offering: (code) => {
      const id = byCode.get(code);
      if (!id) throw new Error(`offering ${code} missing`);
      return id;
    },
    productsOf: async (customerId, codes) =>
      (await productsOfCustomer({ db, customerId }))
        .filter((p) => codes.includes(p.offeringCode) && p.status === 'active')
        .sort((a, b) => a.id - b.id)
        .map((p) => ({ id: p.id, serviceNumber: p.serviceNumber, code: p.offeringCode })),
  };
}
