// Demo satisfaction programme: a key-account questionnaire measuring the ECSI constructs, four quarterly waves of
// the last four complete quarters whose answers are drawn from a real ECSI structure (image -> expectation ->
// quality -> value -> satisfaction -> complaints / loyalty, attribute performances loading on quality), so the PLS
// model and the importance-performance chart show meaningful results, and a year of callback surveys (sent,
// answered, expired, dissatisfied with follow-ups, most recovered). Deterministic; set-based inserts; skipped when the
// questionnaire already exists.
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { ensureCallbackQuestionnaire } from '../surveys/callbacks.service';
import type { AnswerSheet, Question } from '../surveys/waves/questionnaire.models';
import { Rng } from './demo.random';

const rating = (code: string, construct: string, zh: string, en: string): Question => ({
  code,
  type: 'rating',
  construct,
  zh,
  en,
  required: true,
});

/** The service attributes rated with importance and performance (indicators of perceived quality). */
export const demoAttributes = [
  // [code, zh, en, mean importance, mean performance, loading on quality]
  ['network', '网络质量与稳定性', 'Network quality and stability', 9.1, 6.6, 1.0],
  ['repair', '故障修复速度', 'Repair speed', 8.8, 6.9, 0.9],
  ['am_service', '客户经理服务', 'Account manager service', 8.4, 8.3, 0.8],
  ['billing', '账单准确清晰', 'Accurate, clear bills', 6.9, 8.4, 0.4],
  ['hotline', '客服热线', 'Service hotline', 7.1, 8.0, 0.5],
  ['product_range', '产品与方案丰富度', 'Range of products and solutions', 6.4, 6.8, 0.5],
] as const;

export const demoKaQuestions: Question[] = [
  { code: 'overall', type: 'csat', zh: '总体满意度（1-5）', en: 'Overall satisfaction (1-5)', required: true },
  { code: 'recommend', type: 'recommend', zh: '向同行推荐的可能性（0-10）', en: 'Likelihood to recommend (0-10)' },
  rating('img1', 'image', '贵公司值得信赖', 'The company can be trusted'),
  rating('img2', 'image', '贵公司技术领先、创新', 'The company is innovative and leading'),
  rating('img3', 'image', '贵公司关注客户', 'The company cares about its customers'),
  rating('exp1', 'expectation', '合作前对整体质量的期望', 'Expected overall quality before'),
  rating('exp2', 'expectation', '合作前对满足业务需求的期望', 'Expected fit to business needs'),
  rating('exp3', 'expectation', '合作前对可靠性的期望', 'Expected reliability'),
  ...demoAttributes.map(
    ([code, zh, en]): Question => ({
      code,
      type: 'attribute',
      construct: 'quality',
      attribute: code,
      zh,
      en,
      required: true,
    }),
  ),
  rating('val1', 'value', '按所付价格，服务质量如何', 'Quality given the price paid'),
  rating('val2', 'value', '按服务质量，价格是否合理', 'Price given the quality'),
  rating('sat1', 'satisfaction', '总体而言满意程度（1-10）', 'Overall satisfaction (1-10)'),
  rating('sat2', 'satisfaction', '与期望相比', 'Compared with expectations'),
  rating('sat3', 'satisfaction', '与理想的服务商相比', 'Compared with the ideal provider'),
  rating('comp1', 'complaints', '投诉与问题的处理', 'Handling of complaints and problems'),
  rating('loy1', 'loyalty', '合同到期后续约的意愿', 'Intention to renew the contract'),
  rating('loy2', 'loyalty', '增购新业务的意愿', 'Intention to buy more services'),
  {
    code: 'pair_stability',
    type: 'expectation_pair',
    attribute: 'stability',
    zh: '网络稳定性：期望与实际感受',
    en: 'Network stability: expected and perceived',
  },
  {
    code: 'pair_response',
    type: 'expectation_pair',
    attribute: 'response',
    zh: '响应速度：期望与实际感受',
    en: 'Response speed: expected and perceived',
  },
  { code: 'comment', type: 'text', zh: '意见与建议', en: 'Comments and suggestions' },
];

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));

/**
 * One respondent's answers drawn from the ECSI structure (standardised latent variables with the classic path
 * strengths); `lift` moves performance up over the quarters (the repairs programme pays off).
 */
export function ecsiAnswers(rng: Rng, lift = 0): AnswerSheet {
  const e = () => rng.normal();
  const image = e();
  const expectation = 0.5 * image + 0.87 * e();
  const quality = 0.45 * expectation + 0.9 * e();
  const value = 0.2 * expectation + 0.55 * quality + 0.75 * e();
  const satisfaction = 0.2 * image + 0.05 * expectation + 0.45 * quality + 0.3 * value + 0.55 * e();
  const complaints = 0.55 * satisfaction + 0.8 * e();
  const loyalty = 0.15 * image + 0.5 * satisfaction + 0.15 * complaints + 0.7 * e();
  const ind = (mu: number, lv: number, load = 1.1) => clamp(mu + load * lv + 0.75 * e(), 1, 10);
  const sheet: AnswerSheet = {
    overall: clamp(3.9 + 0.75 * satisfaction + 0.45 * e(), 1, 5),
    recommend: clamp(7.7 + 1.5 * loyalty + 0.9 * e(), 0, 10),
    img1: ind(7.8, image),
    img2: ind(7.2, image),
    img3: ind(7.5, image),
    exp1: ind(8.2, expectation),
    exp2: ind(8.0, expectation),
    exp3: ind(8.4, expectation),
    val1: ind(6.9 + lift / 2, value),
    val2: ind(6.5 + lift / 2, value),
    sat1: ind(7.4 + lift / 2, satisfaction),
    sat2: ind(7.0 + lift / 2, satisfaction),
    sat3: ind(6.8 + lift / 2, satisfaction),
    comp1: ind(7.0 + lift / 2, complaints, 1.0),
    loy1: ind(7.9, loyalty),
    loy2: ind(7.1, loyalty),
    pair_stability: { expected: clamp(8.6 + 0.6 * e(), 1, 10), perceived: ind(7.6 + lift, quality, 0.9) },
    pair_response: { expected: clamp(7.8 + 0.6 * e(), 1, 10), perceived: ind(8.0 + lift, quality, 0.8) },
  };
  for (const [code, , , imp, perf, load] of demoAttributes) {
    const up = code === 'repair' || code === 'network' ? lift : 0;
    sheet[code] = {
      importance: clamp(imp + 0.7 * e(), 1, 10),
      performance: ind(perf + up, quality, 1.3 * load),
    };
  }
  return sheet;
}

type Rows<T> = { rows: T[] };
const rowsOf = async <T>(db: Db, q: SQL) => ((await db.execute(q)) as unknown as Rows<T>).rows;

/** Shanghai-midnight-based instant `days` before `now`, at a given hour (Asia/Shanghai). */
const at = (now: Date, days: number, hour: number) =>
  new Date(
    Math.floor((now.getTime() + 8 * 3_600_000) / 86_400_000) * 86_400_000 - days * 86_400_000 + (hour - 8) * 3_600_000,
  );

/** The last `n` complete quarters before `now` (Asia/Shanghai), oldest first: { quarter: 'YYYY-Qn', start, end }. */
export function lastQuarters(now: Date, n: number) {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  let y = local.getUTCFullYear();
  let q = Math.floor(local.getUTCMonth() / 3); // the current quarter (0-based), not complete
  const out: { quarter: string; start: Date; end: Date }[] = [];
  for (let k = 0; k < n; k++) {
    q--;
    if (q < 0) {
      q = 3;
      y--;
    }
    const start = new Date(Date.UTC(y, q * 3, 1) - 8 * 3_600_000);
    const end = new Date(Date.UTC(y, q * 3 + 3, 1) - 8 * 3_600_000);
    out.unshift({ quarter: `${y}-Q${q + 1}`, start, end });
  }
  return out;
}

async function insertChunks(db: Db, head: SQL, values: SQL[], tail: SQL = sql``, size = 400) {
  const out: { id: number; token: string }[] = [];
  for (let i = 0; i < values.length; i += size) {
    const part = values.slice(i, i + size);
    out.push(
      ...(await rowsOf<{ id: number; token: string }>(db, sql`${head} values ${sql.join(part, sql`, `)} ${tail}`)),
    );
  }
  return out;
}

export async function seedDemoSurveys(opts: {
  db: Db;
  now?: Date;
  seed?: number;
  /** Callback surveys per month (default 300). */
  callbacksPerMonth?: number;
  /** At most this many key accounts per wave (default 400). */
  waveSize?: number;
}) {
  const { db } = opts;
  const now = opts.now ?? new Date();
  const rng = new Rng(opts.seed ?? 17);
  const exists = await rowsOf<{ id: number }>(db, sql`select id from questionnaires where code = 'ka_ecsi' limit 1`);
  if (exists.length) return null;
  // The quality department's unit runs the waves over the key accounts of its subtree.
  const [quality] = await rowsOf<{ id: number; org_unit_id: number }>(
    db,
    sql`select id, org_unit_id from users where role = 'quality' and active order by id limit 1`,
  );
  const [root] = await rowsOf<{ id: number; path: string }>(
    db,
    quality
      ? sql`select id, path from org_units where id = ${quality.org_unit_id}`
      : sql`select id, path from org_units order by path limit 1`,
  );
  if (!root) return null;
  const qualityId = quality?.id ?? null;

  // The key-account questionnaire (published) and four closed waves.
  const [ka] = await rowsOf<{ id: number }>(
    db,
    sql`insert into questionnaires (code, version, kind, status, title_zh, title_en, questions, created_by, created_at, published_at)
      values ('ka_ecsi', 1, 'ka_quarterly', 'published', '大客户季度满意度调查（ECSI）', 'Key-account quarterly survey (ECSI)',
        ${JSON.stringify(demoKaQuestions)}::jsonb, ${qualityId}, ${at(now, 400, 10).toISOString()}, ${at(now, 399, 10).toISOString()})
      returning id`,
  );
  const kas = await rowsOf<{ id: number; tier: string | null; am: number | null }>(
    db,
    sql`select c.id, (select g.tier from customer_grades g where g.customer_id = c.id order by g.period desc limit 1) as tier,
      c.account_manager_id as am
      from customers c join org_units o on o.id = c.org_unit_id
      where c.category = 'key_account' and c.status <> 'churned' and o.path like ${`${root.path}%`} order by c.id limit ${opts.waveSize ?? 400}`,
  );
  let waveAnswers = 0;
  const quarters = lastQuarters(now, 4);
  for (const [k, q] of quarters.entries()) {
    const [wave] = await rowsOf<{ id: number }>(
      db,
      sql`insert into survey_waves (name, questionnaire_id, quarter, org_unit_id, sampling, status, created_by, created_at, closed_at)
        values (${`${q.quarter} 大客户满意度调查`}, ${ka.id}, ${q.quarter}, ${root.id}, 'all', 'closed', ${qualityId},
          ${q.start.toISOString()}, ${new Date(q.end.getTime() - 3_600_000).toISOString()}) returning id`,
    );
    const span = (q.end.getTime() - q.start.getTime()) / 86_400_000;
    const invitations: SQL[] = [];
    const sheets = new Map<string, AnswerSheet>();
    const outcome = new Map<number, 'answered' | 'refused' | 'non_response'>();
    for (const c of kas) {
      const r = rng.next();
      const status = r < 0.78 ? 'answered' : r < 0.86 ? 'refused' : 'non_response';
      outcome.set(c.id, status);
      if (status !== 'answered') continue;
      const when = new Date(q.start.getTime() + (10 + rng.next() * (span - 25)) * 86_400_000 + 2 * 3_600_000);
      const token = `demo-w${wave.id}-${c.id}`;
      sheets.set(token, ecsiAnswers(rng, k * 0.25));
      invitations.push(sql`(${ka.id}, ${c.id}, ${qualityId}, 'ka_wave', 'agent_call', ${token}, 'answered',
        ${when.toISOString()}, ${when.toISOString()}, ${when.toISOString()}, ${when.toISOString()}, ${wave.id})`);
    }
    const created = await insertChunks(
      db,
      sql`insert into survey_invitations (questionnaire_id, customer_id, owner_id, trigger, channel, token, status,
        scheduled_at, sent_at, answered_at, created_at, wave_id)`,
      invitations,
      sql`returning id, token`,
    );
    const invitationOf = new Map<number, number>();
    const responses = created.map((row) => {
      const answers = sheets.get(row.token)!;
      invitationOf.set(Number(row.token.split('-').pop()), row.id);
      const csat = answers.overall as number;
      const recommend = answers.recommend as number;
      const dissatisfied = csat <= 2 || recommend <= 6;
      const reasons = [...(csat <= 2 ? [`csat:${csat}`] : []), ...(recommend <= 6 ? [`recommend:${recommend}`] : [])];
      return sql`(${row.id}, ${`demo-${row.token}`}, ${JSON.stringify(answers)}::jsonb, ${csat}, ${recommend},
        ${dissatisfied}, ${sql.raw(`'{${reasons.join(',')}}'::text[]`)})`;
    });
    await insertChunks(
      db,
      sql`insert into survey_responses (invitation_id, message_id, answers, csat, recommend, dissatisfied, reasons)`,
      responses,
    );
    waveAnswers += responses.length;
    const members = kas.map((c) => {
      const status = outcome.get(c.id)!;
      const attempts = status === 'answered' ? rng.int(1, 3) : status === 'refused' ? rng.int(1, 2) : 3;
      const last = status === 'answered' ? 'answered' : status === 'refused' ? 'refused' : 'no_answer';
      return sql`(${wave.id}, ${c.id}, ${c.tier}, ${qualityId}, ${status}, ${attempts}, ${last},
        ${new Date(q.end.getTime() - 5 * 86_400_000).toISOString()}, ${invitationOf.get(c.id) ?? null})`;
    });
    await insertChunks(
      db,
      sql`insert into survey_wave_members (wave_id, customer_id, tier, assignee_id, status, attempts, last_outcome,
        last_attempt_at, invitation_id)`,
      members,
    );
  }

  // A year of callback surveys after tickets and counter transactions.
  const callback = await ensureCallbackQuestionnaire({ db });
  const customers = await rowsOf<{ id: number; am: number | null; phone: string | null }>(
    db,
    sql`select c.id, c.account_manager_id as am, p.mobile as phone from customers c join parties p on p.id = c.party_id
      where c.status <> 'churned' order by c.id limit 4000`,
  );
  const agents = (
    await rowsOf<{ id: number }>(db, sql`select id from users where role = 'agent' and active order by id limit 10`)
  ).map((a) => a.id);
  if (customers.length === 0) return { waves: quarters.length, waveAnswers, callbacks: 0, followups: 0 };
  const perMonth = opts.callbacksPerMonth ?? 300;
  const cb: SQL[] = [];
  const plan = new Map<
    string,
    { csat: number; recommend: number; reason: string; owner: number | null; day: number }
  >();
  for (let m = 11; m >= 0; m--) {
    for (let k = 0; k < perMonth; k++) {
      const day = m * 30.4 + rng.next() * 30;
      if (day < 1) continue;
      const c = customers[rng.int(0, customers.length - 1)];
      const created = at(now, Math.floor(day), 9 + rng.int(0, 8));
      const trigger = rng.chance(0.55) ? 'ticket_closed' : 'counter';
      const channel = rng.chance(0.7) ? 'sms' : 'ivr';
      const r = rng.next();
      const status = r < 0.04 ? 'suppressed' : r < 0.66 ? 'answered' : 'expired';
      const token = `demo-cb-${m}-${k}`;
      const owner = trigger === 'ticket_closed' && agents.length ? agents[k % agents.length] : (c.am ?? null);
      const sent = status === 'suppressed' ? null : new Date(created.getTime() + 600_000);
      const answered = status === 'answered' ? new Date(created.getTime() + (0.2 + rng.next() * 3) * 3_600_000) : null;
      // Satisfaction improves over the year (months ago m = 11 -> 0).
      const mood = rng.normal() + (11 - m) * 0.04;
      const csat = clamp(4.0 + 0.9 * mood, 1, 5);
      const recommend = clamp(7.9 + 1.8 * mood + 0.8 * rng.normal(), 0, 10);
      const reason = csat <= 2 ? (['slow', 'unresolved', 'attitude'] as const)[rng.int(0, 2)] : 'fine';
      if (status === 'answered') plan.set(token, { csat, recommend, reason, owner, day });
      cb.push(sql`(${callback.id}, ${c.id}, ${owner}, ${trigger}, ${channel}, ${c.phone}, ${token}, ${status},
        ${status === 'suppressed' ? 'recently_surveyed' : null}, ${created.toISOString()}, ${sent?.toISOString() ?? null},
        ${new Date(created.getTime() + 72 * 3_600_000).toISOString()}, ${answered?.toISOString() ?? null},
        ${created.toISOString()})`);
    }
  }
  const created = await insertChunks(
    db,
    sql`insert into survey_invitations (questionnaire_id, customer_id, owner_id, trigger, channel, phone, token, status,
      suppressed_reason, scheduled_at, sent_at, expires_at, answered_at, created_at)`,
    cb,
    sql`returning id, token`,
  );
  const followups: SQL[] = [];
  const responses: SQL[] = [];
  for (const row of created) {
    const p = plan.get(row.token);
    if (!p) continue;
    const reasons = [
      ...(p.csat <= 2 ? [`csat:${p.csat}`] : []),
      ...(p.recommend <= 6 ? [`recommend:${p.recommend}`] : []),
      ...(p.reason !== 'fine' ? [`reason:${p.reason}`] : []),
    ];
    const answers: AnswerSheet = { csat: p.csat, recommend: p.recommend, reason: p.reason };
    responses.push(sql`(${row.id}, ${`demo-${row.token}`}, ${JSON.stringify(answers)}::jsonb, ${p.csat}, ${p.recommend},
      ${reasons.length > 0}, ${sql.raw(`'{${reasons.join(',')}}'::text[]`)})`);
    if (reasons.length === 0 || p.owner === null) continue;
    // Older dissatisfied answers are mostly recovered; the last fortnight's are still open.
    const recovered = p.day > 14 ? rng.chance(0.72) : false;
    const status = recovered ? 'recovered' : p.day > 14 && rng.chance(0.3) ? 'resurveyed' : 'open';
    const opened = at(now, Math.floor(p.day), 20);
    followups.push(sql`(${row.id}, (select customer_id from survey_invitations where id = ${row.id}), ${p.owner},
      ${sql.raw(`'{${reasons.join(',')}}'::text[]`)}, ${recovered ? '已回访，问题已解决' : null}, ${status},
      ${new Date(opened.getTime() + 86_400_000).toISOString()}, ${recovered ? 2 : 1}, ${opened.toISOString()},
      ${recovered ? new Date(opened.getTime() + 3 * 86_400_000).toISOString() : null})`);
  }
  await insertChunks(
    db,
    sql`insert into survey_responses (invitation_id, message_id, answers, csat, recommend, dissatisfied, reasons)`,
    responses,
  );
  await insertChunks(
    db,
    sql`insert into survey_followups (invitation_id, customer_id, owner_id, reasons, note, status, due_at, attempts,
      created_at, closed_at)`,
    followups,
  );
  return { waves: quarters.length, waveAnswers, callbacks: created.length, followups: followups.length };
}
