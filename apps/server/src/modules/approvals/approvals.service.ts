// Approval authority (审批权限): administrators maintain per role x org level x kind the largest amount an approver
// may approve; approvals check it (and four-eyes) and point to the next approver up the chain when it is exceeded.
import type { ApprovalLimit, ApprovalLimitInput } from '@crm/contracts';
import type { DbOrTx } from '../../db/client';
import type { AuthUser, RequestCtx } from '../../platform/context';
import { recordAudit } from '../audit/audit.service';
import { findOrgUnitForReference } from '../org/org.service';
import { overLimit, ownProposal } from './approvals.errors';
import {
  type ApprovalKind,
  type Approver,
  coversAmount,
  isOwnProposal,
  limitOf,
  maxAmountOf,
  nextApprover,
} from './approvals.models';
import * as repo from './approvals.repository';

/** The refusal of an amount above the approver's limit (`approvals.over_limit`, 403), naming the limit. */
export const approvalOverLimit = overLimit;

const toDto = (r: repo.ApprovalLimitRow): ApprovalLimit => ({ ...r, updatedAt: r.updatedAt.toISOString() });

export async function listApprovalLimits(opts: { ctx: RequestCtx; kind?: ApprovalKind }): Promise<ApprovalLimit[]> {
  return (await repo.listLimits(opts.ctx.db, opts.kind)).map(toDto);
}

/** Sets the limit of a role at an org level for a kind (null: unlimited); versioned and audited. */
export async function putApprovalLimit(opts: { ctx: RequestCtx; input: ApprovalLimitInput; now?: Date }) {
  const { ctx, input } = opts;
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findLimit(tx, input, true);
    const after = await repo.upsertLimit(tx, {
      kind: input.kind,
      role: input.role,
      orgLevel: input.orgLevel,
      maxAmountFen: input.maxAmountFen,
      updatedBy: ctx.user.id,
      updatedAt: opts.now ?? new Date(),
    });
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: before ? 'update' : 'create',
      entity: 'approval_limit',
      entityId: after.id,
      before: before ?? null,
      after,
    });
    return toDto(after);
  });
}

export type ApprovalVerdict = { allowed: true } | { allowed: false; limitFen: number };

/**
 * Checks an approver's authority over a proposal: four-eyes (throws `approvals.own_proposal` when they proposed it)
 * and, when `amountFen` is given (approving), their limit for the kind. An amount above the limit is not thrown
 * here: the caller refuses it after routing the proposal up the chain (`nextApproverFor`).
 */
export async function checkApprovalAuthority(opts: {
  tx: DbOrTx;
  approver: Pick<AuthUser, 'id' | 'role' | 'orgUnitId'>;
  kind: ApprovalKind;
  proposerIds: readonly (number | null | undefined)[];
  amountFen?: number | null;
}): Promise<ApprovalVerdict> {
  const { tx, approver, kind } = opts;
  if (isOwnProposal(approver.id, opts.proposerIds)) throw ownProposal();
  if (!opts.amountFen) return { allowed: true };
  const unit = await findOrgUnitForReference({ db: tx, id: approver.orgUnitId });
  const rule = limitOf(await repo.listLimits(tx, kind), kind, { role: approver.role, level: unit?.level ?? 'any' });
  if (coversAmount(rule, opts.amountFen)) return { allowed: true };
  return { allowed: false, limitFen: maxAmountOf(rule) ?? 0 };
}

/**
 * Who should approve an amount, among a management chain (nearest first): the nearest member whose limit covers it,
 * else the top of the chain.
 */
export async function nextApproverFor<T extends Approver>(opts: {
  db: DbOrTx;
  kind: ApprovalKind;
  chain: readonly T[];
  amountFen: number | null | undefined;
}): Promise<T | undefined> {
  if (opts.chain.length === 0) return undefined;
  return nextApprover(await repo.listLimits(opts.db, opts.kind), opts.kind, opts.chain, opts.amountFen);
}
