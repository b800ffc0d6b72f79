import { auditAlertActions, maskPersonalText, type SystemOverview, type SystemPreparation } from '@crm/contracts';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { displayNamesOf } from '../org/org.service';
import * as q from './system.queries';

const iso = (v: string | Date) => new Date(v).toISOString();

/**
 * The administrator's home: does the database answer, how the background jobs went over the last 24 hours (and the
 * latest failures), the latest imports, and audit alerts (reads of full personal data, exports, refused tokens...).
 */
export async function systemOverview(opts: { ctx: RequestCtx; now?: Date }): Promise<SystemOverview> {
  const { db } = opts.ctx;
  const now = opts.now ?? new Date();
  const since = new Date(now.getTime() - 24 * 3600_000);
  const database = (await q.databaseAnswers(db)) ? 'ok' : 'failed';
  const [counts, failures, imports, alertCounts, alerts] = await Promise.all([
    q.jobCounts(db, since),
    q.recentFailedJobs(db, 5),
    q.recentImports(db, 5),
    q.auditActionCounts(db, auditAlertActions, since),
    q.recentAuditAlerts(db, auditAlertActions, 8),
  ]);
  const names = await displayNamesOf({ db, ids: alerts.map((a) => a.actorUserId) });
  const canReadPii = opts.ctx.can('pii.read');
  return {
    health: { database, uptimeSeconds: Math.round(process.uptime()), at: now.toISOString() },
    jobs: {
      queued: counts.queued,
      running: counts.running,
      failedLast24h: counts.failed,
      succeededLast24h: counts.succeeded,
      recentFailures: failures.map((f) => ({
        id: Number(f.id),
        type: f.type,
        error: f.error ? maskPersonalText(f.error.slice(0, 300), canReadPii) : null,
        at: iso(f.at),
      })),
    },
    imports: imports.map((i) => ({ ...i, id: Number(i.id), createdAt: iso(i.createdAt) })),
    auditAlerts: {
      since: since.toISOString(),
      counts: alertCounts,
      recent: alerts.map((a) => ({
        id: Number(a.id),
        at: iso(a.at),
        action: a.action,
        entity: a.entity,
        entityId: a.entityId,
        actor: a.actorUserId != null ? (names.get(a.actorUserId) ?? a.actorName) : a.actorName,
      })),
    },
  };
}

/**
 * Whether the demo operator's background work of this start is still running (any signed-in user's notice), for the
 * first hour after a start with the demo: jobs finished since the start out of those plus the due and running ones.
 */
export async function systemPreparation(opts: {
  db: DbOrTx;
  demo: boolean;
  now?: Date;
  uptimeSeconds?: number;
}): Promise<SystemPreparation> {
  const uptime = opts.uptimeSeconds ?? process.uptime();
  if (!opts.demo || uptime > 3600) return { preparing: false, done: 0, total: 0 };
  const now = opts.now ?? new Date();
  const c = await q.jobsSince(opts.db, new Date(now.getTime() - uptime * 1000));
  return { preparing: c.pending > 0, done: c.done, total: c.done + c.pending };
}
