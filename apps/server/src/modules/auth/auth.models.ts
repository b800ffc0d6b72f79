import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '@crm/contracts';
import type { Scope } from '../../platform/context';

export const permissions = [
  'customers.read',
  'customers.write',
  'customers.delete',
  'customers.share',
  'interactions.write',
  'pii.read',
  'org.manage',
  'users.manage',
  'audit.read',
  'tokens.manage',
  'tickets.read',
  'tickets.write',
  'tickets.manage',
  'workorders.write',
  'complaints.manage',
  'sla.manage',
  'service.reports',
  'kb.manage',
  'commitments.write',
  'commitments.approve',
  'grading.read',
  'grading.manage',
  'ka.read',
  'ka.write',
  'ka.assign',
  'opportunities.write',
  'orders.fulfil',
  'warnings.manage',
  'entitlements.manage',
  'club.manage',
  'loyalty.redeem',
  'data.import',
  'data.export',
  'surveys.read',
  'surveys.manage',
  'approvals.manage',
  'kpi.read',
  'kpi.manage',
  'quality.inspect',
  'investments.write',
  'investments.review',
  'investments.approve',
  'discounts.request',
  'discounts.approve',
  'discounts.manage',
  'campaigns.read',
  'campaigns.manage',
  'campaigns.tasks',
  'churn.models',
  'churn.read',
  'churn.manage',
  'retention.write',
] as const;
export type Permission = (typeof permissions)[number];

const byRole: Record<Role, readonly Permission[]> = {
  admin: permissions,
  manager: [
    'customers.read',
    'customers.write',
    'customers.share',
    'interactions.write',
    'tickets.read',
    'tickets.write',
    'tickets.manage',
    'workorders.write',
    'complaints.manage',
    'service.reports',
    'commitments.write',
    'commitments.approve',
    'grading.read',
    'ka.read',
    'ka.write',
    'ka.assign',
    'opportunities.write',
    'orders.fulfil',
    'warnings.manage',
    'club.manage',
    'loyalty.redeem',
    'data.export',
    'surveys.read',
    'kpi.read',
    'kpi.manage',
    'investments.write',
    'investments.review',
    'discounts.request',
    'discounts.approve',
    'campaigns.read',
    'churn.read',
    'retention.write',
  ],
  account_manager: [
    'customers.read',
    'customers.write',
    'interactions.write',
    'pii.read',
    'tickets.read',
    'tickets.write',
    'commitments.write',
    'grading.read',
    'ka.read',
    'ka.write',
    'opportunities.write',
    'orders.fulfil',
    'loyalty.redeem',
    'data.export',
    'kpi.read',
    'investments.write',
    'discounts.request',
    'campaigns.tasks',
    'churn.read',
    'retention.write',
  ],
  agent: [
    'customers.read',
    'customers.write',
    'interactions.write',
    'pii.read',
    'tickets.read',
    'tickets.write',
    'commitments.write',
    'campaigns.tasks',
    'loyalty.redeem',
  ],
  back_office: [
    'customers.read',
    'interactions.write',
    'pii.read',
    'tickets.read',
    'workorders.write',
    'commitments.write',
    'ka.read',
    'orders.fulfil',
    'data.import',
    'retention.write',
  ],
  quality: [
    'customers.read',
    'interactions.write',
    'tickets.read',
    'tickets.write',
    'complaints.manage',
    'service.reports',
    'kb.manage',
    'grading.read',
    'ka.read',
    'surveys.read',
    'surveys.manage',
    'quality.inspect',
  ],
  marketing: [
    'customers.read',
    'service.reports',
    'grading.read',
    'grading.manage',
    'ka.read',
    'entitlements.manage',
    'club.manage',
    'loyalty.redeem',
    'data.export',
    'surveys.read',
    'campaigns.read',
    'campaigns.manage',
    'campaigns.tasks',
    'churn.models',
    'churn.read',
  ],
  finance: [
    'customers.read',
    'grading.read',
    'ka.read',
    'data.import',
    'data.export',
    'investments.approve',
    'churn.read',
  ],
};

export function permissionsOf(role: Role): ReadonlySet<string> {
  return new Set(byRole[role]);
}

/** Administrators see everything; account managers their portfolio; everyone else their org unit subtree. */
export function scopeOf(user: { id: number; role: Role }, subtreeOrgUnitIds: number[]): Scope {
  if (user.role === 'admin') return { kind: 'all' };
  if (user.role === 'account_manager') return { kind: 'portfolio', userId: user.id };
  return { kind: 'org', orgUnitIds: subtreeOrgUnitIds };
}

export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/** A sliding session is extended only once less than half its life is left, so most requests write nothing. */
export function shouldExtendSession(expiresAt: Date, now: Date, ttlMinutes: number): boolean {
  return expiresAt.getTime() - now.getTime() < (ttlMinutes * 60_000) / 2;
}
