import { conflict, type ErrorDetail, notFound } from '../../platform/errors';

/** A missing customer and one outside the caller's row scope answer the same. */
export const customerNotFound = () => notFound('customers.not_found', 'Customer not found');
export const contactNotFound = () => notFound('customers.contact_not_found', 'Contact not found');
export const shareNotFound = () => notFound('customers.share_not_found', 'The customer is not shared with this user');

/** A unique identifier (credit code, ID number, external id) already belongs to another customer. */
export const duplicateField = (path: string, message = 'already belongs to another customer') =>
  conflict('customers.duplicate', `${path}: ${message}`, [{ path, message }]);

export const alreadyShared = () =>
  conflict('customers.already_shared', 'userId: the customer is already shared with this user', [
    { path: 'userId', message: 'already shared' },
  ]);

/** DELETE of a customer with business history; it should be marked churned instead. */
export const customerHasDependents = (details: ErrorDetail[]) =>
  conflict(
    'customers.has_dependents',
    `The customer still has ${details.map((d) => d.path).join(', ')}; set its status to churned instead`,
    details,
  );
