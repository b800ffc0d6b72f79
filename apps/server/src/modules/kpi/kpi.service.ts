// Account-manager KPI (客户经理考核): monthly scorecards computed by a durable job from live data (kpi.queries and
// the quality module's penalties), frozen when a manager confirms them; settings per period; penalties; drill-down.
import type {
  KpiEvidence,
  KpiEvidenceKey,
  KpiPenalty,
  KpiScorecard,
  KpiSettings,
  KpiSettingsInput,
  KpiTrend,
} from '@crm/contracts';
import type { Db, DbOrTx } from '../../db/client';
import type { Actor, RequestCtx } from '../../platform/context';
import { recordAudit } from '../audit/audit.service';
import { enqueueJob } from '../jobs/jobs.service';
import { periodOf, shiftPeriod, todayIso } from '../ka-common/ka-common.models';
import { findUserForReference } from '../org/org.service';
import { staffInspectionPenalties } from '../quality/quality.service';
import {
  alreadyConfirmed,
  futurePeriod,
  invalidSettings,
  periodFrozen,
  scorecardNotFound,
  ticketNotLinkable,
  userNotFound,
} from './kpi.errors';
import { DEFAULT_SETTINGS, emptyRaw, periodBounds, scoreCard, settingsFor, settingsProblems } from './kpi.models';
import * as q from './kpi.queries';
import * as repo from './kpi.repository';

export const KPI_COMPUTE_JOB = 'kpi.compute';

const settingsDto = (r: repo.KpiSettingsRow): KpiSettings => ({
  id: r.id,
  effectiveFrom: r.effectiveFrom,
  weights: r.weights,
  targets: r.targets,
  bonusTable: r.bonusTable,
  version: r.version,
  updatedBy: r.updatedBy,
  updatedAt: r.updatedAt.toISOString(),
});

const cardDto = (r: repo.CardWithNames, rank?: number): KpiScorecard => ({
  id: r.card.id,
  period: r.card.period,
  userId: r.card.userId,
  userName: r.userName,
  orgUnitId: r.card.orgUnitId,
  orgUnitName: r.orgUnitName,
  status: r.card.status,
  score: r.card.score,
  coefficient: r.card.coefficient,
  penaltyPoints: r.card.penaltyPoints,
  penaltyFen: r.card.penaltyFen,
  portfolioSize: r.card.portfolioSize,
  figures: r.card.figures,
  settingsVersion: r.card.settingsVersion,
  computedAt: r.card.computedAt.toISOString(),
  confirmedBy: r.card.confirmedBy,
  confirmedAt: r.card.confirmedAt?.toISOString() ?? null,
  ...(rank !== undefined ? { rank } : {}),
});

/** The current period in business time. */
const currentPeriod = (now = new Date()) => periodOf(todayIso(now));

// --- settings ---

/** The settings rows, seeding the defaults from code on first use. */
async function allSettings(db: DbOrTx) {
  let rows = await repo.listSettings(db);
  if (rows.length === 0) {
    await repo.insertSettingsIfMissing(db, DEFAULT_SETTINGS);
    rows = await repo.listSettings(db);
  }
  return rows;
}

/** The settings in force for a period (the defaults' row when none is older). */
export async function settingsInForce(db: DbOrTx, period: string): Promise<repo.KpiSettingsRow> {
  const rows = await allSettings(db);
  return settingsFor(rows, period) ?? rows[0];
}

export async function getKpiSettings(opts: { ctx: RequestCtx; period?: string }): Promise<KpiSettings> {
  return settingsDto(await settingsInForce(opts.ctx.db, opts.period ?? currentPeriod()));
}

export async function listKpiSettings(opts: { ctx: RequestCtx }): Promise<KpiSettings[]> {
  return (await allSettings(opts.ctx.db)).map(settingsDto);
}

/** Sets the weights, targets and bonus table from a period on (versioned, audited). */
export async function putKpiSettings(opts: { ctx: RequestCtx; input: KpiSettingsInput; now?: Date }) {
  const { ctx, input } = opts;
  const problems = settingsProblems(input);
  if (problems.length) throw invalidSettings(problems);
  await allSettings(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findSettings(tx, input.effectiveFrom, true);
    const after = await repo.upsertSettings(tx, {
      effectiveFrom: input.effectiveFrom,
      weights: input.weights,
      targets: input.targets,
      bonusTable: [...input.bonusTable].sort((a, b) => a.minScore - b.minScore),
      updatedBy: ctx.user.id,
      updatedAt: opts.now ?? new Date(),
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: before ? 'update' : 'create',
      entity: 'kpi_settings',
      entityId: after.id,
      before: before ?? null,
      after,
    });
    return settingsDto(after);
  });
}

// --- computation ---

/**
 * Computes (or recomputes) the scorecards of a month for the active account managers (optionally of some org units
 * or some users). Confirmed cards are frozen: never changed. Idempotent: a re-run gives the same cards.
 */
export async function computeKpiMonth(opts: {
  db: Db;
  period: string;
  orgUnitIds?: number[] | null;
  userIds?: number[] | null;
  actor: Actor;
  now?: Date;
}) {
  const { db, period } = opts;
  const ams = await q.accountManagers(db, { orgUnitIds: opts.orgUnitIds, userIds: opts.userIds });
  const frozen = await repo.confirmedUserIds(db, period);
  const open = ams.filter((a) => !frozen.has(a.id));
  const ids = open.map((a) => a.id);
  const settings = await settingsInForce(db, period);
  const figures = await q.rawFigures(db, { period, amIds: ids });
  const { firstDay, nextFirstDay } = periodBounds(period);
  const [penalties, inspections] = await Promise.all([
    ids.length ? repo.listPenalties(db, { period, userIds: ids }) : [],
    staffInspectionPenalties({ db, userIds: ids, fromDate: firstDay, toDate: nextFirstDay }),
  ]);
  const now = opts.now ?? new Date();
  const values = open.map((am) => {
    const f = figures.get(am.id);
    const raw = { ...emptyRaw(), ...f?.raw };
    for (const { row: p } of penalties.filter((x) => x.row.userId === am.id)) {
      raw.penaltyPoints += p.points;
      raw.penaltyFen += p.amountFen;
    }
    for (const p of inspections.filter((x) => x.userId === am.id)) {
      raw.penaltyPoints += p.penaltyPoints;
      raw.penaltyFen += p.penaltyFen;
    }
    const scored = scoreCard(raw, settings);
    return {
      period,
      userId: am.id,
      orgUnitId: am.orgUnitId,
      score: scored.score,
      coefficient: scored.coefficient,
      penaltyPoints: scored.penaltyPoints,
      penaltyFen: raw.penaltyFen,
      portfolioSize: f?.portfolioSize ?? 0,
      figures: scored.figures,
      settingsId: settings.id,
      settingsVersion: settings.version,
      computedAt: now,
    };
  });
  return db.transaction(async (tx) => {
    const written = await repo.upsertCards(tx, values);
    await recordAudit({
      tx,
      actor: opts.actor,
      action: 'compute',
      entity: 'kpi_month',
      entityId: period,
      before: null,
      after: { period, computed: written.length, frozen: ams.length - open.length, settingsVersion: settings.version },
    });
    return { period, computed: written.length, frozen: ams.length - open.length };
  });
}

/** Queues the computation of a month for the managers' org units (on demand). */
export async function requestKpiRun(opts: { ctx: RequestCtx; input: { period: string; userIds?: number[] } }) {
  const { ctx, input } = opts;
  if (input.period > currentPeriod()) throw futurePeriod();
  const job = await enqueueJob({
    db: ctx.db,
    type: KPI_COMPUTE_JOB,
    payload: {
      period: input.period,
      orgUnitIds: ctx.scope.kind === 'org' ? ctx.scope.orgUnitIds : null,
      userIds: input.userIds ?? null,
    },
    createdBy: ctx.user.id,
  });
  return { jobId: job.id, status: job.status, period: input.period };
}

// --- reading ---

/** Which account managers' cards the user sees: null = all; else org units or only themselves. */
function visibility(ctx: RequestCtx): { orgUnitIds: number[] | null; userId: number | null } {
  if (ctx.scope.kind === 'all') return { orgUnitIds: null, userId: null };
  if (ctx.scope.kind === 'org') return { orgUnitIds: ctx.scope.orgUnitIds, userId: null };
  return { orgUnitIds: null, userId: ctx.user.id };
}
const sees = (ctx: RequestCtx, card: { userId: number; orgUnitId: number }) => {
  const v = visibility(ctx);
  if (v.userId !== null) return card.userId === v.userId;
  return v.orgUnitIds === null || v.orgUnitIds.includes(card.orgUnitId);
};

/** Standard competition ranks of scores sorted best first (1, 2, 2, 4). */
export function ranksOf(scores: readonly number[]): number[] {
  return scores
    .map((s, i) => (i > 0 && scores[i - 1] === s ? -1 : i + 1))
    .map((_r, i, all) => {
      let j = i;
      while (all[j] === -1) j--;
      return all[j];
    });
}

/** The scorecards of a month the user sees (an AM: their own; a manager: their team), ranked by score. */
export async function listScorecards(opts: { ctx: RequestCtx; period: string; userId?: number }) {
  const { ctx } = opts;
  const v = visibility(ctx);
  if (v.orgUnitIds && v.orgUnitIds.length === 0) return [];
  const rows = await repo.listCards(ctx.db, {
    period: opts.period,
    orgUnitIds: v.orgUnitIds,
    userId: v.userId ?? opts.userId ?? null,
  });
  const ranks = ranksOf(rows.map((r) => r.card.score));
  return rows.map((r, i) => cardDto(r, ranks[i]));
}

async function visibleCard(ctx: RequestCtx, id: number, db: DbOrTx = ctx.db) {
  const r = await repo.findCard(db, id);
  if (!r || !sees(ctx, r.card)) throw scorecardNotFound();
  return r;
}

export async function getScorecard(opts: { ctx: RequestCtx; id: number }) {
  return cardDto(await visibleCard(opts.ctx, opts.id));
}

/** Confirms (freezes) a month's scorecard; audited. A confirmed card never changes again. */
export async function confirmScorecard(opts: { ctx: RequestCtx; id: number; now?: Date }) {
  const { ctx, id } = opts;
  return ctx.db.transaction(async (tx) => {
    await visibleCard(ctx, id, tx);
    const before = await repo.lockCard(tx, id);
    if (!before) throw scorecardNotFound();
    if (before.status === 'confirmed') throw alreadyConfirmed();
    const after = await repo.confirmCard(tx, id, ctx.user.id, opts.now ?? new Date());
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'confirm',
      entity: 'kpi_scorecard',
      entityId: id,
      before: { status: before.status, score: before.score, coefficient: before.coefficient },
      after: {
        status: after.status,
        score: after.score,
        coefficient: after.coefficient,
        confirmedBy: after.confirmedBy,
      },
    });
    return cardDto((await repo.findCard(tx, id))!);
  });
}

/** The rows behind one figure of a scorecard (or its penalties). */
export async function scorecardEvidence(opts: {
  ctx: RequestCtx;
  id: number;
  key: KpiEvidenceKey;
}): Promise<KpiEvidence> {
  const { ctx, key } = opts;
  const { card } = await visibleCard(ctx, opts.id);
  if (key !== 'penalties') {
    return { key, items: await q.evidenceRows(ctx.db, { period: card.period, amId: card.userId, key }) };
  }
  const { firstDay, nextFirstDay } = periodBounds(card.period);
  const [penalties, inspections] = await Promise.all([
    repo.listPenalties(ctx.db, { period: card.period, userIds: [card.userId] }),
    staffInspectionPenalties({ db: ctx.db, userIds: [card.userId], fromDate: firstDay, toDate: nextFirstDay }),
  ]);
  return {
    key,
    items: [
      ...penalties.map(({ row: p, ticketNo }) => ({
        kind: 'penalty',
        id: p.id,
        customerId: null,
        customerName: null,
        label: p.ticketId ? `${p.reason} (${ticketNo ?? `#${p.ticketId}`})` : p.reason,
        at: p.createdAt.toISOString(),
        amountFen: p.amountFen,
        value: p.points,
      })),
      ...inspections
        .filter((i) => i.penaltyPoints > 0 || i.penaltyFen > 0)
        .map((i) => ({
          kind: 'inspection',
          id: i.id,
          customerId: null,
          customerName: null,
          label: `${i.kind} ${i.scorePct}%`,
          at: i.inspectedAt,
          amountFen: i.penaltyFen,
          value: i.penaltyPoints,
        })),
    ],
  };
}

async function visibleAm(ctx: RequestCtx, userId: number) {
  const u = await findUserForReference({ db: ctx.db, id: userId });
  if (u?.role !== 'account_manager' || !sees(ctx, { userId: u.id, orgUnitId: u.orgUnitId })) throw userNotFound();
  return u;
}

/** Scores of the `months` months ending at `to` (default last month) of one AM (default: the user). */
export async function kpiTrend(opts: {
  ctx: RequestCtx;
  userId?: number;
  to?: string;
  months: number;
}): Promise<KpiTrend> {
  const { ctx } = opts;
  const userId = ctx.scope.kind === 'portfolio' ? ctx.user.id : (opts.userId ?? ctx.user.id);
  const u =
    userId === ctx.user.id ? { id: ctx.user.id, displayName: ctx.user.displayName } : await visibleAm(ctx, userId);
  const to = opts.to ?? shiftPeriod(currentPeriod(), -1);
  const from = shiftPeriod(to, -(opts.months - 1));
  const cards = new Map((await repo.listCardsOfUser(ctx.db, { userId, from, to })).map((c) => [c.period, c]));
  const points = Array.from({ length: opts.months }, (_, i) => {
    const period = shiftPeriod(from, i);
    const c = cards.get(period);
    return { period, score: c?.score ?? null, coefficient: c?.coefficient ?? null, status: c?.status ?? null };
  });
  return { userId, userName: u.displayName, points };
}

// --- penalties ---

const penaltyDto = ({ row: p, ...names }: repo.PenaltyWithNames): KpiPenalty => ({
  id: p.id,
  userId: p.userId,
  userName: names.userName,
  period: p.period,
  points: p.points,
  amountFen: p.amountFen,
  reason: p.reason,
  ticketId: p.ticketId,
  ticketNo: names.ticketNo,
  ticketTitle: names.ticketTitle,
  createdBy: p.createdBy,
  createdByName: names.createdByName,
  createdAt: p.createdAt.toISOString(),
});

/** Records a penalty against an AM's month (e.g. S4: the compensation borne), linked to a responsibility record. */
export async function recordPenalty(opts: {
  ctx: RequestCtx;
  input: { userId: number; period: string; points: number; amountFen: number; reason: string; ticketId?: number };
}) {
  const { ctx, input } = opts;
  await visibleAm(ctx, input.userId);
  if (input.period > currentPeriod()) throw futurePeriod();
  if (input.ticketId) {
    const rec = await q.complaintResponsible(ctx.db, input.ticketId);
    if (!rec || rec.responsibleUserId !== input.userId) throw ticketNotLinkable();
  }
  return ctx.db.transaction(async (tx) => {
    if ((await repo.confirmedUserIds(tx, input.period)).has(input.userId)) throw periodFrozen();
    const row = await repo.insertPenalty(tx, {
      userId: input.userId,
      period: input.period,
      points: input.points,
      amountFen: input.amountFen,
      reason: input.reason,
      ticketId: input.ticketId ?? null,
      createdBy: ctx.user.id,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'kpi_penalty',
      entityId: row.id,
      before: null,
      after: row,
    });
    return penaltyDto((await repo.findPenalty(tx, row.id))!);
  });
}

export async function listPenalties(opts: { ctx: RequestCtx; period: string; userId?: number }) {
  const { ctx } = opts;
  const v = visibility(ctx);
  const userIds = v.userId !== null ? [v.userId] : opts.userId ? [(await visibleAm(ctx, opts.userId)).id] : null;
  const rows = await repo.listPenalties(ctx.db, { period: opts.period, userIds });
  if (userIds || v.orgUnitIds === null) return rows.map(penaltyDto);
  const visible = new Set((await q.accountManagers(ctx.db, { orgUnitIds: v.orgUnitIds })).map((a) => a.id));
  return rows.filter((r) => visible.has(r.row.userId)).map(penaltyDto);
}

/** Freezes every computed card of a month at once (system work such as the demo loader); audited. */
export async function confirmKpiMonth(opts: { db: Db; period: string; actor: Actor; now?: Date }) {
  return opts.db.transaction(async (tx) => {
    const rows = await repo.confirmPeriod(tx, opts.period, opts.now ?? new Date());
    await recordAudit({
      tx,
      actor: opts.actor,
      action: 'confirm',
      entity: 'kpi_month',
      entityId: opts.period,
      before: null,
      after: { period: opts.period, confirmed: rows.length },
    });
    return rows.length;
  });
}
