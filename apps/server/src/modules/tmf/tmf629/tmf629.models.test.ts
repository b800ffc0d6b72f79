import { describe, expect, it } from 'vitest';
import { customerCreateOf, customerUpdateOf, dateBoundsOf } from './tmf629.models';

describe('TMF629 mapping', () => {
  it('turns instant bounds into bounds on the Shanghai since-date', () => {
    const midnight = new Date('2024-01-01T00:00:00+08:00');
    const noon = new Date('2024-01-01T12:00:00+08:00');
    expect(dateBoundsOf({ gte: midnight })).toEqual({ gte: '2024-01-01' });
    expect(dateBoundsOf({ gte: noon })).toEqual({ gt: '2024-01-01' });
    expect(dateBoundsOf({ lt: midnight })).toEqual({ lt: '2024-01-01' });
    expect(dateBoundsOf({ lt: noon })).toEqual({ lte: '2024-01-01' });
    expect(dateBoundsOf({ gt: noon, lte: noon })).toEqual({ gt: '2024-01-01', lte: '2024-01-01' });
  });

  it('creates an organisation or individual from the engaged party, with contact media and characteristics', () => {
    expect(
      customerCreateOf({
        name: '张三',
        engagedParty: { '@referredType': 'Individual' },
        contactMedium: [{ mediumType: 'mobile', characteristic: { phoneNumber: '13912345678' } }],
        relatedParty: [{ id: '7', role: 'accountManager', '@referredType': 'Individual' }],
        validFor: { startDateTime: '2023-12-31T20:00:00Z' },
      }),
    ).toMatchObject({
      partyType: 'individual',
      category: 'public',
      mobile: '13912345678',
      accountManagerId: 7,
      sinceDate: '2024-01-01',
    });
    expect(customerCreateOf({ name: 'x', engagedParty: { id: '500' } })).toMatchObject({
      partyType: 'organization',
      category: 'business',
    });
  });

  it('refuses read-only and unknown characteristics, unknown statuses and a new engaged party', () => {
    expect(() => customerUpdateOf({ characteristic: [{ name: 'stars', value: 5 }] })).toThrow(/characteristic.stars/);
    expect(() => customerUpdateOf({ characteristic: [{ name: 'colour', value: 'red' }] })).toThrow(/colour/);
    expect(() => customerUpdateOf({ status: 'vip' })).toThrow(/status/);
    expect(() => customerUpdateOf({ engagedParty: { id: '1' } })).toThrow(/engagedParty/);
    expect(customerUpdateOf({ status: 'Approved', contactMedium: [] })).toEqual({
      status: 'active',
      mobile: null,
      email: null,
      address: null,
    });
  });
});
