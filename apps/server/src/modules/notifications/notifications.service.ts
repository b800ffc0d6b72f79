import { maskPersonalText, type Notification } from '@crm/contracts';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { maskForViewer } from '../../platform/pii';
import * as repo from './notifications.repository';

export type AlertInput = {
  kind: string;
  title: string;
  body?: string;
  link?: string | null;
  data?: Record<string, unknown> | null;
  /** The same key for the same user is stored once: a repeated scan never duplicates an alert. */
  dedupeKey: string;
};

/**
 * Sends one alert to several users inside the caller's transaction; users who already have an alert with the same
 * dedupe key are skipped. Returns the ids of the users who were alerted now.
 */
export async function notifyUsers(opts: { tx: DbOrTx; userIds: number[]; alert: AlertInput }): Promise<number[]> {
  const userIds = [...new Set(opts.userIds)];
  const rows = await repo.insertNotifications(
    opts.tx,
    userIds.map((userId) => ({
      userId,
      kind: opts.alert.kind,
      title: opts.alert.title,
      body: opts.alert.body ?? '',
      link: opts.alert.link ?? null,
      data: opts.alert.data ?? null,
      dedupeKey: opts.alert.dedupeKey,
    })),
  );
  return rows.map((r) => r.userId);
}

/** An alert for its reader: ID and mobile numbers in the text and personal fields of `data` masked without `pii.read`. */
const toDto = (ctx: RequestCtx, r: repo.NotificationRow): Notification => ({
  id: r.id,
  kind: r.kind,
  title: maskPersonalText(r.title, ctx.can('pii.read')),
  body: maskPersonalText(r.body, ctx.can('pii.read')),
  link: r.link,
  data: maskForViewer(ctx, r.data ?? null),
  readAt: r.readAt?.toISOString() ?? null,
  createdAt: r.createdAt.toISOString(),
});

export async function listMyNotifications(opts: {
  ctx: RequestCtx;
  filter: { unread?: boolean; limit: number; offset: number };
}) {
  const { items, total, unread } = await repo.listNotifications(opts.ctx.db, opts.ctx.user.id, opts.filter);
  return { items: items.map((r) => toDto(opts.ctx, r)), total, unread };
}

/** How many alerts of the signed-in user are unread. */
export async function countMyUnread(opts: { ctx: RequestCtx }): Promise<{ unread: number }> {
  return { unread: await repo.countUnread(opts.ctx.db, opts.ctx.user.id) };
}

/** Marks one of the signed-in user's alerts read (another user's alert answers 404). */
export async function markNotificationRead(opts: { ctx: RequestCtx; id: number }): Promise<Notification> {
  const { ctx, id } = opts;
  if (!(await repo.findNotification(ctx.db, ctx.user.id, id)))
    throw notFound('notifications.not_found', 'Notification not found');
  await repo.markRead(ctx.db, ctx.user.id, id);
  return toDto(ctx, (await repo.findNotification(ctx.db, ctx.user.id, id))!);
}

export async function markAllNotificationsRead(opts: { ctx: RequestCtx }): Promise<{ updated: number }> {
  return { updated: await repo.markRead(opts.ctx.db, opts.ctx.user.id) };
}

/** Alerts sent under one dedupe key (who was told). */
export const listAlertsByKey = (opts: { db: DbOrTx; dedupeKey: string }) => repo.listByKey(opts.db, opts.dedupeKey);
