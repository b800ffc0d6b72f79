import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { loadConfig } from './config';
import type { DbHandle } from './db/client';
import { createTestDb } from './test/test-db';

let handle: DbHandle;
let app: FastifyInstance;
beforeAll(async () => {
  const webDist = mkdtempSync(path.join(tmpdir(), 'crm-web-'));
  writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>CRM</title>');
  writeFileSync(path.join(webDist, 'app.js'), 'console.log(1)');
  handle = await createTestDb();
  app = await buildApp({ handle, config: { ...loadConfig({}), webDist } });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('one port for UI and API', () => {
  it('serves the built web app and its files', async () => {
    expect((await app.inject({ method: 'GET', url: '/' })).body).toContain('<title>CRM</title>');
    expect((await app.inject({ method: 'GET', url: '/app.js' })).body).toContain('console.log');
  });

  it('answers client-side routes with index.html so a reload keeps the page', async () => {
    const res = await app.inject({ method: 'GET', url: '/customers/42' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
  });

  it('answers unknown API paths with the JSON error shape, not the web app', async () => {
    // Anonymous callers learn nothing about which API paths exist: 401 before routing matters.
    const res = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json().error.code).toBe('auth.unauthenticated');
    const post = await app.inject({ method: 'POST', url: '/not-a-page' });
    expect(post.statusCode).toBe(404);
    expect(post.json().error.code).toBe('route.not_found');
  });
});
