import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments } from '../../db/schema';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { http, type KaOfferings, seedKaOfferings, useScratchFilesDir } from '../ka-common/ka.test-helpers';
import { addDays, todayIso } from '../ka-common/ka-common.models';

// S2 (DOMAIN.md 6): a hospital under construction (1.5 bn yuan) is recorded as a prospect before it exists, with its
// needs by phase: 100 Centrex lines + 1 console during construction, 1,000 lines + 2 consoles at opening. The
// building plans are attached; construction progress is tracked and forwarded to the network department.

let t: TestApp;
let am1: Session;
let am2: Session;
let manager1: Session;
let manager2: Session;
let back: Session;
let admin: Session;
let off: KaOfferings;
let h: ReturnType<typeof http>;
beforeAll(async () => {
  useScratchFilesDir();
  t = await createTestApp();
  [am1, am2, manager1, manager2, back, admin] = await Promise.all(
    ['am1', 'am2', 'manager1', 'manager2', 'backoffice1', 'admin'].map((u) => loginAs(t.app, u)),
  );
  off = await seedKaOfferings(t.handle);
  h = http(t);
});
afterAll(() => t.close());

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]).toString('base64');

describe('S2: a prospect hospital through the pipeline', () => {
  let oppId: number;
  let customerId: number;

  it('records the prospect with its phased needs', async () => {
    const res = await h.send(am1, 'POST', '/api/ka/opportunities', {
      prospect: { name: '江北新区人民医院（筹建）', industry: 'education_health', organizationType: 'other' },
      title: '新院区通信建设',
      estMonthlyFen: 8_000_000,
      estOneTimeFen: 50_000_000,
      expectedClose: '2027-06-30',
      needs: [
        { phase: '施工期', item: '汇线通线路', offeringId: off.centrex.id, quantity: 100, neededBy: '2026-09-01' },
        { phase: '施工期', item: '话务台', quantity: 1, neededBy: '2026-09-01' },
        { phase: '开业', item: '汇线通线路', offeringId: off.centrex.id, quantity: 1000, neededBy: '2027-10-01' },
        { phase: '开业', item: '话务台', quantity: 2, neededBy: '2027-10-01' },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    oppId = body.id;
    customerId = body.customerId;
    expect(body).toMatchObject({ customerStatus: 'prospect', stage: 'lead', owner: { id: t.org.users.am1.id } });
    const qty = (phase: string) =>
      body.needs.filter((n: { phase: string }) => n.phase === phase).map((n: { quantity: number }) => n.quantity);
    expect(qty('施工期')).toEqual([100, 1]);
    expect(qty('开业')).toEqual([1000, 2]);
    const customer = (await h.get(am1, `/api/customers/${customerId}`)).json();
    expect(customer.customer).toMatchObject({
      status: 'prospect',
      category: 'key_account',
      accountManagerId: t.org.users.am1.id,
    });
  });

  it('attaches the building plan safely and serves it as a download', async () => {
    const res = await h.send(am1, 'POST', `/api/ka/opportunities/${oppId}/attachments`, {
      fileName: '门诊楼一层平面图.png',
      contentType: 'image/png',
      contentBase64: png,
      description: '建筑平面图',
    });
    expect(res.statusCode, res.body).toBe(200);
    const [att] = res.json().attachments;
    expect(att).toMatchObject({ fileName: '门诊楼一层平面图.png', contentType: 'image/png', sizeBytes: 72 });
    const dl = await h.get(am1, `/api/ka/opportunities/${oppId}/attachments/${att.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expect(dl.rawPayload.equals(Buffer.from(png, 'base64'))).toBe(true);
    const disguised = await h.send(am1, 'POST', `/api/ka/opportunities/${oppId}/attachments`, {
      fileName: 'plan.png',
      contentType: 'image/png',
      contentBase64: Buffer.from('<script>alert(1)</script>').toString('base64'),
    });
    expect(disguised.statusCode).toBe(400);
    const exe = await h.send(am1, 'POST', `/api/ka/opportunities/${oppId}/attachments`, {
      fileName: 'setup.exe',
      contentType: 'application/octet-stream',
      contentBase64: png,
    });
    expect(exe.json().error.code).toBe('attachments.type_not_allowed');
    expect((await h.get(am2, `/api/ka/opportunities/${oppId}/attachments/${att.id}`)).statusCode).toBe(404);
  });

  it('tracks construction progress forwarded to the network department', async () => {
    const res = await h.send(am1, 'POST', `/api/ka/opportunities/${oppId}/notes`, {
      body: '主体结构已封顶，弱电井预计9月交付，请网络部提前规划管线。',
      forwardedTo: 'network',
    });
    const note = res.json().notes[0];
    expect(note).toMatchObject({ forwardedTo: 'network', authorName: 'am1' });
    // The forwarded note becomes a task of the back office of the customer's city, who is also alerted.
    const tasks = (
      await h.get(back, `/api/ka/tasks?customerId=${customerId}&ownerId=${t.org.users.backoffice1.id}`)
    ).json();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({
      owner: { id: t.org.users.backoffice1.id },
      status: 'open',
      sourceKey: `opportunity_note:${note.id}`,
      dueDate: addDays(todayIso(), 3),
      overdue: false,
    });
    expect(tasks[0].title).toContain('网络资源部');
    expect(tasks[0].title).toContain('新院区通信建设');
    const alerts = (await h.get(back, '/api/notifications?unread=true')).json();
    expect(alerts.items.find((n: { kind: string }) => n.kind === 'opportunity.note_forwarded')).toMatchObject({
      link: `/ka/opportunities/${oppId}`,
      data: { opportunityId: oppId, noteId: note.id, department: 'network' },
    });
    // Written in the note's transaction, audited.
    const audit = (await h.get(admin, `/api/audit?entity=ka_task&entityId=${tasks[0].id}`)).json().items;
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'create', actorName: 'am1' });
    const noteAudit = (await h.get(admin, `/api/audit?entity=opportunity_note&entityId=${note.id}`)).json().items;
    expect(noteAudit[0].changes.forwardedToUserIds.after).toEqual([t.org.users.backoffice1.id]);
    // The back office works its own task although it cannot edit key-account data.
    const done = await h.send(back, 'PATCH', `/api/ka/tasks/${tasks[0].id}`, { status: 'done' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('done');
  });

  it('keeps plain notes to the opportunity, and sends notes for account management to its owner', async () => {
    const plain = await h.send(manager1, 'POST', `/api/ka/opportunities/${oppId}/notes`, {
      body: '已与筹建处确认进度。',
    });
    expect(plain.statusCode, plain.body).toBe(200);
    const forAm = await h.send(manager1, 'POST', `/api/ka/opportunities/${oppId}/notes`, {
      body: '请客户经理本周内回访基建处钱处长。',
      forwardedTo: 'account_management',
    });
    const noteId = forAm.json().notes[0].id;
    const mine = (await h.get(am1, `/api/ka/tasks?customerId=${customerId}`)).json();
    expect(mine.map((x: { sourceKey: string }) => x.sourceKey)).toEqual([`opportunity_note:${noteId}`]);
    const own = `/api/ka/tasks?customerId=${customerId}&ownerId=${t.org.users.backoffice1.id}`;
    expect((await h.get(back, own)).json()).toHaveLength(1);
  });

  it("gives forwarded notes to the service desk department's head when one is named", async () => {
    await t.handle.db
      .update(departments)
      .set({ headUserId: t.org.users.manager1.id })
      .where(eq(departments.code, 'billing'));
    const res = await h.send(am1, 'POST', `/api/ka/opportunities/${oppId}/notes`, {
      body: '开业后话务台计费方式需计费中心确认。',
      forwardedTo: 'billing',
    });
    const noteId = res.json().notes[0].id;
    const owners = async (s: Session, ownerId: number) =>
      (await h.get(s, `/api/ka/tasks?customerId=${customerId}&ownerId=${ownerId}`))
        .json()
        .map((x: { sourceKey: string }) => x.sourceKey);
    expect(await owners(manager1, t.org.users.manager1.id)).toEqual([`opportunity_note:${noteId}`]);
    expect(await owners(back, t.org.users.backoffice1.id)).not.toContain(`opportunity_note:${noteId}`);
  });

  it('moves through the pipeline stages; a loss needs a reason, a win needs a chosen option', async () => {
    for (const stage of ['qualifying', 'solution', 'proposal', 'negotiation']) {
      const res = await h.send(am1, 'POST', `/api/ka/opportunities/${oppId}/stage`, { stage });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().stage).toBe(stage);
    }
    const won = await h.send(am1, 'POST', `/api/ka/opportunities/${oppId}/stage`, { stage: 'won' });
    expect(won.statusCode).toBe(400);
    const lost = await h.send(am1, 'POST', `/api/ka/opportunities/${oppId}/stage`, { stage: 'lost' });
    expect(lost.json().error.details[0].path).toBe('lostReason');
  });

  it('shows the pipeline board per AM and per org unit, to the right people only', async () => {
    const mine = (await h.get(am1, '/api/ka/pipeline')).json();
    const negotiation = mine.stages.find((s: { stage: string }) => s.stage === 'negotiation');
    expect(negotiation).toMatchObject({ count: 1, estMonthlyFen: 8_000_000, weightedMonthlyFen: 6_400_000 });
    expect(negotiation.items[0]).toMatchObject({ id: oppId, customerStatus: 'prospect' });
    const byAm = (await h.get(manager1, `/api/ka/pipeline?ownerId=${t.org.users.am1.id}`)).json();
    expect(byAm.stages.find((s: { stage: string }) => s.stage === 'negotiation').count).toBe(1);
    const byUnit = (await h.get(manager1, `/api/ka/pipeline?orgUnitId=${t.org.org.cityA.id}`)).json();
    expect(byUnit.stages.find((s: { stage: string }) => s.stage === 'negotiation').count).toBe(1);
    const elsewhere = (await h.get(manager2, '/api/ka/pipeline')).json();
    expect(elsewhere.stages.every((s: { count: number }) => s.count === 0)).toBe(true);
    const other = (await h.get(am2, '/api/ka/pipeline')).json();
    expect(other.stages.every((s: { count: number }) => s.count === 0)).toBe(true);
  });

  it('answers 404 to another AM on every opportunity path', async () => {
    const paths: [string, 'GET' | 'POST' | 'PATCH' | 'DELETE', unknown?][] = [
      [`/api/ka/opportunities/${oppId}`, 'GET'],
      [`/api/ka/opportunities/${oppId}`, 'PATCH', { title: 'x' }],
      [`/api/ka/opportunities/${oppId}/stage`, 'POST', { stage: 'lead' }],
      [`/api/ka/opportunities/${oppId}/needs`, 'POST', { phase: 'x', item: 'y', quantity: 1 }],
      [`/api/ka/opportunities/${oppId}/notes`, 'POST', { body: 'x' }],
      [
        `/api/ka/opportunities/${oppId}/options`,
        'POST',
        { name: 'x', termMonths: 12, items: [{ offeringId: off.centrex.id, quantity: 1 }] },
      ],
    ];
    for (const [url, method, body] of paths) {
      const res = method === 'GET' ? await h.get(am2, url) : await h.send(am2, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
  });

  it('loses with reason and competitor, and can be reopened', async () => {
    const lost = await h.send(am1, 'POST', `/api/ka/opportunities/${oppId}/stage`, {
      stage: 'lost',
      lostReason: '医院选择了竞争对手的整体方案',
      competitor: '移动',
    });
    expect(lost.json()).toMatchObject({
      stage: 'lost',
      competitor: '移动',
      lostReason: '医院选择了竞争对手的整体方案',
    });
    const edit = await h.send(am1, 'PATCH', `/api/ka/opportunities/${oppId}`, { estMonthlyFen: 1 });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('opportunities.closed');
    const reopened = await h.send(am1, 'POST', `/api/ka/opportunities/${oppId}/stage`, { stage: 'qualifying' });
    expect(reopened.json()).toMatchObject({ stage: 'qualifying', lostReason: null });
  });
});
