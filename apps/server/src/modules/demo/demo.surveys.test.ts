import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCustomerVia } from '../../test/customer-helpers';
import { createTestApp, loginAs, type TestApp } from '../../test/test-app';
import { lastQuarters, seedDemoSurveys } from './demo.surveys';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const admin = await loginAs(t.app, 'admin');
  for (let i = 0; i < 30; i++) await createCustomerVia(t.app, admin, { orgUnitId: t.org.org.cityA.id });
}, 60_000);
afterAll(() => t.close());

const rows = async <T>(q: ReturnType<typeof sql>) => ((await t.handle.db.execute(q)) as unknown as { rows: T[] }).rows;

it('seeds four closed quarterly waves and a year of callbacks quickly, once', async () => {
  const now = new Date('2026-12-05T04:00:00Z');
  const started = Date.now();
  const res = await seedDemoSurveys({ db: t.handle.db, now });
  expect(Date.now() - started).toBeLessThan(15_000);
  expect(res).toMatchObject({ waves: 4 });
  expect(res!.callbacks).toBeGreaterThan(3_000);
  expect(res!.followups).toBeGreaterThan(0);
  const waves = await rows<{ quarter: string; status: string; members: number }>(
    sql`select w.quarter, w.status, count(m.id)::int as members from survey_waves w
      join survey_wave_members m on m.wave_id = w.id group by w.id order by w.quarter`,
  );
  expect(waves.map((w) => w.quarter)).toEqual(['2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
  expect(waves.every((w) => w.status === 'closed' && w.members === 30)).toBe(true);
  // Every answered member points at its answer; dissatisfied callbacks have follow-ups, most older ones recovered.
  const [orphans] = await rows<{ n: number }>(
    sql`select count(*)::int as n from survey_wave_members m where m.status = 'answered'
      and not exists (select 1 from survey_responses r where r.invitation_id = m.invitation_id)`,
  );
  expect(orphans.n).toBe(0);
  const followups = await rows<{ status: string; n: number }>(
    sql`select status, count(*)::int as n from survey_followups group by status`,
  );
  const byStatus = Object.fromEntries(followups.map((f) => [f.status, f.n]));
  expect(byStatus.recovered).toBeGreaterThan(byStatus.open ?? 0);
  expect(await seedDemoSurveys({ db: t.handle.db, now })).toBeNull();
});

it('takes the last four complete quarters in Shanghai time', () => {
  expect(lastQuarters(new Date('2026-03-31T16:30:00Z'), 2).map((q) => q.quarter)).toEqual(['2025-Q4', '2026-Q1']);
  expect(lastQuarters(new Date('2026-03-31T15:30:00Z'), 1)[0].start.toISOString()).toBe('2025-09-30T16:00:00.000Z');
});
