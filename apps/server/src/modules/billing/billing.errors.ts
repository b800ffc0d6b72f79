import { conflict } from '../../platform/errors';

export const duplicateAccountNo = () =>
  conflict('billing.duplicate_account_no', 'accountNo: already used by another account', [
    { path: 'accountNo', message: 'already used by another account' },
  ]);
