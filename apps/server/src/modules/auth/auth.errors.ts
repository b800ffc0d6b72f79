import { AppError, unauthorized } from '../../platform/errors';

export const invalidCredentials = () => unauthorized('auth.invalid_credentials', 'Wrong username or password');
export const csrfInvalid = () => new AppError('auth.csrf_invalid', 403, 'Missing or invalid x-csrf-token header');
export const tokenNotFound = () => new AppError('auth.token_not_found', 404, 'API token not found');
export const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError('auth.too_many_attempts', 429, `Too many failed sign-ins, try again in ${retryAfterSeconds} s`);
