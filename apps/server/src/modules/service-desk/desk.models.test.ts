import { describe, expect, it } from 'vitest';
import { isOverdue, nextCommitmentStatus, withinLimit } from './commitments/commitments.models';
import { callPriority, compareCalls, entitlementsFor } from './desk.models';

const call = (f: Partial<Parameters<typeof callPriority>[0]>) =>
  callPriority({ category: 'public', tier: null, importance: null, intent: 'consultation', severity: 'minor', ...f });

describe('hotline priority', () => {
  it('answers any key account before any business or public caller, whatever the request', () => {
    const lowestKa = call({ category: 'key_account', intent: 'suggestion' });
    const highestBusiness = call({ category: 'business', intent: 'fault_report', severity: 'critical' });
    const highestPublic = call({ category: 'public', intent: 'fault_report', severity: 'critical' });
    expect(lowestKa).toBeGreaterThan(highestBusiness);
    expect(highestBusiness).toBeGreaterThan(highestPublic);
    expect(highestPublic).toBeGreaterThan(call({ category: null, intent: 'suggestion' }) - 1);
  });

  it('ranks KA by tier, then importance, then request type and severity', () => {
    const ka = (tier: 'diamond' | 'jade' | 'crystal' | null, more = {}) =>
      call({ category: 'key_account', tier, ...more });
    expect(ka('diamond')).toBeGreaterThan(ka('jade'));
    expect(ka('jade')).toBeGreaterThan(ka('crystal'));
    expect(ka('crystal')).toBeGreaterThan(ka(null));
    expect(ka('jade', { importance: 'important' })).toBeGreaterThan(ka('jade', { importance: 'ordinary' }));
    expect(ka('gem' as never, { intent: 'fault_report' })).toBeGreaterThan(
      ka('gem' as never, { intent: 'consultation' }),
    );
    expect(call({ severity: 'critical' })).toBeGreaterThan(call({ severity: 'major' }));
  });

  it('orders the queue by priority, then by waiting time', () => {
    const t = (s: string) => new Date(`2025-11-17T${s}+08:00`);
    const calls = [
      { id: 'public-early', priority: call({}), arrivedAt: t('10:00:00') },
      { id: 'ka-late', priority: call({ category: 'key_account', tier: 'gold' }), arrivedAt: t('10:05:00') },
      { id: 'public-later', priority: call({}), arrivedAt: t('10:01:00') },
    ];
    expect([...calls].sort(compareCalls).map((c) => c.id)).toEqual(['ka-late', 'public-early', 'public-later']);
  });
});

describe('service entitlements by class and tier', () => {
  it('gives KA priority answering and repair limits, diamond more, public the standard', () => {
    expect(entitlementsFor('key_account', 'diamond')).toEqual(
      expect.arrayContaining(['priority_answering', 'repair_time_limit', 'fault_7x24', 'resident_am', 'free_training']),
    );
    expect(entitlementsFor('key_account', 'jade')).toContain('onsite_training');
    expect(entitlementsFor('key_account', 'gold')).toEqual(
      expect.arrayContaining(['training_sessions', 'airport_vip_lounge']),
    );
    expect(entitlementsFor('business', null)).toEqual(['differentiated_service']);
    expect(entitlementsFor('public', null)).toEqual(['standard_service']);
  });
});

describe('commitments', () => {
  it('checks the bottom line: no amount is fine, above the limit or without a limit needs approval', () => {
    expect(withinLimit(null, null)).toBe(true);
    expect(withinLimit(50_000, 50_000)).toBe(true);
    expect(withinLimit(50_001, 50_000)).toBe(false);
    expect(withinLimit(1, undefined)).toBe(false);
  });

  it('moves through its life cycle', () => {
    expect(nextCommitmentStatus('pending_approval', 'approve')).toBe('open');
    expect(nextCommitmentStatus('pending_approval', 'reject')).toBe('rejected');
    expect(nextCommitmentStatus('open', 'fulfil')).toBe('fulfilled');
    expect(nextCommitmentStatus('overdue', 'fulfil')).toBe('fulfilled');
    expect(nextCommitmentStatus('fulfilled', 'cancel')).toBeNull();
    expect(nextCommitmentStatus('pending_approval', 'fulfil')).toBeNull();
  });

  it('is overdue only when open and past due', () => {
    const now = new Date('2025-11-17T10:00:00+08:00');
    expect(isOverdue({ status: 'open', dueAt: new Date('2025-11-17T09:00:00+08:00') }, now)).toBe(true);
    expect(isOverdue({ status: 'pending_approval', dueAt: new Date('2025-11-17T09:00:00+08:00') }, now)).toBe(false);
    expect(isOverdue({ status: 'open', dueAt: new Date('2025-11-17T11:00:00+08:00') }, now)).toBe(false);
  });
});
