// SLA configuration: calendars, the holiday calendar (with make-up working days), policies, and the defaults the
// service desk is seeded with on first use (calendars, policies, departments, ticket categories, commitment limits).
import type { SlaPolicy, SlaPolicyInput } from '@crm/contracts';
import type { DbOrTx } from '../../../db/client';
import type { RequestCtx } from '../../../platform/context';
import { invalidField, notFound } from '../../../platform/errors';
import { recordAudit } from '../../audit/audit.service';
import { enqueueJob } from '../../jobs/jobs.service';
import * as commitmentsRepo from '../commitments/commitments.repository';
import {
  defaultCommitmentLimits,
  defaultDepartments,
  defaultSlaPolicies,
  defaultTicketCategories,
} from '../desk.models';
import * as ticketsRepo from '../tickets/tickets.repository';
import { hhmmToMinutes, minutesToHhmm, type WorkCalendar } from './sla.models';
import * as repo from './sla.repository';

const seeded = new WeakSet<object>();

/**
 * Seeds the defaults once per database when their tables are empty (idempotent: unique codes, on conflict nothing).
 * Called lazily by the service desk's entry points.
 */
export async function ensureServiceDeskDefaults(opts: { db: DbOrTx }): Promise<void> {
  const { db } = opts;
  if (seeded.has(db)) return;
  await db.transaction(async (tx) => {
    await repo.lockDefaults(tx);
    if ((await repo.listCalendars(tx)).length === 0) {
      await repo.insertCalendar(tx, {
        code: '24x7',
        name: '7×24 小时',
        kind: '24x7',
        workStartMinute: 0,
        workEndMinute: 1440,
      });
      await repo.insertCalendar(tx, { code: 'business', name: '工作时间', kind: 'business' });
    }
    const calendars = await repo.listCalendars(tx);
    const byCode = new Map(calendars.map((c) => [c.code, c.id]));
    if ((await repo.countPolicies(tx)) === 0) {
      for (const p of defaultSlaPolicies) {
        const { calendar, ...rest } = p;
        await repo.insertPolicy(tx, { ...rest, calendarId: byCode.get(calendar) ?? calendars[0].id });
      }
    }
    if ((await ticketsRepo.listDepartments(tx)).length === 0) {
      for (const d of defaultDepartments) await ticketsRepo.insertDepartment(tx, { ...d });
    }
    if ((await ticketsRepo.listCategories(tx)).length === 0) {
      for (const c of defaultTicketCategories) {
        const parent = c.parent ? await ticketsRepo.findCategoryByCode(tx, c.parent) : undefined;
        await ticketsRepo.insertCategory(tx, {
          code: c.code,
          nameZh: c.nameZh,
          nameEn: c.nameEn,
          parentId: parent?.id ?? null,
        });
      }
    }
    if ((await commitmentsRepo.listLimits(tx)).length === 0) {
      for (const l of defaultCommitmentLimits) await commitmentsRepo.upsertLimit(tx, l as commitmentsRepo.LimitInsert);
    }
  });
  seeded.add(db);
  policyCache.drop(db);
}

/**
 * A value read from the database, kept per database handle for `ttlMs` and dropped at once by `drop` (on this
 * process's own writes). The promise is kept, so concurrent readers share one read; a failed read is not kept.
 */
function cachedPerDatabase<T>(ttlMs: number, load: (db: DbOrTx) => Promise<T>) {
  const entries = new WeakMap<object, { at: number; value: Promise<T> }>();
  return {
    get(db: DbOrTx): Promise<T> {
      const hit = entries.get(db);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value;
      const entry = { at: Date.now(), value: load(db) };
      entries.set(db, entry);
      entry.value.catch(() => {
        if (entries.get(db) === entry) entries.delete(db);
      });
      return entry.value;
    },
    drop: (db: DbOrTx) => void entries.delete(db),
  };
}

// Calendars are small; the holiday calendar is cached per database for a minute and dropped on every change.
const holidayCache = cachedPerDatabase(60_000, async (db) => {
  const rows = await repo.listHolidays(db);
  return {
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.date)),
    workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.date)),
  };
});

/** The working-time calendar of an SLA calendar row, with the holiday calendar applied. */
export async function workCalendar(db: DbOrTx, calendarId: number): Promise<WorkCalendar> {
  const row = await repo.findCalendar(db, calendarId);
  if (!row) throw new Error(`SLA calendar ${calendarId} missing`);
  const { holidays, workdays } = await holidayCache.get(db);
  return { kind: row.kind, workStartMinute: row.workStartMinute, workEndMinute: row.workEndMinute, holidays, workdays };
}

export async function listCalendars(opts: { ctx: RequestCtx }) {
  await ensureServiceDeskDefaults({ db: opts.ctx.db });
  return (await repo.listCalendars(opts.ctx.db)).map((c) => ({
    id: c.id,
    code: c.code,
    name: c.name,
    kind: c.kind,
    workStart: minutesToHhmm(c.workStartMinute),
    workEnd: minutesToHhmm(c.workEndMinute),
  }));
}

export async function updateCalendar(opts: {
  ctx: RequestCtx;
  id: number;
  input: { workStart: string; workEnd: string };
}) {
  const { ctx, id, input } = opts;
  const start = hhmmToMinutes(input.workStart);
  const end = hhmmToMinutes(input.workEnd);
  if (end <= start) throw invalidField('workEnd', 'must be after workStart');
  await ctx.db.transaction(async (tx) => {
    const before = await repo.findCalendar(tx, id);
    if (!before) throw notFound('sla.calendar_not_found', 'SLA calendar not found');
    if (before.kind === '24x7') throw invalidField('id', 'a 7x24 calendar has no working hours');
    const after = await repo.updateCalendar(tx, id, { workStartMinute: start, workEndMinute: end });
    await recordAudit({ tx, actor: ctx.actor, action: 'update', entity: 'sla_calendar', entityId: id, before, after });
  });
  return (await listCalendars({ ctx })).find((c) => c.id === id)!;
}

export async function listHolidays(opts: { ctx: RequestCtx }) {
  return repo.listHolidays(opts.ctx.db);
}

export async function putHoliday(opts: { ctx: RequestCtx; input: repo.HolidayRow }) {
  const { ctx, input } = opts;
  const row = await ctx.db.transaction(async (tx) => {
    const before = await repo.findHoliday(tx, input.date);
    const after = await repo.upsertHoliday(tx, input);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: before ? 'update' : 'create',
      entity: 'sla_holiday',
      entityId: input.date,
      before: before ?? null,
      after,
    });
    return after;
  });
  holidayCache.drop(ctx.db);
  return row;
}

export async function deleteHoliday(opts: { ctx: RequestCtx; date: string }) {
  const { ctx, date } = opts;
  await ctx.db.transaction(async (tx) => {
    const before = await repo.deleteHoliday(tx, date);
    if (!before) throw notFound('sla.holiday_not_found', 'No holiday on that date');
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'delete',
      entity: 'sla_holiday',
      entityId: date,
      before,
      after: null,
    });
  });
  holidayCache.drop(ctx.db);
}

export async function listPolicies(opts: { db: DbOrTx }): Promise<SlaPolicy[]> {
  await ensureServiceDeskDefaults({ db: opts.db });
  const [rows, calendars] = await Promise.all([repo.listPolicies(opts.db), repo.listCalendars(opts.db)]);
  const names = new Map(calendars.map((c) => [c.id, c.name]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    ticketType: r.ticketType,
    customerCategory: r.customerCategory,
    tier: r.tier,
    importance: r.importance,
    severity: r.severity,
    responseMinutes: r.responseMinutes,
    resolutionMinutes: r.resolutionMinutes,
    updateIntervalMinutes: r.updateIntervalMinutes,
    calendarId: r.calendarId,
    calendarName: names.get(r.calendarId) ?? '',
    warnPercent: r.warnPercent,
    active: r.active,
    source: r.source,
  }));
}

/** The job that recomputes the clocks of open tickets after a policy's targets changed (sla-recompute.service). */
export const SLA_RECOMPUTE_JOB = 'service-desk.sla-policy-recompute';
const targetFields = [
  'responseMinutes',
  'resolutionMinutes',
  'updateIntervalMinutes',
  'calendarId',
  'warnPercent',
] as const satisfies readonly (keyof repo.PolicyRow)[];

const policyValues = (input: SlaPolicyInput) => ({
  name: input.name,
  ticketType: input.ticketType ?? null,
  customerCategory: input.tier ? 'key_account' : (input.customerCategory ?? null),
  tier: input.tier ?? null,
  importance: input.importance ?? null,
  severity: input.severity ?? null,
  responseMinutes: input.responseMinutes,
  resolutionMinutes: input.resolutionMinutes,
  updateIntervalMinutes: input.updateIntervalMinutes ?? null,
  calendarId: input.calendarId,
  warnPercent: input.warnPercent,
  active: input.active,
});

export async function savePolicy(opts: { ctx: RequestCtx; id?: number; input: SlaPolicyInput }): Promise<SlaPolicy> {
  const { ctx, id, input } = opts;
  await ensureServiceDeskDefaults({ db: ctx.db });
  const saved = await ctx.db.transaction(async (tx) => {
    if (!(await repo.findCalendar(tx, input.calendarId))) throw invalidField('calendarId', 'calendar not found');
    if (id === undefined) {
      const after = await repo.insertPolicy(tx, { ...policyValues(input), source: 'custom' });
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'create',
        entity: 'sla_policy',
        entityId: after.id,
        before: null,
        after,
      });
      return after;
    }
    const before = await repo.findPolicy(tx, id);
    if (!before) throw notFound('sla.policy_not_found', 'SLA policy not found');
    const after = await repo.updatePolicy(tx, id, policyValues(input));
    await recordAudit({ tx, actor: ctx.actor, action: 'update', entity: 'sla_policy', entityId: id, before, after });
    // Open tickets on the policy follow its new targets: queued with the change, so it is never lost.
    if (targetFields.some((f) => before[f] !== after[f]))
      await enqueueJob({
        db: tx,
        type: SLA_RECOMPUTE_JOB,
        payload: { policyId: id },
        dedupeKey: `${SLA_RECOMPUTE_JOB}:${id}:${after.updatedAt.toISOString()}`,
        createdBy: ctx.user.id,
      });
    return after;
  });
  policyCache.drop(ctx.db);
  return (await listPolicies({ db: ctx.db })).find((p) => p.id === saved.id)!;
}

/** Active policies as the matcher needs them. */
export const activePolicies = async (db: DbOrTx) => (await repo.listPolicies(db)).filter((p) => p.active);

// The active policies for the hotline's caller card, cached per database: read on every call, written a few times a
// year. A policy saved through this process drops the cache at once; one saved by another server process (several
// share the database) shows here within 5 s. Ticket creation and SLA clocks read `activePolicies`, uncached.
const policyCache = cachedPerDatabase(5_000, activePolicies);

/** The active policies, read at most once every 5 s per database (the caller card's repair limit). */
export const cachedActivePolicies = (db: DbOrTx): Promise<repo.PolicyRow[]> => policyCache.get(db);
