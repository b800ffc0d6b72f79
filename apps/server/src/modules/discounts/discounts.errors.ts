import { AppError, notFound } from '../../platform/errors';
import { formatYuan } from '../approvals/approvals.models';

export const discountRequestNotFound = () => notFound('discounts.request_not_found', 'Discount request not found');

export const notPending = () =>
  new AppError('discounts.not_pending', 409, 'This discount request has already been decided');

export const noDiscount = () =>
  new AppError('discounts.no_discount', 400, 'The requested price is not below the current monthly price', [
    { path: 'requestedMonthlyFen', message: 'must be below the current monthly price' },
  ]);

/** A granter's authority does not cover the discount (403); the message names the limit. */
export const overAuthority = (opts: {
  discountBp: number;
  discountMonthlyFen: number;
  maxDiscountBp: number;
  maxMonthlyFen: number | null;
  escalated: boolean;
}) =>
  new AppError(
    'discounts.over_authority',
    403,
    `A discount of ${(opts.discountBp / 100).toFixed(2)}% (${formatYuan(opts.discountMonthlyFen)} yuan a month) exceeds your discount authority of ${(opts.maxDiscountBp / 100).toFixed(2)}%` +
      (opts.maxMonthlyFen === null ? '' : ` and ${formatYuan(opts.maxMonthlyFen)} yuan a month`) +
      (opts.escalated ? '; it has been sent to the next approver up the chain' : ''),
    [{ path: 'maxDiscountBp', message: String(opts.maxDiscountBp) }],
  );
