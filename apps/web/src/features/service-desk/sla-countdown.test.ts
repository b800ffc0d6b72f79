import { describe, expect, it } from 'vitest';
import { formatDuration, priorityBand, slaCountdown } from './sla-countdown';

const now = Date.parse('2026-03-02T02:00:00Z');
const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();

describe('live SLA countdown of a ticket', () => {
  it('counts down the time left and stays ok before the warning instant', () => {
    expect(slaCountdown({ dueAt: at(135), warnAt: at(60), state: 'running', open: true, now })).toEqual({
      tone: 'ok',
      minutesLeft: 135,
    });
  });
  it('turns to warning from the warning instant', () => {
    expect(slaCountdown({ dueAt: at(30), warnAt: at(-5), state: 'running', open: true, now }).tone).toBe('warning');
  });
  it('is breached past the due time and counts the overdue minutes negative', () => {
    expect(slaCountdown({ dueAt: at(-90), warnAt: at(-200), open: true, now })).toEqual({
      tone: 'breached',
      minutesLeft: -90,
    });
  });
  it('shows paused for a paused clock and nothing for a resolved ticket', () => {
    expect(slaCountdown({ dueAt: null, state: 'paused', open: true, now }).tone).toBe('paused');
    expect(slaCountdown({ dueAt: at(-90), open: false, now }).tone).toBe('none');
    expect(slaCountdown({ dueAt: null, open: true, now }).tone).toBe('none');
  });
});

describe('durations and priority labels', () => {
  it('formats the two largest units in the UI language', () => {
    expect(formatDuration(135, 'zh-CN')).toBe('2小时15分');
    expect(formatDuration(-(1440 + 180), 'zh-CN')).toBe('1天3小时');
    expect(formatDuration(12, 'en')).toBe('12m');
    expect(formatDuration(62, 'en')).toBe('1h 02m');
  });
  it('names the priority band instead of the raw number', () => {
    expect(priorityBand(950)).toBe('p1');
    expect(priorityBand(700)).toBe('p2');
    expect(priorityBand(330)).toBe('p3');
    expect(priorityBand(100)).toBe('p4');
  });
});
