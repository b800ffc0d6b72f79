import { z } from 'zod';
import { customerChurnHeadline } from './churn-screens';

// The customer 360 activity timeline and headline (GET /api/customers/{id}/timeline, /headline).

/** The kinds the server registers today; other modules may register more (the DTO keeps `kind` a plain string). */
export const timelineKinds = [
  'ticket',
  'work_order',
  'commitment',
  'warning',
  'opportunity',
  'order',
  'visit',
  'interaction',
  'survey',
  'bill',
  'change',
] as const;
export type TimelineKind = (typeof timelineKinds)[number];

/** Where an entry leads in the web app: a target code and the record id (the web app maps it to a route). */
export const timelineLink = z.object({ to: z.string(), id: z.string(), customerId: z.number().int() });

export const timelineEntry = z.object({
  /** `kind:id`, unique within the timeline. */
  key: z.string(),
  kind: z.string(),
  /** ISO timestamp with microseconds (UTC). */
  at: z.string(),
  /** A title code (`<kind>.<event>`) and its parameters (codes, numbers and the record's own text): never English. */
  title: z.object({
    code: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])),
  }),
  status: z.string().nullable(),
  /** Who did it: a user (id) or a named system actor (id null), null when nobody is recorded. */
  actor: z.object({ id: z.number().int().nullable(), displayName: z.string() }).nullable(),
  link: timelineLink,
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

export const timelineQuery = z.object({
  /** Comma-separated kinds; all kinds when absent. */
  kinds: z.string().max(500).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});

export const timelinePage = z.object({
  items: z.array(timelineEntry),
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: z.string().nullable(),
  /** The kinds this server can show (for the filter). */
  kinds: z.array(z.string()),
});
export type TimelinePage = z.infer<typeof timelinePage>;

/** What matters now about a customer: the 360 page's header strip. */
export const customerHeadline = z.object({
  customerId: z.number().int(),
  tier: z.string().nullable(),
  stars: z.number().int().nullable(),
  accountManager: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  isKeyAccount: z.boolean(),
  openWarnings: z.number().int(),
  openTickets: z.number().int(),
  openCommitments: z.number().int(),
  overdueCommitments: z.number().int(),
  /** The latest churn score (churn module), for viewers with churn.read; null when not scored. */
  churnRisk: customerChurnHeadline.nullable(),
  /** Filled by the satisfaction module when it exists. */
  satisfaction: z.object({ score: z.number(), measure: z.string() }).nullable(),
});
export type CustomerHeadline = z.infer<typeof customerHeadline>;
