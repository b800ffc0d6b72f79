import { conflict, notFound } from '../../platform/errors';

export const duplicateAccountNo = () =>
  conflict('billing.duplicate_account_no', 'accountNo: already used by another account', [
    { path: 'accountNo', message: 'already used by another account' },
  ]);

/** The account is missing, or belongs to another customer: answered like a missing one. */
export const accountNotFound = () => notFound('billing.account_not_found', 'Billing account not found');
