import { describe, expect, it } from 'vitest';
import {
  customerNoFor,
  escapeLike,
  idNumberFacts,
  normalisePhone,
  onSameBranch,
  partyRuleViolations,
  splitUpdate,
} from './customers.models';

describe('customer numbers', () => {
  it('pads the id to ten digits after C', () => {
    expect(customerNoFor(42)).toBe('C0000000042');
    expect(customerNoFor(12_345_678_901)).toBe('C12345678901');
  });
});

describe('partyRuleViolations', () => {
  const org = {
    partyType: 'organization',
    category: 'business',
    publicSubtype: null,
    creditCode: null,
    idNumber: null,
  } as const;

  it('accepts consistent customers', () => {
    expect(partyRuleViolations(org)).toEqual([]);
    expect(
      partyRuleViolations({
        ...org,
        partyType: 'individual',
        category: 'public',
        publicSubtype: 'mobile',
        idNumber: 'x',
      }),
    ).toEqual([]);
  });

  it('names every broken rule', () => {
    expect(partyRuleViolations({ ...org, idNumber: 'x' }).map((v) => v.path)).toEqual(['idNumber']);
    expect(
      partyRuleViolations({ ...org, partyType: 'individual', category: 'key_account', creditCode: 'x' }).map(
        (v) => v.path,
      ),
    ).toEqual(['creditCode', 'category']);
    expect(partyRuleViolations({ ...org, publicSubtype: 'residential' }).map((v) => v.path)).toEqual(['publicSubtype']);
  });
});

describe('idNumberFacts', () => {
  it('reads the birth date and the gender digit', () => {
    expect(idNumberFacts('11010519491231002X')).toEqual({ birthDate: '1949-12-31', gender: 'female' });
    expect(idNumberFacts('110105194912310011')).toMatchObject({ gender: 'male' });
  });
});

describe('splitUpdate', () => {
  it('separates party columns from customer columns and drops absent fields', () => {
    expect(
      splitUpdate({ name: 'n', mobile: null, status: 'churned', notes: undefined, accountManagerId: null }),
    ).toEqual({
      party: { name: 'n', mobile: null },
      customer: { status: 'churned', accountManagerId: null },
    });
  });
});

describe('helpers', () => {
  it('tells whether two org units lie on one branch', () => {
    expect(onSameBranch('/1/2/3/', '/1/2/')).toBe(true);
    expect(onSameBranch('/1/2/', '/1/2/3/')).toBe(true);
    expect(onSameBranch('/1/2/', '/1/4/')).toBe(false);
  });

  it('normalises a caller number', () => {
    expect(normalisePhone(' 139 1234 5678 ')).toBe('13912345678');
    expect(normalisePhone('+8613912345678')).toBe('13912345678');
    expect(normalisePhone('0086-13912345678')).toBe('13912345678');
    expect(normalisePhone('025-84001234')).toBe('025-84001234');
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
  });
});
