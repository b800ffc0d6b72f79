import {
  commitmentListQuery,
  customerListQuery,
  opportunityQuery,
  pipelineQuery,
  taskQuery,
  ticketListQuery,
  warningQuery,
  workOrderListQuery,
} from '@crm/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { registerAllJobs } from '../../jobs';
import { createTestDb } from '../../test/test-db';
import { listAccountPlans } from '../accounts-mgmt/accounts-mgmt.service';
import { listTasks } from '../accounts-mgmt/tasks.service';
import { listPriceReviews } from '../care/care.service';
import { listClubEvents } from '../care/club.service';
import { listCustomers } from '../customers/customers.service';
import { getServiceOrder } from '../fulfilment/fulfilment.service';
import { runDueJobs } from '../jobs/jobs.service';
import { addDays, todayIso } from '../ka-common/ka-common.models';
import { getOpportunity, getPipeline, listOpportunities } from '../opportunities/opportunities.service';
import { listCommitments } from '../service-desk/commitments/commitments.service';
import { searchKb } from '../service-desk/kb/kb.service';
import { getTicket, listTickets } from '../service-desk/tickets/tickets.service';
import { listWorkOrders } from '../service-desk/tickets/work-orders.service';
import { listWarnings } from '../warnings/warnings.service';
import { seedDemoActivity } from './demo.activity';
import { type DemoStaff, demoCtx } from './demo.actors';
import { gradeDemoOperator } from './demo.followups';
import { demoStoryCustomers, loadDemoOperator } from './demo.service';

// The first start of the demo operator: bulk load, grading, the seeded key-account and service-desk activity, then
// the follow-up jobs (entitlements, early warnings) the job worker runs once the server is up.

let db: DbHandle;
let staff: DemoStaff;
const log: string[] = [];
let s1: number;
let s3: number;

beforeAll(async () => {
  db = await createTestDb();
  registerAllJobs();
  await loadDemoOperator({ handle: db, customers: 1_500, progress: false });
  await gradeDemoOperator({ db: db.db, months: 1, log: (line) => log.push(line) });
  while ((await runDueJobs({ handle: db })) > 0);
  const names = ['admin', 'manager1', 'am1', 'am2', 'agent1', 'agent2', 'backoffice1', 'quality1'] as const;
  const ctxs = await Promise.all(names.map((u) => demoCtx(db.db, u)));
  staff = Object.fromEntries(names.map((u, i) => [u, ctxs[i]])) as DemoStaff;
  const idOf = async (story: string) => {
    const search = demoStoryCustomers.find((s) => s.story === story)!.customerNo;
    return (await listCustomers({ ctx: staff.admin, query: customerListQuery.parse({ search }) })).items[0].id;
  };
  [s1, s3] = [await idOf('S1'), await idOf('S3')];
}, 180_000);
afterAll(async () => {
  await db?.close();
});

describe('demo activity', () => {
  it('is seeded at the first start, once', async () => {
    const line = log.find((l) => l.includes('seeded activity'));
    expect(line, log.join('\n')).toBeDefined();
    expect(log.join('\n')).not.toContain('could not seed');
    expect(await seedDemoActivity({ db: db.db })).toBeNull();
  });

  it('gives S3 an overdue price review with the competitor offer, and an open warning after the follow-ups', async () => {
    const [review] = await listPriceReviews({ ctx: staff.am2, customerId: s3 });
    expect(review).toMatchObject({ overdue: true, competitorOfferFen: 600_000, nextReviewDate: '2016-03-01' });
    const warnings = await listWarnings({
      ctx: staff.am2,
      query: warningQuery.parse({ customerId: s3, open: 'true', ruleCode: 'price_review_overdue' }),
    });
    expect(warnings.items).toHaveLength(1);
    expect(warnings.items[0]).toMatchObject({ severity: 'high', status: 'open', assignee: { id: staff.am2.user.id } });
    // The S4-style complaint has been open for five days: its key account warns too.
    const complaints = await listWarnings({
      ctx: staff.am1,
      query: warningQuery.parse({ open: 'true', ruleCode: 'unresolved_complaints' }),
    });
    expect(complaints.items.length).toBe(1);
  });

  it('fills the pipelines of am1 and am2: S1 won into fulfilment, S2 forwarded to the network, stages in use', async () => {
    const pipeline = await getPipeline({ ctx: staff.am1, query: pipelineQuery.parse({}) });
    const used = pipeline.stages.filter((s) => s.count > 0).map((s) => s.stage);
    expect(used).toEqual(expect.arrayContaining(['qualifying', 'proposal', 'negotiation', 'won']));
    const s1Opp = (await listOpportunities({ ctx: staff.am1, query: opportunityQuery.parse({ customerId: s1 }) }))
      .items[0];
    expect(s1Opp).toMatchObject({ stage: 'won', title: '新增80部办公电话（内部短号互拨）' });
    const lost = await listOpportunities({ ctx: staff.am2, query: opportunityQuery.parse({ stage: 'lost' }) });
    expect(lost.items[0]).toMatchObject({ competitor: '联通' });
    expect((await listOpportunities({ ctx: staff.am2, query: opportunityQuery.parse({ customerId: s1 }) })).total).toBe(
      0,
    );
    const tasks = await listTasks({
      ctx: staff.backoffice1,
      query: taskQuery.parse({ ownerId: staff.backoffice1.user.id }),
    });
    expect(tasks.map((t) => t.title).join()).toContain('网络资源部');
  });

  it('has S1 in fulfilment at the network build, and an account plan', async () => {
    const opp = (await listOpportunities({ ctx: staff.am1, query: opportunityQuery.parse({ customerId: s1 }) }))
      .items[0];
    const { orderId } = await getOpportunity({ ctx: staff.am1, id: opp.id });
    const order = await getServiceOrder({ ctx: staff.am1, id: orderId! });
    expect(order).toMatchObject({ status: 'in_progress', currentStep: 'network_build', monthlyFen: 295_000 });
    const plans = await listAccountPlans({ ctx: staff.am1, customerId: s1 });
    expect(plans[0]).toMatchObject({ year: Number(todayIso().slice(0, 4)), revenueTargetFen: 80_000_000 });
  });

  it('has club events with invitations, attendance and a lead', async () => {
    const events = await listClubEvents({
      ctx: staff.manager1,
      from: addDays(todayIso(), -60),
      to: addDays(todayIso(), 60),
    });
    expect(events.map((e) => e.kind).sort()).toEqual(['demo_hall', 'golf']);
    const golf = events.find((e) => e.kind === 'golf')!;
    expect(golf.invitations.map((i) => i.status)).toEqual(expect.arrayContaining(['accepted', 'declined', 'invited']));
    const hall = events.find((e) => e.kind === 'demo_hall')!;
    expect(hall.attended).toBeGreaterThanOrEqual(2);
    expect(hall.leads).toBe(1);
  });

  it('has tickets owned by agent1 in several states, out of sight of other provinces', async () => {
    const mine = await listTickets({ ctx: staff.agent1, filter: ticketListQuery.parse({ mine: 'true', limit: 50 }) });
    expect(mine.items.length).toBeGreaterThanOrEqual(5);
    expect(new Set(mine.items.map((t) => t.type)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(mine.items.map((t) => t.status))).toEqual(
      new Set(['acknowledged', 'inProgress', 'pending', 'resolved', 'closed']),
    );
    const agent2 = await listTickets({ ctx: staff.agent2, filter: ticketListQuery.parse({ mine: 'true' }) });
    expect(agent2.items).toHaveLength(1);
    const visible = await listTickets({ ctx: staff.agent1, filter: ticketListQuery.parse({ limit: 50 }) });
    expect(visible.items.map((t) => t.id)).not.toContain(agent2.items[0].id);
    const complaint = mine.items.find((t) => t.type === 'complaint')!;
    const detail = await getTicket({ ctx: staff.agent1, id: complaint.id });
    expect(detail.complaint).toMatchObject({ compensationFen: 140_000, compensationStatus: 'approved' });
    // Quality supervision sees the complaint; am2 does not (not their customer).
    const quality = await listTickets({ ctx: staff.quality1, filter: ticketListQuery.parse({ type: 'complaint' }) });
    expect(quality.items.map((t) => t.id)).toEqual([complaint.id]);
    const am2 = await listTickets({ ctx: staff.am2, filter: ticketListQuery.parse({ type: 'complaint' }) });
    expect(am2.items).toHaveLength(0);
  });

  it('routes work orders to departments, some to backoffice1', async () => {
    const mine = await listWorkOrders({ ctx: staff.backoffice1, filter: workOrderListQuery.parse({ mine: 'true' }) });
    expect(mine.items.map((w) => w.status).sort()).toEqual(['open', 'resolved']);
    const all = await listWorkOrders({ ctx: staff.manager1, filter: workOrderListQuery.parse({ limit: 50 }) });
    expect(all.total).toBe(4);
  });

  it('has a Chinese knowledge base with English counterparts', async () => {
    const zh = await searchKb({ ctx: staff.agent1, query: { locale: 'zh-CN', limit: 50, offset: 0 } });
    const en = await searchKb({ ctx: staff.agent1, query: { locale: 'en', limit: 50, offset: 0 } });
    expect([zh.total, en.total]).toEqual([12, 12]);
    expect(
      (await searchKb({ ctx: staff.agent1, query: { q: '数字电路', limit: 5, offset: 0 } })).total,
    ).toBeGreaterThan(0);
  });

  it('records promises to key accounts: open ones and one overdue, which the managers see', async () => {
    const all = await listCommitments({
      ctx: staff.manager1,
      filter: commitmentListQuery.parse({ keyAccountsOnly: 'true', limit: 50 }),
    });
    const statuses = all.items.map((c) => c.status);
    expect(statuses.filter((s) => s === 'overdue')).toHaveLength(1);
    expect(statuses.filter((s) => s === 'open').length).toBeGreaterThanOrEqual(3);
    const am2 = await listCommitments({ ctx: staff.am2, filter: commitmentListQuery.parse({ mine: 'true' }) });
    expect(am2.items.map((c) => c.status).sort()).toEqual(['open', 'overdue']);
  });
});

// biome-ignore lint/suspicious/noExplicitAny: raw rows of ad-hoc test queries
type Row = Record<string, any>;
async function rows(handle: DbHandle, text: string): Promise<Row[]> {
  if (handle.pool) return (await handle.pool.query(text)).rows;
  if (handle.pglite) return (await handle.pglite.query<Row>(text)).rows;
  throw new Error('no database');
}

/** A digest of the seeded activity (everything but the wall-clock creation times of rows). */
const activityDigest = async (handle: DbHandle) =>
  (
    await rows(
      handle,
      `SELECT
        (SELECT md5(string_agg(concat_ws('|', id, customer_id, owner_id, title, stage, est_monthly_fen, competitor),
           ',' ORDER BY id)) FROM opportunities) AS opportunities,
        (SELECT md5(string_agg(concat_ws('|', ticket_no, type, status, customer_id, owner_id, title, created_at),
           ',' ORDER BY id)) FROM tickets) AS tickets,
        (SELECT md5(string_agg(concat_ws('|', ticket_id, department_id, assignee_id, status), ',' ORDER BY id))
           FROM work_orders) AS work_orders,
        (SELECT md5(string_agg(concat_ws('|', customer_id, type, status, due_at, promiser_id), ',' ORDER BY id))
           FROM commitments) AS commitments,
        (SELECT md5(string_agg(concat_ws('|', customer_id, product_instance_id, next_review_date), ',' ORDER BY id))
           FROM price_reviews) AS reviews,
        (SELECT md5(string_agg(concat_ws('|', event_id, customer_id, contact_id, status, lead_opportunity_id), ','
           ORDER BY id)) FROM club_event_invitations) AS invitations,
        (SELECT md5(string_agg(concat_ws('|', locale, title), ',' ORDER BY id)) FROM kb_articles) AS kb,
        (SELECT md5(string_agg(concat_ws('|', owner_id, customer_id, title, due_date), ',' ORDER BY id)) FROM ka_tasks)
          AS tasks`,
    )
  )[0];

describe('demo activity determinism', () => {
  it('seeds the same activity for the same demo and time', async () => {
    const now = new Date();
    const digests = [];
    for (let i = 0; i < 2; i++) {
      const handle = await createTestDb();
      try {
        await loadDemoOperator({ handle, customers: 400, progress: false, now });
        expect(await seedDemoActivity({ db: handle.db, now })).not.toBeNull();
        digests.push(await activityDigest(handle));
      } finally {
        await handle.close();
      }
    }
    expect(Object.values(digests[0]).every(Boolean)).toBe(true);
    expect(digests[1]).toEqual(digests[0]);
  }, 120_000);
});
