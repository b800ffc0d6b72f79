import { conflict, notFound } from '../../platform/errors';

export const orgUnitNotFound = () => notFound('org.unit_not_found', 'Org unit not found');
export const userNotFound = () => notFound('org.user_not_found', 'User not found');
export const usernameTaken = () =>
  conflict('org.username_taken', 'username: already taken', [{ path: 'username', message: 'already taken' }]);
