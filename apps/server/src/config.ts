import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type AppConfig = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionTtlMinutes: number;
  secureCookies: boolean;
  webDist: string;
  loginRateLimit: { max: number; windowMs: number };
  demo: boolean;
  initialAdminPassword: string | undefined;
  /** Server processes sharing the port (PostgreSQL only). */
  workers: number;
  /** Lease of a pending Idempotency-Key: after it, a retry of an attempt that never committed runs again. */
  idempotencyLeaseMs: number;
  /** Bearer token for /metrics; unset: /metrics answers loopback clients only. */
  metricsToken: string | undefined;
  /** node-postgres queries slower than this are logged (SQL text and duration, no parameters). */
  slowQueryMs: number;
};

/** Reads configuration from the environment once, at start-up. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir: env.DATA_DIR ?? path.join(repoRoot, 'data', 'pglite'),
    sessionTtlMinutes: Number(env.SESSION_TTL_MINUTES ?? 8 * 60),
    secureCookies: env.SECURE_COOKIES === 'true',
    webDist: env.WEB_DIST ?? path.join(repoRoot, 'apps', 'web', 'dist'),
    loginRateLimit: { max: Number(env.LOGIN_RATE_MAX ?? 10), windowMs: 60_000 },
    // The demo operator (with its known passwords) is loaded only on the embedded database, or when asked for.
    demo: env.CRM_DEMO ? env.CRM_DEMO === 'true' : !databaseUrl,
    initialAdminPassword: env.CRM_ADMIN_PASSWORD || undefined,
    workers: Math.max(1, Math.floor(Number(env.WORKERS ?? 1)) || 1),
    idempotencyLeaseMs: Math.max(1, Number(env.IDEMPOTENCY_LEASE_SECONDS ?? 60) || 60) * 1000,
    metricsToken: env.METRICS_TOKEN || undefined,
    slowQueryMs: env.SLOW_QUERY_MS && Number(env.SLOW_QUERY_MS) >= 0 ? Number(env.SLOW_QUERY_MS) : 200,
  };
}
