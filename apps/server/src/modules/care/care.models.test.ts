import { describe, expect, it } from 'vitest';
import { buildCalendar, type CalendarInput, nextReviewAfter } from './care.models';

const empty: CalendarInput = {
  customers: [],
  contacts: [],
  contracts: [],
  priceReviews: [],
  lineChecks: [],
  events: [],
  tasks: [],
};

describe('care calendar', () => {
  it('lists birthdays every year, 29 February on the 28th in other years', () => {
    const cal = buildCalendar(
      {
        ...empty,
        customers: [{ id: 1, name: '杜邦', sinceDate: null }],
        contacts: [{ id: 5, customerId: 1, name: '张总', birthday: '1972-02-29' }],
      },
      '2026-01-01',
      '2028-12-31',
    );
    expect(cal.map((e) => e.date)).toEqual(['2026-02-28', '2027-02-28', '2028-02-29']);
    expect(cal[0]).toMatchObject({ kind: 'birthday', key: 'birthday:5:2026', customerName: '杜邦', subject: '张总' });
  });

  it('lists customer anniversaries with the number of years', () => {
    const cal = buildCalendar(
      { ...empty, customers: [{ id: 1, name: 'A', sinceDate: '2016-07-01' }] },
      '2026-01-01',
      '2026-12-31',
    );
    expect(cal).toEqual([expect.objectContaining({ kind: 'anniversary', date: '2026-07-01', detail: { years: 10 } })]);
  });

  it('reminds of contract expiry 90, 60 and 30 days ahead', () => {
    const cal = buildCalendar(
      { ...empty, contracts: [{ id: 3, customerId: 1, contractNo: 'HT-3', endDate: '2026-12-31' }] },
      '2026-01-01',
      '2026-12-31',
    );
    expect(cal.map((e) => [e.date, e.detail.daysBefore])).toEqual([
      ['2026-10-02', 90],
      ['2026-11-01', 60],
      ['2026-12-01', 30],
    ]);
  });

  it('keeps an overdue price review on the first day until it is done', () => {
    const cal = buildCalendar(
      { ...empty, priceReviews: [{ id: 2, customerId: 1, serviceNumber: 'MSTP-01', nextReviewDate: '2026-03-01' }] },
      '2026-06-01',
      '2026-06-30',
    );
    expect(cal[0]).toMatchObject({ date: '2026-06-01', kind: 'price_review', detail: { daysOverdue: 92 } });
  });

  it('repeats preventive line checks at their interval', () => {
    const cal = buildCalendar(
      {
        ...empty,
        lineChecks: [{ id: 4, customerId: 1, description: '银行专线', nextDueDate: '2026-01-15', intervalDays: 90 }],
      },
      '2026-01-01',
      '2026-12-31',
    );
    expect(cal.map((e) => e.date)).toEqual(['2026-01-15', '2026-04-15', '2026-07-14', '2026-10-12']);
  });

  it('shows club events and marks entries that already became tasks', () => {
    const cal = buildCalendar(
      {
        ...empty,
        events: [{ id: 9, title: '高尔夫邀请赛', eventDate: '2026-09-12', customerId: 1, status: 'accepted' }],
        tasks: [
          { id: 77, customerId: 1, title: '准备邀请', dueDate: '2026-09-01', sourceKey: 'club_event:9:1' },
          { id: 78, customerId: null, title: '周报', dueDate: '2026-09-05', sourceKey: null },
        ],
      },
      '2026-09-01',
      '2026-09-30',
    );
    expect(cal.find((e) => e.kind === 'club_event')).toMatchObject({ taskId: 77, detail: { status: 'accepted' } });
    expect(cal.filter((e) => e.kind === 'task').map((e) => e.taskId)).toEqual([78]);
  });

  it('computes the next price review date', () => {
    expect(nextReviewAfter('2026-01-31', 1)).toBe('2026-02-28');
    expect(nextReviewAfter('2026-06-01', 12)).toBe('2027-06-01');
  });
});
