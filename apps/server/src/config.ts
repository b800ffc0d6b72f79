import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type AppConfig = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** REPLICA_DATABASE_URL: a streaming replica for analytics reads (dashboards, reports, exports). */
  replicaUrl: string | undefined;
  /** REPLICA_MAX_LAG_MS: the staleness a replica read may have; beyond it the primary answers (default 10 s). */
  replicaMaxLagMs: number;
  dataDir: string;
  sessionTtlMinutes: number;
  secureCookies: boolean;
  webDist: string;
  /** Failed sign-ins allowed per address + username (perUserMax) and per address (perAddressMax) in windowMs. */
  loginRateLimit: { perUserMax: number; perAddressMax: number; windowMs: number };
  demo: boolean;
  initialAdminPassword: string | undefined;
  /** Server processes sharing the port (PostgreSQL only). */
  workers: number;
  /** Lease of a pending Idempotency-Key: after it, a retry of an attempt that never committed runs again. */
  idempotencyLeaseMs: number;
  /** Shared secret of the survey channels' signed webhook (HMAC-SHA256). */
  surveyWebhookSecret: string;
  /** Largest import upload in bytes (IMPORT_MAX_MB, default 100 MB). */
  importMaxBytes: number;
  /** Days after which an import's uploaded file is deleted even if the run was never committed (IMPORT_FILE_DAYS). */
  importFileDays: number;
  /** File exports: rows per request, exports running at once, hours a finished file stays downloadable. */
  exports: { maxRows: number; concurrency: number; ttlHours: number };
  /** Bearer token for /metrics; unset: /metrics answers loopback clients only. */
  metricsToken: string | undefined;
  /** node-postgres queries slower than this are logged (SQL text and duration, no parameters). */
  slowQueryMs: number;
  /** TMF event hubs: callbacks on private/loopback addresses, and days delivered events and their log are kept. */
  tmfHub: TmfHubSettings;
};

export type TmfHubSettings = { allowPrivate: boolean; retentionDays: number };

/**
 * TMF_HUB_ALLOW_PRIVATE (default: true unless NODE_ENV=production) lets hub callbacks reach loopback and private
 * addresses; TMF_HUB_RETENTION_DAYS (default 30) is how long delivered events and their delivery log are kept.
 */
export function tmfHubSettings(env: NodeJS.ProcessEnv = process.env): TmfHubSettings {
  const allow = env.TMF_HUB_ALLOW_PRIVATE;
  return {
    allowPrivate: allow ? allow === 'true' : env.NODE_ENV !== 'production',
    retentionDays: positive(env.TMF_HUB_RETENTION_DAYS, 30),
  };
}

const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
};

/** Reads configuration from the environment once, at start-up. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL || undefined;
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    replicaUrl: env.REPLICA_DATABASE_URL || undefined,
    replicaMaxLagMs:
      env.REPLICA_MAX_LAG_MS && Number(env.REPLICA_MAX_LAG_MS) >= 0 ? Number(env.REPLICA_MAX_LAG_MS) : 10_000,
    dataDir: env.DATA_DIR ?? path.join(repoRoot, 'data', 'pglite'),
    sessionTtlMinutes: Number(env.SESSION_TTL_MINUTES ?? 8 * 60),
    secureCookies: env.SECURE_COOKIES === 'true',
    webDist: env.WEB_DIST ?? path.join(repoRoot, 'apps', 'web', 'dist'),
    loginRateLimit: {
      perUserMax: Number(env.LOGIN_RATE_MAX ?? 10),
      perAddressMax: Number(env.LOGIN_ADDRESS_RATE_MAX ?? 30),
      windowMs: Number(env.LOGIN_RATE_WINDOW_MINUTES ?? 15) * 60_000,
    },
    // The demo operator (with its known passwords) is loaded only on the embedded database, or when asked for.
    demo: env.CRM_DEMO ? env.CRM_DEMO === 'true' : !databaseUrl,
    initialAdminPassword: env.CRM_ADMIN_PASSWORD || undefined,
    workers: Math.max(1, Math.floor(Number(env.WORKERS ?? 1)) || 1),
    idempotencyLeaseMs: Math.max(1, Number(env.IDEMPOTENCY_LEASE_SECONDS ?? 60) || 60) * 1000,
    surveyWebhookSecret: env.SURVEY_WEBHOOK_SECRET || 'dev-survey-webhook-secret',
    importMaxBytes: Math.round(positive(env.IMPORT_MAX_MB, 100) * 1024 * 1024),
    importFileDays: positive(env.IMPORT_FILE_DAYS, 7),
    exports: {
      maxRows: Math.floor(positive(env.EXPORT_MAX_ROWS, 200_000)),
      concurrency: Math.floor(positive(env.EXPORT_CONCURRENCY, 2)),
      ttlHours: positive(env.EXPORT_TTL_HOURS, 24),
    },
    metricsToken: env.METRICS_TOKEN || undefined,
    slowQueryMs: env.SLOW_QUERY_MS && Number(env.SLOW_QUERY_MS) >= 0 ? Number(env.SLOW_QUERY_MS) : 200,
    tmfHub: tmfHubSettings(env),
  };
}
