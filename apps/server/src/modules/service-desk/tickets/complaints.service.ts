// Complaint handling (root cause, responsibility, compensation with approval, customer confirmation) and the
// service desk's reports: complaint hot spots with drill-down, and SLA attainment.
import type { ComplaintResponsibility, Hotspots, SlaAttainment, TicketDetail } from '@crm/contracts';
import type { RequestCtx } from '../../../platform/context';
import { conflict, forbidden, invalidField } from '../../../platform/errors';
import { approvalOverLimit, checkApprovalAuthority, nextApproverFor } from '../../approvals/approvals.service';
import { recordAudit } from '../../audit/audit.service';
import { notifyUsers } from '../../notifications/notifications.service';
import { findOrgUnitForReference, getSubtreeIds } from '../../org/org.service';
import { findUserRefs, managementChain } from '../desk.queries';
import { authorityOver, toTicketSummary, viewerOf } from '../desk.service';
import * as rq from '../reports.queries';
import * as q from './tickets.queries';
import * as repo from './tickets.repository';
import { getTicket, lockVisibleTicket } from './tickets.service';

type ComplaintInput = {
  rootCause?: string | null;
  responsibility?: ComplaintResponsibility | null;
  responsibleDepartmentId?: number | null;
  responsibleUserId?: number | null;
  compensationFen?: number | null;
  customerConfirmed?: boolean;
  confirmationNote?: string | null;
};

/**
 * The responsibility decision a request makes: stated, or inferred from the ids sent (an employee first). An employee
 * decision needs the employee, a department decision the department; "none" clears both.
 */
function responsibilityOf(
  input: ComplaintInput,
  before: { responsibleDepartmentId: number | null; responsibleUserId: number | null },
): { responsibility: ComplaintResponsibility | null; departmentId: number | null; userId: number | null } {
  const departmentId =
    input.responsibleDepartmentId !== undefined ? input.responsibleDepartmentId : before.responsibleDepartmentId;
  const userId = input.responsibleUserId !== undefined ? input.responsibleUserId : before.responsibleUserId;
  const responsibility =
    input.responsibility !== undefined
      ? input.responsibility
      : userId
        ? 'employee'
        : departmentId
          ? 'department'
          : null;
  if (responsibility === 'none') return { responsibility, departmentId: null, userId: null };
  if (responsibility === 'employee' && !userId) throw invalidField('responsibleUserId', 'required');
  if (responsibility === 'department' && !departmentId) throw invalidField('responsibleDepartmentId', 'required');
  if (responsibility === 'department') return { responsibility, departmentId: departmentId ?? null, userId: null };
  return { responsibility, departmentId: departmentId ?? null, userId: userId ?? null };
}

/**
 * Records complaint handling. The owner records the root cause, the proposed compensation and the customer's
 * confirmation; responsibility (department / employee) is decided by quality supervision or a manager.
 */
export async function updateComplaint(opts: {
  ctx: RequestCtx;
  ticketId: number;
  input: ComplaintInput;
  now?: Date;
}): Promise<TicketDetail> {
  const { ctx, ticketId, input } = opts;
  const now = opts.now ?? new Date();
  await ctx.db.transaction(async (tx) => {
    const t = await lockVisibleTicket(ctx, tx, ticketId);
    if (t.type !== 'complaint') throw conflict('complaints.not_a_complaint', 'The ticket is not a complaint');
    const authority = await authorityOver(ctx, tx, t.ownerId);
    const manages = ctx.can('complaints.manage');
    if (!authority.isOwner && !authority.managesOwner && !manages) throw forbidden();
    const decidesResponsibility =
      input.responsibility !== undefined ||
      input.responsibleDepartmentId !== undefined ||
      input.responsibleUserId !== undefined;
    if (decidesResponsibility && !manages) throw forbidden('complaints.responsibility_forbidden');
    if (input.responsibleDepartmentId && !(await repo.findDepartment(tx, input.responsibleDepartmentId)))
      throw invalidField('responsibleDepartmentId', 'department not found');
    if (input.responsibleUserId && (await findUserRefs(tx, [input.responsibleUserId])).length === 0)
      throw invalidField('responsibleUserId', 'user not found');
    const before = (await repo.findComplaint(tx, ticketId)) ?? (await repo.upsertComplaint(tx, { ticketId }));
    const decision = decidesResponsibility ? responsibilityOf(input, before) : null;
    const compensationChanged = input.compensationFen !== undefined && input.compensationFen !== before.compensationFen;
    if (compensationChanged && before.compensationStatus === 'approved')
      throw conflict('complaints.compensation_decided', 'The compensation is already approved');
    const after = await repo.upsertComplaint(tx, {
      ticketId,
      rootCause: input.rootCause !== undefined ? input.rootCause : before.rootCause,
      responsibility: decision ? decision.responsibility : before.responsibility,
      responsibleDepartmentId: decision ? decision.departmentId : before.responsibleDepartmentId,
      responsibleUserId: decision ? decision.userId : before.responsibleUserId,
      compensationFen: compensationChanged ? (input.compensationFen ?? null) : before.compensationFen,
      compensationStatus: compensationChanged
        ? input.compensationFen
          ? 'proposed'
          : 'none'
        : before.compensationStatus,
      compensationProposedBy: compensationChanged
        ? input.compensationFen
          ? ctx.user.id
          : null
        : before.compensationProposedBy,
      compensationDecidedBy: compensationChanged ? null : before.compensationDecidedBy,
      compensationDecidedAt: compensationChanged ? null : before.compensationDecidedAt,
      customerConfirmedAt: input.customerConfirmed ? (before.customerConfirmedAt ?? now) : before.customerConfirmedAt,
      confirmationNote: input.confirmationNote !== undefined ? input.confirmationNote : before.confirmationNote,
    });
    if (compensationChanged && input.compensationFen) {
      const chain = (await managementChain(tx, t.ownerId)).filter((m) => m.id !== ctx.user.id);
      const amountFen = input.compensationFen;
      const approver = await nextApproverFor({ db: tx, kind: 'compensation', chain, amountFen });
      if (approver)
        await notifyUsers({
          tx,
          userIds: [approver.id],
          alert: {
            kind: 'complaint.compensation_approval',
            title: `投诉 ${t.ticketNo} 赔偿待审批`,
            link: `/service-desk/tickets/${t.id}`,
            data: { ticketId: t.id, ticketNo: t.ticketNo, amountFen: input.compensationFen },
            dedupeKey: `complaint:${t.id}:compensation:${input.compensationFen}`,
          },
        });
    }
    await repo.insertEvent(tx, {
      ticketId,
      at: now,
      kind: 'complaint',
      actorUserId: ctx.user.id,
      actorName: ctx.user.displayName,
      text: input.rootCause ?? input.confirmationNote ?? null,
      data: {
        responsibleUserId: after.responsibleUserId,
        responsibleDepartmentId: after.responsibleDepartmentId,
        compensationFen: after.compensationFen,
        customerConfirmed: Boolean(after.customerConfirmedAt),
      },
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'ticket_complaint',
      entityId: ticketId,
      customerId: t.customerId,
      before,
      after,
    });
  });
  return getTicket({ ctx, id: ticketId, now });
}

/**
 * A manager approves or rejects the proposed compensation: never the one who proposed it (four-eyes), and approving
 * only within their compensation limit; above it the proposal is refused with `approvals.over_limit` and the next
 * approver up the chain whose limit covers it is asked instead.
 */
export async function decideCompensation(opts: {
  ctx: RequestCtx;
  ticketId: number;
  input: { approve: boolean; note?: string | null };
  now?: Date;
}): Promise<TicketDetail> {
  const { ctx, ticketId, input } = opts;
  const now = opts.now ?? new Date();
  const refused = await ctx.db.transaction(async (tx) => {
    const t = await lockVisibleTicket(ctx, tx, ticketId);
    const before = await repo.findComplaint(tx, ticketId);
    if (before?.compensationStatus !== 'proposed')
      throw conflict('complaints.no_proposal', 'No compensation is waiting for a decision');
    const verdict = await checkApprovalAuthority({
      tx,
      approver: ctx.user,
      kind: 'compensation',
      proposerIds: [before.compensationProposedBy],
      amountFen: input.approve ? before.compensationFen : null,
    });
    if (!verdict.allowed) return { ticket: t, amountFen: before.compensationFen ?? 0, limitFen: verdict.limitFen };
    const after = await repo.upsertComplaint(tx, {
      ticketId,
      compensationStatus: input.approve ? 'approved' : 'rejected',
      compensationDecidedBy: ctx.user.id,
      compensationDecidedAt: now,
    });
    await repo.insertEvent(tx, {
      ticketId,
      at: now,
      kind: 'compensation',
      actorUserId: ctx.user.id,
      actorName: ctx.user.displayName,
      text: input.note ?? null,
      data: { approved: input.approve, amountFen: before.compensationFen },
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: input.approve ? 'approve_compensation' : 'reject_compensation',
      entity: 'ticket_complaint',
      entityId: ticketId,
      customerId: t.customerId,
      before,
      after,
    });
    return null;
  });
  if (refused) {
    const escalated = await escalateCompensation({ ctx, ...refused });
    throw approvalOverLimit({ amountFen: refused.amountFen, limitFen: refused.limitFen, escalated });
  }
  return getTicket({ ctx, id: ticketId, now });
}

/** Asks the next approver above a refused one whose limit covers the compensation; audited. */
async function escalateCompensation(opts: {
  ctx: RequestCtx;
  ticket: { id: number; ticketNo: string; customerId: number | null };
  amountFen: number;
  limitFen: number;
}): Promise<boolean> {
  const { ctx, ticket: t, amountFen } = opts;
  return ctx.db.transaction(async (tx) => {
    const chain = await managementChain(tx, ctx.user.id);
    const approver = await nextApproverFor({ db: tx, kind: 'compensation', chain, amountFen });
    if (approver)
      await notifyUsers({
        tx,
        userIds: [approver.id],
        alert: {
          kind: 'complaint.compensation_approval',
          title: `投诉 ${t.ticketNo} 赔偿超出审批权限，已上报待审批`,
          link: `/service-desk/tickets/${t.id}`,
          data: { ticketId: t.id, ticketNo: t.ticketNo, amountFen, escalatedFrom: ctx.user.id },
          dedupeKey: `complaint:${t.id}:compensation:${amountFen}:${approver.id}`,
        },
      });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'escalate_compensation',
      entity: 'ticket_complaint',
      entityId: t.id,
      customerId: t.customerId,
      before: { approverId: ctx.user.id, limitFen: opts.limitFen },
      after: { approverId: approver?.id ?? null, amountFen },
    });
    return Boolean(approver);
  });
}

const DAY = 86_400_000;
/** A report window from 'YYYY-MM-DD' dates (Asia/Shanghai days, `to` inclusive); default the last 12 months. */
export function reportWindow(from?: string, to?: string, now = new Date()) {
  const end = to ? new Date(`${to}T00:00:00+08:00`).getTime() + DAY : now.getTime();
  const start = from ? new Date(`${from}T00:00:00+08:00`).getTime() : end - 365 * DAY;
  return { from: new Date(start), to: new Date(end) };
}

async function windowOf(ctx: RequestCtx, query: { from?: string; to?: string; orgUnitId?: number }) {
  let orgUnitIds: number[] | undefined;
  if (query.orgUnitId) {
    const unit = await findOrgUnitForReference({ db: ctx.db, id: query.orgUnitId });
    orgUnitIds = unit ? await getSubtreeIds({ db: ctx.db, path: unit.path }) : [];
  }
  return { ...reportWindow(query.from, query.to), orgUnitIds, scope: ctx.scope };
}

export async function complaintHotspots(opts: {
  ctx: RequestCtx;
  query: { from?: string; to?: string; orgUnitId?: number; locale?: 'zh-CN' | 'en' };
}): Promise<Hotspots> {
  const { ctx } = opts;
  const w = await windowOf(ctx, opts.query);
  const en = opts.query.locale === 'en';
  const [totals, categories, products, units, trend, repeat] = await Promise.all([
    rq.complaintTotals(ctx.db, w),
    rq.topCategories(ctx.db, w, en),
    rq.topProducts(ctx.db, w, en),
    rq.complaintsByOrgUnit(ctx.db, w, en),
    rq.complaintTrend(ctx.db, w),
    rq.repeatComplainers(ctx.db, w),
  ]);
  return {
    total: totals.total,
    compensationFen: totals.compensationFen,
    topCategories: categories,
    topProducts: products,
    byOrgUnit: units,
    trend,
    repeatComplainers: repeat.map((r) => ({ ...r, lastAt: new Date(r.lastAt).toISOString() })),
  };
}

/** Drill-down: the complaint tickets behind one bar of the hot-spot dashboard. */
export async function hotspotTickets(opts: {
  ctx: RequestCtx;
  query: {
    from?: string;
    to?: string;
    orgUnitId?: number;
    categoryId?: number;
    offeringId?: number;
    customerId?: number;
  };
  page: { limit: number; offset: number };
}) {
  const { ctx, query } = opts;
  const w = await windowOf(ctx, query);
  const { items, total } = await q.listTickets(ctx.db, viewerOf(ctx), {
    type: 'complaint',
    createdFrom: w.from,
    createdTo: w.to,
    customerOrgUnitIds: w.orgUnitIds,
    categoryIds: query.categoryId ? [query.categoryId] : undefined,
    offeringId: query.offeringId,
    customerId: query.customerId,
    ...opts.page,
  });
  return { items: items.map(toTicketSummary), total };
}

const withRate = (rows: rq.AttainmentRow[]) =>
  rows.map((r) => ({
    ...r,
    attainment: r.met + r.breached > 0 ? Math.round((r.met / (r.met + r.breached)) * 1000) / 1000 : null,
  }));

export async function slaAttainment(opts: {
  ctx: RequestCtx;
  query: { from?: string; to?: string; orgUnitId?: number };
  now?: Date;
}): Promise<SlaAttainment> {
  const { ctx } = opts;
  const w = await windowOf(ctx, opts.query);
  const [byType, byTier, byOrgUnit, byDepartment] = await Promise.all([
    rq.attainmentByType(ctx.db, w),
    rq.attainmentByTier(ctx.db, w),
    rq.attainmentByOrgUnit(ctx.db, w),
    rq.attainmentByDepartment(ctx.db, w, opts.now ?? new Date()),
  ]);
  return {
    byType: withRate(byType),
    byTier: withRate(byTier),
    byOrgUnit: withRate(byOrgUnit),
    byDepartment: withRate(byDepartment),
  };
}
