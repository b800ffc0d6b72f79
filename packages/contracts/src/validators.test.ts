import { describe, expect, it } from 'vitest';
import { isoDate } from './common';
import { customerCreate } from './customers';
import {
  creditCodeCheckChar,
  idNumberCheckChar,
  isValidCreditCode,
  isValidIdNumber,
  isValidMobile,
  isValidPhone,
  maskIdNumber,
  maskPhone,
} from './validators';

describe('Unified Social Credit Code (GB 32100-2015)', () => {
  it('accepts real codes', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('accepts codes built with the computed check character, including letter check characters', () => {
    const checks = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const first17 = `91320100MA${String(i).padStart(7, '0')}`;
      const code = first17 + creditCodeCheckChar(first17);
      expect(isValidCreditCode(code)).toBe(true);
      checks.add(code[17]);
    }
    expect([...checks].some((c) => /[A-Z]/.test(c))).toBe(true);
  });

  it('refuses a wrong check character, a wrong length, lower case and the letters I, O, S, V, Z', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y433')).toBe(false);
    expect(isValidCreditCode('91350100m000100y43')).toBe(false);
    for (const letter of 'IOSVZ') {
      const first17 = `91350100${letter}000100Y4`;
      expect(creditCodeCheckChar(first17)).toBeNull();
      expect(isValidCreditCode(`${first17}3`)).toBe(false);
    }
    expect(creditCodeCheckChar('short')).toBeNull();
  });
});

describe('resident ID number (GB 11643-1999)', () => {
  it('accepts real numbers, with the check digit X in either case', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
  });

  it('accepts numbers built with the computed check digit', () => {
    for (const first17 of ['44030619800101123', '32010220000229456', '65010119991231001']) {
      expect(isValidIdNumber(first17 + idNumberCheckChar(first17))).toBe(true);
    }
  });

  it('refuses a wrong check digit, an impossible birth date, a leading zero and a wrong length', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    for (const first17 of ['11010519490230001', '11010520010229001', '11010519491301001', '11010518991231001']) {
      expect(isValidIdNumber(first17 + idNumberCheckChar(first17))).toBe(false);
    }
    const leadingZero = '01010519491231002';
    expect(isValidIdNumber(leadingZero + idNumberCheckChar(leadingZero))).toBe(false);
    expect(isValidIdNumber('11010519491231002')).toBe(false);
    expect(idNumberCheckChar('1101051949123100A')).toBeNull();
  });
});

describe('phone numbers', () => {
  it('accepts mainland mobiles 13x-19x with 11 digits only', () => {
    expect(isValidMobile('13912345678')).toBe(true);
    expect(isValidMobile('19912345678')).toBe(true);
    expect(isValidMobile('12912345678')).toBe(false);
    expect(isValidMobile('1391234567')).toBe(false);
    expect(isValidMobile('139123456789')).toBe(false);
    expect(isValidMobile('+8613912345678')).toBe(false);
  });

  it('accepts fixed lines with or without an area code, and mobiles', () => {
    for (const p of ['025-84001234', '02584001234', '84001234', '0571-8888888', '13912345678']) {
      expect(isValidPhone(p)).toBe(true);
    }
    for (const p of ['abc', '123', '025-', '1-84001234']) expect(isValidPhone(p)).toBe(false);
  });
});

describe('masking', () => {
  it('keeps the region and the last four characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber(null)).toBeNull();
  });

  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13912345678')).toBe('139****5678');
    expect(maskPhone('025-84001234')).toBe('025****1234');
    expect(maskPhone('12345')).toBe('****');
    expect(maskPhone(null)).toBeNull();
  });
});

describe('schemas', () => {
  it('accepts calendar dates only', () => {
    expect(isoDate.safeParse('2024-02-29').success).toBe(true);
    expect(isoDate.safeParse('2023-02-29').success).toBe(false);
    expect(isoDate.safeParse('2024-13-01').success).toBe(false);
    expect(isoDate.safeParse('2024-1-1').success).toBe(false);
    expect(isoDate.safeParse('1899-12-31').success).toBe(false);
  });

  it('normalises identifiers to upper case and checks the party rules of a new customer', () => {
    const ok = customerCreate.parse({
      partyType: 'individual',
      category: 'public',
      name: ' 张三 ',
      idNumber: '11010519491231002x',
    });
    expect(ok).toMatchObject({ name: '张三', idNumber: '11010519491231002X' });
    const bad = customerCreate.safeParse({
      partyType: 'individual',
      category: 'key_account',
      name: 'x',
      creditCode: '91350100M000100Y43',
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['category', 'creditCode']);
  });
});
