import { describe, expect, it } from 'vitest';
import {
  addMonths,
  applyApprovalRule,
  approverLevelFor,
  buildCashFlow,
  evaluateInvestment,
  type InvestmentInput,
  internalRateOfReturn,
  levelCovers,
  netPresentValue,
  nextStatus,
  realisedPayback,
} from './investments.models';

const yuan = (y: number) => y * 100;

describe('S5: 12 metro-Ethernet lines on a 3-year contract', () => {
  it('rejects the first evaluation: 600,000+ invested, 600,000 revenue in 3 years, plus maintenance', () => {
    const first: InvestmentInput = {
      capital: [
        { kind: 'equipment', label: '城域网设备', amountFen: yuan(420_000) },
        { kind: 'construction', label: '光缆施工', amountFen: yuan(160_000) },
        { kind: 'labour', label: '安装调测', amountFen: yuan(25_000) },
      ],
      yearlyOpexFen: yuan(18_000),
      oneOffRevenueFen: 0,
      termRevenueFen: yuan(600_000),
      termMonths: 36,
      discountRateBp: 800,
    };
    const r = evaluateInvestment(first);
    expect(r.capitalFen).toBe(yuan(605_000));
    expect(r.totalRevenueFen).toBe(yuan(600_000));
    expect(r.totalCostFen).toBe(yuan(605_000 + 54_000));
    expect(r.surplusFen).toBe(yuan(-59_000));
    expect(r.paybackMonth).toBeNull();
    expect(applyApprovalRule(first, r)).toEqual({
      passes: false,
      reasons: ['not_recovered_in_term', 'surplus_below_minimum'],
    });
  });

  it('approves the second: 585,500 against 686,400 over 36 months, about 100,000 surplus, paid back within the term', () => {
    const second: InvestmentInput = {
      capital: [{ kind: 'equipment', label: '设备与施工', amountFen: yuan(585_500) }],
      yearlyOpexFen: 0,
      oneOffRevenueFen: 0,
      termRevenueFen: yuan(686_400),
      termMonths: 36,
      discountRateBp: 0,
    };
    const r = evaluateInvestment(second);
    expect(r.totalRevenueFen).toBe(yuan(686_400));
    expect(r.surplusFen).toBe(yuan(100_900));
    // 19,066.67 yuan a month: 585,500 is recovered in month 31 (30 months give 572,000)
    expect(r.paybackMonth).toBe(31);
    expect(r.npvFen).toBe(yuan(100_900));
    expect(applyApprovalRule(second, r).passes).toBe(true);
  });
});

describe('cash flow, NPV and IRR', () => {
  it('spreads the yearly opex in whole fen and keeps the total exact', () => {
    const flow = buildCashFlow({
      capital: [],
      yearlyOpexFen: 100_001,
      oneOffRevenueFen: 0,
      monthlyRevenueFen: 0,
      termMonths: 24,
      discountRateBp: 0,
    });
    expect(flow).toHaveLength(25);
    expect(flow.slice(1).reduce((s, m) => s + m.outFen, 0)).toBe(200_002);
    expect(flow[12].outFen).toBe(8_333 + 5);
  });

  it('discounts monthly at the equivalent of the yearly rate', () => {
    // 1,000 received 12 months later at 10% a year is worth 1,000 / 1.1 today
    const flows = [0, ...Array(11).fill(0), 1000];
    expect(netPresentValue(flows, 0.1)).toBeCloseTo(1000 / 1.1, 8);
  });

  it('finds the rate that zeroes the NPV, and none when flows never change sign', () => {
    const flows = [-1000, ...Array(11).fill(0), 1100];
    expect(internalRateOfReturn(flows)).toBeCloseTo(0.1, 8);
    expect(internalRateOfReturn([100, 100])).toBeNull();
  });

  it('refuses bad input naming the field', () => {
    expect(() =>
      evaluateInvestment({
        capital: [],
        yearlyOpexFen: 0,
        oneOffRevenueFen: 0,
        monthlyRevenueFen: 1,
        termRevenueFen: 1,
        termMonths: 12,
        discountRateBp: 0,
      }),
    ).toThrow(/not both/);
    expect(() =>
      evaluateInvestment({
        capital: [],
        yearlyOpexFen: -1,
        oneOffRevenueFen: 0,
        monthlyRevenueFen: 0,
        termMonths: 12,
        discountRateBp: 0,
      }),
    ).toThrow(/must be a whole/);
    expect(() =>
      evaluateInvestment({
        capital: [],
        yearlyOpexFen: 0,
        oneOffRevenueFen: 0,
        monthlyRevenueFen: 1.5,
        termMonths: 12,
        discountRateBp: 0,
      }),
    ).toThrow(/whole/);
    expect(() =>
      evaluateInvestment({
        capital: [],
        yearlyOpexFen: 0,
        oneOffRevenueFen: 0,
        monthlyRevenueFen: 0,
        termMonths: 0,
        discountRateBp: 0,
      }),
    ).toThrow(/1-240/);
  });

  it('sends larger investments to higher approvers', () => {
    expect(approverLevelFor(yuan(585_500))).toBe('city');
    expect(approverLevelFor(yuan(2_000_000))).toBe('province');
    expect(approverLevelFor(yuan(9_000_000))).toBe('group');
  });
});

describe('investment approval workflow', () => {
  it('goes draft -> submitted -> reviewed -> approved or rejected, a return going back to draft', () => {
    expect(nextStatus('draft', 'submit')).toBe('submitted');
    expect(nextStatus('submitted', 'forward')).toBe('reviewed');
    expect(nextStatus('submitted', 'return')).toBe('draft');
    expect(nextStatus('reviewed', 'approve')).toBe('approved');
    expect(nextStatus('reviewed', 'reject')).toBe('rejected');
    expect(nextStatus('draft', 'approve')).toBeNull();
    expect(nextStatus('approved', 'reject')).toBeNull();
    expect(nextStatus('submitted', 'approve')).toBeNull();
  });

  it('lets a province approver decide a city-level investment, not the reverse', () => {
    expect(levelCovers('province', 'city')).toBe(true);
    expect(levelCovers('city', 'city')).toBe(true);
    expect(levelCovers('city', 'province')).toBe(false);
    expect(levelCovers('district', 'city')).toBe(false);
    expect(levelCovers(undefined, 'city')).toBe(false);
  });
});

describe('realised payback from bills', () => {
  const plan = buildCashFlow({
    capital: [{ kind: 'equipment', label: '设备', amountFen: 1_000 }],
    yearlyOpexFen: 1_200,
    oneOffRevenueFen: 0,
    monthlyRevenueFen: 300,
    termMonths: 12,
    discountRateBp: 0,
  });

  it('compares billed revenue with the plan month by month and finds the month the cost was recovered', () => {
    const r = realisedPayback({
      plan,
      startPeriod: '2026-11',
      lastPeriod: '2027-04',
      revenueByPeriod: new Map([
        ['2026-11', 400],
        ['2026-12', 400],
        ['2027-01', 400],
        ['2027-02', 400],
        ['2027-03', 400],
      ]),
    });
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    // -1000 + 5 x (400 - 100) = 500 after March; April billed nothing: 400.
    expect(r.months[4]).toMatchObject({ period: '2027-03', actualCumulativeFen: 500, plannedCumulativeFen: 0 });
    expect(r.months[5]).toMatchObject({ period: '2027-04', actualRevenueFen: 0, actualCumulativeFen: 400 });
    expect(r.months[6]).toMatchObject({ period: '2027-05', actualCumulativeFen: null });
    expect(r.realisedPaybackMonth).toBe(4);
    expect(r.actualRevenueFen).toBe(2_000);
    expect(r.plannedRevenueToDateFen).toBe(1_800);
  });

  it('has no actual figures before the first bill', () => {
    const r = realisedPayback({ plan, startPeriod: '2026-11', lastPeriod: null, revenueByPeriod: new Map() });
    expect(r.realisedPaybackMonth).toBeNull();
    expect(r.months.every((m) => m.actualCumulativeFen === null)).toBe(true);
  });
});
