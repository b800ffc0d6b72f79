// Pure rules of the hotline: caller priority (KA answered first), service entitlements by class and tier, and the
// defaults the service desk is seeded with (departments, ticket categories, SLA policies, commitment limits).
import {
  type CustomerCategory,
  deskDepartments,
  type KaImportance,
  type KaTier,
  type TicketSeverity,
  type TicketType,
} from '@crm/contracts';

export const tierRank: Record<KaTier, number> = { crystal: 0, gold: 1, gem: 2, platinum: 3, jade: 4, diamond: 5 };

export type PriorityFacts = {
  category: CustomerCategory | null;
  tier: KaTier | null;
  importance: KaImportance | null;
  intent: TicketType;
  severity: TicketSeverity;
  /** A star-level (or other non-KA) customer bound the priority hotline entitlement: ranks with business customers. */
  priorityHotline?: boolean;
};

const intentBonus: Record<TicketType, number> = {
  fault_report: 30,
  complaint: 20,
  service_order: 10,
  consultation: 0,
  suggestion: -10,
};
const severityBonus: Record<TicketSeverity, number> = { critical: 40, major: 20, minor: 0 };
const importanceBonus: Record<KaImportance, number> = {
  important: 60,
  extra_large: 50,
  ordinary: 20,
  below_threshold: 0,
};

/**
 * The answering priority of a call or ticket (higher first). The customer class dominates: any key account ranks above
 * any business customer, who ranks above any public or unknown caller; within a class the tier and importance, then the
 * type of request and its severity decide. Equal priorities are answered in order of arrival.
 */
export function callPriority(f: PriorityFacts): number {
  let p: number;
  if (f.category === 'key_account') {
    p = 600 + (f.tier ? (tierRank[f.tier] + 1) * 40 : 0) + (f.importance ? importanceBonus[f.importance] : 0);
  } else if (f.category === 'business') p = 300;
  else if (f.category === 'public') p = f.priorityHotline ? 300 : 100;
  else p = 50;
  return p + intentBonus[f.intent] + severityBonus[f.severity];
}

/** Orders waiting calls: priority first, then the one who has waited longest. */
export function compareCalls(a: { priority: number; arrivedAt: Date }, b: { priority: number; arrivedAt: Date }) {
  return b.priority - a.priority || a.arrivedAt.getTime() - b.arrivedAt.getTime();
}

/**
 * Service entitlements (DOMAIN §4 defaults) as message keys for the caller card. The entitlements module of a later
 * issue will own them; until then they follow the customer class and KA tier.
 */
export function entitlementsFor(category: CustomerCategory | null, tier: KaTier | null): string[] {
  if (category === 'business') return ['differentiated_service'];
  if (category !== 'key_account') return ['standard_service'];
  const out = ['onsite_consultation', 'onsite_order', 'priority_answering', 'repair_time_limit', 'fault_7x24'];
  if (tier === 'diamond') out.push('resident_am', 'free_training', 'airport_vip_lounge');
  else if (tier === 'jade' || tier === 'platinum') out.push('onsite_training');
  else if (tier) out.push('training_sessions');
  if (tier === 'gold') out.push('airport_vip_lounge');
  return out;
}

/** The departments a new database starts with: the one list in @crm/contracts (departments.ts). */
export const defaultDepartments = deskDepartments.map((d) => ({ code: d.code, name: d.zh, nameEn: d.en }));

export const defaultTicketCategories = [
  { code: 'billing', nameZh: '计费账务', nameEn: 'Billing', parent: null },
  { code: 'billing.dispute', nameZh: '账单争议', nameEn: 'Bill dispute', parent: 'billing' },
  { code: 'billing.plan_not_applied', nameZh: '套餐未生效', nameEn: 'Plan change not applied', parent: 'billing' },
  { code: 'network', nameZh: '网络质量', nameEn: 'Network', parent: null },
  { code: 'network.outage', nameZh: '断网断话', nameEn: 'Outage', parent: 'network' },
  { code: 'network.slow', nameZh: '网速慢', nameEn: 'Slow connection', parent: 'network' },
  { code: 'service', nameZh: '服务质量', nameEn: 'Service', parent: null },
  { code: 'service.attitude', nameZh: '服务态度', nameEn: 'Staff attitude', parent: 'service' },
  { code: 'service.installation_delay', nameZh: '装机延误', nameEn: 'Installation delay', parent: 'service' },
  { code: 'product', nameZh: '产品咨询', nameEn: 'Products', parent: null },
  { code: 'product.tariff', nameZh: '资费咨询', nameEn: 'Tariffs', parent: 'product' },
] as const;

type DefaultPolicy = {
  name: string;
  ticketType: TicketType | null;
  customerCategory: CustomerCategory | null;
  tier: KaTier | null;
  responseMinutes: number;
  resolutionMinutes: number;
  updateIntervalMinutes: number | null;
  calendar: '24x7' | 'business';
  source: 'default' | 'entitlement';
};

const tierZh: Record<KaTier, string> = {
  crystal: '水晶',
  gold: '黄金',
  gem: '宝石',
  platinum: '白金',
  jade: '翡翠',
  diamond: '钻石',
};

/** KA committed repair limits per tier (minutes, 7x24); the entitlements module will maintain them later. */
export const kaRepairLimitMinutes: Record<KaTier, number> = {
  diamond: 120,
  jade: 240,
  platinum: 240,
  gem: 360,
  gold: 360,
  crystal: 480,
};

const p = (
  name: string,
  ticketType: TicketType | null,
  customerCategory: CustomerCategory | null,
  responseMinutes: number,
  resolutionMinutes: number,
  calendar: '24x7' | 'business',
  updateIntervalMinutes: number | null = null,
): DefaultPolicy => ({
  name,
  ticketType,
  customerCategory,
  tier: null,
  responseMinutes,
  resolutionMinutes,
  updateIntervalMinutes,
  calendar,
  source: 'default',
});

export const defaultSlaPolicies: DefaultPolicy[] = [
  p('标准服务', null, null, 60, 1620, 'business', 540),
  p('标准咨询', 'consultation', null, 30, 540, 'business'),
  p('标准投诉', 'complaint', null, 60, 1080, 'business', 540),
  p('标准业务受理', 'service_order', null, 60, 1620, 'business', 540),
  p('公众故障修复', 'fault_report', 'public', 30, 2880, '24x7', 480),
  p('商业故障修复', 'fault_report', 'business', 30, 1440, '24x7', 240),
  p('大客户故障修复', 'fault_report', 'key_account', 15, 480, '24x7', 60),
  p('大客户咨询', 'consultation', 'key_account', 10, 240, '24x7'),
  p('大客户投诉', 'complaint', 'key_account', 15, 540, '24x7', 120),
  ...(Object.entries(kaRepairLimitMinutes) as [KaTier, number][]).map(([tier, minutes]) => ({
    name: `${tierZh[tier]}客户故障修复时限`,
    ticketType: 'fault_report' as const,
    customerCategory: 'key_account' as const,
    tier,
    responseMinutes: 15,
    resolutionMinutes: minutes,
    updateIntervalMinutes: 60,
    calendar: '24x7' as const,
    source: 'entitlement' as const,
  })),
];

/** Bottom lines per commitment type and role (fen); anything above needs approval before it is promised. */
export const defaultCommitmentLimits: { type: string; role: string; maxAmountFen: number }[] = [
  { type: 'compensation', role: 'agent', maxAmountFen: 10_000 },
  { type: 'compensation', role: 'account_manager', maxAmountFen: 50_000 },
  { type: 'compensation', role: 'back_office', maxAmountFen: 10_000 },
  { type: 'compensation', role: 'manager', maxAmountFen: 500_000 },
  { type: 'discount', role: 'account_manager', maxAmountFen: 100_000 },
  { type: 'discount', role: 'manager', maxAmountFen: 1_000_000 },
  { type: 'plan_change', role: 'agent', maxAmountFen: 0 },
  { type: 'plan_change', role: 'account_manager', maxAmountFen: 100_000 },
  { type: 'plan_change', role: 'manager', maxAmountFen: 1_000_000 },
  { type: 'repair', role: 'agent', maxAmountFen: 0 },
  { type: 'repair', role: 'account_manager', maxAmountFen: 0 },
  { type: 'repair', role: 'back_office', maxAmountFen: 0 },
  { type: 'delivery', role: 'account_manager', maxAmountFen: 0 },
  { type: 'other', role: 'manager', maxAmountFen: 100_000 },
];
