// Investment evaluation (投资效益评估) of key-account projects and its approval workflow: the AM drafts an evaluation
// (a new version each time the project is evaluated again, the history kept), submits it, the manager reviews and
// forwards it, finance approves (only when the rule passes: the contract recovers the cost within its term) or
// rejects it with a reason. Larger investments need an approver at a higher org level. Every step is audited and
// the next approver notified; an approved project shows its billed revenue against the plan.
import type {
  InvestmentEvaluation,
  InvestmentProject,
  InvestmentProjectSummary,
  investmentDecision,
  investmentInboxItem,
  investmentInput,
  investmentListQuery,
  investmentPolicy,
  investmentPolicyInput,
  investmentPreview as investmentPreviewDto,
  investmentProjectCreate,
  investmentReview,
  realisedPayback as realisedPaybackDto,
} from '@crm/contracts';
import type { z } from 'zod';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { invalidField } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import { spendOfCustomer } from '../billing/billing.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { notifyUsers } from '../notifications/notifications.service';
import { lockVisibleOpportunity, optionViews } from '../opportunities/opportunities.service';
import { findOrgUnitForReference } from '../org/org.service';
import {
  approverLevelTooLow,
  evaluationNotFound,
  ownEvaluation,
  pendingVersion,
  projectNotFound,
  ruleNotMet,
  wrongStep,
} from './investments.errors';
import {
  type ApprovalTier,
  addMonths,
  applyApprovalRule,
  approverLevelFor,
  defaultApprovalRule,
  defaultApprovalTiers,
  evaluateInvestment,
  type InvestmentInput,
  InvestmentInputError,
  levelCovers,
  nextStatus,
  realisedPayback,
  type WorkflowAction,
} from './investments.models';
import * as repo from './investments.repository';

type Policy = z.infer<typeof investmentPolicy>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The policy in force: the newest saved version, else the defaults from code (version 0). */
export async function currentPolicy(opts: { db: DbOrTx }): Promise<Policy> {
  const row = await repo.latestPolicy(opts.db);
  if (!row) return { version: 0, ...defaultApprovalRule, tiers: defaultApprovalTiers, updatedAt: null };
  return {
    version: row.version,
    minSurplusFen: row.minSurplusFen,
    requirePositiveNpv: row.requirePositiveNpv,
    tiers: row.tiers,
    updatedAt: iso(row.updatedAt),
  };
}

export const getInvestmentPolicy = (opts: { ctx: RequestCtx }) => currentPolicy({ db: opts.ctx.db });

/** Saves a new version of the policy (administrators); audited. Thresholds must ascend and end unbounded. */
export async function putInvestmentPolicy(opts: {
  ctx: RequestCtx;
  input: z.infer<typeof investmentPolicyInput>;
}): Promise<Policy> {
  const { ctx, input } = opts;
  const tiers = input.tiers;
  tiers.forEach((t, i) => {
    const last = i === tiers.length - 1;
    if (last !== (t.maxCapitalFen === null))
      throw invalidField(`tiers.${i}.maxCapitalFen`, 'only the last tier is unbounded (null), and it must be');
    const prev = tiers[i - 1]?.maxCapitalFen;
    if (i > 0 && t.maxCapitalFen !== null && prev !== null && prev !== undefined && t.maxCapitalFen <= prev)
      throw invalidField(`tiers.${i}.maxCapitalFen`, 'thresholds must ascend');
  });
  return ctx.db.transaction(async (tx) => {
    const before = await currentPolicy({ db: tx });
    const row = await repo.insertPolicy(tx, {
      version: before.version + 1,
      minSurplusFen: input.minSurplusFen,
      requirePositiveNpv: input.requirePositiveNpv,
      tiers: input.tiers,
      updatedBy: ctx.user.id,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'update',
      entity: 'investment_policy',
      entityId: row.id,
      before: {
        minSurplusFen: before.minSurplusFen,
        requirePositiveNpv: before.requirePositiveNpv,
        tiers: before.tiers,
      },
      after: { minSurplusFen: row.minSurplusFen, requirePositiveNpv: row.requirePositiveNpv, tiers: row.tiers },
    });
    return currentPolicy({ db: tx });
  });
}

function storedInput(input: z.infer<typeof investmentInput>): InvestmentInput {
  return {
    capital: input.capital,
    yearlyOpexFen: input.yearlyOpexFen,
    oneOffRevenueFen: input.oneOffRevenueFen,
    ...(input.monthlyRevenueFen !== undefined ? { monthlyRevenueFen: input.monthlyRevenueFen } : {}),
    ...(input.termRevenueFen !== undefined ? { termRevenueFen: input.termRevenueFen } : {}),
    termMonths: input.termMonths,
    discountRateBp: input.discountRateBp,
  };
}

/**
 * POST /api/investments/preview: what an evaluation input computes to under the policy in force (totals, surplus,
 * payback, NPV, IRR, the rule's verdict, the approver's level and the monthly cash flow), without saving anything.
 */
export async function previewEvaluation(opts: {
  ctx: RequestCtx;
  input: z.infer<typeof investmentInput>;
}): Promise<z.infer<typeof investmentPreviewDto>> {
  const input = storedInput(opts.input);
  const result = evaluateOrReject(input);
  const policy = await currentPolicy({ db: opts.ctx.db });
  return {
    ...summariseEvaluation(input, result, policy),
    cashFlow: result.cashFlow,
  };
}

/** Evaluates the input, turning a domain input error into a 400 naming the field. */
function evaluateOrReject(input: Parameters<typeof evaluateInvestment>[0]): ReturnType<typeof evaluateInvestment> {
  try {
    return evaluateInvestment(input);
  } catch (e) {
    if (e instanceof InvestmentInputError) throw invalidField(e.field, e.message);
    throw e;
  }
}

/** The stored and previewed figures of one evaluation under a policy: totals, the rule's verdict, the approver level. */
function summariseEvaluation(
  input: Parameters<typeof applyApprovalRule>[0],
  result: ReturnType<typeof evaluateInvestment>,
  policy: Parameters<typeof applyApprovalRule>[2] & { tiers: unknown; version: number },
) {
  const verdict = applyApprovalRule(input, result, policy);
  return {
    capitalFen: result.capitalFen,
    opexFen: result.opexFen,
    totalRevenueFen: result.totalRevenueFen,
    totalCostFen: result.totalCostFen,
    surplusFen: result.surplusFen,
    paybackMonth: result.paybackMonth,
    npvFen: result.npvFen,
    irrBp: result.irrBp,
    rulePasses: verdict.passes,
    ruleReasons: verdict.reasons,
    approverLevel: approverLevelFor(result.capitalFen, policy.tiers as ApprovalTier[]),
    policyVersion: policy.version,
  };
}

type EvaluationListRow = Awaited<ReturnType<typeof repo.listEvaluations>>[number];

function toEvaluation(r: EvaluationListRow): InvestmentEvaluation {
  const e = r.row;
  return {
    id: e.id,
    projectId: e.projectId,
    version: e.version,
    status: e.status,
    input: e.input,
    capitalFen: e.capitalFen,
    opexFen: e.opexFen,
    totalRevenueFen: e.totalRevenueFen,
    totalCostFen: e.totalCostFen,
    surplusFen: e.surplusFen,
    paybackMonth: e.paybackMonth,
    npvFen: e.npvFen,
    irrBp: e.irrBp,
    rulePasses: e.rulePasses,
    ruleReasons: e.ruleReasons as InvestmentEvaluation['ruleReasons'],
    approverLevel: e.approverLevel,
    cashFlow: evaluateInvestment(e.input).cashFlow,
    createdBy: e.createdBy,
    createdByName: r.createdByName,
    createdAt: e.createdAt.toISOString(),
    submittedAt: iso(e.submittedAt),
    reviewedBy: e.reviewedBy,
    reviewedByName: r.reviewedByName,
    reviewedAt: iso(e.reviewedAt),
    reviewNote: e.reviewNote,
    decidedBy: e.decidedBy,
    decidedByName: r.decidedByName,
    decidedAt: iso(e.decidedAt),
    decisionReason: e.decisionReason,
  };
}

const toSummary = (r: repo.ProjectListRow): InvestmentProjectSummary => ({
  id: r.project.id,
  customerId: r.project.customerId,
  customerName: r.customerName,
  name: r.project.name,
  opportunityId: r.project.opportunityId,
  solutionOptionId: r.project.solutionOptionId,
  description: r.project.description,
  ownerId: r.project.ownerId,
  ownerName: r.ownerName,
  latestVersion: r.latestVersion === null ? null : Number(r.latestVersion),
  latestStatus: r.latestStatus,
  latestSurplusFen: r.latestSurplusFen,
  createdAt: r.project.createdAt.toISOString(),
});

export async function listInvestmentProjects(opts: {
  ctx: RequestCtx;
  query: z.infer<typeof investmentListQuery>;
}): Promise<{ items: InvestmentProjectSummary[]; total: number }> {
  const { ctx, query } = opts;
  const { items, total } = await repo.listProjects(
    ctx.db,
    ctx.scope,
    { customerId: query.customerId, status: query.status },
    { limit: query.limit, offset: query.offset },
  );
  return { items: items.map(toSummary), total };
}

/** A project with every evaluation version, oldest first. 404 outside the scope. */
export async function getInvestmentProject(opts: {
  ctx: RequestCtx;
  id: number;
  db?: DbOrTx;
}): Promise<InvestmentProject> {
  const db = opts.db ?? opts.ctx.db;
  const { items } = await repo.listProjects(db, opts.ctx.scope, { id: opts.id }, { limit: 1, offset: 0 });
  if (!items[0]) throw projectNotFound();
  const evaluations = await repo.listEvaluations(db, opts.id);
  return { ...toSummary(items[0]), evaluations: evaluations.map(toEvaluation) };
}

/** POST /api/investments: a project for a visible customer, linked to an opportunity (and option) or standalone. */
export async function createInvestmentProject(opts: {
  ctx: RequestCtx;
  input: z.infer<typeof investmentProjectCreate>;
}): Promise<InvestmentProject> {
  const { ctx, input } = opts;
  const id = await ctx.db.transaction(async (tx) => {
    const customer = await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: input.customerId });
    if (input.solutionOptionId && !input.opportunityId)
      throw invalidField('opportunityId', 'a solution option needs its opportunity');
    if (input.opportunityId) {
      const opp = await lockVisibleOpportunity(ctx, tx, input.opportunityId).catch(() => {
        throw invalidField('opportunityId', 'no such opportunity');
      });
      if (opp.customerId !== input.customerId)
        throw invalidField('opportunityId', 'the opportunity is of another customer');
      if (input.solutionOptionId && !(await optionViews(tx, opp.id)).some((o) => o.id === input.solutionOptionId))
        throw invalidField('solutionOptionId', 'not an option of this opportunity');
    }
    const row = await repo.insertProject(tx, {
      customerId: input.customerId,
      name: input.name,
      opportunityId: input.opportunityId ?? null,
      solutionOptionId: input.solutionOptionId ?? null,
      description: input.description ?? null,
      ownerId: ctx.user.id,
      orgUnitId: customer.customer.orgUnitId,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'investment_project',
      entityId: row.id,
      customerId: row.customerId,
      before: null,
      after: row,
    });
    return row.id;
  });
  return getInvestmentProject({ ctx, id });
}

async function lockVisibleProject(ctx: RequestCtx, tx: DbOrTx, id: number) {
  const project = await repo.lockProject(tx, id);
  if (!project) throw projectNotFound();
  await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: project.customerId }).catch(() => {
    throw projectNotFound();
  });
  return project;
}

/**
 * POST /api/investments/{id}/evaluations: a new evaluation version (draft), computed by the pure functions with the
 * policy in force. Refused while another version awaits approval.
 */
export async function addEvaluation(opts: {
  ctx: RequestCtx;
  projectId: number;
  input: z.infer<typeof investmentInput>;
}): Promise<InvestmentProject> {
  const { ctx, projectId } = opts;
  const input = storedInput(opts.input);
  const result = evaluateOrReject(input);
  await ctx.db.transaction(async (tx) => {
    const project = await lockVisibleProject(ctx, tx, projectId);
    if (await repo.hasPendingVersion(tx, projectId)) throw pendingVersion();
    const policy = await currentPolicy({ db: tx });
    const row = await repo.insertEvaluation(tx, {
      projectId,
      version: await repo.nextVersion(tx, projectId),
      status: 'draft',
      input,
      ...summariseEvaluation(input, result, policy),
      createdBy: ctx.user.id,
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'investment_evaluation',
      entityId: row.id,
      customerId: project.customerId,
      before: null,
      after: {
        version: row.version,
        capitalFen: row.capitalFen,
        surplusFen: row.surplusFen,
        rulePasses: row.rulePasses,
      },
    });
  });
  return getInvestmentProject({ ctx, id: projectId });
}

const stepTitle: Record<string, string> = {
  submitted: '投资效益评估待审核',
  reviewed: '投资效益评估待财务审批',
  approved: '投资效益评估已批准',
  rejected: '投资效益评估被驳回',
  draft: '投资效益评估被退回修改',
};

/**
 * One workflow step on an evaluation: submit (AM), forward or return (manager, `investments.review`), approve or
 * reject (finance, `investments.approve`, at the org level the amount needs). Four-eyes: nobody reviews or decides
 * their own evaluation. Approving needs the rule to pass. The next actor is notified; audited.
 */
export async function actOnEvaluation(opts: {
  ctx: RequestCtx;
  id: number;
  action: WorkflowAction;
  note?: string;
}): Promise<InvestmentProject> {
  const { ctx, id, action } = opts;
  const projectId = await ctx.db.transaction(async (tx) => {
    const before = await repo.lockEvaluation(tx, id);
    if (!before) throw evaluationNotFound();
    const project = await lockVisibleProject(ctx, tx, before.projectId).catch(() => {
      throw evaluationNotFound();
    });
    const status = nextStatus(before.status, action);
    if (!status) throw wrongStep(before.status, action);
    const now = new Date();
    const set: Parameters<typeof repo.updateEvaluation>[2] = { status };
    if (action === 'submit') {
      set.submittedAt = now;
    } else {
      if (before.createdBy === ctx.user.id) throw ownEvaluation();
      if (action === 'forward' || action === 'return') {
        set.reviewedBy = ctx.user.id;
        set.reviewedAt = now;
        set.reviewNote = opts.note ?? null;
      } else {
        if (ctx.user.role !== 'admin') {
          const unit = await findOrgUnitForReference({ db: tx, id: ctx.user.orgUnitId });
          if (!levelCovers(unit?.level, before.approverLevel)) throw approverLevelTooLow(before.approverLevel);
        }
        if (action === 'approve' && !before.rulePasses) throw ruleNotMet(before.ruleReasons);
        set.decidedBy = ctx.user.id;
        set.decidedAt = now;
        set.decisionReason = opts.note ?? null;
      }
    }
    const after = await repo.updateEvaluation(tx, id, set);
    await recordAudit({
      tx,
      actor: ctx.actor,
      action,
      entity: 'investment_evaluation',
      entityId: id,
      customerId: project.customerId,
      before: { status: before.status },
      after: { status: after.status, note: opts.note ?? null },
    });
    await notifyNext(tx, project, after);
    return project.id;
  });
  return getInvestmentProject({ ctx, id: projectId });
}

async function notifyNext(tx: DbOrTx, project: repo.ProjectRow, e: repo.EvaluationRow) {
  const unitId = project.orgUnitId;
  let userIds: number[] = [];
  if (e.status === 'submitted' && unitId) {
    const managers = await repo.usersAbove(tx, unitId, ['manager']);
    userIds = managers.length > 0 ? [managers[0].id] : [];
  } else if (e.status === 'reviewed' && unitId) {
    const finance = (await repo.usersAbove(tx, unitId, ['finance'])).filter((u) =>
      levelCovers(u.level, e.approverLevel),
    );
    const nearest = finance[0]?.level;
    userIds = finance.filter((u) => u.level === nearest).map((u) => u.id);
  } else if (e.createdBy) {
    userIds = [e.createdBy];
  }
  if (userIds.length === 0) return;
  await notifyUsers({
    tx,
    userIds,
    alert: {
      kind: 'investment.step',
      title: `${stepTitle[e.status]}：${project.name}（第 ${e.version} 版）`,
      body: e.decisionReason ?? e.reviewNote ?? '',
      link: `/ka/investments/${project.id}`,
      data: {
        projectId: project.id,
        projectName: project.name,
        evaluationId: e.id,
        version: e.version,
        status: e.status,
      },
      dedupeKey: `investment:${e.id}:${e.status}:${e.reviewedAt?.getTime() ?? 0}`,
    },
  });
}

export const reviewEvaluation = (opts: { ctx: RequestCtx; id: number; input: z.infer<typeof investmentReview> }) =>
  actOnEvaluation({ ctx: opts.ctx, id: opts.id, action: opts.input.action, note: opts.input.note });

export const decideEvaluation = (opts: { ctx: RequestCtx; id: number; input: z.infer<typeof investmentDecision> }) =>
  actOnEvaluation({ ctx: opts.ctx, id: opts.id, action: opts.input.decision, note: opts.input.reason });

/**
 * The approval inbox: evaluations waiting for the signed-in user's step (review for `investments.review`, decision
 * for `investments.approve` at an org level covering the amount), oldest first.
 */
export async function investmentInbox(opts: { ctx: RequestCtx }): Promise<z.infer<typeof investmentInboxItem>[]> {
  const { ctx } = opts;
  const statuses: repo.EvaluationRow['status'][] = [];
  if (ctx.can('investments.review')) statuses.push('submitted');
  if (ctx.can('investments.approve')) statuses.push('reviewed');
  if (statuses.length === 0) return [];
  const unit = await findOrgUnitForReference({ db: ctx.db, id: ctx.user.orgUnitId });
  const rows = await repo.inbox(ctx.db, ctx.scope, statuses);
  return rows
    .filter(
      (r) =>
        r.row.createdBy !== ctx.user.id &&
        (r.row.status === 'submitted' || ctx.user.role === 'admin' || levelCovers(unit?.level, r.row.approverLevel)),
    )
    .map((r) => ({
      evaluationId: r.row.id,
      projectId: r.row.projectId,
      projectName: r.projectName,
      customerId: r.customerId,
      customerName: r.customerName,
      version: r.row.version,
      status: r.row.status,
      step: r.row.status === 'submitted' ? ('review' as const) : ('decide' as const),
      capitalFen: r.row.capitalFen,
      totalRevenueFen: r.row.totalRevenueFen,
      surplusFen: r.row.surplusFen,
      paybackMonth: r.row.paybackMonth,
      termMonths: r.row.input.termMonths,
      rulePasses: r.row.rulePasses,
      approverLevel: r.row.approverLevel,
      createdByName: r.createdByName,
      submittedAt: iso(r.row.submittedAt),
    }));
}

const shanghaiMonth = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
});

/**
 * GET /api/investments/{id}/realised: the approved evaluation's plan against the customer's billed revenue from the
 * month after approval (Asia/Shanghai), and the month the bills recovered the cost.
 */
export async function realisedOfProject(opts: {
  ctx: RequestCtx;
  id: number;
}): Promise<z.infer<typeof realisedPaybackDto>> {
  const project = await getInvestmentProject(opts);
  const approved = project.evaluations.filter((e) => e.status === 'approved').at(-1);
  if (!approved?.decidedAt)
    return {
      evaluationId: null,
      startPeriod: null,
      months: [],
      actualRevenueFen: 0,
      plannedRevenueToDateFen: 0,
      realisedPaybackMonth: null,
    };
  const startPeriod = addMonths(shanghaiMonth.format(new Date(approved.decidedAt)).slice(0, 7), 1);
  const spend = await spendOfCustomer({ db: opts.ctx.db, customerId: project.customerId, periods: 240 });
  const billed = spend.filter((s) => s.period >= startPeriod);
  const lastPeriod = spend.length > 0 ? spend[spend.length - 1].period : null;
  const r = realisedPayback({
    plan: approved.cashFlow,
    startPeriod,
    lastPeriod,
    revenueByPeriod: new Map(billed.map((s) => [s.period, s.totalFen])),
  });
  return { evaluationId: approved.id, startPeriod, ...r };
}
