import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerVia } from '../../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/test-app';
import { seedDemoSurveys } from '../../demo/demo.surveys';

// The satisfaction analytics over the demo programme: 60 key accounts (40 in city A, 20 in city B) answering four
// quarterly ECSI waves, and a year of callback surveys.

let t: TestApp;
let s: Record<'admin' | 'quality1' | 'manager1' | 'agent1', Session>;
let waves: { id: number; quarter: string }[];
const now = new Date();
const yearAgo = new Date(now.getTime() - 400 * 86_400_000).toISOString();
const to = new Date(now.getTime() + 86_400_000).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  s = {} as typeof s;
  for (const u of ['admin', 'quality1', 'manager1', 'agent1'] as const) s[u] = await loginAs(t.app, u);
  for (let i = 0; i < 60; i++)
    await createCustomerVia(t.app, s.admin, { orgUnitId: i < 40 ? t.org.org.cityA.id : t.org.org.cityB.id });
  const seeded = await seedDemoSurveys({ db: t.handle.db, now, callbacksPerMonth: 40 });
  expect(seeded).toMatchObject({ waves: 4 });
  waves = (await get(s.admin, '/api/surveys/analytics/waves')).body;
}, 120_000);
afterAll(() => t.close());

async function get(who: Session, url: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: who.headers });
  return { status: res.statusCode, body: res.json() };
}
async function post(who: Session, url: string, payload?: object) {
  const res = await t.app.inject({ method: 'POST', url, headers: who.headers, payload });
  return { status: res.statusCode, body: res.json() };
}
const qs = (o: Record<string, string>) => new URLSearchParams(o).toString();

describe('satisfaction indices by period and segment', () => {
  it('trends CSAT, NPS and response rate by month, totals equal to the callback funnel', async () => {
    const r = await get(s.admin, `/api/surveys/analytics/indices?${qs({ from: yearAgo, to, period: 'month' })}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.rows.length).toBeGreaterThanOrEqual(12);
    expect(r.body.rows.map((x: { period: string }) => x.period)).toEqual(
      [...r.body.rows.map((x: { period: string }) => x.period)].sort(),
    );
    const funnel = (await get(s.admin, `/api/surveys/callbacks/funnel?${qs({ from: yearAgo, to })}`)).body;
    expect(r.body.totals).toMatchObject({ sent: funnel.sent, answered: funnel.answered });
    expect(r.body.totals.nps).toBeCloseTo(funnel.nps, 9);
    expect(r.body.totals.csatTopTwoBox).toBeCloseTo(funnel.csatTopTwoBox, 9);
    expect(r.body.totals.responseRate).toBeGreaterThan(0.5);
    // Monthly rows add up to the totals.
    const sum = r.body.rows.reduce((a: number, x: { answered: number }) => a + x.answered, 0);
    expect(sum).toBe(r.body.totals.answered);
  });

  it('segments by quarter and org unit, labelling org units by name', async () => {
    const r = await get(
      s.admin,
      `/api/surveys/analytics/indices?${qs({ from: yearAgo, to, period: 'quarter', segment: 'org_unit', source: 'all' })}`,
    );
    expect(r.status).toBe(200);
    const labels = new Set(r.body.rows.map((x: { segmentLabel: string }) => x.segmentLabel));
    expect(labels).toEqual(new Set(['南京市', t.org.org.cityB.name]));
    expect(r.body.rows.every((x: { period: string }) => /^\d{4}-Q[1-4]$/.test(x.period))).toBe(true);
    expect(r.body.totals.csatN).toBeGreaterThan(0);
    const waveOnly = await get(
      s.admin,
      `/api/surveys/analytics/indices?${qs({ from: yearAgo, to, period: 'quarter', segment: 'tier', source: 'wave' })}`,
    );
    expect(waveOnly.body.totals.csatN).toBe(waveOnly.body.totals.answered);
    expect(waveOnly.body.rows).toHaveLength(4);
  });

  it('scopes every figure to the viewer: a city manager sees only the city', async () => {
    const all = await get(s.admin, `/api/surveys/analytics/indices?${qs({ from: yearAgo, to })}`);
    const city = await get(s.manager1, `/api/surveys/analytics/indices?${qs({ from: yearAgo, to })}`);
    expect(city.status).toBe(200);
    expect(city.body.totals.answered).toBeGreaterThan(0);
    expect(city.body.totals.answered).toBeLessThan(all.body.totals.answered);
  });

  it('names the bad field, and refuses a role without surveys.read', async () => {
    const bad = await get(s.admin, `/api/surveys/analytics/indices?${qs({ from: to, to: yearAgo })}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('to');
    const seg = await get(s.admin, `/api/surveys/analytics/indices?${qs({ from: yearAgo, to, segment: 'shoe_size' })}`);
    expect(seg.status).toBe(400);
    expect(JSON.stringify(seg.body.error)).toContain('segment');
    expect((await get(s.agent1, `/api/surveys/analytics/indices?${qs({ from: yearAgo, to })}`)).status).toBe(403);
  });
});

describe('the callback funnel by segment', () => {
  type FunnelRow = { segment: string | null; segmentLabel: string | null; sent: number; answered: number } & Record<
    'dissatisfied' | 'recovered' | 'expired',
    number
  > & { nps: number; recoveryRate: number };
  const sum = (rows: FunnelRow[], k: 'sent' | 'answered' | 'dissatisfied' | 'recovered' | 'expired') =>
    rows.reduce((a, r) => a + r[k], 0);

  it('splits every stage by org unit, named, adding up to the whole funnel', async () => {
    const whole = await get(s.admin, `/api/surveys/callbacks/funnel?${qs({ from: yearAgo, to })}`);
    expect(whole.status).toBe(200);
    expect(whole.body).toMatchObject({ segment: 'none', segments: [] });
    const r = await get(s.admin, `/api/surveys/callbacks/funnel?${qs({ from: yearAgo, to, segment: 'org_unit' })}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const rows = r.body.segments as FunnelRow[];
    expect(new Set(rows.map((x) => x.segmentLabel))).toEqual(new Set(['南京市', t.org.org.cityB.name]));
    for (const k of ['sent', 'answered', 'dissatisfied', 'recovered', 'expired'] as const)
      expect(sum(rows, k), k).toBe(whole.body[k]);
    expect(whole.body.recovered).toBeGreaterThan(0);
    for (const x of rows) {
      expect(x.recoveryRate).toBeCloseTo(x.dissatisfied ? x.recovered / x.dissatisfied : 0, 12);
      expect(x.answered).toBeLessThanOrEqual(x.sent);
    }
  });

  it('gives the same figures per segment as the indices over the whole window (one computation)', async () => {
    const funnel = (
      await get(s.admin, `/api/surveys/callbacks/funnel?${qs({ from: yearAgo, to, segment: 'category' })}`)
    ).body.segments as FunnelRow[];
    const ix = await get(
      s.admin,
      `/api/surveys/analytics/indices?${qs({ from: yearAgo, to, period: 'all', segment: 'category' })}`,
    );
    expect(ix.status).toBe(200);
    expect(ix.body.rows.map((x: { period: string }) => x.period)).toEqual(funnel.map(() => 'all'));
    ix.body.rows.forEach((x: FunnelRow, i: number) => {
      expect(x.segment).toBe(funnel[i].segment);
      expect([x.sent, x.answered, x.dissatisfied]).toEqual([
        funnel[i].sent,
        funnel[i].answered,
        funnel[i].dissatisfied,
      ]);
      expect(x.nps).toBeCloseTo(funnel[i].nps, 12);
    });
  });

  it('scopes the segments to the viewer and refuses an unknown segment by name', async () => {
    const city = await get(
      s.manager1,
      `/api/surveys/callbacks/funnel?${qs({ from: yearAgo, to, segment: 'org_unit' })}`,
    );
    expect(city.status).toBe(200);
    expect(city.body.segments.map((x: FunnelRow) => x.segmentLabel)).toEqual(['南京市']);
    const bad = await get(s.admin, `/api/surveys/callbacks/funnel?${qs({ from: yearAgo, to, segment: 'region' })}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('segment');
  });
});

describe('drill-down to the answers', () => {
  it('lists the dissatisfied answers of a month, masking the number for a role without pii.read', async () => {
    const months = (await get(s.admin, `/api/surveys/analytics/indices?${qs({ from: yearAgo, to })}`)).body.rows as {
      period: string;
      dissatisfied: number;
    }[];
    const month = months.find((m) => m.dissatisfied > 0)!;
    const url = `/api/surveys/analytics/answers?${qs({ from: yearAgo, to, periodValue: month.period, dissatisfied: 'true', limit: '200' })}`;
    const admin = await get(s.admin, url);
    expect(admin.status, JSON.stringify(admin.body)).toBe(200);
    expect(admin.body.total).toBe(month.dissatisfied);
    expect(admin.body.items.every((i: { dissatisfied: boolean }) => i.dissatisfied)).toBe(true);
    const withPhone = admin.body.items.find((i: { phone: string | null }) => i.phone);
    expect(withPhone.phone).toMatch(/^1\d{10}$/);
    const quality = await get(s.quality1, url);
    const same = quality.body.items.find((i: { invitationId: number }) => i.invitationId === withPhone.invitationId);
    expect(same.phone).toMatch(/\*/);
    expect(same.answers).toMatchObject({ csat: withPhone.csat });
  });
});

describe('key-account waves: summary, PLS, IPA, loyalty', () => {
  it('summarises four closed quarterly waves with response rate, CSAT, NPS and the satisfaction ratio', () => {
    expect(waves).toHaveLength(4);
    for (const w of waves as unknown as Record<string, number | string>[]) {
      expect(w).toMatchObject({ status: 'closed', members: 40, pending: 0 });
      expect(Number(w.responseRate)).toBeGreaterThan(0.6);
      expect(Number(w.satisfactionRatio)).toBeGreaterThan(0.8);
      expect(Number(w.satisfactionRatio)).toBeLessThan(1.1);
    }
  });

  it('fits the ECSI model on a wave: strong quality and value paths to satisfaction, bootstrap intervals, CSI 0-100', async () => {
    const all = await Promise.all(
      waves.map((w) => post(s.quality1, `/api/surveys/waves/${w.id}/pls`, { bootstrap: 100, seed: 7 })),
    );
    const r = all[3];
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(Object.keys(r.body.blocks)).toEqual([
      'image',
      'expectation',
      'quality',
      'value',
      'satisfaction',
      'complaints',
      'loyalty',
    ]);
    expect(r.body.paths).toHaveLength(12);
    const path = (from: string, to: string) =>
      r.body.paths.find((p: { from: string; to: string }) => p.from === from && p.to === to);
    expect(path('satisfaction', 'loyalty').coef).toBeGreaterThan(0.3);
    expect(path('quality', 'value').coef).toBeGreaterThan(0.3);
    expect(path('quality', 'value').lower).toBeGreaterThan(0);
    expect(path('quality', 'value').lower).toBeLessThan(path('quality', 'value').coef);
    expect(r.body.r2.satisfaction).toBeGreaterThan(0.4);
    expect(r.body.ave.image).toBeGreaterThan(0.5);
    expect(r.body.csi).toBeGreaterThan(50);
    expect(r.body.csi).toBeLessThan(90);
    expect(r.body.csiLower).toBeLessThan(r.body.csi);
    expect(r.body.bootstrap).toMatchObject({ samples: 100, failed: 0, level: 0.95 });
    // Same seed, same result.
    const again = await post(s.quality1, `/api/surveys/waves/${waves[3].id}/pls`, { bootstrap: 100, seed: 7 });
    expect(again.body.csiLower).toBe(r.body.csiLower);
    // The repairs programme lifts the index over the year.
    expect(all[3].body.csi).toBeGreaterThan(all[0].body.csi);
  });

  it('accepts another scheme and structure, and refuses a bad one by name', async () => {
    const url = `/api/surveys/waves/${waves[0].id}/pls`;
    const centroid = await post(s.quality1, url, { scheme: 'centroid', bootstrap: 0 });
    expect(centroid.status).toBe(200);
    expect(centroid.body.bootstrap).toBeNull();
    const small = await post(s.quality1, url, {
      bootstrap: 0,
      paths: [
        ['quality', 'satisfaction'],
        ['satisfaction', 'loyalty'],
      ],
    });
    // Constructs outside the given paths cannot be estimated.
    expect(small.status).toBe(422);
    expect(small.body.error.code).toBe('surveys.pls_not_estimable');
    expect((await post(s.quality1, url, { bootstrap: 5000 })).body.error.details[0].path).toBe('bootstrap');
    expect((await post(s.quality1, url, { csi: 'happiness', bootstrap: 0 })).body.error.details[0].path).toBe('csi');
    expect((await post(s.quality1, '/api/surveys/waves/999999/pls', {})).status).toBe(404);
  });

  it('puts network and repair in "fix first" with stated and derived importance, and classifies the ratio', async () => {
    for (const importance of ['stated', 'derived']) {
      const r = await get(s.quality1, `/api/surveys/waves/${waves[3].id}/ipa?importance=${importance}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const q = Object.fromEntries(r.body.items.map((i: { code: string; quadrant: string }) => [i.code, i.quadrant]));
      expect(q.network).toBe('fix_first');
      expect(q.repair).toBe('fix_first');
      expect(r.body.items[0].rank).toBe(1);
      expect(r.body.items[0].quadrant).toBe('fix_first');
    }
    const stated = (await get(s.quality1, `/api/surveys/waves/${waves[3].id}/ipa`)).body;
    expect(
      Object.fromEntries(stated.items.map((i: { code: string; quadrant: string }) => [i.code, i.quadrant])),
    ).toMatchObject({
      am_service: 'keep_up',
      billing: 'possible_overkill',
      product_range: 'low_priority',
    });
    expect(stated.ratio.attributes.map((a: { attribute: string }) => a.attribute)).toEqual(['stability', 'response']);
    // Network stability was below expectations a year ago and has caught up since.
    const first = (await get(s.quality1, `/api/surveys/waves/${waves[0].id}/ipa`)).body;
    expect(first.ratio.attributes[0].level).toBe('dissatisfied');
    expect(stated.ratio.attributes[0].ratio).toBeGreaterThan(first.ratio.attributes[0].ratio);
    const band = await get(s.quality1, `/api/surveys/waves/${waves[3].id}/ipa?low=1.1&high=1.0`);
    expect(band.status).toBe(400);
  });

  it('counts loyalty types of the respondents', async () => {
    const r = await get(s.quality1, `/api/surveys/waves/${waves[3].id}/loyalty`);
    expect(r.status).toBe(200);
    const c = r.body.counts;
    expect(c.true + c.latent + c.spurious + c.none).toBe(r.body.n);
    expect(c.latent).toBeGreaterThan(0);
  });
});
