import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors';
import { idsOf, parseTmfQuery, projectFields, resourceIdOf, textsOf } from './tmf.query';

const opts = {
  filters: {
    id: { kind: 'string' as const },
    name: { kind: 'string' as const },
    status: { kind: 'enum' as const, values: ['active', 'prospect'] },
    amount: { kind: 'number' as const },
    creationDate: { kind: 'date' as const },
  },
  sortable: ['name', 'creationDate'],
};

const badParam = (query: Record<string, unknown>) => {
  try {
    parseTmfQuery(query, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).statusCode).toBe(400);
    return (e as AppError).details?.[0]?.path;
  }
  throw new Error('expected a 400');
};

describe('TMF list query', () => {
  it('reads fields, paging and sort, with defaults', () => {
    expect(parseTmfQuery({}, opts)).toEqual({ fields: null, offset: 0, limit: 100, sort: [], filters: {} });
    const q = parseTmfQuery({ fields: 'name, status.x', offset: '20', limit: '5', sort: '-creationDate,+name' }, opts);
    expect(q.fields).toEqual(['name', 'status']);
    expect(q).toMatchObject({ offset: 20, limit: 5 });
    expect(q.sort).toEqual([
      { field: 'creationDate', desc: true },
      { field: 'name', desc: false },
    ]);
  });

  it('reads comma lists and repeated parameters as OR, and range suffixes on numbers and dates', () => {
    const q = parseTmfQuery(
      { status: 'active,prospect', name: ['a', 'b'], 'amount.gte': '10', 'creationDate.lt': '2026-01-01' },
      opts,
    );
    expect(q.filters.status.in).toEqual(['active', 'prospect']);
    expect(q.filters.name.in).toEqual(['a', 'b']);
    expect(q.filters.amount.gte).toBe(10);
    expect(q.filters.creationDate.lt).toEqual(new Date('2025-12-31T16:00:00Z'));
  });

  it('answers 400 naming the parameter for anything the API does not support', () => {
    expect(badParam({ severity: 'Major' })).toBe('severity');
    expect(badParam({ 'name.gt': 'a' })).toBe('name.gt');
    expect(badParam({ status: 'closed' })).toBe('status');
    expect(badParam({ 'amount.lt': 'many' })).toBe('amount.lt');
    expect(badParam({ 'creationDate.gte': 'yesterday' })).toBe('creationDate.gte');
    expect(badParam({ sort: 'status' })).toBe('sort');
    expect(badParam({ limit: '0' })).toBe('limit');
    expect(badParam({ offset: '-1' })).toBe('offset');
    expect(badParam({ name: '' })).toBe('name');
  });

  it('projects the selected attributes and always keeps id, href and @type', () => {
    const r = { id: '1', href: 'h', '@type': 'Customer', name: 'n', status: 's' };
    expect(projectFields(r, ['name'])).toEqual({ id: '1', href: 'h', '@type': 'Customer', name: 'n' });
    expect(projectFields(r, null)).toBe(r);
  });

  it('reads any id that cannot be ours as a missing one', () => {
    expect(resourceIdOf('42')).toBe(42);
    for (const raw of ['0', '-1', '042', '12345678901', '2147483648', 'c2df1950-c17c', '1.5']) {
      expect(resourceIdOf(raw)).toBeNull();
    }
    expect(idsOf({ in: ['7', 'abc'] })).toEqual([7]);
  });

  it('keeps free text as sent besides its comma parts, and names the code of an unsupported filter or sort', () => {
    const q = parseTmfQuery({ name: ['Acme, Inc', 'Zeta'] }, opts);
    expect(textsOf(q.filters.name)).toEqual(['Acme, Inc', 'Zeta', 'Acme', 'Inc']);
    expect(textsOf(q.filters.id)).toBeUndefined();
    expect(() => parseTmfQuery({ colour: 'red' }, opts)).toThrow(
      expect.objectContaining({ code: 'tmf.unsupported_filter' }),
    );
    expect(() => parseTmfQuery({ sort: 'amount' }, opts)).toThrow(
      expect.objectContaining({ code: 'tmf.unsupported_sort' }),
    );
  });
});
