import { conflict, notFound } from '../../platform/errors';

export const duplicateContractNo = () =>
  conflict('products.duplicate_contract_no', 'contractNo: already used by another contract', [
    { path: 'contractNo', message: 'already used by another contract' },
  ]);

/** A live (not terminated) product already uses the service number: the hotline could not tell callers apart. */
export const serviceNumberInUse = () =>
  conflict('products.service_number_in_use', 'serviceNumber: already used by a live product', [
    { path: 'serviceNumber', message: 'already used by a live product' },
  ]);

/** The product is missing, or belongs to another customer: answered like a missing one. */
export const productNotFound = () => notFound('products.product_not_found', 'Product not found');

/** The contract is missing, or belongs to another customer: answered like a missing one. */
export const contractNotFound = () => notFound('products.contract_not_found', 'Contract not found');
