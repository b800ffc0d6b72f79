import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import type { DbHandle } from '../db/client';
import { createTestDb } from '../test/test-db';

const script = 'console.log("the hashed application bundle");'.repeat(20);
let handle: DbHandle;
let app: FastifyInstance;
beforeAll(async () => {
  const webDist = mkdtempSync(path.join(tmpdir(), 'crm-web-static-'));
  mkdirSync(path.join(webDist, 'assets'));
  writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>CRM</title>');
  const file = path.join(webDist, 'assets', 'app-abc123.js');
  writeFileSync(file, script);
  writeFileSync(`${file}.br`, brotliCompressSync(script));
  writeFileSync(`${file}.gz`, gzipSync(script));
  handle = await createTestDb();
  app = await buildApp({ handle, config: { ...loadConfig({}), webDist } });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await handle.close();
});

const asset = (acceptEncoding?: string) =>
  app.inject({
    method: 'GET',
    url: '/assets/app-abc123.js',
    headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
  });

describe('built web app files', () => {
  it('sends the brotli file to browsers that accept it, cached for a year as immutable', async () => {
    const res = await asset('gzip, deflate, br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toContain('javascript');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toContain('accept-encoding');
    expect(res.rawPayload.equals(brotliCompressSync(script))).toBe(true);
  });

  it('falls back to gzip, then to the plain file', async () => {
    const gz = await asset('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const plain = await asset();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(script);
  });

  it('revalidates index.html on every visit, also when served for a client-side route', async () => {
    const root = await app.inject({ method: 'GET', url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.headers['cache-control']).toBe('no-cache');
    const route = await app.inject({ method: 'GET', url: '/customers/42' });
    expect(route.body).toContain('<title>CRM</title>');
    expect(route.headers['cache-control']).toBe('no-cache');
  });
});
