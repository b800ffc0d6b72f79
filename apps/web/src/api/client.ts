/**
 * The one HTTP client of the web app. Every feature calls the API through `api.*`:
 * cookies are sent, the CSRF token goes on every mutation, errors become `ApiError`s,
 * and a 401 sends the user to the login page.
 */

export type ApiErrorDetail = {
  path: string;
  message: string;
  /** Why the field is invalid (`required`, `too_big`...), localised by forms.ts `serverDetailText`. */
  code?: string;
  params?: Record<string, string | number>;
};

export class ApiError extends Error {
  status: number;
  code: string;
  details?: ApiErrorDetail[];

  constructor(status: number, code: string, message: string, details?: ApiErrorDetail[]) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

let csrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** Kept in memory only; set after login and after `GET /api/auth/me`. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The auth provider registers what a 401 does (clear the user, go to /login). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/** Paths whose 401 is an expected answer, not a lost session. */
const QUIET_401 = ['/api/auth/login', '/api/auth/me', '/api/auth/logout'];

export function buildUrl(path: string, query?: Record<string, unknown>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const v of value) if (v !== undefined && v !== null && v !== '') params.append(key, String(v));
    } else {
      params.append(key, String(value));
    }
  }
  const qs = params.toString();
  if (!qs) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${qs}`;
}

type RequestOptions = { body?: unknown; idempotencyKey?: string };

async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch (err) {
    throw new ApiError(0, 'network.error', err instanceof Error ? err.message : 'Network error');
  }

  const text = await res.text();
  let data: unknown;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!res.ok) {
    const body = (data as { error?: { code?: string; message?: string; details?: ApiErrorDetail[] } } | undefined)
      ?.error;
    const error = new ApiError(
      res.status,
      body?.code ?? `http.${res.status}`,
      body?.message ?? res.statusText ?? 'Request failed',
      body?.details,
    );
    const pathOnly = path.split('?')[0];
    if (res.status === 401 && !QUIET_401.includes(pathOnly)) {
      csrfToken = null;
      if (unauthorizedHandler) unauthorizedHandler();
      else if (typeof window !== 'undefined' && window.location.pathname !== '/login') window.location.assign('/login');
    }
    throw error;
  }
  return data as T;
}

export const api = {
  get<T>(path: string, query?: Record<string, unknown>): Promise<T> {
    return request<T>('GET', buildUrl(path, query));
  },
  post<T>(path: string, body?: unknown, opts?: { idempotencyKey?: string }): Promise<T> {
    return request<T>('POST', path, { body, idempotencyKey: opts?.idempotencyKey });
  },
  patch<T>(path: string, body?: unknown): Promise<T> {
    return request<T>('PATCH', path, { body });
  },
  put<T>(path: string, body?: unknown): Promise<T> {
    return request<T>('PUT', path, { body });
  },
  delete<T>(path: string): Promise<T> {
    return request<T>('DELETE', path);
  },
};

/**
 * A fresh key for one create attempt (`Idempotency-Key`). `crypto.randomUUID` exists only in secure contexts
 * (https, localhost); on a plain-http intranet address a v4 UUID is built from `getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
