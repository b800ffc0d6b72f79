/**
 * One invalid field: its path in the request (`contacts.0.mobile`), an English message, and a machine `code`
 * (`required`, `too_small`, `too_big`, `invalid_format`, `invalid_type`, `invalid_value`, `invalid`...) with its
 * `params` (e.g. `minimum`) that the web app turns into a localised message next to the field.
 */
export type ErrorDetail = { path: string; message: string; code?: string; params?: Record<string, string | number> };

/** A business or request error with a namespaced code (e.g. `customers.not_found`) and its HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (code: string, message = 'Not found') => new AppError(code, 404, message);
export const badRequest = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppError(code, 400, message, details);
export const conflict = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppError(code, 409, message, details);
export const forbidden = (code = 'auth.forbidden', message = 'You do not have permission for this action') =>
  new AppError(code, 403, message);
export const unauthorized = (code = 'auth.unauthenticated', message = 'Sign in required') =>
  new AppError(code, 401, message);

/** One field error as a 400, naming the field. */
export const invalidField = (path: string, message: string, code = 'validation.invalid', reason?: string) =>
  badRequest(code, `${path}: ${message}`, [{ path, message, ...(reason ? { code: reason } : {}) }]);

/** A required field that is missing (the detail code `required`). */
export const requiredField = (path: string, message = 'required') =>
  invalidField(path, message, 'validation.invalid', 'required');

export type PgLikeError = { code?: string; constraint?: string; detail?: string };

/** The database error behind a driver/ORM error (Drizzle wraps it as `cause` of a DrizzleQueryError). */
export function pgErrorOf(error: unknown): PgLikeError | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 3 && e && typeof e === 'object'; depth++) {
    const code = (e as PgLikeError).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as PgLikeError;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
