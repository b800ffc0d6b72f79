import { type CustomerHeadline, maskPersonalText, type TimelineEntry, type TimelinePage } from '@crm/contracts';
import type { RequestCtx } from '../../platform/context';
import { maskForViewer } from '../../platform/pii';
import { getCustomer, requireVisibleCustomer } from '../customers/customers.service';
import { getCurrentGrade } from '../grading/grading.service';
import { badCursor, unknownKind } from './timeline.errors';
import { decodeCursor, encodeCursor, parseKinds } from './timeline.models';
import { builtInSources, headlineCounts, type TimelineSource, timelineRows } from './timeline.queries';

export type { TimelineSource } from './timeline.queries';

const sources: TimelineSource[] = [...builtInSources];

/**
 * Adds a kind to every customer's timeline (e.g. campaign contacts, churn scores): one declaration of where its rows
 * live (see `TimelineSource`). Call it once at module load; a kind registered twice is refused.
 */
export function registerTimelineSource(source: TimelineSource): void {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(source.kind)) throw new Error(`bad timeline kind ${source.kind}`);
  if (sources.some((s) => s.kind === source.kind)) throw new Error(`timeline kind ${source.kind} registered twice`);
  sources.push(source);
}

/** The kinds the viewer may see. */
const visibleSources = (ctx: RequestCtx) => sources.filter((s) => ctx.can(s.permission));

/**
 * GET /api/customers/{id}/timeline: the customer's activity, newest first, `limit` per page, filtered by kind.
 * 404 for a customer outside the viewer's scope; personal fields masked for viewers without pii.read.
 */
export async function getTimeline(opts: {
  ctx: RequestCtx;
  customerId: number;
  query: { kinds?: string; cursor?: string; limit: number };
}): Promise<TimelinePage> {
  const { ctx, customerId, query } = opts;
  await requireVisibleCustomer({ db: ctx.db, scope: ctx.scope, id: customerId });
  const visible = visibleSources(ctx);
  const all = sources.map((s) => s.kind);
  const { kinds, unknown } = parseKinds(query.kinds, all);
  if (unknown) throw unknownKind(unknown);
  const cursor = query.cursor ? decodeCursor(query.cursor) : null;
  if (query.cursor && !cursor) throw badCursor();
  const chosen = visible.filter((s) => kinds.includes(s.kind));
  // One row more than the page tells whether there is a next page.
  const rows = await timelineRows(ctx.db, { customerId, sources: chosen, cursor, limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  const items: TimelineEntry[] = page.map((r) => ({
    key: r.key,
    kind: r.kind,
    at: r.at,
    title: { code: codeOf(r.kind), params: paramsOf(r.title_params, ctx.can('pii.read')) },
    status: r.status,
    actor:
      r.actor_id != null
        ? { id: Number(r.actor_id), displayName: r.actor_name ?? '' }
        : r.actor_name
          ? { id: null, displayName: r.actor_name }
          : null,
    link: { to: linkOf(r.kind), id: r.link_id, customerId },
  }));
  const last = page[page.length - 1];
  return maskForViewer(ctx, {
    items,
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.at, key: last.key }) : null,
    kinds: visible.map((s) => s.kind),
  });
}

const codeOf = (kind: string) => sources.find((s) => s.kind === kind)?.title.code ?? `${kind}.event`;
const linkOf = (kind: string) => sources.find((s) => s.kind === kind)?.link.to ?? 'customer';

type Param = TimelineEntry['title']['params'][string];
/**
 * Title parameters as plain values: numbers, strings, booleans, null and string lists (nested objects as JSON). Free
 * text (summaries, subjects) has ID and mobile numbers in it masked for viewers without pii.read.
 */
function paramsOf(raw: Record<string, unknown> | null, canReadPii: boolean): Record<string, Param> {
  const out: Record<string, Param> = {};
  for (const [k, v] of Object.entries(raw ?? {})) {
    if (typeof v === 'string') out[k] = maskPersonalText(v, canReadPii);
    else if (v === null || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.map(String);
    else out[k] = JSON.stringify(v);
  }
  return out;
}

type HeadlineExtras = Partial<Pick<CustomerHeadline, 'churnRisk' | 'satisfaction'>>;
type HeadlineProvider = (opts: { ctx: RequestCtx; customerId: number }) => Promise<HeadlineExtras>;
const headlineProviders = new Map<string, HeadlineProvider>();

/**
 * Lets a module (churn, satisfaction) fill its fields of the headline; registers (or replaces) the provider named
 * `name`, so registering again when routes are registered again is harmless. Called after the scope check.
 */
export function registerHeadlineProvider(name: string, provider: HeadlineProvider): void {
  headlineProviders.set(name, provider);
}

/** GET /api/customers/{id}/headline: what matters now about the customer (404 outside the viewer's scope). */
export async function getHeadline(opts: { ctx: RequestCtx; customerId: number }): Promise<CustomerHeadline> {
  const { ctx, customerId } = opts;
  const customer = await getCustomer({ ctx, id: customerId });
  const [grade, counts, ...extras] = await Promise.all([
    getCurrentGrade({ db: ctx.db, customerId }),
    headlineCounts(ctx.db, customerId),
    ...[...headlineProviders.values()].map((p) => p({ ctx, customerId })),
  ]);
  return {
    customerId,
    tier: grade?.tier ?? null,
    stars: grade?.stars ?? null,
    accountManager:
      customer.accountManagerId != null
        ? { id: customer.accountManagerId, displayName: customer.accountManagerName ?? '' }
        : null,
    isKeyAccount: customer.category === 'key_account',
    ...counts,
    churnRisk: null,
    satisfaction: null,
    ...Object.assign({}, ...extras),
  };
}
