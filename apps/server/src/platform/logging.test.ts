import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { loadConfig } from '../config';
import { createTestApp, loginAs, type TestApp } from '../test/test-app';
import { productionLoggerOptions } from './logging';

const lines: Record<string, unknown>[] = [];
const stream = new Writable({
  write(chunk, _encoding, done) {
    lines.push(JSON.parse(String(chunk)));
    done();
  },
});
let t: TestApp;
let app: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp();
  const config = { ...loadConfig({}), webDist: '/nonexistent' };
  app = await buildApp({ handle: t.handle, config, logger: { ...productionLoggerOptions({}), stream } });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('structured request logs', () => {
  it('writes JSON lines carrying the request id, and the user id once signed in', async () => {
    const s = await loginAs(app, 'agent1');
    lines.length = 0;
    const res = await app.inject({
      method: 'GET',
      url: '/api/customers?q=13800138000',
      headers: { ...s.headers, 'x-request-id': 'req-from-the-proxy' },
    });
    const mine = lines.filter((l) => l.reqId === 'req-from-the-proxy');
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    const completed = mine[1];
    expect(completed.userId).toBe(t.org.users.agent1.id);
    expect((completed.res as { statusCode: number }).statusCode).toBe(res.statusCode);
    const incoming = mine[0].req as { url: string; method: string };
    expect(incoming).toMatchObject({ method: 'GET', url: '/api/customers' });
    expect(JSON.stringify(lines)).not.toContain('13800138000');
  });
});
