// Quality supervision (质量监督): mystery-shopper and service-inspection records of staff and counters with checklist
// scores, and the penalty decided, linked to a complaint's responsibility record; staff penalties feed the AM KPI.
import type { Inspection, InspectionInput } from '@crm/contracts';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { forbidden } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { findUserForReference } from '../org/org.service';
import { getTicket } from '../service-desk/tickets/tickets.service';
import {
  counterRequired,
  inspectionNotFound,
  orgUnitOutOfScope,
  staffOutOfScope,
  staffRequired,
  ticketNotLinkable,
} from './quality.errors';
import { checklistTotals } from './quality.models';
import * as repo from './quality.repository';

const toDto = (r: repo.InspectionWithNames): Inspection => ({
  id: r.row.id,
  kind: r.row.kind,
  subjectType: r.row.subjectType,
  staffUserId: r.row.staffUserId,
  staffName: r.staffName,
  counterName: r.row.counterName,
  orgUnitId: r.row.orgUnitId,
  orgUnitName: r.orgUnitName,
  inspectedAt: r.row.inspectedAt,
  inspectorId: r.row.inspectorId,
  inspectorName: r.inspectorName,
  items: r.row.items,
  score: r.row.score,
  maxScore: r.row.maxScore,
  scorePct: checklistTotals(r.row.items).scorePct,
  penaltyPoints: r.row.penaltyPoints,
  penaltyFen: r.row.penaltyFen,
  ticketId: r.row.ticketId,
  notes: r.row.notes,
  createdAt: r.row.createdAt.toISOString(),
});

/** Org units whose records the user sees (null: all); account managers see only inspections of themselves. */
const visibleUnits = (ctx: RequestCtx) => (ctx.scope.kind === 'org' ? ctx.scope.orgUnitIds : null);
const inScope = (ctx: RequestCtx, orgUnitId: number) => {
  const units = visibleUnits(ctx);
  return ctx.scope.kind !== 'portfolio' && (units === null || units.includes(orgUnitId));
};
const mayRead = (ctx: RequestCtx) => ctx.can('quality.inspect') || ctx.can('kpi.read');

export async function createInspection(opts: { ctx: RequestCtx; input: InspectionInput }): Promise<Inspection> {
  const { ctx, input } = opts;
  if (ctx.scope.kind === 'portfolio') throw forbidden();
  let orgUnitId = input.orgUnitId ?? ctx.user.orgUnitId;
  if (input.subjectType === 'staff') {
    if (!input.staffUserId) throw staffRequired();
    const staff = await findUserForReference({ db: ctx.db, id: input.staffUserId });
    if (!staff || !inScope(ctx, staff.orgUnitId)) throw staffOutOfScope();
    orgUnitId = staff.orgUnitId;
  } else if (!input.counterName) throw counterRequired();
  if (!inScope(ctx, orgUnitId)) throw orgUnitOutOfScope();
  if (input.ticketId) {
    const ticket = await getTicket({ ctx, id: input.ticketId }).catch(() => undefined);
    if (ticket?.type !== 'complaint') throw ticketNotLinkable();
  }
  const totals = checklistTotals(input.items);
  return ctx.db.transaction(async (tx) => {
    const row = await repo.insertInspection(tx, {
      kind: input.kind,
      subjectType: input.subjectType,
      staffUserId: input.subjectType === 'staff' ? (input.staffUserId ?? null) : null,
      counterName: input.counterName ?? null,
      orgUnitId,
      inspectedAt: input.inspectedAt,
      inspectorId: ctx.user.id,
      items: input.items,
      score: totals.score,
      maxScore: totals.maxScore,
      penaltyPoints: input.penaltyPoints,
      penaltyFen: input.penaltyFen,
      ticketId: input.ticketId ?? null,
      notes: input.notes ?? null,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'quality_inspection',
      entityId: row.id,
      before: null,
      after: row,
    });
    return toDto((await repo.findInspection(tx, row.id))!);
  });
}

export async function getInspection(opts: { ctx: RequestCtx; id: number }): Promise<Inspection> {
  const { ctx } = opts;
  if (!mayRead(ctx)) throw forbidden();
  const r = await repo.findInspection(ctx.db, opts.id);
  const visible =
    r && (ctx.scope.kind === 'portfolio' ? r.row.staffUserId === ctx.user.id : inScope(ctx, r.row.orgUnitId));
  if (!r || !visible) throw inspectionNotFound();
  return toDto(r);
}

export async function listInspections(opts: {
  ctx: RequestCtx;
  filter: Omit<repo.InspectionFilter, 'orgUnitIds'> & { limit: number; offset: number };
}) {
  const { ctx, filter } = opts;
  if (!mayRead(ctx)) throw forbidden();
  const own = ctx.scope.kind === 'portfolio';
  const res = await repo.listInspections(
    ctx.db,
    {
      orgUnitIds: own ? null : visibleUnits(ctx),
      staffUserId: own ? ctx.user.id : filter.staffUserId,
      kind: filter.kind,
      from: filter.from,
      to: filter.to,
    },
    filter,
  );
  return { items: res.items.map(toDto), total: res.total };
}

/** Inspections of staff members with their penalties, inspected in [fromDate, toDate): the KPI's quality penalties. */
export async function staffInspectionPenalties(opts: {
  db: DbOrTx;
  userIds: number[];
  fromDate: string;
  toDate: string;
}) {
  if (opts.userIds.length === 0) return [];
  const rows = await repo.listStaffInspections(opts.db, {
    userIds: opts.userIds,
    from: opts.fromDate,
    to: opts.toDate,
  });
  return rows.map((r) => ({
    id: r.id,
    userId: r.staffUserId as number,
    kind: r.kind,
    inspectedAt: r.inspectedAt,
    scorePct: checklistTotals(r.items).scorePct,
    penaltyPoints: r.penaltyPoints,
    penaltyFen: r.penaltyFen,
    ticketId: r.ticketId,
  }));
}
