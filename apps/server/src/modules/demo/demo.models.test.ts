import { isValidCreditCode, isValidIdNumber, isValidMobile, isValidPhone } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { creditCode, fixedNumber, IdNumbers, mobileNumber, organisationCode } from './demo.identifiers';
import {
  addMonthsToDate,
  kaSpendYuan,
  periodsBefore,
  publicSpendYuan,
  tierBands,
  tierOfYuan,
  usageShares,
} from './demo.models';
import { otherMobilePrefixes, ownMobilePrefixes } from './demo.names';
import { goldenQuantile, Rng } from './demo.random';

describe('demo identifiers', () => {
  it('builds valid, unique credit codes', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const code = creditCode(i, '320106', i % 3 === 0 ? '11' : '91');
      expect(isValidCreditCode(code)).toBe(true);
      seen.add(code.slice(8, 16));
    }
    expect(seen.size).toBe(20_000);
    // GB 11714: c = 11 - (weighted sum mod 11), 11 -> '0', 10 -> 'X'.
    expect(organisationCode('00000000')).toBe('000000000');
    expect(organisationCode('00000001')).toBe('000000019'); // 2 -> 11 - 2 = 9
    expect(organisationCode('10000000')).toBe('100000008'); // 3 -> 8
    expect(organisationCode('00000030')).toBe('00000030X'); // 12 -> 10
  });

  it('hands out valid, unique resident ID numbers even when many share a birth date', () => {
    const ids = new IdNumbers();
    const seen = new Set<string>();
    for (let i = 0; i < 3_000; i++) {
      const { idNumber, birthDate } = ids.make(20_000, i % 2 === 0, '320102');
      expect(isValidIdNumber(idNumber)).toBe(true);
      expect(idNumber.slice(6, 14)).toBe(birthDate.replaceAll('-', ''));
      expect(Number(idNumber[16]) % 2).toBe(i % 2 === 0 ? 1 : 0);
      seen.add(idNumber);
    }
    expect(seen.size).toBe(3_000);
  });

  it('generates valid, unique mobile and fixed numbers', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) {
      seen.add(mobileNumber(i, ownMobilePrefixes));
      seen.add(mobileNumber(i, otherMobilePrefixes));
      seen.add(fixedNumber(i, '025'));
    }
    expect(seen.size).toBe(150_000);
    for (const n of [...seen].slice(0, 2_000)) expect(n.includes('-') ? isValidPhone(n) : isValidMobile(n)).toBe(true);
  });
});

describe('demo distributions', () => {
  it('is reproducible from the seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const xs = Array.from({ length: 100 }, () => a.u32());
    expect(Array.from({ length: 100 }, () => b.u32())).toEqual(xs);
    expect(Array.from({ length: 100 }, () => c.u32())).not.toEqual(xs);
  });

  it('spreads key accounts over the tier bands with their shares', () => {
    const rng = new Rng(1);
    const counts: Record<string, number> = {};
    const n = 10_000;
    for (let i = 0; i < n; i++) {
      const tier = tierOfYuan(kaSpendYuan(goldenQuantile(i, 0.3), rng.next()));
      counts[tier] = (counts[tier] ?? 0) + 1;
    }
    for (const band of tierBands) expect(Math.abs(counts[band.tier] / n - band.share)).toBeLessThan(0.002);
  });

  it('gives public customers mostly 30-300 yuan with a tail above 300', () => {
    const rng = new Rng(7);
    const xs = Array.from({ length: 20_000 }, () => publicSpendYuan(rng, 'mobile'));
    const share = (f: (x: number) => boolean) => xs.filter(f).length / xs.length;
    expect(share((x) => x >= 30 && x <= 300)).toBeGreaterThan(0.8);
    expect(share((x) => x > 300)).toBeGreaterThan(0.03);
    expect(share((x) => x > 800)).toBeGreaterThan(0.001);
  });

  it('splits usage into shares summing to 1000', () => {
    const rng = new Rng(3);
    for (let i = 0; i < 100; i++) {
      const s = usageShares(rng, 'key_account', i % 2 === 0);
      expect(s.reduce((a, b) => a + b, 0)).toBe(1000);
      expect(Math.min(...s)).toBeGreaterThan(0);
    }
  });

  it('lists the complete months before now in Asia/Shanghai', () => {
    // 2025-01-31 20:00 UTC is already 1 February in Shanghai: January is complete.
    const p = periodsBefore(new Date('2025-01-31T20:00:00Z'), 3);
    expect(p.map((x) => x.period)).toEqual(['2024-11', '2024-12', '2025-01']);
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
  });
});
