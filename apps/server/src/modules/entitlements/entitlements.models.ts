import type { KaTierCode } from '@crm/contracts';

export type Tier = KaTierCode;
export type Period = 'month' | 'quarter' | 'year' | 'none';
export type ClubCard = 'diamond' | 'gold' | 'silver';
/** Club cards that open the airport VIP lounge (DOMAIN.md section 4). */
export const loungeCards: readonly ClubCard[] = ['diamond', 'gold'];

type TierGrant = { allowance: number | null; value?: number | null };
export type CatalogDefault = {
  code: string;
  category: 'consultation' | 'account_manager' | 'training' | 'club' | 'hotline' | 'repair' | 'line_check';
  nameZh: string;
  nameEn: string;
  unit: 'times' | 'hours' | 'service';
  period: Period;
  clubCardOnly?: boolean;
  tiers: Partial<Record<Tier, TierGrant>>;
  /** Grants to star levels of individual customers (星级服务), bound like key-account tiers. */
  stars?: Partial<Record<StarTier, TierGrant>>;
};

/** Star levels bind entitlements under the tier codes `star3`, `star4`, `star5` (grading computes the stars). */
export type StarTier = `star${number}`;
export const starTierOf = (stars: number | null | undefined): StarTier | null =>
  stars && stars > 0 ? `star${Math.round(stars)}` : null;
/** The tier a customer's entitlements bind to: its key-account tier, else its star level, else none. */
export const bindingTierOf = (tier: Tier | null, stars: number | null | undefined): Tier | StarTier | null =>
  tier ?? starTierOf(stars);
export const isStarTier = (t: string | null | undefined): t is StarTier => !!t && /^star\d+$/.test(t);

const all = (grant: TierGrant): Record<Tier, TierGrant> => ({
  crystal: grant,
  gold: grant,
  gem: grant,
  platinum: grant,
  jade: grant,
  diamond: grant,
});

/**
 * Default entitlement catalogue (DOMAIN.md section 4). Every KA: free on-site consultation and order acceptance,
 * priority hotline answering, 7x24 fault reporting, repair within a committed time limit, preventive checks of
 * critical lines. Diamond: resident AM and free on-site training; jade and platinum: on-site training when needed;
 * gem, gold, crystal: invitations to operator-run training. Diamond and gold club card holders: airport VIP lounge.
 * Allowances are per period (null = unlimited); administrators change them in the catalogue.
 */
export const defaultCatalog: CatalogDefault[] = [
  {
    code: 'onsite_consultation',
    category: 'consultation',
    nameZh: '免费上门技术与业务咨询',
    nameEn: 'Free on-site technical and business consultation',
    unit: 'times',
    period: 'year',
    tiers: all({ allowance: null }),
  },
  {
    code: 'onsite_order_acceptance',
    category: 'consultation',
    nameZh: '上门受理业务',
    nameEn: 'On-site order acceptance',
    unit: 'service',
    period: 'none',
    tiers: all({ allowance: null }),
  },
  {
    code: 'priority_hotline',
    category: 'hotline',
    nameZh: '热线优先接听',
    nameEn: 'Priority hotline answering',
    unit: 'service',
    period: 'none',
    tiers: all({ allowance: null }),
    stars: { star3: { allowance: null }, star4: { allowance: null }, star5: { allowance: null } },
  },
  {
    code: 'fault_reporting_24x7',
    category: 'hotline',
    nameZh: '7×24小时故障申告',
    nameEn: '7x24 fault reporting',
    unit: 'service',
    period: 'none',
    tiers: all({ allowance: null }),
  },
  {
    code: 'repair_time_limit',
    category: 'repair',
    nameZh: '限时修复',
    nameEn: 'Repair within the committed time limit',
    unit: 'hours',
    period: 'none',
    tiers: {
      diamond: { allowance: null, value: 2 },
      jade: { allowance: null, value: 2 },
      platinum: { allowance: null, value: 4 },
      gem: { allowance: null, value: 4 },
      gold: { allowance: null, value: 6 },
      crystal: { allowance: null, value: 8 },
    },
  },
  {
    code: 'preventive_line_check',
    category: 'line_check',
    nameZh: '重要专线预防性巡检',
    nameEn: 'Preventive checks of critical lines',
    unit: 'times',
    period: 'year',
    tiers: {
      diamond: { allowance: 12 },
      jade: { allowance: 12 },
      platinum: { allowance: 6 },
      gem: { allowance: 4 },
      gold: { allowance: 4 },
      crystal: { allowance: 2 },
    },
  },
  {
    code: 'resident_am',
    category: 'account_manager',
    nameZh: '客户经理驻点服务',
    nameEn: 'Resident account manager when needed',
    unit: 'service',
    period: 'none',
    tiers: { diamond: { allowance: null } },
  },
  {
    code: 'onsite_training',
    category: 'training',
    nameZh: '上门培训',
    nameEn: 'On-site training',
    unit: 'times',
    period: 'year',
    tiers: { diamond: { allowance: 4 }, jade: { allowance: 2 }, platinum: { allowance: 2 } },
  },
  {
    code: 'training_invitation',
    category: 'training',
    nameZh: '受邀参加运营商培训',
    nameEn: 'Invitation to operator-run training',
    unit: 'times',
    period: 'year',
    tiers: { gem: { allowance: 2 }, gold: { allowance: 1 }, crystal: { allowance: 1 } },
  },
  {
    code: 'airport_vip_lounge',
    category: 'club',
    nameZh: '机场贵宾厅（钻石卡、金卡会员）',
    nameEn: 'Airport VIP lounge (diamond and gold club card holders)',
    unit: 'times',
    period: 'year',
    clubCardOnly: true,
    tiers: {
      diamond: { allowance: 12 },
      jade: { allowance: 8 },
      platinum: { allowance: 6 },
      gem: { allowance: 4 },
      gold: { allowance: 4 },
      crystal: { allowance: 2 },
    },
  },
  {
    code: 'points_multiplier',
    category: 'club',
    nameZh: '积分加倍（百分比）',
    nameEn: 'Points multiplier (percent)',
    unit: 'service',
    period: 'none',
    tiers: {
      diamond: { allowance: null, value: 200 },
      jade: { allowance: null, value: 180 },
      platinum: { allowance: null, value: 160 },
      gem: { allowance: null, value: 140 },
      gold: { allowance: null, value: 120 },
      crystal: { allowance: null, value: 110 },
    },
    stars: {
      star3: { allowance: null, value: 120 },
      star4: { allowance: null, value: 150 },
      star5: { allowance: null, value: 200 },
    },
  },
  {
    code: 'star_free_services',
    category: 'consultation',
    nameZh: '星级客户免费服务（补换卡、号码变更等）',
    nameEn: 'Free services for star customers (SIM replacement, number change...)',
    unit: 'times',
    period: 'year',
    tiers: {},
    stars: { star3: { allowance: 2 }, star4: { allowance: 4 }, star5: { allowance: 6 } },
  },
];

export type TierRule = {
  typeId: number;
  tier: string;
  allowance: number | null;
  value: number | null;
  enabled: boolean;
  clubCardOnly: boolean;
  active: boolean;
};
export type Binding = { typeId: number; tier: string; allowance: number | null; value: number | null };
export type CurrentBinding = Binding & { id: number };

/** The entitlements a customer of `tier` (holding `clubCard`) is due under the catalogue rules. */
export function entitlementsFor(rules: TierRule[], tier: Tier | StarTier | null, clubCard: ClubCard | null): Binding[] {
  if (!tier) return [];
  return rules
    .filter((r) => r.active && r.enabled && r.tier === tier)
    .filter((r) => !r.clubCardOnly || (clubCard !== null && loungeCards.includes(clubCard)))
    .map((r) => ({ typeId: r.typeId, tier: r.tier, allowance: r.allowance, value: r.value }))
    .sort((a, b) => a.typeId - b.typeId);
}

/** What changes: bindings to close (gone or different) and bindings to open (new or different). */
export function diffBindings(current: CurrentBinding[], desired: Binding[]): { close: number[]; open: Binding[] } {
  const same = (a: Binding, b: Binding) => a.tier === b.tier && a.allowance === b.allowance && a.value === b.value;
  const byType = new Map(current.map((c) => [c.typeId, c]));
  const desiredTypes = new Set(desired.map((d) => d.typeId));
  const close = current.filter((c) => !desiredTypes.has(c.typeId)).map((c) => c.id);
  const open: Binding[] = [];
  for (const d of desired) {
    const c = byType.get(d.typeId);
    if (c && same(c, d)) continue;
    if (c) close.push(c.id);
    open.push(d);
  }
  return { close: close.sort((a, b) => a - b), open };
}

/** The key of the allowance period a date falls in: "2026", "2026-Q2", "2026-05", or "all". */
export function periodKey(isoDate: string, period: Period): string {
  const y = isoDate.slice(0, 4);
  const m = Number(isoDate.slice(5, 7));
  switch (period) {
    case 'year':
      return y;
    case 'quarter':
      return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    case 'month':
      return isoDate.slice(0, 7);
    case 'none':
      return 'all';
  }
}

/** Remaining allowance after `used` (null = unlimited), never below zero. */
export const remainingOf = (allowance: number | null, used: number): number | null =>
  allowance === null ? null : Math.max(0, allowance - used);

/** Whether recording `quantity` more uses goes beyond the allowance of the period. */
export const exceedsAllowance = (allowance: number | null, usedBefore: number, quantity: number): boolean =>
  allowance !== null && usedBefore + quantity > allowance;
