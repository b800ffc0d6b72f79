import { describe, expect, it } from 'vitest';
import { accountNoFor, shiftPeriod, spendWindow } from './billing.models';

describe('shiftPeriod', () => {
  it('moves across year boundaries both ways', () => {
    expect(shiftPeriod('2024-01', -1)).toBe('2023-12');
    expect(shiftPeriod('2023-12', 1)).toBe('2024-01');
    expect(shiftPeriod('2024-06', -23)).toBe('2022-07');
    expect(shiftPeriod('2024-06', 0)).toBe('2024-06');
  });
});

describe('spendWindow', () => {
  it('fills the consecutive months ending at the newest bill, oldest first, with zeros for gaps', () => {
    const out = spendWindow(
      [
        { period: '2024-03', totalFen: 300 },
        { period: '2024-01', totalFen: 100 },
      ],
      4,
    );
    expect(out).toEqual([
      { period: '2023-12', totalFen: 0 },
      { period: '2024-01', totalFen: 100 },
      { period: '2024-02', totalFen: 0 },
      { period: '2024-03', totalFen: 300 },
    ]);
  });

  it('drops periods older than the window and gives nothing without bills', () => {
    expect(
      spendWindow(
        [
          { period: '2024-03', totalFen: 1 },
          { period: '2020-01', totalFen: 9 },
        ],
        2,
      ),
    ).toEqual([
      { period: '2024-02', totalFen: 0 },
      { period: '2024-03', totalFen: 1 },
    ]);
    expect(spendWindow([], 24)).toEqual([]);
    expect(spendWindow([{ period: '2024-03', totalFen: 1 }])).toHaveLength(24);
  });
});

describe('accountNoFor', () => {
  it('pads the id after A', () => expect(accountNoFor(7)).toBe('A0000000007'));
});
