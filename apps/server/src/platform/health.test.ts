import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJobWorker } from '../modules/jobs/jobs.service';
import { createTestApp, type TestApp } from '../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const get = (url: string) => t.app.inject({ method: 'GET', url });

describe('health checks', () => {
  it('answers liveness without a session and without touching the database', async () => {
    const res = await get('/api/health/live');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'live' });
  });

  it('keeps /api/health answering as before', async () => {
    expect((await get('/api/health')).json()).toEqual({ status: 'ok' });
  });

  it('is ready when the database answers and every shipped migration is applied', async () => {
    const res = await get('/api/health/ready');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ready');
    expect(body.checks.map((c: { name: string }) => c.name)).toEqual(['database', 'migrations']);
  });

  it('checks the job worker when this process runs one', async () => {
    const worker = startJobWorker({ handle: t.handle, intervalMs: 60_000 });
    try {
      const res = await get('/api/health/ready');
      expect(res.statusCode).toBe(200);
      expect(res.json().checks).toContainEqual(expect.objectContaining({ name: 'jobWorker', ok: true }));
    } finally {
      await worker.stop();
    }
    const after = await get('/api/health/ready');
    expect(after.json().checks.map((c: { name: string }) => c.name)).not.toContain('jobWorker');
  });

  it('answers 503 naming the migrations check when a migration is missing', async () => {
    await t.handle.db.execute(
      sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`,
    );
    const res = await get('/api/health/ready');
    expect(res.statusCode).toBe(503);
    const { error } = res.json();
    expect(error.code).toBe('health.not_ready');
    expect(error.message).toBe('Not ready: migrations');
    expect(error.details[0].path).toBe('migrations');
    expect((await get('/api/health/live')).statusCode).toBe(200);
  });
});
