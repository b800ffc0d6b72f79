import { AppError } from '../../platform/errors';
import { formatYuan } from './approvals.models';

export const ownProposal = () =>
  new AppError('approvals.own_proposal', 403, 'Nobody may approve or reject their own proposal (four-eyes rule)');

export const overLimit = (opts: { amountFen: number; limitFen: number; escalated: boolean }) =>
  new AppError(
    'approvals.over_limit',
    403,
    `The amount of ${formatYuan(opts.amountFen)} yuan exceeds your approval limit of ${formatYuan(opts.limitFen)} yuan` +
      (opts.escalated ? '; it has been sent to the next approver up the chain' : ''),
    [{ path: 'limitFen', message: formatYuan(opts.limitFen) }],
  );
