import { describe, expect, it } from 'vitest';
import {
  type CustomerFacts,
  defaultRuleSettings,
  evaluateCustomer,
  resolveSettings,
  type SettingRow,
} from './warnings.models';

const facts = (over: Partial<CustomerFacts> = {}): CustomerFacts => ({
  customerId: 1,
  spend: {},
  arrearsFen: 0,
  contracts: [],
  tier: null,
  previousTier: null,
  gradingPeriod: null,
  lastContactDate: '2026-05-20',
  sinceDate: '2020-01-01',
  priceReviews: [],
  openComplaints: null,
  ...over,
});
const codes = (f: CustomerFacts, settings = defaultRuleSettings) =>
  evaluateCustomer(f, settings, '2026-05', '2026-06-01').map((w) => w.ruleCode);

describe('warning rules', () => {
  it('warns on a spend drop of at least 20% against the previous 3-month average', () => {
    const spend = { '2026-02': 1_000_000, '2026-03': 1_000_000, '2026-04': 1_000_000, '2026-05': 790_000 };
    const [w] = evaluateCustomer(facts({ spend }), defaultRuleSettings, '2026-05', '2026-06-01');
    expect(w).toMatchObject({ ruleCode: 'spend_drop', causeKey: '2026-05', facts: { dropPct: 21 } });
    expect(codes(facts({ spend: { ...spend, '2026-05': 810_000 } }))).not.toContain('spend_drop');
  });

  it('honours a configured threshold', () => {
    const spend = { '2026-02': 1_000_000, '2026-03': 1_000_000, '2026-04': 1_000_000, '2026-05': 900_000 };
    const strict = { ...defaultRuleSettings, spend_drop: { enabled: true, params: { dropPct: 10, minBaseFen: 0 } } };
    expect(codes(facts({ spend }), strict)).toContain('spend_drop');
    const off = { ...defaultRuleSettings, spend_drop: { enabled: false, params: { dropPct: 10 } } };
    expect(codes(facts({ spend }), off)).not.toContain('spend_drop');
  });

  it('warns after N consecutive months of decline', () => {
    const spend = { '2026-02': 400, '2026-03': 300, '2026-04': 200, '2026-05': 100 };
    expect(codes(facts({ spend }))).toContain('consecutive_decline');
    expect(codes(facts({ spend: { ...spend, '2026-03': 500 } }))).not.toContain('consecutive_decline');
  });

  it('warns on arrears above the threshold', () => {
    expect(codes(facts({ arrearsFen: 150_000 }))).toContain('arrears');
    expect(codes(facts({ arrearsFen: 50_000 }))).not.toContain('arrears');
  });

  it('warns on contracts ending within 90 days, keyed by contract and end date', () => {
    const out = evaluateCustomer(
      facts({
        contracts: [
          { id: 7, contractNo: 'K7', endDate: '2026-06-20' },
          { id: 8, contractNo: 'K8', endDate: '2026-12-31' },
        ],
      }),
      defaultRuleSettings,
      '2026-05',
      '2026-06-01',
    );
    expect(out.filter((w) => w.ruleCode === 'contract_expiring')).toEqual([
      expect.objectContaining({
        causeKey: '7:2026-06-20',
        severity: 'high',
        facts: expect.objectContaining({ daysLeft: 19 }),
      }),
    ]);
  });

  it('warns on a tier downgrade only', () => {
    expect(codes(facts({ tier: 'gold', previousTier: 'gem', gradingPeriod: '2026-05' }))).toContain('tier_downgrade');
    expect(codes(facts({ tier: 'gem', previousTier: 'gold', gradingPeriod: '2026-05' }))).not.toContain(
      'tier_downgrade',
    );
  });

  it('warns when there was no contact for N days', () => {
    expect(codes(facts({ lastContactDate: '2026-03-01' }))).toContain('no_contact');
    expect(codes(facts({ lastContactDate: '2026-05-01' }))).not.toContain('no_contact');
    expect(codes(facts({ lastContactDate: null, sinceDate: '2026-05-15' }))).not.toContain('no_contact');
  });

  it('warns on an overdue price review (S3), high when a competitor offer is known', () => {
    const [w] = evaluateCustomer(
      facts({
        priceReviews: [{ id: 3, productInstanceId: 9, nextReviewDate: '2026-04-01', competitorOfferFen: 500_000 }],
      }),
      defaultRuleSettings,
      '2026-05',
      '2026-06-01',
    );
    expect(w).toMatchObject({ ruleCode: 'price_review_overdue', causeKey: '3:2026-04-01', severity: 'high' });
  });

  it('checks unresolved complaints only when tickets are available', () => {
    expect(codes(facts({ openComplaints: null }))).not.toContain('unresolved_complaints');
    expect(codes(facts({ openComplaints: [{ id: 1, openedOn: '2026-05-01' }] }))).toContain('unresolved_complaints');
    expect(codes(facts({ openComplaints: [{ id: 1, openedOn: '2026-05-31' }] }))).not.toContain(
      'unresolved_complaints',
    );
  });

  it('gives the same cause the same key on re-evaluation (no duplicates)', () => {
    const f = facts({ arrearsFen: 500_000, lastContactDate: '2026-01-01' });
    const a = evaluateCustomer(f, defaultRuleSettings, '2026-05', '2026-06-01');
    const b = evaluateCustomer(f, defaultRuleSettings, '2026-05', '2026-06-02');
    expect(b.map((w) => `${w.ruleCode}:${w.causeKey}`)).toEqual(a.map((w) => `${w.ruleCode}:${w.causeKey}`));
  });
});

describe('rule settings per org unit', () => {
  const rows: SettingRow[] = [
    { ruleCode: 'spend_drop', orgUnitId: null, enabled: true, params: { dropPct: 30 } },
    { ruleCode: 'spend_drop', orgUnitId: 3, enabled: true, params: { dropPct: 15 } },
    { ruleCode: 'no_contact', orgUnitId: 3, enabled: false, params: {} },
  ];
  it('takes the deepest org unit, then the global row, then the default', () => {
    const inCity = resolveSettings(rows, [1, 2, 3, 5]);
    expect(inCity.spend_drop).toMatchObject({ params: { dropPct: 15, minBaseFen: 100_000 }, source: 'org_unit' });
    expect(inCity.no_contact.enabled).toBe(false);
    const elsewhere = resolveSettings(rows, [1, 2, 4]);
    expect(elsewhere.spend_drop).toMatchObject({ params: { dropPct: 30 }, source: 'global' });
    expect(elsewhere.no_contact).toMatchObject({ enabled: true, source: 'default' });
  });
});
