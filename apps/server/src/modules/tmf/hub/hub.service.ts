// TMF688-style event hubs of the TMF facades: subscriptions (POST/DELETE /hub), the transactional outbox every
// facade writes its events to (publishTmfEvent), and the durable delivery of each subscription's events in order,
// signed, with retries and a delivery log.
import { randomBytes, randomUUID } from 'node:crypto';
import { tmfHubSettings } from '../../../config';
import type { Db, DbOrTx } from '../../../db/client';
import type { RequestCtx } from '../../../platform/context';
import { AppError, invalidField } from '../../../platform/errors';
import { recordAudit } from '../../audit/audit.service';
import { enqueueJob } from '../../jobs/jobs.service';
import { postToCallback, resolvedCallbackProblem } from './hub.callback';
import {
  eventBodyOf,
  eventNameOf,
  parseHubQuery,
  queryMatches,
  SIGNATURE_HEADER,
  signBody,
  type TmfEventType,
} from './hub.models';
import * as repo from './hub.repository';

export const HUB_DELIVER_JOB = 'tmf-hub.deliver';
/** A delivery job tries this often (back-off 5 s, 25 s, 125 s, then 10 min) before the sweep takes over. */
const DELIVER_MAX_ATTEMPTS = 10;
const CALLBACK_TIMEOUT_MS = 10_000;
const LEASE_MS = CALLBACK_TIMEOUT_MS * 3;

const hubNotFound = () => new AppError('tmf.hub_not_found', 404, 'Event subscription not found');

/** The subscription (TMF688 EventSubscription) as answered by POST /hub; the secret appears only at creation. */
const toSubscription = (r: repo.SubscriptionRow) => ({
  id: String(r.id),
  callback: r.callback,
  ...(r.query ? { query: r.query } : {}),
});

/**
 * Registers a callback for the events of `api`, owned by the signed-in user (only events of resources the user may
 * see reach it). The HMAC secret is the one given, or a generated one returned once.
 */
export async function createHubSubscription(opts: {
  ctx: RequestCtx;
  api: string;
  input: { callback: string; query?: string | null; secret?: string | null };
  /** Callbacks on private/loopback addresses (default: TMF_HUB_ALLOW_PRIVATE). */
  allowPrivate?: boolean;
}) {
  const { ctx, api, input } = opts;
  const problem = await resolvedCallbackProblem(input.callback, opts.allowPrivate ?? tmfHubSettings().allowPrivate);
  if (problem) throw invalidField('callback', problem);
  if (!parseHubQuery(input.query)) throw invalidField('query', 'only eventType=<name>[,<name>] is offered');
  const secret = input.secret || randomBytes(32).toString('hex');
  const row = await ctx.db.transaction(async (tx) => {
    const created = await repo.insertSubscription(tx, {
      api,
      callback: input.callback,
      query: input.query?.trim() || null,
      userId: ctx.user.id,
      secret,
    });
    const { secret: _hidden, ...audited } = created;
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'create',
      entity: 'tmf_hub_subscription',
      entityId: created.id,
      before: null,
      after: audited,
    });
    return created;
  });
  return { ...toSubscription(row), secret };
}

/** The caller's live subscription of `api` (administrators: any); 404 for any other id, of any shape. */
async function ownSubscription(ctx: RequestCtx, db: DbOrTx, api: string, id: string) {
  const n = /^[1-9]\d{0,9}$/.test(id) && Number(id) <= 2_147_483_647 ? Number(id) : null;
  const row = n === null ? undefined : await repo.findLiveSubscription(db, api, n);
  if (!row || (row.userId !== ctx.user.id && ctx.user.role !== 'admin')) throw hubNotFound();
  return row;
}

/** Ends a subscription: no further event is queued or delivered to it. */
export async function deleteHubSubscription(opts: { ctx: RequestCtx; api: string; id: string }) {
  const { ctx, api } = opts;
  await ctx.db.transaction(async (tx) => {
    const before = await ownSubscription(ctx, tx, api, opts.id);
    const after = await repo.markSubscriptionDeleted(tx, before.id, new Date());
    await recordAudit({
      tx,
      actor: ctx.actor,
      action: 'delete',
      entity: 'tmf_hub_subscription',
      entityId: before.id,
      before: { deletedAt: null },
      after: { deletedAt: after.deletedAt },
    });
  });
}

/** The delivery log of a subscription (every attempt: status code, error, duration) and its events. */
export async function getHubDeliveryLog(opts: { ctx: RequestCtx; api: string; id: string }) {
  const sub = await ownSubscription(opts.ctx, opts.ctx.db, opts.api, opts.id);
  const [events, attempts] = await Promise.all([
    repo.listOutbox(opts.ctx.db, sub.id),
    repo.listDeliveries(opts.ctx.db, sub.id),
  ]);
  return { subscription: toSubscription(sub), events, attempts };
}

export type TmfEvent = {
  /** The API whose hub delivers it, e.g. "troubleTicket" (as given to registerTmfHubRoutes). */
  api: string;
  /** The resource's name in the event payload, e.g. "troubleTicket" (event { troubleTicket: {...} }). */
  resourceType: string;
  eventType: TmfEventType;
  /** The resource as the API's GET answers it (for a DeleteEvent: as it was); a function is called only when some
   * subscription may receive the event. */
  resource: Record<string, unknown> | (() => Promise<Record<string, unknown>>);
  /** Changed attributes of an AttributeValueChangeEvent (sent as fieldPath). */
  fields?: string[];
  /** Whether the subscriber (a user id) may see the resource; without it every subscriber gets the event. */
  visibleTo?: (userId: number) => Promise<boolean>;
};

/**
 * THE way a TMF facade emits a notification: call it with the transaction of the change. One outbox row per matching
 * live subscription (the subscriber may see the resource, its query admits the event) and a delivery job are written
 * in that transaction, so an event exists if and only if the change committed. Returns the number queued.
 */
export async function publishTmfEvent(tx: DbOrTx, event: TmfEvent): Promise<number> {
  const eventName = eventNameOf(event.resourceType, event.eventType);
  const receivers = [];
  for (const sub of await repo.listLiveSubscriptions(tx, event.api)) {
    const query = parseHubQuery(sub.query);
    if (!query || !queryMatches(query, eventName)) continue;
    if (event.visibleTo && !(await event.visibleTo(sub.userId))) continue;
    receivers.push(sub);
  }
  if (receivers.length === 0) return 0;
  const resource = typeof event.resource === 'function' ? await event.resource() : event.resource;
  const eventId = randomUUID();
  const body = eventBodyOf({ ...event, resource, eventId, at: new Date() });
  let queued = 0;
  for (const sub of receivers) {
    const row = await repo.insertOutbox(tx, { subscriptionId: sub.id, eventId, eventType: body.eventType, body });
    await enqueueJob({
      db: tx,
      type: HUB_DELIVER_JOB,
      payload: { subscriptionId: sub.id },
      dedupeKey: `${HUB_DELIVER_JOB}:${sub.id}:${row.id}`,
      maxAttempts: DELIVER_MAX_ATTEMPTS,
    });
    queued++;
  }
  return queued;
}

export type TmfEventBatch = {
  api: string;
  events: { resourceId: number; resourceType: string; eventType: TmfEventType; fields?: string[] }[];
  /**
   * The resources among `ids` a user (a hub subscriber) may see, as the API's GET answers them (masked), by id: one
   * call per subscriber and chunk of ids, so visibility and resources are read set-based.
   */
  visibleResources: (userId: number, ids: number[]) => Promise<Map<number, Record<string, unknown>>>;
};
const BATCH_CHUNK = 500;

/**
 * publishTmfEvent for many changes at once (a bulk write such as an import commit), in the change's transaction:
 * per matching live subscription, the visible resources are read and the outbox rows inserted by chunks of 500, and
 * one delivery job is queued (it delivers the subscription's whole queue in order). Nothing is read when no
 * subscription exists. Returns the number of outbox rows queued.
 */
export async function publishTmfEvents(tx: DbOrTx, batch: TmfEventBatch): Promise<number> {
  if (batch.events.length === 0) return 0;
  const subs = await repo.listLiveSubscriptions(tx, batch.api);
  if (subs.length === 0) return 0;
  const at = new Date();
  const eventIds = batch.events.map(() => randomUUID());
  let queued = 0;
  for (const sub of subs) {
    const query = parseHubQuery(sub.query);
    if (!query) continue;
    const wanted = batch.events
      .map((e, i) => ({ ...e, eventId: eventIds[i] }))
      .filter((e) => queryMatches(query, eventNameOf(e.resourceType, e.eventType)));
    let lastId: number | null = null;
    for (let i = 0; i < wanted.length; i += BATCH_CHUNK) {
      const chunk = wanted.slice(i, i + BATCH_CHUNK);
      const resources = await batch.visibleResources(sub.userId, [...new Set(chunk.map((e) => e.resourceId))]);
      const rows = chunk.flatMap((e) => {
        const resource = resources.get(e.resourceId);
        if (!resource) return [];
        const body = eventBodyOf({ ...e, resource, at });
        return [{ subscriptionId: sub.id, eventId: e.eventId, eventType: body.eventType, body }];
      });
      const ids = await repo.insertOutboxRows(tx, rows);
      if (ids.length) lastId = Math.max(lastId ?? 0, ...ids);
      queued += ids.length;
    }
    if (lastId !== null)
      await enqueueJob({
        db: tx,
        type: HUB_DELIVER_JOB,
        payload: { subscriptionId: sub.id },
        dedupeKey: `${HUB_DELIVER_JOB}:${sub.id}:${lastId}`,
        maxAttempts: DELIVER_MAX_ATTEMPTS,
      });
  }
  return queued;
}

/** POSTs one notification through the SSRF guard; the outcome for the delivery log. */
function post(callback: string, secret: string, body: unknown, allowPrivate: boolean) {
  const raw = JSON.stringify(body);
  return postToCallback({
    callback,
    body: raw,
    headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(secret, raw) },
    allowPrivate,
    timeoutMs: CALLBACK_TIMEOUT_MS,
  });
}

/**
 * Delivers a subscription's undelivered events oldest first, each only after the previous one was accepted (2xx).
 * A failure is logged and thrown, so the job system retries with back-off from that same event: order is kept and
 * nothing is skipped. Receivers should ignore a repeated eventId (a crash after a delivery may resend it).
 */
export async function deliverSubscription(opts: {
  db: Db;
  subscriptionId: number;
  allowPrivate?: boolean;
}): Promise<{ delivered: number }> {
  const { db, subscriptionId } = opts;
  const allowPrivate = opts.allowPrivate ?? tmfHubSettings().allowPrivate;
  const sub = await repo.findSubscription(db, subscriptionId);
  if (!sub || sub.deletedAt) return { delivered: 0 };
  const holder = randomUUID();
  const lease = () => repo.takeDeliveryLease(db, sub.id, holder, new Date(), new Date(Date.now() + LEASE_MS));
  if (!(await lease())) throw new Error(`subscription ${sub.id} is being delivered by another worker`);
  let delivered = 0;
  try {
    for (;;) {
      const next = await repo.findOldestPending(db, sub.id);
      if (!next) return { delivered };
      const result = await post(sub.callback, sub.secret, next.body, allowPrivate);
      await repo.recordAttempt(db, next, { ...result, at: new Date(), delivered: result.ok });
      if (!result.ok) throw new Error(`event ${next.eventId} to ${sub.callback}: ${result.error}`);
      delivered++;
      await lease();
    }
  } finally {
    await repo.releaseDeliveryLease(db, sub.id, holder);
  }
}

/**
 * Queues a delivery of every subscription with undelivered events (the recurring sweep after a job ran out of
 * attempts; tests call it to retry without waiting for the back-off). `slot` makes one job per subscription and slot.
 */
export async function retryPendingDeliveries(opts: { db: Db; slot: string }): Promise<number> {
  const ids = await repo.subscriptionsWithPending(opts.db);
  for (const id of ids)
    await enqueueJob({
      db: opts.db,
      type: HUB_DELIVER_JOB,
      payload: { subscriptionId: id },
      dedupeKey: `${HUB_DELIVER_JOB}:${id}:sweep:${opts.slot}`,
      maxAttempts: DELIVER_MAX_ATTEMPTS,
    });
  return ids.length;
}

/**
 * Housekeeping: deletes the events delivered before `before` with their delivery log, and the events of subscriptions
 * deleted before then (nobody will receive them). Idempotent: a second run finds nothing.
 */
export async function purgeDeliveredEvents(opts: { db: Db; before: Date }): Promise<{ events: number }> {
  return { events: await repo.purgeOutboxBefore(opts.db, opts.before) };
}
