import { describe, expect, it } from 'vitest';
import { completeError, currentStep, isOverdue, planSteps } from './fulfilment.models';

describe('fulfilment steps', () => {
  it('plans the five steps of DOMAIN.md 5.1 with owning departments and cumulative due dates', () => {
    expect(planSteps('2026-06-01')).toEqual([
      { seq: 1, kind: 'accept', department: 'business', dueDate: '2026-06-02' },
      { seq: 2, kind: 'network_build', department: 'network', dueDate: '2026-06-12' },
      { seq: 3, kind: 'test', department: 'network', dueDate: '2026-06-14' },
      { seq: 4, kind: 'customer_confirmation', department: 'account_management', dueDate: '2026-06-17' },
      { seq: 5, kind: 'billing_start', department: 'billing', dueDate: '2026-06-19' },
    ]);
  });

  it('completes steps in order only', () => {
    const steps = [
      { id: 11, seq: 1, doneAt: new Date() },
      { id: 12, seq: 2, doneAt: null },
      { id: 13, seq: 3, doneAt: null },
    ];
    expect(currentStep(steps)?.id).toBe(12);
    expect(completeError(steps, 12)).toBeNull();
    expect(completeError(steps, 13)).toMatch(/previous/);
    expect(completeError(steps, 11)).toMatch(/already/);
  });

  it('is overdue after the due date while not done', () => {
    expect(isOverdue({ dueDate: '2026-06-02', doneAt: null }, '2026-06-03')).toBe(true);
    expect(isOverdue({ dueDate: '2026-06-02', doneAt: null }, '2026-06-02')).toBe(false);
    expect(isOverdue({ dueDate: '2026-06-02', doneAt: new Date() }, '2026-06-09')).toBe(false);
  });
});
