import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../../test/fixtures';
import { createTestApp, type TestApp } from '../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ loginRateMax: 10, loginAddressRateMax: 30 });
});
afterAll(() => t.close());

const signIn = (remoteAddress: string, username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { username, password } });

describe('sign-in throttling', () => {
  it('stops one address that fails across 30 usernames, whatever username it tries next', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 30; i++) codes.push((await signIn('203.0.113.5', `guess${i}`, 'wrong')).statusCode);
    expect(codes.every((c) => c === 401)).toBe(true);
    const next = await signIn('203.0.113.5', 'am1', TEST_PASSWORD);
    expect(next.statusCode).toBe(429);
    expect(next.json().error.code).toBe('auth.too_many_attempts');
    expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
    // Other addresses are not affected.
    expect((await signIn('203.0.113.6', 'am1', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('does not count successful sign-ins', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 15; i++) codes.push((await signIn('198.51.100.9', 'agent1', TEST_PASSWORD)).statusCode);
    expect(codes.every((c) => c === 200)).toBe(true);
  });

  it('keeps a stranger from locking a user out: the lock stays with the address that failed', async () => {
    for (let i = 0; i < 10; i++) expect((await signIn('192.0.2.66', 'manager1', 'wrong')).statusCode).toBe(401);
    const attacker = await signIn('192.0.2.66', 'manager1', TEST_PASSWORD);
    expect(attacker.statusCode).toBe(429);
    expect((await signIn('192.0.2.10', 'manager1', TEST_PASSWORD)).statusCode).toBe(200);
    // The same address may still sign in as someone else until its own budget is spent.
    expect((await signIn('192.0.2.66', 'agent1', TEST_PASSWORD)).statusCode).toBe(200);
  });
});
