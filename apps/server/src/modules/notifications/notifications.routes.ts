import {
  idParam,
  notification,
  notificationListQuery,
  notificationPage,
  notificationUnreadCount,
} from '@crm/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/context';
import type { RouteDeps } from '../../platform/deps';
import {
  countMyUnread,
  listMyNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from './notifications.service';

export function registerNotificationRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['notifications'];

  r.get(
    '/api/notifications',
    { schema: { tags, querystring: notificationListQuery, response: { 200: notificationPage } } },
    async (request) => listMyNotifications({ ctx: ctxOf(request, db), filter: request.query }),
  );
  r.get(
    '/api/notifications/unread-count',
    {
      schema: {
        tags,
        description: "The signed-in user's unread alerts (the header bell polls it; one partial-index count).",
        response: { 200: notificationUnreadCount },
      },
    },
    async (request) => countMyUnread({ ctx: ctxOf(request, db) }),
  );
  r.post(
    '/api/notifications/:id/read',
    { schema: { tags, params: idParam, response: { 200: notification } } },
    async (request) => markNotificationRead({ ctx: ctxOf(request, db), id: request.params.id }),
  );
  r.post(
    '/api/notifications/read-all',
    { schema: { tags, response: { 200: z.object({ updated: z.number().int() }) } } },
    async (request) => markAllNotificationsRead({ ctx: ctxOf(request, db) }),
  );
}
