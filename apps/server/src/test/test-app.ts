import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { type AppConfig, loadConfig } from '../config';
import { attachReplica, type DbHandle } from '../db/client';
import { seedTestOrg, TEST_PASSWORD, type TestOrg } from './fixtures';
import { createTestDb } from './test-db';

export type TestApp = { app: FastifyInstance; handle: DbHandle; org: TestOrg; close: () => Promise<void> };

/** A fresh database with the test organisation, and the HTTP app on top of it (no web UI). */
export async function createTestApp(
  overrides: {
    loginRateMax?: number;
    loginAddressRateMax?: number;
    config?: Partial<AppConfig>;
    /** A streaming replica of the test server (its URL with any database name: the test database's is used). */
    replica?: { serverUrl: string; maxLagMs: number };
  } = {},
): Promise<TestApp> {
  const handle = await createTestDb();
  if (overrides.replica && handle.pool) {
    const url = new URL(overrides.replica.serverUrl);
    url.pathname = `/${handle.pool.options.database ?? new URL(String(handle.pool.options.connectionString)).pathname.slice(1)}`;
    attachReplica(handle, url.toString(), overrides.replica.maxLagMs, 0);
  }
  const org = await seedTestOrg(handle);
  const config = {
    ...loadConfig({}),
    webDist: '/nonexistent',
    loginRateLimit: {
      perUserMax: overrides.loginRateMax ?? 1000,
      perAddressMax: overrides.loginAddressRateMax ?? 1000,
      windowMs: 15 * 60_000,
    },
    ...overrides.config,
  };
  const app = await buildApp({ handle, config });
  await app.ready();
  return {
    app,
    handle,
    org,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}

export type Session = { cookie: string; csrfToken: string; headers: Record<string, string> };

/** Signs in through the API and returns the headers a browser would send on mutations. */
export async function loginAs(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'crm_session');
  if (!cookie) throw new Error('no session cookie');
  const csrfToken = res.json().csrfToken as string;
  const cookieHeader = `crm_session=${cookie.value}`;
  return { cookie: cookieHeader, csrfToken, headers: { cookie: cookieHeader, 'x-csrf-token': csrfToken } };
}
