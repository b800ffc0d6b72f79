import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { enqueueJob } from '../modules/jobs/jobs.service';
import { createTestApp, loginAs, type TestApp } from '../test/test-app';

let t: TestApp;
let guarded: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp();
  const config = { ...loadConfig({}), webDist: '/nonexistent', metricsToken: 'scrape-secret' };
  guarded = await buildApp({ handle: t.handle, config });
  await guarded.ready();
});
afterAll(async () => {
  await guarded.close();
  await t.close();
});

const scrape = (app: FastifyInstance, opts: { remoteAddress?: string; authorization?: string } = {}) =>
  app.inject({
    method: 'GET',
    url: '/metrics',
    remoteAddress: opts.remoteAddress,
    headers: opts.authorization ? { authorization: opts.authorization } : {},
  });

describe('GET /metrics without METRICS_TOKEN', () => {
  it('answers a loopback scraper in the Prometheus text format, without a session', async () => {
    const res = await scrape(t.app);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain; version=0.0.4');
    expect(res.body).toContain('# TYPE crm_http_request_duration_seconds histogram');
    expect(res.body).toContain('# TYPE crm_process_resident_memory_bytes gauge');
  });

  it('refuses a scraper from another host', async () => {
    const res = await scrape(t.app, { remoteAddress: '10.1.2.3' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('metrics.loopback_only');
  });

  it('records request durations under the route pattern and status class, never the raw URL', async () => {
    const s = await loginAs(t.app, 'admin');
    await t.app.inject({ method: 'GET', url: '/api/customers/987654', headers: s.headers });
    const body = (await scrape(t.app)).body;
    expect(body).toMatch(
      /crm_http_request_duration_seconds_count\{method="GET",route="\/api\/customers\/:id",status_class="4xx"\} \d+/,
    );
    expect(body).not.toContain('987654');
  });

  it('reports the job queue depth and failed jobs per type, read from the jobs table on scrape', async () => {
    await enqueueJob({ db: t.handle.db, type: 'metrics.test', runAt: new Date(Date.now() - 60_000) });
    await enqueueJob({ db: t.handle.db, type: 'metrics.test' });
    const body = (await scrape(t.app)).body;
    expect(body).toContain('crm_jobs_queued{type="metrics.test"} 2');
    expect(body).toContain('crm_jobs_failed{type="metrics.test"} 0');
    const oldest = Number(body.match(/crm_jobs_oldest_due_seconds\{type="metrics.test"\} ([\d.]+)/)?.[1]);
    expect(oldest).toBeGreaterThanOrEqual(59);
  });

  it('counts the rows of finished exports, and declares the import, SLA breach and job failure counters', async () => {
    const s = await loginAs(t.app, 'admin');
    const csv = await t.app.inject({ method: 'GET', url: '/api/customers/export?format=csv', headers: s.headers });
    expect(csv.statusCode).toBe(200);
    const body = (await scrape(t.app)).body;
    expect(body).toMatch(/crm_export_rows_total\{entity="customers",format="csv"\} \d+/);
    for (const name of ['crm_import_rows_total', 'crm_export_rows_total', 'crm_sla_breaches_total'])
      expect(body).toContain(`# TYPE ${name} counter`);
    expect(body).toContain('# TYPE crm_job_failures_total counter');
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  it('requires the bearer token, from loopback too', async () => {
    expect((await scrape(guarded)).statusCode).toBe(401);
    const wrong = await scrape(guarded, { authorization: 'Bearer nope' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('metrics.unauthorized');
  });

  it('answers any host that sends the token', async () => {
    const res = await scrape(guarded, { remoteAddress: '10.1.2.3', authorization: 'Bearer scrape-secret' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('crm_http_request_duration_seconds');
  });
});
