import { describe, expect, it } from 'vitest';
import { addMonths, contractEndDate, contractNoFor, duplicatesOf } from './products.models';

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
