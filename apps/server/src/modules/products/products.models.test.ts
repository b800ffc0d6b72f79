import { describe, expect, it } from 'vitest';
import { addMonths, contractEndDate, contractNoFor, contractTerm, duplicatesOf, productEdit } from './products.models';

describe('contract terms', () => {
  it('adds calendar months, clamping to the end of shorter months', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-11-15', 3)).toBe('2025-02-15');
  });

  it('ends a term the day before the same date after the term', () => {
    expect(contractEndDate('2024-01-01', 12)).toBe('2024-12-31');
    expect(contractEndDate('2024-01-15', 36)).toBe('2027-01-14');
    expect(contractEndDate('2024-03-01', 1)).toBe('2024-03-31');
    expect(contractEndDate('2023-12-31', 2)).toBe('2024-02-28');
  });

  it('numbers contracts after K', () => expect(contractNoFor(12)).toBe('K0000000012'));
});

describe('duplicatesOf', () => {
  it('lists the ids given more than once', () => {
    expect(duplicatesOf([1, 2, 2, 3, 3, 3])).toEqual([2, 3]);
    expect(duplicatesOf([])).toEqual([]);
  });
});

describe('productEdit', () => {
  const live = { status: 'active' as const, startDate: '2024-03-01', endDate: null };
  it('ends a terminated product today unless it ended earlier or an end date is given', () => {
    expect(productEdit(live, { status: 'terminated' }, '2026-11-28')).toEqual({
      status: 'terminated',
      endDate: '2026-11-28',
    });
    expect(productEdit({ ...live, endDate: '2025-01-31' }, { status: 'terminated' }, '2026-11-28')).toMatchObject({
      endDate: '2025-01-31',
    });
    expect(productEdit({ ...live, endDate: '2027-01-31' }, { status: 'terminated' }, '2026-11-28')).toMatchObject({
      endDate: '2026-11-28',
    });
    expect(productEdit(live, { status: 'terminated', endDate: '2026-12-31' }, '2026-11-28')).toMatchObject({
      endDate: '2026-12-31',
    });
  });
  it('keeps terminated products terminated and end dates after the start', () => {
    const ended = { status: 'terminated' as const, startDate: '2024-03-01', endDate: '2025-01-31' };
    expect(productEdit(ended, { status: 'active' }, '2026-11-28')).toMatchObject({ path: 'status' });
    expect(productEdit(ended, { status: 'terminated', endDate: null }, '2026-11-28')).toMatchObject({
      path: 'endDate',
    });
    expect(productEdit(live, { endDate: '2024-02-29' }, '2026-11-28')).toMatchObject({ path: 'endDate' });
  });
});

describe('contractTerm', () => {
  const c = { startDate: '2024-03-01', termMonths: 36, endDate: '2027-02-28' };
  it('recomputes the end of a new start or term unless an end date is given', () => {
    expect(contractTerm(c, { termMonths: 12 })).toEqual({ ...c, termMonths: 12, endDate: '2025-02-28' });
    expect(contractTerm(c, { startDate: '2024-04-15' })).toEqual({
      ...c,
      startDate: '2024-04-15',
      endDate: '2027-04-14',
    });
    expect(contractTerm(c, { termMonths: 12, endDate: '2025-06-30' })).toMatchObject({ endDate: '2025-06-30' });
    expect(contractTerm(c, {})).toEqual(c);
    expect(contractTerm(c, { endDate: '2024-01-01' })).toMatchObject({ path: 'endDate' });
  });
});
