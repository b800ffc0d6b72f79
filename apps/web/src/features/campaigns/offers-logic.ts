// Pure helpers of the offers screen and the results page.
import type { Offer } from './api';

/** The price the customer pays: the list price less the offer's discount, in whole fen. */
export const offerPriceFen = (o: Pick<Offer, 'monthlyPriceFen' | 'discountPct'>) =>
  Math.round((o.monthlyPriceFen * (100 - o.discountPct)) / 100);

export const statusColor = (s: Offer['approvalStatus']) =>
  s === 'approved' ? 'green' : s === 'pending' ? 'gold' : 'red';

/**
 * The funnel of a campaign as stages with their share of the segment: segment -> eligible (less exclusions) ->
 * target (less the hold-out) -> contacted -> converted. Responses are recorded by calls and visits only (an SMS
 * converts without one), so they are shown beside the funnel, not as a stage of it.
 */
export function funnelStages(r: {
  segmentSize: number;
  excluded: { count: number }[];
  control: number;
  target: number;
  contacted: number;
  convertedTarget: number;
}) {
  const excluded = r.excluded.reduce((a, e) => a + e.count, 0);
  const stages = [
    { key: 'segmentSize', value: r.segmentSize },
    { key: 'eligible', value: r.segmentSize - excluded },
    { key: 'target', value: r.target },
    { key: 'contacted', value: r.contacted },
    { key: 'convertedTarget', value: r.convertedTarget },
  ];
  return stages.map((s) => ({ ...s, share: r.segmentSize ? s.value / r.segmentSize : 0 }));
}

/** Whether the 95 % interval of the uplift excludes zero (a measured effect rather than noise). */
export const upliftSignificant = (r: { upliftLow: number; upliftHigh: number }) => r.upliftLow > 0 || r.upliftHigh < 0;
