import { callerCard, customerLookup } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { projectionOf } from './trusted-serializer';

describe('trusted row serializer of the hotline routes', () => {
  it('writes the lookup row exactly as the zod serializer does, dropping columns the contract does not name', () => {
    const row = {
      id: 42,
      customerNo: 'C0000000042',
      name: '客户42',
      category: 'public',
      status: 'active',
      organizationType: null,
      accountManagerId: null,
      accountManagerName: null,
      accountManagerPhone: null,
      orgUnitName: '集团公司',
      matchedBy: 'party_mobile',
      matchedContactName: null,
      idNumber: '320102199001011234',
    };
    const project = projectionOf(customerLookup)!;
    expect(JSON.stringify(project(row))).toBe(JSON.stringify(customerLookup.parse(row)));
    expect(project(row)).not.toHaveProperty('idNumber');
  });

  it('follows nested objects, arrays and nullable parts of the caller card', () => {
    const project = projectionOf(callerCard)!;
    const card = {
      phone: '139****0001',
      identified: true,
      secret: 'x',
      customer: null,
      grading: { tier: null, stars: 3, importance: null, abcClass: 'A', period: '2026-11', raw: 1 },
      entitlements: ['standard_service'],
      repairLimitMinutes: null,
      openTickets: [],
      openCommitments: [],
      lastBills: [{ period: '2026-11', totalFen: 100, arrearsFen: 0, accountNo: 'A1' }],
      products: [],
      productCounts: { total: 0, live: 0 },
      privileges: [],
      priorityHotline: false,
    };
    expect(JSON.stringify(project(card))).toBe(JSON.stringify(callerCard.parse(card)));
  });

  it('declines schemas it cannot follow, so zod serializes them', () => {
    expect(projectionOf(z.object({ a: z.union([z.string(), z.number()]) }))).toBeNull();
    expect(projectionOf(z.record(z.string(), z.number()))).toBeNull();
  });
});
