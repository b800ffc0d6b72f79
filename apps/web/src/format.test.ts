import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatFen, formatPercent, formatYuan, yuanToFen } from './format';

describe('formatFen', () => {
  it('formats integer fen exactly', () => {
    expect(formatFen(999999)).toBe('¥9,999.99');
    expect(formatFen(50000000)).toBe('¥500,000.00');
    expect(formatFen(1234567)).toBe('¥12,345.67');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(1)).toBe('¥0.01');
    expect(formatFen(10)).toBe('¥0.10');
    expect(formatFen(100)).toBe('¥1.00');
    expect(formatFen(99)).toBe('¥0.99');
  });

  it('handles negatives', () => {
    expect(formatFen(-1)).toBe('-¥0.01');
    expect(formatFen(-999999)).toBe('-¥9,999.99');
    expect(formatFen(-140000)).toBe('-¥1,400.00');
    expect(formatFen(-0)).toBe('¥0.00');
  });

  it('is exact for large amounts', () => {
    expect(formatFen(1e13)).toBe('¥100,000,000,000.00');
    expect(formatFen(900719925474099)).toBe('¥9,007,199,254,740.99');
    expect(formatFen(123456789012345678n)).toBe('¥1,234,567,890,123,456.78');
  });

  it('supports options and empty values', () => {
    expect(formatFen(1234567, { symbol: false })).toBe('12,345.67');
    expect(formatFen(1234550, { decimals: false })).toBe('¥12,346');
    expect(formatFen(1234549, { decimals: false })).toBe('¥12,345');
    expect(formatFen(-150, { decimals: false })).toBe('-¥2');
    expect(formatFen(null)).toBe('—');
    expect(formatFen(undefined, { empty: '' })).toBe('');
    expect(formatFen(Number.NaN)).toBe('—');
  });

  it('rounds a non-integer input to the nearest fen', () => {
    expect(formatFen(100.4)).toBe('¥1.00');
    expect(formatFen(100.6)).toBe('¥1.01');
  });
});

describe('formatYuan / yuanToFen', () => {
  it('converts through decimal text, not binary floats', () => {
    expect(yuanToFen(1.005)).toBe(101);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(2550)).toBe(255000);
    expect(formatYuan(600)).toBe('¥600.00');
    expect(formatYuan(19.99)).toBe('¥19.99');
    expect(formatYuan(-1400)).toBe('-¥1,400.00');
  });
});

describe('dates', () => {
  it('keeps calendar dates and converts timestamps to Asia/Shanghai', () => {
    expect(formatDate('2024-03-01')).toBe('2024-03-01');
    expect(formatDate('2024-02-29T16:30:00Z')).toBe('2024-03-01');
    expect(formatDateTime('2024-02-29T16:30:05Z')).toBe('2024-03-01 00:30');
    expect(formatDateTime('2024-02-29T16:30:05Z', { seconds: true })).toBe('2024-03-01 00:30:05');
    expect(formatDate(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });
});

describe('formatPercent', () => {
  it('formats ratios and percentages', () => {
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatPercent(0.38, { digits: 0 })).toBe('38%');
    expect(formatPercent(87.5, { ratio: false })).toBe('87.5%');
    expect(formatPercent(undefined)).toBe('—');
  });
});
