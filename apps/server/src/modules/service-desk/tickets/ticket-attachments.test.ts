import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/test-app';
import { ctxFor, makeCustomer } from '../service-desk.test-helpers';

let t: TestApp;
let s: Record<'agent1' | 'backoffice1' | 'manager2' | 'marketing1', Session>;
let customerId: number;
let filesDir: string;
/** Every stored file under the scratch files directory (files live in two-character sub-directories). */
const storedFiles = () => readdirSync(filesDir, { recursive: true }).filter((f) => String(f).includes('-'));

const pdf = Buffer.from('%PDF-1.4 故障照片说明').toString('base64');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64');

const call = async (who: Session, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: who.headers, payload: payload as object });

beforeAll(async () => {
  // Files of this run go to a scratch directory, never under the repository's data directory.
  filesDir = mkdtempSync(path.join(tmpdir(), 'ticket-files-'));
  process.env.KA_FILES_DIR = filesDir;
  t = await createTestApp();
  const admin = await ctxFor(t.handle.db, t.org.users.admin);
  customerId = (await makeCustomer(admin, { name: '赵六', category: 'public', orgUnitId: t.org.org.cityA.id })).id;
  s = {} as typeof s;
  for (const u of ['agent1', 'backoffice1', 'manager2', 'marketing1'] as const) s[u] = await loginAs(t.app, u);
});
afterAll(() => t.close());

describe('ticket attachments', () => {
  let ticketId: number;

  it('opens a ticket with a TMF621 attachment ref and uploads a file to it', async () => {
    const created = await call(s.agent1, 'POST', '/api/service-desk/tickets', {
      type: 'fault_report',
      channel: 'phone',
      customerId,
      title: '光猫红灯',
      attachments: [{ name: '用户截图', url: 'https://img.example.com/a.png', mimeType: 'image/png' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    ticketId = created.json().id;
    expect(created.json().attachments).toEqual([
      expect.objectContaining({
        name: '用户截图',
        url: 'https://img.example.com/a.png',
        stored: false,
        sizeBytes: null,
      }),
    ]);

    const up = await call(s.agent1, 'POST', `/api/service-desk/tickets/${ticketId}/attachments`, {
      fileName: '../../现场照片.png',
      contentType: 'image/png',
      contentBase64: png,
      description: '光猫指示灯',
    });
    expect(up.statusCode, up.body).toBe(200);
    const file = up.json().attachments[1];
    expect(file).toMatchObject({
      name: '现场照片.png',
      mimeType: 'image/png',
      stored: true,
      sizeBytes: 11,
      createdByName: 'agent1',
      url: `/api/service-desk/tickets/${ticketId}/attachments/${file.id}`,
    });
    expect(up.json().events.at(-1)).toMatchObject({ kind: 'attachment', text: '现场照片.png' });

    const dl = await call(s.agent1, 'GET', file.url);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(Buffer.from(png, 'base64'))).toBe(true);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');

    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/audit?entity=ticket_attachment&entityId=${file.id}`,
      headers: (await loginAs(t.app, 'admin')).headers,
    });
    expect(
      audit
        .json()
        .items.map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['create', 'download']);
  });

  it('answers 404 to users who cannot see the ticket, and for references or other tickets', async () => {
    const detail = (await call(s.agent1, 'GET', `/api/service-desk/tickets/${ticketId}`)).json();
    const [ref, file] = detail.attachments;
    expect((await call(s.manager2, 'GET', file.url)).statusCode).toBe(404);
    expect(
      (await call(s.agent1, 'GET', `/api/service-desk/tickets/${ticketId}/attachments/${ref.id}`)).statusCode,
    ).toBe(404);
    const other = await call(s.agent1, 'POST', '/api/service-desk/tickets', {
      type: 'consultation',
      channel: 'phone',
      customerId,
      title: '咨询',
    });
    expect(
      (await call(s.agent1, 'GET', `/api/service-desk/tickets/${other.json().id}/attachments/${file.id}`)).statusCode,
    ).toBe(404);
    const foreign = await call(s.manager2, 'POST', `/api/service-desk/tickets/${ticketId}/attachments`, {
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      contentBase64: pdf,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('refuses disguised, unknown and oversized files, and users without write permission', async () => {
    const url = `/api/service-desk/tickets/${ticketId}/attachments`;
    const html = Buffer.from('<html><script>alert(1)</script>').toString('base64');
    const disguised = await call(s.agent1, 'POST', url, {
      fileName: 'bill.pdf',
      contentType: 'application/pdf',
      contentBase64: html,
    });
    expect(disguised.json().error.code).toBe('attachments.content_mismatch');
    const exe = await call(s.agent1, 'POST', url, {
      fileName: 'x.exe',
      contentType: 'application/x-msdownload',
      contentBase64: pdf,
    });
    expect(exe.json().error.code).toBe('attachments.type_not_allowed');
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x41).toString('base64');
    const tooBig = await call(s.agent1, 'POST', url, {
      fileName: 'a.txt',
      contentType: 'text/plain',
      contentBase64: big,
    });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.code).toBe('attachments.too_large');
    const noWrite = await call(s.marketing1, 'POST', url, {
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      contentBase64: pdf,
    });
    expect([403, 404]).toContain(noWrite.statusCode);
  });

  it('lets a department working on the ticket attach its report, but not to a closed ticket', async () => {
    const { body: departments } = { body: (await call(s.agent1, 'GET', '/api/service-desk/departments')).json() };
    const wo = await call(s.agent1, 'POST', `/api/service-desk/tickets/${ticketId}/work-orders`, {
      departmentId: departments[0].id,
      assigneeId: t.org.users.backoffice1.id,
      instructions: '上门检修',
    });
    expect(wo.statusCode, wo.body).toBe(201);
    const report = await call(s.backoffice1, 'POST', `/api/service-desk/tickets/${ticketId}/attachments`, {
      fileName: '检修报告.pdf',
      contentType: 'application/pdf',
      contentBase64: pdf,
    });
    expect(report.statusCode, report.body).toBe(200);
    const cancel = await call(s.agent1, 'POST', `/api/service-desk/tickets/${ticketId}/transitions`, {
      status: 'cancelled',
      reason: '客户撤销',
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    const before = storedFiles();
    const late = await call(s.agent1, 'POST', `/api/service-desk/tickets/${ticketId}/attachments`, {
      fileName: 'b.pdf',
      contentType: 'application/pdf',
      contentBase64: pdf,
    });
    expect(late.statusCode).toBe(409);
    expect(storedFiles()).toEqual(before); // the refused upload left no file behind
  });

  it.each([
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://files.example.com/a.png',
  ])('refuses the attachment URL %s, naming the field', async (url) => {
    const res = await call(s.agent1, 'POST', '/api/service-desk/tickets', {
      type: 'fault_report',
      channel: 'phone',
      customerId,
      title: '链接测试',
      attachments: [{ name: '链接', url }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'attachments.0.url' })]);
    const tmf = await call(s.agent1, 'POST', '/tmf-api/troubleTicket/v4/troubleTicket', {
      name: '链接测试',
      description: '链接测试',
      severity: 'Major',
      ticketType: 'incident',
      relatedParty: [{ id: String(customerId), role: 'customer', '@referredType': 'Customer' }],
      attachment: [{ name: '链接', url }],
    });
    expect(tmf.statusCode).toBe(400);
    expect(JSON.stringify(tmf.json())).toContain('url');
  });
});
