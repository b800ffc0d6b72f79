import { z } from 'zod';

/** How satisfaction figures can be broken down (`none`: one row for the whole population). */
export const segmentDimensions = [
  'none',
  'tier',
  'category',
  'industry',
  'org_unit',
  'channel',
  'ticket_type',
  'account_manager',
] as const;
export type SegmentDimension = (typeof segmentDimensions)[number];

/** The callback funnel's figures: invitations by stage, rates and top-2-box as fractions, NPS in points. */
export const funnelFigures = z.object({
  scheduled: z.number(),
  suppressed: z.number(),
  sent: z.number(),
  answered: z.number(),
  expired: z.number(),
  dissatisfied: z.number(),
  recovered: z.number(),
  responseRate: z.number(),
  recoveryRate: z.number(),
  csatTopTwoBox: z.number(),
  csatMean: z.number(),
  nps: z.number(),
});
export type FunnelFigures = z.infer<typeof funnelFigures>;

/** GET /api/surveys/callbacks/funnel: the period's funnel, and per segment when one is asked for. */
export const callbackFunnel = funnelFigures.extend({
  segment: z.enum(segmentDimensions),
  segments: z.array(funnelFigures.extend({ segment: z.string().nullable(), segmentLabel: z.string().nullable() })),
});
export type CallbackFunnel = z.infer<typeof callbackFunnel>;
