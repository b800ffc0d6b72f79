import { AppError, invalidField, notFound } from '../../platform/errors';

export const inspectionNotFound = () => notFound('quality.not_found', 'Inspection not found');
export const staffRequired = () =>
  invalidField('staffUserId', 'a staff inspection names the staff member (staffUserId)', 'quality.staff_required');
export const counterRequired = () =>
  invalidField('counterName', 'a counter inspection names the counter (counterName)', 'quality.counter_required');
export const staffOutOfScope = () =>
  new AppError('quality.staff_not_found', 400, 'No such staff member in your organisation', [
    { path: 'staffUserId', message: 'not found' },
  ]);
export const orgUnitOutOfScope = () =>
  new AppError('quality.org_unit_not_found', 400, 'No such org unit in your organisation', [
    { path: 'orgUnitId', message: 'not found' },
  ]);
export const ticketNotLinkable = () =>
  new AppError('quality.ticket_not_found', 400, 'No such complaint ticket in your scope', [
    { path: 'ticketId', message: 'not found' },
  ]);
