import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTestApp, type DemoTestApp } from './test/demo-app';
import { type ApiRoute, missingParamsOf, mutatingRoutes, realParamsOf, urlOf } from './test/route-catalogue';
import { bodyOf, paramOf } from './test/schema-arbitrary';

// Every POST and PATCH route of the OpenAPI document, driven as an administrator on a small demo operator: an empty
// PATCH never reaches the database, and fuzzed bodies and path parameters never answer 5xx; every 4xx has the error
// shape (`{ error: { code, message } }`; the TM Forum Error `{ code, reason }` under /tmf-api).

const SEED = 20_261_204;
const RUNS_PER_ROUTE = 12;

let t: DemoTestApp;
let routes: ApiRoute[];
const realParams = new Map<string, Record<string, string>>();

beforeAll(async () => {
  t = await createDemoTestApp();
  routes = mutatingRoutes(t.app);
  for (const route of routes) realParams.set(`${route.method} ${route.path}`, await realParamsOf(t.handle, route));
}, 180_000);
afterAll(async () => {
  await t?.close();
});

async function send(route: ApiRoute, params: Record<string, string>, body: unknown): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: route.method,
    url: urlOf(route, params),
    headers: { ...t.admin.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
}

/** Why a response breaks the contract (a 5xx, or a 4xx without the error shape), or null when it keeps it. */
function contractBreach(path: string, res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return null;
  let body: {
    error?: { code?: unknown; message?: unknown } | string;
    code?: unknown;
    reason?: unknown;
    error_description?: unknown;
  };
  try {
    body = res.json();
  } catch {
    return `${res.statusCode} not JSON: ${res.body.slice(0, 200)}`;
  }
  // TM Forum facades answer TMF's Error; the OAuth token endpoint answers RFC 6749's `{ error, error_description }`.
  const ok = path.startsWith('/tmf-api/')
    ? typeof body.code === 'string' && typeof body.reason === 'string'
    : path === '/oauth/token'
      ? typeof body.error === 'string'
      : typeof body.error === 'object' &&
        typeof body.error?.code === 'string' &&
        typeof body.error?.message === 'string';
  return ok ? null : `${res.statusCode} without the error shape: ${res.body.slice(0, 200)}`;
}

describe('an empty PATCH body', () => {
  it('answers 400 naming the body on every PATCH route, for existing and missing records alike', async () => {
    const patches = routes.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/api/ka/tasks/{id}', '/api/ka/orders/{id}/steps/{stepId}']),
    );
    const answers: string[] = [];
    for (const route of patches) {
      const real = realParams.get(`${route.method} ${route.path}`) ?? {};
      const withReal = Object.keys(real).length === route.params.length ? [real] : [];
      for (const params of [...withReal, missingParamsOf(route)]) {
        for (const body of [{}, { notAField: 1 }]) {
          const res = await send(route, params, body);
          const code = route.path.startsWith('/tmf-api/') ? res.json().code : res.json().error?.code;
          answers.push(`${route.path} ${JSON.stringify(body)} -> ${res.statusCode} ${code}`);
          expect(contractBreach(route.path, res), urlOf(route, params)).toBeNull();
        }
      }
    }
    // Routes whose schema already demands a field answer validation.invalid; the others the shared guard's code.
    expect(answers.filter((a) => !/-> 400 validation\.(empty_patch|invalid)$/.test(a))).toEqual([]);
    // The two routes the probe saw answer 500 ("No values to set").
    expect(answers.filter((a) => /^\/api\/ka\/(tasks|orders)\/.* \{\} -> /.test(a)).sort()).toEqual([
      ...Array(2).fill('/api/ka/orders/{id}/steps/{stepId} {} -> 400 validation.empty_patch'),
      ...Array(2).fill('/api/ka/tasks/{id} {} -> 400 validation.empty_patch'),
    ]);
  }, 120_000);
});

describe('fuzzed POST and PATCH requests', () => {
  it('never answer 5xx, and every 4xx has the error shape', async () => {
    const failures: string[] = [];
    const reached = new Set<string>();
    let index = 0;
    for (const route of routes) {
      index++;
      // Signing out would end the fuzzing session; uploads are multipart, not JSON.
      if (route.path === '/api/auth/logout' || route.multipart) continue;
      const real = realParams.get(`${route.method} ${route.path}`) ?? {};
      const params = fc.record(Object.fromEntries(route.params.map((p) => [p, paramOf(real[p])])));
      const property = fc.asyncProperty(params, bodyOf(route.body), async (p, body) => {
        const res = await send(route, p, body);
        if (res.statusCode < 300) reached.add(route.path);
        const breach = contractBreach(route.path, res);
        if (breach) throw new Error(breach);
      });
      try {
        // Always tried first: an empty body on a real record (or a missing one when none exists).
        const first = Object.keys(real).length === route.params.length ? real : missingParamsOf(route);
        await fc.assert(property, {
          seed: SEED + index,
          numRuns: RUNS_PER_ROUTE,
          endOnFailure: true,
          examples: [[first, {}]],
        });
      } catch (error) {
        failures.push(`${route.method} ${route.path}: ${(error as Error).message.slice(0, 1200)}`);
      }
    }
    expect(failures).toEqual([]);
    // The generated requests get past validation: most routes did their work at least once.
    // (hub subscriptions, OAuth and TMF creates need business-valid bodies the schema alone cannot give)
    expect(reached.size).toBeGreaterThan(routes.length / 4);
    // The fuzzing never cost the administrator the session (nothing signed out or demoted the fuzzing user).
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: t.admin.headers })).statusCode).toBe(200);
  }, 300_000);
});
