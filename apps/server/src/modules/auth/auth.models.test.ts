import { describe, expect, it } from 'vitest';
import { hashToken, permissionsOf, scopeOf, shouldExtendSession } from './auth.models';

describe('role permissions and row scope', () => {
  it('gives administrators every permission and the whole operator', () => {
    expect(permissionsOf('admin').has('users.manage')).toBe(true);
    expect(scopeOf({ id: 1, role: 'admin' }, [])).toEqual({ kind: 'all' });
  });

  it('limits account managers to their portfolio', () => {
    expect(scopeOf({ id: 7, role: 'account_manager' }, [1, 2])).toEqual({ kind: 'portfolio', userId: 7 });
  });

  it('limits other roles to their org unit subtree', () => {
    expect(scopeOf({ id: 3, role: 'manager' }, [4, 5])).toEqual({ kind: 'org', orgUnitIds: [4, 5] });
    expect(scopeOf({ id: 3, role: 'agent' }, [4])).toEqual({ kind: 'org', orgUnitIds: [4] });
  });

  it('shows personal data only to roles that work with the customer directly', () => {
    expect(permissionsOf('agent').has('pii.read')).toBe(true);
    expect(permissionsOf('account_manager').has('pii.read')).toBe(true);
    expect(permissionsOf('marketing').has('pii.read')).toBe(false);
    expect(permissionsOf('finance').has('pii.read')).toBe(false);
  });
});

describe('sessions', () => {
  it('extends a sliding session only after half of its life', () => {
    const now = new Date('2026-11-28T10:00:00+08:00');
    const ttl = 480;
    expect(shouldExtendSession(new Date(now.getTime() + 400 * 60_000), now, ttl)).toBe(false);
    expect(shouldExtendSession(new Date(now.getTime() + 200 * 60_000), now, ttl)).toBe(true);
  });

  it('stores tokens only as a SHA-256 digest', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
