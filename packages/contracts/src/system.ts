// GET /api/system/overview: the administrator's home (system health, background jobs, imports, audit alerts).
import { z } from 'zod';

/** Audit actions an administrator is alerted to (reads of full personal data, exports, refused tokens...). */
export const auditAlertActions = ['read_pii', 'export', 'token_refused', 'end_sessions', 'revoke', 'delete'] as const;

export const systemOverview = z.object({
  health: z.object({
    database: z.enum(['ok', 'failed']),
    uptimeSeconds: z.number().int().nonnegative(),
    at: z.string(),
  }),
  jobs: z.object({
    queued: z.number().int(),
    running: z.number().int(),
    failedLast24h: z.number().int(),
    succeededLast24h: z.number().int(),
    /** The latest failed jobs (type code, labelled by the web app), newest first. */
    recentFailures: z.array(
      z.object({ id: z.number().int(), type: z.string(), error: z.string().nullable(), at: z.string() }),
    ),
  }),
  imports: z.array(
    z.object({
      id: z.number().int(),
      entity: z.string(),
      fileName: z.string(),
      status: z.string(),
      rows: z.number().int(),
      errors: z.number().int(),
      createdByName: z.string(),
      createdAt: z.string(),
    }),
  ),
  auditAlerts: z.object({
    since: z.string(),
    counts: z.array(z.object({ action: z.string(), count: z.number().int() })),
    recent: z.array(
      z.object({
        id: z.number().int(),
        at: z.string(),
        action: z.string(),
        entity: z.string(),
        entityId: z.string(),
        actor: z.string(),
      }),
    ),
  }),
});
export type SystemOverview = z.infer<typeof systemOverview>;

/**
 * GET /api/system/preparation (any signed-in user): whether the demo operator's background work of this start
 * (entitlements, early warnings, churn models and scores, points ...) is still running, and how far it is: jobs
 * finished since the server started (`done`) out of those plus the due and running ones (`total`).
 */
export const systemPreparation = z.object({
  preparing: z.boolean(),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type SystemPreparation = z.infer<typeof systemPreparation>;
