import { describe, expect, it } from 'vitest';
import { defaultSlaPolicies } from '../desk.models';
import {
  addWorkingMs,
  calendar247,
  clockHealth,
  consumedAt,
  dueSlaSteps,
  hhmmToMinutes,
  isWorkingDay,
  localDate,
  matchPolicy,
  minutesToHhmm,
  minutesUntil,
  pauseClock,
  resumeClock,
  startClock,
  stopClock,
  type WorkCalendar,
  workingMsBetween,
} from './sla.models';

const H = 3_600_000;
const M = 60_000;
/** A Shanghai wall-clock time. */
const sh = (s: string) => new Date(`${s}+08:00`);
const shIso = (d: Date) => new Date(d.getTime() + 8 * H).toISOString().slice(0, 16).replace('T', ' ');

// 2025 National Day and Mid-Autumn: 1-8 October off, make-up working days Sunday 28 September and Saturday 11 October.
const business: WorkCalendar = {
  kind: 'business',
  workStartMinute: 9 * 60,
  workEndMinute: 18 * 60,
  holidays: new Set(['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08']),
  workdays: new Set(['2025-09-28', '2025-10-11']),
};

describe('local days in Asia/Shanghai', () => {
  it('takes the date of an instant in UTC+8 whatever the process time zone', () => {
    expect(localDate(new Date('2025-11-16T16:30:00Z'))).toBe('2025-11-17');
    expect(localDate(new Date('2025-11-16T15:59:59Z'))).toBe('2025-11-16');
    expect(localDate(new Date('2025-11-16T16:30:00Z'), 0)).toBe('2025-11-16');
  });

  it('knows weekends, holidays and make-up working days', () => {
    const day = (d: string) => isWorkingDay(business, sh(`${d}T00:00:00`).getTime());
    expect(day('2025-09-26')).toBe(true); // Friday
    expect(day('2025-09-27')).toBe(false); // Saturday
    expect(day('2025-09-28')).toBe(true); // Sunday, make-up working day
    expect(day('2025-10-01')).toBe(false); // National Day
    expect(day('2025-10-04')).toBe(false); // Saturday in the holiday
    expect(day('2025-10-11')).toBe(true); // Saturday, make-up working day
    expect(day('2025-10-12')).toBe(false); // Sunday
    expect(isWorkingDay(calendar247, sh('2025-10-01T00:00:00').getTime())).toBe(true);
  });
});

describe('working time between two instants', () => {
  it('counts every millisecond on a 7x24 calendar', () => {
    expect(workingMsBetween(calendar247, sh('2025-10-01T10:00:00'), sh('2025-10-03T12:30:00'))).toBe(50.5 * H);
    expect(workingMsBetween(calendar247, sh('2025-10-03T12:30:00'), sh('2025-10-01T10:00:00'))).toBe(0);
  });

  it('counts business hours only, with the make-up Sunday and without the weekend', () => {
    // Friday 26 Sep 09:00 -> Monday 29 Sep 09:00: Friday 9 h + Sunday (make-up) 9 h.
    expect(workingMsBetween(business, sh('2025-09-26T09:00:00'), sh('2025-09-29T09:00:00'))).toBe(18 * H);
    // The whole holiday week counts nothing.
    expect(workingMsBetween(business, sh('2025-10-01T00:00:00'), sh('2025-10-09T00:00:00'))).toBe(0);
    // Partial days are clipped to working hours.
    expect(workingMsBetween(business, sh('2025-11-17T07:00:00'), sh('2025-11-17T10:30:00'))).toBe(1.5 * H);
    expect(workingMsBetween(business, sh('2025-11-17T17:00:00'), sh('2025-11-18T10:00:00'))).toBe(2 * H);
  });
});

describe('due times', () => {
  const due = (cal: WorkCalendar, from: string, minutes: number) => shIso(addWorkingMs(cal, sh(from), minutes * M));

  it('adds wall-clock time on 7x24, straight across a weekend and a holiday', () => {
    expect(due(calendar247, '2025-11-14T17:00:00', 120)).toBe('2025-11-14 19:00');
    expect(due(calendar247, '2025-11-14T12:00:00', 48 * 60)).toBe('2025-11-16 12:00');
    expect(due(calendar247, '2025-09-30T23:00:00', 120)).toBe('2025-10-01 01:00');
  });

  it('skips a plain weekend in business hours', () => {
    expect(due(business, '2025-11-14T16:00:00', 540)).toBe('2025-11-17 16:00');
  });

  it('works on a make-up Sunday (调休) before the holiday', () => {
    expect(due(business, '2025-09-26T14:00:00', 540)).toBe('2025-09-28 14:00');
  });

  it('skips the public holiday week', () => {
    expect(due(business, '2025-09-30T17:00:00', 120)).toBe('2025-10-09 10:00');
    expect(due(business, '2025-10-03T10:00:00', 60)).toBe('2025-10-09 10:00');
  });

  it('works on a make-up Saturday after the holiday', () => {
    expect(due(business, '2025-10-10T16:00:00', 540)).toBe('2025-10-11 16:00');
  });

  it('starts counting at the next opening when opened outside working hours', () => {
    expect(due(business, '2025-11-17T07:00:00', 60)).toBe('2025-11-17 10:00');
    expect(due(business, '2025-11-17T20:00:00', 60)).toBe('2025-11-18 10:00');
    expect(due(business, '2025-11-17T20:00:00', 0)).toBe('2025-11-18 09:00');
  });

  it('ends exactly at closing time when the target fills the day', () => {
    expect(due(business, '2025-11-17T09:00:00', 540)).toBe('2025-11-17 18:00');
  });

  it('is the same instant whatever offset notation the input used', () => {
    const a = addWorkingMs(business, new Date('2025-11-17T02:00:00Z'), 60 * M);
    const b = addWorkingMs(business, new Date('2025-11-17T10:00:00+08:00'), 60 * M);
    expect(a.toISOString()).toBe(b.toISOString());
    expect(a.toISOString()).toBe('2025-11-17T03:00:00.000Z');
  });

  it('follows the calendar time zone when one is given', () => {
    const utcCal = { ...business, holidays: new Set<string>(), workdays: new Set<string>(), utcOffsetMinutes: 0 };
    expect(addWorkingMs(utcCal, new Date('2025-11-17T17:30:00Z'), 60 * M).toISOString()).toBe(
      '2025-11-18T09:30:00.000Z',
    );
  });

  it('refuses a calendar without working time instead of looping', () => {
    const none = { ...business, workStartMinute: 600, workEndMinute: 600 };
    expect(() => addWorkingMs(none, sh('2025-11-17T09:00:00'), 60 * M)).toThrow(/no working time/);
  });

  it('turns a committed deadline into working minutes', () => {
    expect(minutesUntil(business, sh('2025-11-17T10:00:00'), sh('2025-11-19T12:00:00'))).toBe(1200);
    expect(minutesUntil(business, sh('2025-11-17T10:00:00'), sh('2025-11-17T09:00:00'))).toBe(1);
  });
});

describe('SLA clocks', () => {
  it('does not count pending time, paused across days', () => {
    let c = startClock(business, { at: sh('2025-11-17T10:00:00'), targetMinutes: 540 });
    expect(shIso(c.dueAt!)).toBe('2025-11-18 10:00');
    c = pauseClock(business, c, sh('2025-11-17T17:00:00'));
    expect(c).toMatchObject({ state: 'paused', consumedMs: 7 * H, dueAt: null });
    expect(consumedAt(business, c, sh('2025-11-19T09:00:00'))).toBe(7 * H);
    c = resumeClock(business, c, sh('2025-11-19T10:00:00'));
    expect(shIso(c.dueAt!)).toBe('2025-11-19 12:00');
    expect(consumedAt(business, c, sh('2025-11-19T11:00:00'))).toBe(8 * H);
  });

  it('pauses across a holiday on 7x24 as well', () => {
    let c = startClock(calendar247, { at: sh('2025-09-30T20:00:00'), targetMinutes: 120 });
    c = pauseClock(calendar247, c, sh('2025-09-30T21:00:00'));
    c = resumeClock(calendar247, c, sh('2025-10-02T08:00:00'));
    expect(shIso(c.dueAt!)).toBe('2025-10-02 09:00');
  });

  it('schedules the warning at the configured share of the target', () => {
    const c = startClock(calendar247, { at: sh('2025-11-17T10:00:00'), targetMinutes: 100, warnPercent: 80 });
    expect(shIso(c.warnAt!)).toBe('2025-11-17 11:20');
    const c50 = startClock(calendar247, { at: sh('2025-11-17T10:00:00'), targetMinutes: 100, warnPercent: 50 });
    expect(shIso(c50.warnAt!)).toBe('2025-11-17 10:50');
  });

  it('stops, keeps the consumed time, and resumes on reopen with what was left', () => {
    let c = startClock(calendar247, { at: sh('2025-11-17T10:00:00'), targetMinutes: 240 });
    c = stopClock(calendar247, c, sh('2025-11-17T11:00:00'));
    expect(c).toMatchObject({ state: 'stopped', consumedMs: H, dueAt: null });
    expect(clockHealth(calendar247, c, sh('2025-11-20T00:00:00'))).toBe('met');
    c = resumeClock(calendar247, c, sh('2025-11-18T10:00:00'));
    expect(shIso(c.dueAt!)).toBe('2025-11-18 13:00');
    expect(
      stopClock(calendar247, stopClock(calendar247, c, sh('2025-11-18T11:00:00')), sh('2025-11-18T12:00:00'))
        .consumedMs,
    ).toBe(2 * H);
  });

  it('grades its health: ok, warning, breached, met', () => {
    const c = startClock(calendar247, { at: sh('2025-11-17T10:00:00'), targetMinutes: 60 });
    expect(clockHealth(calendar247, c, sh('2025-11-17T10:30:00'))).toBe('ok');
    expect(clockHealth(calendar247, c, sh('2025-11-17T10:50:00'))).toBe('warning');
    expect(clockHealth(calendar247, c, sh('2025-11-17T11:01:00'))).toBe('breached');
    const late = stopClock(calendar247, c, sh('2025-11-17T11:30:00'));
    expect(clockHealth(calendar247, late, sh('2025-11-18T00:00:00'))).toBe('breached');
  });

  it('asks the scan for warning, breach and escalation each once', () => {
    const c = startClock(calendar247, { at: sh('2025-11-17T10:00:00'), targetMinutes: 60 });
    const fresh = { ...c, warnedAt: null, breachedAt: null, escalationLevel: 0 };
    expect(dueSlaSteps(calendar247, fresh, sh('2025-11-17T10:30:00'))).toEqual([]);
    expect(dueSlaSteps(calendar247, fresh, sh('2025-11-17T10:48:00'))).toEqual(['warning']);
    expect(dueSlaSteps(calendar247, fresh, sh('2025-11-17T11:00:00'))).toEqual(['warning', 'breach']);
    const warned = { ...fresh, warnedAt: sh('2025-11-17T10:48:00') };
    expect(dueSlaSteps(calendar247, warned, sh('2025-11-17T11:10:00'))).toEqual(['breach']);
    const breached = { ...warned, breachedAt: sh('2025-11-17T11:10:00'), escalationLevel: 1 };
    expect(dueSlaSteps(calendar247, breached, sh('2025-11-17T11:20:00'))).toEqual([]);
    expect(dueSlaSteps(calendar247, breached, sh('2025-11-17T11:30:00'))).toEqual(['escalate']);
    expect(dueSlaSteps(calendar247, { ...breached, escalationLevel: 2 }, sh('2025-11-18T00:00:00'))).toEqual([]);
    expect(
      dueSlaSteps(
        calendar247,
        {
          ...pauseClock(calendar247, c, sh('2025-11-17T10:10:00')),
          warnedAt: null,
          breachedAt: null,
          escalationLevel: 0,
        },
        sh('2025-11-18T00:00:00'),
      ),
    ).toEqual([]);
  });
});

describe('SLA policy matching', () => {
  const policies = defaultSlaPolicies.map((p, i) => ({
    ...p,
    id: i + 1,
    active: true,
    importance: null,
    severity: null,
  }));
  const facts = (f: Partial<Parameters<typeof matchPolicy>[1]>) => ({
    ticketType: 'consultation',
    customerCategory: 'public',
    tier: null,
    importance: null,
    severity: 'minor',
    ...f,
  });

  it('gives a diamond KA fault report the diamond repair limit (2 h, 7x24)', () => {
    const p = matchPolicy(
      policies,
      facts({ ticketType: 'fault_report', customerCategory: 'key_account', tier: 'diamond' }),
    );
    expect(p).toMatchObject({ tier: 'diamond', resolutionMinutes: 120, calendar: '24x7' });
  });

  it('gives each KA tier its repair limit and an untiered KA the KA default', () => {
    const limit = (tier: string | null) =>
      matchPolicy(policies, facts({ ticketType: 'fault_report', customerCategory: 'key_account', tier }))!
        .resolutionMinutes;
    expect([limit('jade'), limit('platinum'), limit('gem'), limit('gold'), limit('crystal'), limit(null)]).toEqual([
      240, 240, 360, 360, 480, 480,
    ]);
  });

  it('gives a public consultation the standard target in business hours', () => {
    expect(matchPolicy(policies, facts({}))).toMatchObject({
      ticketType: 'consultation',
      customerCategory: null,
      resolutionMinutes: 540,
      calendar: 'business',
    });
    expect(matchPolicy(policies, facts({ ticketType: 'suggestion' }))).toMatchObject({
      ticketType: null,
      customerCategory: null,
    });
  });

  it('prefers the most specific policy, then the oldest, and skips inactive ones', () => {
    const list = [
      { id: 1, active: true, ticketType: null, customerCategory: null, tier: null, importance: null, severity: null },
      {
        id: 2,
        active: true,
        ticketType: 'complaint',
        customerCategory: null,
        tier: null,
        importance: null,
        severity: null,
      },
      {
        id: 3,
        active: true,
        ticketType: null,
        customerCategory: 'business',
        tier: null,
        importance: null,
        severity: null,
      },
      {
        id: 4,
        active: false,
        ticketType: 'complaint',
        customerCategory: 'business',
        tier: null,
        importance: null,
        severity: null,
      },
      {
        id: 5,
        active: true,
        ticketType: 'complaint',
        customerCategory: null,
        tier: null,
        importance: null,
        severity: 'critical',
      },
    ];
    expect(matchPolicy(list, facts({ ticketType: 'complaint', customerCategory: 'business' }))?.id).toBe(2);
    expect(matchPolicy(list, facts({ ticketType: 'complaint', severity: 'critical' }))?.id).toBe(5);
    expect(matchPolicy(list, facts({ ticketType: 'fault_report' }))?.id).toBe(1);
    expect(matchPolicy([], facts({}))).toBeUndefined();
  });

  it('converts working hours to and from HH:mm', () => {
    expect(hhmmToMinutes('08:30')).toBe(510);
    expect(minutesToHhmm(1080)).toBe('18:00');
  });
});
