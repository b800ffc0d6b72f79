import { conflict } from '../../platform/errors';

export const duplicateContractNo = () =>
  conflict('products.duplicate_contract_no', 'contractNo: already used by another contract', [
    { path: 'contractNo', message: 'already used by another contract' },
  ]);

/** A live (not terminated) product already uses the service number: the hotline could not tell callers apart. */
export const serviceNumberInUse = () =>
  conflict('products.service_number_in_use', 'serviceNumber: already used by a live product', [
    { path: 'serviceNumber', message: 'already used by a live product' },
  ]);
