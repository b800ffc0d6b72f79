import { describe, expect, it } from 'vitest';
import { diffChanges } from './audit.models';

describe('audit change sets', () => {
  it('lists every field of a created record with before null', () => {
    expect(diffChanges(null, { name: '南京分公司', level: 'city' })).toEqual({
      name: { before: null, after: '南京分公司' },
      level: { before: null, after: 'city' },
    });
  });

  it('lists only the fields an update changed', () => {
    expect(diffChanges({ name: 'a', status: 'active', n: 1 }, { name: 'a', status: 'churned', n: 1 })).toEqual({
      status: { before: 'active', after: 'churned' },
    });
  });

  it('lists every field of a deleted record with after null', () => {
    expect(diffChanges({ name: 'x' }, null)).toEqual({ name: { before: 'x', after: null } });
  });

  it('ignores bookkeeping timestamps, normalises dates and hides secrets', () => {
    const d = new Date('2026-01-02T03:04:05Z');
    expect(
      diffChanges(
        { updatedAt: new Date(0), since: null, passwordHash: 'old' },
        { updatedAt: d, since: d, passwordHash: 'new' },
      ),
    ).toEqual({
      since: { before: null, after: '2026-01-02T03:04:05.000Z' },
      passwordHash: { before: '***', after: '***' },
    });
  });
});
