import { customerCreate, orgUnitCreate, userCreate } from '@crm/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, nextCreditCode, nextMobile } from '../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../test/test-app';
import { requestHashOf } from './idempotency.models';
import { idempotencyKeys } from './idempotency.table';

// The states a crash leaves behind, written directly, and what a retry with the same key must then answer.

let t: TestApp;
let admin: Session;
let am1: Session;
beforeAll(async () => {
  t = await createTestApp();
  [admin, am1] = await Promise.all(['admin', 'am1'].map((u) => loginAs(t.app, u)));
});
afterAll(() => t.close());

const post = (s: Session, url: string, payload: object, key: string) =>
  t.app.inject({ method: 'POST', url, headers: { ...s.headers, 'idempotency-key': key }, payload });
const customer = (name: string) => ({
  partyType: 'organization',
  category: 'key_account',
  name,
  creditCode: nextCreditCode(),
  mobile: nextMobile(),
});
const keyRow = async (userId: number, key: string) =>
  (
    await t.handle.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
  )[0];

/** The row of an attempt that claimed the key and died before its transaction committed. */
async function leaveDeadClaim(opts: { userId: number; key: string; url: string; body: unknown; ageSeconds: number }) {
  await t.handle.db.insert(idempotencyKeys).values({
    userId: opts.userId,
    key: opts.key,
    method: 'POST',
    path: opts.url,
    requestHash: requestHashOf('POST', opts.url, opts.body),
    statusCode: 0,
    claimToken: 'dead-attempt',
    claimedAt: sql`now() - make_interval(secs => ${opts.ageSeconds})`,
  });
}

/** What a crash between the record's commit and the stored response leaves: committed, response never stored. */
async function loseStoredResponse(userId: number, key: string) {
  await t.handle.db
    .update(idempotencyKeys)
    .set({ statusCode: 0, responseBody: null, claimedAt: sql`now()` })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

describe('Idempotency-Key after a crash before the commit', () => {
  it('runs the request again once the dead attempt’s lease has passed, and creates it once', async () => {
    const body = customer('租约过期公司');
    await leaveDeadClaim({
      userId: t.org.users.am1.id,
      key: 'dead-before-commit',
      url: '/api/customers',
      body: customerCreate.parse(body),
      ageSeconds: 120,
    });
    const before = await countRows(t.handle, 'customers');
    const retry = await post(am1, '/api/customers', body, 'dead-before-commit');
    expect(retry.statusCode).toBe(201);
    expect(retry.json().name).toBe('租约过期公司');
    const again = await post(am1, '/api/customers', body, 'dead-before-commit');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(retry.json().id);
    expect(await countRows(t.handle, 'customers')).toEqual({ customers: before.customers + 1 });
  });

  it('still answers 409 in progress while the lease of the pending attempt runs', async () => {
    const body = customer('租约内公司');
    await leaveDeadClaim({
      userId: t.org.users.am1.id,
      key: 'young-claim',
      url: '/api/customers',
      body: customerCreate.parse(body),
      ageSeconds: 5,
    });
    const retry = await post(am1, '/api/customers', body, 'young-claim');
    expect(retry.statusCode).toBe(409);
    expect(retry.json().error.code).toBe('idempotency.in_progress');
  });
});

describe('Idempotency-Key after a crash between the commit and the stored response', () => {
  it('marks the key committed with the created record in the record’s own transaction', async () => {
    const res = await post(am1, '/api/customers', customer('提交标记公司'), 'marked-1');
    expect(res.statusCode).toBe(201);
    expect(await keyRow(t.org.users.am1.id, 'marked-1')).toMatchObject({
      committed: true,
      entity: 'customer',
      entityId: String(res.json().id),
      statusCode: 201,
    });
  });

  it('answers a retry with the original status and the created customer, without creating another', async () => {
    const body = customer('崩溃前已提交公司');
    const first = await post(am1, '/api/customers', body, 'lost-response-1');
    expect(first.statusCode).toBe(201);
    await loseStoredResponse(t.org.users.am1.id, 'lost-response-1');
    const before = await countRows(t.handle, 'customers', 'audit_log');
    const retry = await post(am1, '/api/customers', body, 'lost-response-1');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const again = await post(am1, '/api/customers', body, 'lost-response-1');
    expect(again.json()).toEqual(first.json());
    expect(await countRows(t.handle, 'customers', 'audit_log')).toEqual(before);
  });

  it('reads the record back through its GET route when the create route registers no renderer', async () => {
    const body = {
      username: 'crash-user',
      displayName: '崩溃用户',
      role: 'agent',
      orgUnitId: t.org.org.cityA.id,
      password: 'long-enough-1',
    };
    const first = await post(admin, '/api/users', body, 'lost-user-1');
    expect(first.statusCode).toBe(201);
    await loseStoredResponse(t.org.users.admin.id, 'lost-user-1');
    const retry = await post(admin, '/api/users', userCreate.parse(body), 'lost-user-1');
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
  });

  it('answers at least the created id with the original status when the record cannot be read back', async () => {
    const body = { parentId: t.org.org.cityB.id, level: 'district', code: 'D-CRASH-1', name: '崩溃区' };
    const first = await post(admin, '/api/org-units', body, 'lost-unit-1');
    expect(first.statusCode).toBe(201);
    await loseStoredResponse(t.org.users.admin.id, 'lost-unit-1');
    const retry = await post(admin, '/api/org-units', orgUnitCreate.parse(body), 'lost-unit-1');
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual({ id: first.json().id });
    const units = (await t.app.inject({ method: 'GET', url: '/api/org-units', headers: admin.headers })).json();
    expect(units.filter((u: { code: string }) => u.code === 'D-CRASH-1')).toHaveLength(1);
  });

  it('never releases a committed key, even past its lease', async () => {
    const body = customer('过租约已提交公司');
    const first = await post(am1, '/api/customers', body, 'lost-response-old');
    await loseStoredResponse(t.org.users.am1.id, 'lost-response-old');
    await t.handle.db
      .update(idempotencyKeys)
      .set({ claimedAt: sql`now() - interval '1 hour'` })
      .where(eq(idempotencyKeys.key, 'lost-response-old'));
    const before = await countRows(t.handle, 'customers');
    const retry = await post(am1, '/api/customers', body, 'lost-response-old');
    expect(retry.statusCode).toBe(201);
    expect(retry.json().id).toBe(first.json().id);
    expect(await countRows(t.handle, 'customers')).toEqual(before);
  });
});
