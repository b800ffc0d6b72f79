import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCustomer, createCustomerVia } from '../../../test/customer-helpers';
import { createTestApp, loginAs, type Session, type TestApp } from '../../../test/test-app';
import { runDueJobs } from '../../jobs/jobs.service';
import { registerSurveyJobs } from '../surveys.jobs';

let t: TestApp;
let s: Record<'admin' | 'quality1' | 'agent1' | 'marketing1', Session>;
let kas: ApiCustomer[];

beforeAll(async () => {
  registerSurveyJobs();
  t = await createTestApp();
  s = {} as typeof s;
  for (const u of ['admin', 'quality1', 'agent1', 'marketing1'] as const) s[u] = await loginAs(t.app, u);
  kas = [];
  for (let i = 0; i < 6; i++) kas.push(await createCustomerVia(t.app, s.admin, { orgUnitId: t.org.org.cityA.id }));
});
afterAll(() => t.close());

const call = async (who: Session, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
  const res = await t.app.inject({ method, url, headers: who.headers, payload: payload as object });
  return { status: res.statusCode, body: res.body ? res.json() : null };
};
const count = async (table: string) =>
  Number(
    ((await t.handle.db.execute(`select count(*)::int as n from ${table}`)) as { rows: { n: number }[] }).rows[0].n,
  );

const kaQuestions = [
  { code: 'overall', type: 'csat', zh: '总体满意度', en: 'Overall satisfaction', required: true },
  { code: 'recommend', type: 'recommend', zh: '推荐意愿', en: 'Likelihood to recommend' },
  {
    code: 'network',
    type: 'attribute',
    zh: '网络质量',
    en: 'Network quality',
    attribute: 'network_quality',
  },
  { code: 'repair', type: 'expectation_pair', zh: '故障修复速度', en: 'Repair speed', attribute: 'repair_speed' },
  {
    code: 'reasons',
    type: 'multiple_choice',
    zh: '不满意原因',
    en: 'Reasons for dissatisfaction',
    options: [
      { code: 'price', zh: '价格', en: 'Price', dissatisfied: true },
      { code: 'service', zh: '服务', en: 'Service', dissatisfied: true },
    ],
  },
  { code: 'comment', type: 'text', zh: '意见', en: 'Comments' },
];

async function publishedKaQuestionnaire(code: string) {
  const created = await call(s.quality1, 'POST', '/api/surveys/questionnaires', {
    code,
    kind: 'ka_quarterly',
    titleZh: '大客户季度满意度调查',
    titleEn: 'Key-account quarterly survey',
    questions: kaQuestions,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const published = await call(s.quality1, 'POST', `/api/surveys/questionnaires/${created.body.id}/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return published.body as { id: number; version: number };
}

describe('questionnaires as versioned definitions', () => {
  it('edits a draft, freezes it on publishing, and changes it only through a new version', async () => {
    const created = await call(s.quality1, 'POST', '/api/surveys/questionnaires', {
      code: 'ka_versions',
      kind: 'ka_quarterly',
      titleZh: '草稿',
      titleEn: 'Draft',
      questions: [],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, status: 'draft' });
    const id = created.body.id;

    // An empty questionnaire cannot be published; a draft is edited freely.
    const early = await call(s.quality1, 'POST', `/api/surveys/questionnaires/${id}/publish`);
    expect(early.status).toBe(400);
    expect(early.body.error.details[0].path).toBe('questions');
    const edited = await call(s.quality1, 'PATCH', `/api/surveys/questionnaires/${id}`, {
      titleZh: '大客户调查',
      questions: kaQuestions,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.questions).toHaveLength(kaQuestions.length);
    expect((await call(s.quality1, 'POST', `/api/surveys/questionnaires/${id}/publish`)).status).toBe(200);

    // Published: immutable.
    const patch = await call(s.quality1, 'PATCH', `/api/surveys/questionnaires/${id}`, { titleZh: '改' });
    expect(patch.status).toBe(409);
    expect(patch.body.error.code).toBe('surveys.questionnaire_published');
    expect((await call(s.quality1, 'POST', `/api/surveys/questionnaires/${id}/publish`)).status).toBe(409);
    expect((await call(s.quality1, 'GET', `/api/surveys/questionnaires/${id}`)).body.titleZh).toBe('大客户调查');

    // A new version is a draft copy; only one draft at a time; publishing it retires version 1.
    const v2 = await call(s.quality1, 'POST', `/api/surveys/questionnaires/${id}/versions`);
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ code: 'ka_versions', version: 2, status: 'draft', titleZh: '大客户调查' });
    expect((await call(s.quality1, 'POST', `/api/surveys/questionnaires/${id}/versions`)).status).toBe(409);
    expect((await call(s.quality1, 'POST', `/api/surveys/questionnaires/${v2.body.id}/publish`)).status).toBe(200);
    const list = (await call(s.marketing1, 'GET', '/api/surveys/questionnaires')).body as {
      code: string;
      version: number;
      status: string;
    }[];
    expect(list.filter((q) => q.code === 'ka_versions').map((q) => [q.version, q.status])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);

    // A second questionnaire with the same code is refused; read-only roles cannot write.
    const dup = await call(s.quality1, 'POST', '/api/surveys/questionnaires', {
      code: 'ka_versions',
      kind: 'ka_quarterly',
      titleZh: 'x',
      titleEn: 'x',
      questions: [],
    });
    expect(dup.status).toBe(409);
    expect(
      (await call(s.marketing1, 'PATCH', `/api/surveys/questionnaires/${v2.body.id}`, { titleZh: 'x' })).status,
    ).toBe(403);
  });

  it('names the field of a bad question definition', async () => {
    const bad = await call(s.quality1, 'POST', '/api/surveys/questionnaires', {
      code: 'Bad Code',
      kind: 'ka_quarterly',
      titleZh: 'x',
      titleEn: 'x',
      questions: [{ code: 'q1', type: 'stars', zh: 'x', en: 'x' }],
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body.error.details as { path: string }[]).map((d) => d.path);
    expect(paths).toContain('code');
    expect(paths.some((p) => p.startsWith('questions.0.type'))).toBe(true);
  });
});

describe('quarterly key-account survey waves', () => {
  it('samples every key account in scope, assigns them round robin, records calls and closes with non-response', async () => {
    const q = await publishedKaQuestionnaire('ka_wave_all');
    const quality1Id = t.org.users.quality1.id;
    const adminId = t.org.users.admin.id;
    const created = await call(s.quality1, 'POST', '/api/surveys/waves', {
      name: '2026 Q3 大客户调查',
      questionnaireId: q.id,
      quarter: '2026-Q3',
      orgUnitId: t.org.org.cityA.id,
      sampling: 'all',
      assigneeIds: [quality1Id, adminId],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const waveId = created.body.id;
    expect(created.body.figures).toMatchObject({ members: kas.length, pending: kas.length, responseRate: 0 });

    const members = (await call(s.quality1, 'GET', `/api/surveys/waves/${waveId}/members`)).body as {
      id: number;
      customerId: number;
      assigneeId: number;
      phone: string | null;
    }[];
    expect(members.map((m) => m.customerId).sort()).toEqual(kas.map((c) => c.id).sort());
    const mine = members.filter((m) => m.assigneeId === quality1Id);
    expect(mine).toHaveLength(kas.length / 2);
    // quality staff have no pii.read: the number is masked.
    expect(mine[0].phone).toMatch(/\*/);
    const myList = (await call(s.quality1, 'GET', `/api/surveys/waves/${waveId}/members?mine=true`)).body;
    expect(myList).toHaveLength(mine.length);

    const [a, b, c] = mine;
    const callsUrl = (m: { id: number }) => `/api/surveys/waves/${waveId}/members/${m.id}/calls`;
    // No answer then busy keep the member pending; then answered with the phone script's answers.
    expect((await call(s.quality1, 'POST', callsUrl(a), { outcome: 'no_answer' })).body.member.status).toBe('pending');
    expect((await call(s.quality1, 'POST', callsUrl(a), { outcome: 'busy', note: '占线' })).status).toBe(201);
    const answers = {
      overall: 4,
      recommend: 9,
      network: { importance: 9, performance: 7 },
      repair: { expected: 8, perceived: 6 },
      comment: '整体不错',
    };
    // Bad answers are refused by name and change nothing.
    const before = await count('survey_responses');
    const bad = await call(s.quality1, 'POST', callsUrl(a), {
      outcome: 'answered',
      answers: { ...answers, overall: 7, bogus: 1 },
    });
    expect(bad.status).toBe(400);
    expect((bad.body.error.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      'answers.bogus',
      'answers.overall',
    ]);
    expect((await call(s.quality1, 'POST', callsUrl(a), { outcome: 'answered' })).status).toBe(400);
    expect(await count('survey_responses')).toBe(before);
    const ok = await call(s.quality1, 'POST', callsUrl(a), { outcome: 'answered', answers });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.member).toMatchObject({ status: 'answered', attempts: 3 });
    expect((await call(s.quality1, 'POST', callsUrl(a), { outcome: 'busy' })).body.error.code).toBe(
      'surveys.wave_member_done',
    );
    expect((await call(s.quality1, 'POST', callsUrl(b), { outcome: 'refused' })).body.member.status).toBe('refused');
    // Only the assigned caller records calls.
    const others = members.find((m) => m.assigneeId === adminId)!;
    expect((await call(s.quality1, 'POST', callsUrl(others), { outcome: 'busy' })).status).toBe(403);
    const attempts = (await call(s.quality1, 'GET', `/api/surveys/waves/${waveId}/members/${a.id}/attempts`)).body;
    expect(attempts.map((x: { outcome: string }) => x.outcome)).toEqual(['no_answer', 'busy', 'answered']);

    // The answer is stored where the indices read it, tagged with the wave.
    const tagged = (await t.handle.db.execute(
      `select r.csat, r.recommend, i.trigger from survey_responses r join survey_invitations i on i.id = r.invitation_id where i.wave_id = ${waveId}`,
    )) as { rows: { csat: number; recommend: number; trigger: string }[] };
    expect(tagged.rows).toEqual([{ csat: 4, recommend: 9, trigger: 'ka_wave' }]);
    const detail = (await call(s.marketing1, 'GET', `/api/surveys/waves/${waveId}`)).body;
    expect(detail.indices).toMatchObject({ csatN: 1, csatMean: 4, npsN: 1, nps: 100 });
    // Marketing reads satisfaction (surveys.read): the waves, the call list with masked numbers; it cannot call or close.
    const listed = (await call(s.marketing1, 'GET', '/api/surveys/waves')).body as { id: number }[];
    expect(listed.map((x) => x.id)).toContain(waveId);
    const seen = (await call(s.marketing1, 'GET', `/api/surveys/waves/${waveId}/members`)).body as typeof members;
    expect(seen).toHaveLength(members.length);
    for (const m of seen) if (m.phone) expect(m.phone).toMatch(/\*/);
    expect((await call(s.marketing1, 'POST', callsUrl(c), { outcome: 'busy' })).status).toBe(403);
    expect((await call(s.marketing1, 'POST', `/api/surveys/waves/${waveId}/close`)).status).toBe(403);

    // Closing marks everyone not reached as non-response; no more calls.
    const closed = await call(s.quality1, 'POST', `/api/surveys/waves/${waveId}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body.figures).toMatchObject({
      members: 6,
      answered: 1,
      refused: 1,
      nonResponse: 4,
      pending: 0,
      attempts: 4,
    });
    expect(closed.body.figures.responseRate).toBeCloseTo(1 / 6);
    expect((await call(s.quality1, 'POST', callsUrl(c), { outcome: 'busy' })).body.error.code).toBe(
      'surveys.wave_closed',
    );
    expect((await call(s.quality1, 'POST', `/api/surveys/waves/${waveId}/close`)).status).toBe(409);
  });

  it('refuses a wave on a draft questionnaire, a non-quality caller, or a stratified sample without a share', async () => {
    const draft = await call(s.quality1, 'POST', '/api/surveys/questionnaires', {
      code: 'ka_draft_only',
      kind: 'ka_quarterly',
      titleZh: 'x',
      titleEn: 'x',
      questions: kaQuestions,
    });
    const q = await publishedKaQuestionnaire('ka_wave_refusals');
    const base = {
      name: 'w',
      questionnaireId: q.id,
      quarter: '2026-Q4',
      orgUnitId: t.org.org.cityA.id,
      sampling: 'all',
      assigneeIds: [t.org.users.quality1.id],
    };
    const waves = await count('survey_waves');
    const cases: [Record<string, unknown>, string][] = [
      [{ questionnaireId: draft.body.id }, 'questionnaireId'],
      [{ assigneeIds: [t.org.users.agent1.id] }, 'assigneeIds.0'],
      [{ sampling: 'stratified' }, 'samplePct'],
      [{ quarter: '2026-Q5' }, 'quarter'],
      [{ orgUnitId: t.org.org.cityB.id }, 'orgUnitId'],
    ];
    for (const [patch, path] of cases) {
      const r = await call(s.quality1, 'POST', '/api/surveys/waves', { ...base, ...patch });
      expect(r.status, path).toBe(400);
      expect((r.body.error.details as { path: string }[]).map((d) => d.path)).toContain(path);
    }
    expect(await count('survey_waves')).toBe(waves);
    const stratified = await call(s.quality1, 'POST', '/api/surveys/waves', {
      ...base,
      sampling: 'stratified',
      samplePct: 50,
    });
    expect(stratified.status).toBe(201);
    // No tiers graded: one stratum, half of it.
    expect(stratified.body.figures.members).toBe(3);
  });
});

function csv(lines: string[]) {
  return Buffer.from(lines.join('\n'), 'utf8').toString('base64');
}

describe('importing external survey data into a wave', () => {
  it('dry-runs with a row report, commits the valid rows, and re-imports by respondent key without duplicates', async () => {
    const q = await publishedKaQuestionnaire('ka_import');
    const wave = await call(s.quality1, 'POST', '/api/surveys/waves', {
      name: '外部调研',
      questionnaireId: q.id,
      quarter: '2026-Q2',
      orgUnitId: t.org.org.cityA.id,
      sampling: 'stratified',
      samplePct: 50,
      assigneeIds: [t.org.users.quality1.id],
    });
    const waveId = wave.body.id;
    const [k1, k2, k3] = kas;
    const file = csv([
      'resp_id,客户编号,总体满意度,NPS,网络重要性,网络表现,原因',
      `R1,${k1.customerNo},5,10,9,8,`,
      `R2,${k2.customerNo},2,3,8,4,价格;Service`,
      `R3,${k3.customerNo},9,5,8,4,`,
      `R4,NO-SUCH,4,8,7,7,`,
      `R5,${k1.customerNo},4,8,7,,`,
      `R1,${k3.customerNo},4,8,7,7,`,
    ]);
    const mapping = {
      overall: '总体满意度',
      recommend: 'NPS',
      'network.importance': '网络重要性',
      'network.performance': '网络表现',
      reasons: '原因',
    };
    const url = `/api/surveys/waves/${waveId}/imports`;
    const body = {
      fileName: 'survey.csv',
      contentBase64: file,
      mapping,
      respondentKeyColumn: 'resp_id',
      customerNoColumn: '客户编号',
    };
    const responses = await count('survey_responses');

    const dry = await call(s.quality1, 'POST', url, body);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ committed: false, rows: 6, valid: 2, badRows: 4, inserts: 2, updates: 0 });
    expect(dry.body.problems).toEqual([
      { row: 4, column: '总体满意度', message: 'a whole number 1-5, got "9"' },
      { row: 5, column: '客户编号', message: 'no customer NO-SUCH in your scope' },
      { row: 6, column: '网络表现', message: 'performance missing for network' },
      { row: 7, column: 'resp_id', message: 'respondent key repeats row 2' },
    ]);
    expect(await count('survey_responses')).toBe(responses);

    const committed = await call(s.quality1, 'POST', url, { ...body, commit: true });
    expect(committed.body).toMatchObject({ committed: true, valid: 2, inserts: 2 });
    expect(await count('survey_responses')).toBe(responses + 2);
    const stored = (await t.handle.db.execute(
      `select r.answers, r.dissatisfied from survey_responses r join survey_invitations i on i.id = r.invitation_id
       where i.wave_id = ${waveId} order by r.id`,
    )) as { rows: { answers: Record<string, unknown>; dissatisfied: boolean }[] };
    expect(stored.rows[1]).toEqual({
      answers: { overall: 2, recommend: 3, network: { importance: 8, performance: 4 }, reasons: ['price', 'service'] },
      dissatisfied: true,
    });
    const detail = (await call(s.quality1, 'GET', `/api/surveys/waves/${waveId}`)).body;
    expect(detail.figures.answered).toBeGreaterThanOrEqual(2);

    // The same file again changes nothing; a corrected value updates the same answer in place.
    const again = await call(s.quality1, 'POST', url, { ...body, commit: true });
    expect(again.body).toMatchObject({ inserts: 0, updates: 0, unchanged: 2 });
    const fixed = csv([
      'resp_id,客户编号,总体满意度,NPS,网络重要性,网络表现,原因',
      `R1,${k1.customerNo},5,10,9,8,`,
      `R2,${k2.customerNo},3,6,8,5,`,
    ]);
    const upd = await call(s.quality1, 'POST', url, { ...body, contentBase64: fixed, commit: true });
    expect(upd.body).toMatchObject({ inserts: 0, updates: 1, unchanged: 1, badRows: 0 });
    expect(await count('survey_responses')).toBe(responses + 2);

    // A column that is not in the file, or an unknown answer target, is named.
    const badMap = await call(s.quality1, 'POST', url, { ...body, mapping: { overall: 'nope', bogus: 'NPS' } });
    expect(badMap.status).toBe(400);
    expect((badMap.body.error.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      'mapping.bogus',
      'mapping.overall',
    ]);
    expect((await call(s.quality1, 'POST', url, { ...body, fileName: 'x.pdf' })).status).toBe(400);

    // Without a mapping, a dry run proposes one from the headers.
    const proposed = await call(s.quality1, 'POST', url, {
      fileName: 'p.csv',
      contentBase64: csv([
        'respondent_key,customer_no,overall,recommend,network_importance',
        `X1,${k1.customerNo},4,8,9`,
      ]),
    });
    expect(proposed.body.mapping).toEqual({
      overall: 'overall',
      recommend: 'recommend',
      'network.importance': 'network_importance',
    });
    expect(proposed.body.problems).toEqual([
      { row: 2, column: 'network.performance', message: 'performance missing for network' },
    ]);

    await call(s.quality1, 'POST', `/api/surveys/waves/${waveId}/close`);
    expect((await call(s.quality1, 'POST', url, { ...body, commit: true })).body.error.code).toBe(
      'surveys.wave_closed',
    );
  });

  it('reads xlsx files', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('data');
    ws.addRow(['respondent_key', 'customer_no', 'overall']);
    ws.addRow(['X9', kas[4].customerNo, 3]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const q = await publishedKaQuestionnaire('ka_xlsx');
    const wave = await call(s.quality1, 'POST', '/api/surveys/waves', {
      name: 'xlsx',
      questionnaireId: q.id,
      quarter: '2026-Q1',
      orgUnitId: t.org.org.cityA.id,
      sampling: 'all',
      assigneeIds: [t.org.users.quality1.id],
    });
    const r = await call(s.quality1, 'POST', `/api/surveys/waves/${wave.body.id}/imports`, {
      fileName: 'ext.xlsx',
      contentBase64: buf.toString('base64'),
      commit: true,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ rows: 1, valid: 1, inserts: 1, mapping: { overall: 'overall' } });
  });
});

describe('callback survey after a counter transaction', () => {
  it('an interaction on the counter channel schedules one callback survey through the durable job', async () => {
    const customer = await createCustomerVia(t.app, s.admin, {
      orgUnitId: t.org.org.cityA.id,
      category: 'business',
    });
    const r = await call(s.agent1, 'POST', `/api/customers/${customer.id}/interactions`, {
      channel: 'counter',
      direction: 'inbound',
      summary: '营业厅办理套餐变更',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    await call(s.agent1, 'POST', `/api/customers/${customer.id}/interactions`, {
      channel: 'phone',
      direction: 'inbound',
      summary: '电话咨询',
    });
    await runDueJobs({ handle: t.handle });
    await runDueJobs({ handle: t.handle });
    const surveys = (await call(s.admin, 'GET', `/api/customers/${customer.id}/surveys`)).body as {
      trigger: string;
      status: string;
    }[];
    expect(surveys).toEqual([expect.objectContaining({ trigger: 'counter', status: 'scheduled' })]);

    // A second counter visit within 30 days is held back by the same rule as ticket callbacks.
    await call(s.agent1, 'POST', `/api/customers/${customer.id}/interactions`, {
      channel: 'counter',
      direction: 'inbound',
      summary: '再次到厅',
    });
    await runDueJobs({ handle: t.handle });
    const after = (await call(s.admin, 'GET', `/api/customers/${customer.id}/surveys`)).body as {
      trigger: string;
      status: string;
      suppressedReason: string | null;
    }[];
    expect(after.map((x) => [x.trigger, x.status, x.suppressedReason])).toEqual([
      ['counter', 'suppressed', 'recently_surveyed'],
      ['counter', 'scheduled', null],
    ]);
  });
});
