// Commitments (承诺): the bottom-line check and the status life cycle.
import type { CommitmentStatus } from '@crm/contracts';

/**
 * Whether a promise is within the promiser's bottom line: promises without an amount are, amounts are when a limit
 * for the type and role exists and is not exceeded. Without a limit any amount needs approval.
 */
export function withinLimit(amountFen: number | null | undefined, limitFen: number | null | undefined): boolean {
  if (amountFen === null || amountFen === undefined || amountFen === 0) return true;
  return limitFen !== null && limitFen !== undefined && amountFen <= limitFen;
}

export type CommitmentAction = 'approve' | 'reject' | 'fulfil' | 'cancel';

const moves: Record<CommitmentAction, { from: readonly CommitmentStatus[]; to: CommitmentStatus }> = {
  approve: { from: ['pending_approval'], to: 'open' },
  reject: { from: ['pending_approval'], to: 'rejected' },
  fulfil: { from: ['open', 'overdue'], to: 'fulfilled' },
  cancel: { from: ['pending_approval', 'open', 'overdue'], to: 'cancelled' },
};

/** The status after an action, or null when the action is not possible from `status`. */
export function nextCommitmentStatus(status: CommitmentStatus, action: CommitmentAction): CommitmentStatus | null {
  const m = moves[action];
  return m.from.includes(status) ? m.to : null;
}

/** An open promise past its due time is overdue (pending approvals are not yet promises). */
export const isOverdue = (c: { status: CommitmentStatus; dueAt: Date }, now: Date) =>
  c.status === 'open' && c.dueAt.getTime() < now.getTime();
