import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { EXPORT_JOB, exportSettings } from '../modules/exports/export-jobs.service';
import { registerExportJobs } from '../modules/exports/exports.jobs';
import { getJob, runDueJobs } from '../modules/jobs/jobs.service';
import { nextCreditCode, nextMobile } from '../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../test/test-app';
import { WRITE_LSN_COOKIE } from './replica-reads';

// Read routing to a real PostgreSQL streaming replica (issue 16). CI starts one with scripts/pg-replica.sh and sets
// TEST_REPLICA_URL; without it (PGlite, or a server without a replica) the test is skipped.

const primaryUrl = process.env.TEST_DATABASE_URL;
const replicaUrl = process.env.TEST_REPLICA_URL;
const DASHBOARD = '/api/grading/analytics/pyramid';

let t: TestApp;
let replica: pg.Client;

const dashboard = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: DASHBOARD, headers });

/** Polls until the replica has replayed the test database and answers the dashboard (60 s at most). */
async function untilServedByReplica(headers: Record<string, string>) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const res = await dashboard(headers);
    expect(res.statusCode).toBe(200);
    if (res.headers['x-read-source'] === 'replica') return res;
    if (Date.now() > deadline) throw new Error('the replica never caught up');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!primaryUrl || !replicaUrl)('analytics reads on a streaming replica', () => {
  let admin: Session;
  let marketing: Session;

  beforeAll(async () => {
    process.env.EXPORTS_DIR = mkdtempSync(path.join(tmpdir(), 'crm-replica-exports-'));
    registerExportJobs({ settings: exportSettings(loadConfig({})) });
    t = await createTestApp({ replica: { serverUrl: replicaUrl as string, maxLagMs: 600_000 } });
    admin = await loginAs(t.app, 'admin');
    marketing = await loginAs(t.app, 'marketing1');
    replica = new pg.Client({ connectionString: replicaUrl });
    await replica.connect();
  }, 60_000);
  afterAll(async () => {
    await replica?.query('select pg_wal_replay_resume()').catch(() => {});
    await replica?.end();
    await t?.close();
  });

  it('serves dashboards from the replica once it has caught up, and says so', async () => {
    const res = await untilServedByReplica(marketing.headers);
    expect(res.json()).toBeTruthy();
  }, 70_000);

  it('sends a user who just wrote to the primary until the replica has replayed the write; others stay on the replica', async () => {
    await untilServedByReplica(admin.headers);
    await replica.query('select pg_wal_replay_pause()');
    try {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/customers',
        headers: admin.headers,
        payload: {
          partyType: 'organization',
          category: 'key_account',
          name: '只读副本测试客户',
          creditCode: nextCreditCode(),
          mobile: nextMobile(),
        },
      });
      expect(created.statusCode).toBe(201);
      const lsn = created.cookies.find((c) => c.name === WRITE_LSN_COOKIE);
      expect(lsn?.value).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
      expect(lsn?.httpOnly).toBe(true);

      // The writer, with the cookie, reads from the primary (the replica is paused behind the write).
      const own = await dashboard({ ...admin.headers, cookie: `${admin.cookie}; ${WRITE_LSN_COOKIE}=${lsn?.value}` });
      expect(own.statusCode).toBe(200);
      expect(own.headers['x-read-source']).toBe('primary');
      // An API client without the cookie is recognised by its user (the process remembers the user's last write).
      expect((await dashboard(admin.headers)).headers['x-read-source']).toBe('primary');
      // Someone who did not write may read the replica: it is behind, but within the staleness bound.
      expect((await dashboard(marketing.headers)).headers['x-read-source']).toBe('replica');
    } finally {
      await replica.query('select pg_wal_replay_resume()');
    }
    // Once the replica has replayed the write, the writer is back on it.
    await untilServedByReplica(admin.headers);
  }, 90_000);

  it('reads an export from the primary while the replica lacks the rows written before it was asked for', async () => {
    const exportNow = async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/exports/customers?format=csv',
        headers: admin.headers,
      });
      expect(res.statusCode).toBe(202);
      await runDueJobs({ handle: t.handle, types: [EXPORT_JOB] });
      const job = await getJob({ db: t.handle.db, id: res.json().id });
      expect(job?.status).toBe('succeeded');
      return job?.result as { rows: number; readFrom: string };
    };
    await untilServedByReplica(marketing.headers);
    await replica.query('select pg_wal_replay_pause()');
    let whilePaused: { rows: number; readFrom: string };
    try {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/customers',
        headers: admin.headers,
        payload: {
          partyType: 'organization',
          category: 'key_account',
          name: '导出副本测试客户',
          creditCode: nextCreditCode(),
          mobile: nextMobile(),
        },
      });
      expect(created.statusCode).toBe(201);
      whilePaused = await exportNow();
    } finally {
      await replica.query('select pg_wal_replay_resume()');
    }
    expect(whilePaused.readFrom).toBe('primary');
    const total = (await t.app.inject({ method: 'GET', url: '/api/customers?limit=1', headers: admin.headers })).json()
      .total as number;
    expect(whilePaused.rows).toBe(total);
    // Caught up, the next export reads the replica, with the same rows.
    await untilServedByReplica(marketing.headers);
    const later = await exportNow();
    expect(later.readFrom).toBe('replica');
    expect(later.rows).toBe(total);
  }, 90_000);

  it('keeps ordinary reads and every write on the primary', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/customers?limit=1', headers: marketing.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-read-source']).toBeUndefined();
  });
});
