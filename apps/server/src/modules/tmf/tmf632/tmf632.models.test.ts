import { describe, expect, it } from 'vitest';
import { joinPersonName, partyCreateOf, splitPersonName } from './tmf632.models';

describe('TMF632 person names', () => {
  it('splits Chinese names family name first, compound surnames included, and spaced names at the space', () => {
    expect(splitPersonName('张三')).toEqual({ familyName: '张', givenName: '三' });
    expect(splitPersonName('欧阳修远')).toEqual({ familyName: '欧阳', givenName: '修远' });
    expect(splitPersonName('Lamborgizzia Jane')).toEqual({ familyName: 'Lamborgizzia', givenName: 'Jane' });
  });

  it('joins family and given name so that splitting gives them back', () => {
    for (const [f, g] of [
      ['王', '小明'],
      ['Lamborgizzia', 'Jane'],
    ]) {
      expect(splitPersonName(joinPersonName(f, g))).toEqual({ familyName: f, givenName: g });
    }
  });

  it('creates a prospect customer role: public for a person, business for an organisation', () => {
    expect(partyCreateOf('individual', { familyName: '李', givenName: '四' })).toMatchObject({
      partyType: 'individual',
      category: 'public',
      status: 'prospect',
      name: '李四',
    });
    expect(
      partyCreateOf('organization', {
        tradingName: '星辰科技',
        organizationIdentification: [{ identificationType: 'unifiedSocialCreditCode', identificationId: 'X' }],
      }),
    ).toMatchObject({ partyType: 'organization', category: 'business', name: '星辰科技', creditCode: 'X' });
    expect(() => partyCreateOf('individual', {})).toThrow(/familyName/);
  });
});
