import { describe, expect, it } from 'vitest';
import { parseTmfQuery } from '../common/tmf.query';
import {
  accountCreateOf,
  accountUpdateOf,
  billingAccountFilterOf,
  billingAccountFilters,
  billingAccountSortable,
  customerIdOf,
  toBillingAccount,
} from './tmf666.models';

const parse = (q: Record<string, string>) =>
  parseTmfQuery(q, { filters: billingAccountFilters, sortable: billingAccountSortable });
const row = {
  id: 7,
  customerId: 3,
  customerName: '金陵钢铁集团',
  accountNo: 'A0000007',
  name: '总部账户',
  paymentMethod: 'prepaid' as const,
  billCycleDay: 5,
  status: 'active' as const,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-02-01T00:00:00Z'),
};

describe('TMF666 billing account mapping', () => {
  it('maps an account with its customer, bill cycle as dateShift and prepaid as accountType', () => {
    expect(toBillingAccount(row, 'https://crm.example.com')).toMatchObject({
      id: '7',
      href: 'https://crm.example.com/tmf-api/accountManagement/v4/billingAccount/7',
      accountType: 'prepaid',
      lastModified: '2026-02-01T00:00:00.000Z',
      billStructure: { cycleSpecification: { dateShift: 4, frequency: 'monthly' } },
      relatedParty: [{ id: '3', role: 'Customer', name: '金陵钢铁集团' }],
    });
  });

  it('reads accountType as payment methods, intersected with defaultPaymentMethod.id', () => {
    expect(billingAccountFilterOf(parse({ accountType: 'postpaid' })).paymentMethods).toEqual([
      'cash',
      'bank_debit',
      'transfer',
    ]);
    const both = parse({ accountType: 'postpaid', 'defaultPaymentMethod.id': 'cash,prepaid' });
    expect(billingAccountFilterOf(both).paymentMethods).toEqual(['cash']);
    const f = billingAccountFilterOf(parse({ 'relatedParty.id': '3,x', sort: '-lastModified', state: 'closed' }));
    expect(f).toMatchObject({ customerIds: [3], statuses: ['closed'], sort: [{ column: 'updatedAt', desc: true }] });
  });

  it('takes the customer from the related party with role Customer, else a 400 naming relatedParty', () => {
    expect(
      customerIdOf([
        { id: '9', role: 'accountManager' },
        { id: '3', role: 'customer' },
      ]),
    ).toBe(3);
    expect(customerIdOf([{ id: '4' }])).toBe(4);
    expect(() => customerIdOf([])).toThrow(/relatedParty/);
    expect(() => customerIdOf([{ id: 'abc', role: 'Customer' }])).toThrow(/relatedParty.id/);
  });

  it('maps create and merge-patch bodies onto the billing service input', () => {
    expect(accountCreateOf({ name: 'x', accountType: 'prepaid' })).toMatchObject({ paymentMethod: 'prepaid' });
    expect(accountCreateOf({ name: 'x', billStructure: { cycleSpecification: { dateShift: 0 } } })).toMatchObject({
      billCycleDay: 1,
    });
    expect(() => accountCreateOf({ accountType: 'prepaid', defaultPaymentMethod: { id: 'cash' } })).toThrow(
      /accountType/,
    );
    expect(accountUpdateOf({ state: 'closed', name: 'y' }, row)).toEqual({ status: 'closed', name: 'y' });
    expect(() => accountUpdateOf({ accountType: 'postpaid' }, row)).toThrow(/defaultPaymentMethod/);
    expect(() => accountUpdateOf({ relatedParty: [{ id: '4', role: 'Customer' }] }, row)).toThrow(/relatedParty/);
    expect(accountUpdateOf({ relatedParty: [{ id: '3', role: 'Customer' }] }, row)).toEqual({});
  });
});
