import { ticketStatuses } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import {
  allowedTransitions,
  canTransition,
  clockEffects,
  complaintResolutionGaps,
  finalStatuses,
  lifeCycle,
  mayMoveTicket,
  ticketNoFor,
  transitionBlocker,
} from './tickets.models';

describe('TMF621 trouble ticket life cycle', () => {
  it('allows exactly the transitions of the TM Forum diagram', () => {
    const allowed = ticketStatuses.flatMap((from) =>
      ticketStatuses.filter((to) => canTransition(from, to)).map((to) => `${from}->${to}`),
    );
    expect(allowed.sort()).toEqual(
      [
        'acknowledged->inProgress',
        'acknowledged->rejected',
        'acknowledged->cancelled',
        'inProgress->held',
        'inProgress->pending',
        'inProgress->resolved',
        'inProgress->cancelled',
        'held->inProgress',
        'pending->inProgress',
        'pending->cancelled',
        'resolved->closed',
        'resolved->inProgress',
      ].sort(),
    );
  });

  it('has final states with no way out', () => {
    for (const s of finalStatuses) expect(lifeCycle[s]).toEqual([]);
  });

  it('pauses the resolution clock only while pending on the customer', () => {
    expect(clockEffects('inProgress', 'pending')).toEqual({ response: null, resolution: 'pause' });
    expect(clockEffects('pending', 'inProgress')).toEqual({ response: null, resolution: 'resume' });
    expect(clockEffects('inProgress', 'held')).toEqual({ response: null, resolution: null });
    expect(clockEffects('held', 'inProgress')).toEqual({ response: null, resolution: null });
  });

  it('stops the response clock when the ticket is taken up and the resolution clock when resolved or ended', () => {
    expect(clockEffects('acknowledged', 'inProgress')).toEqual({ response: 'stop', resolution: null });
    expect(clockEffects('acknowledged', 'rejected')).toEqual({ response: 'stop', resolution: 'stop' });
    expect(clockEffects('inProgress', 'resolved')).toEqual({ response: null, resolution: 'stop' });
    expect(clockEffects('resolved', 'closed')).toEqual({ response: null, resolution: 'stop' });
    expect(clockEffects('pending', 'cancelled')).toEqual({ response: null, resolution: 'stop' });
  });

  it('resumes the resolution clock when the customer rejects the resolution', () => {
    expect(clockEffects('resolved', 'inProgress')).toEqual({ response: null, resolution: 'resume' });
  });
});

describe('first-contact ownership', () => {
  it('lets only the owner or a manager above the owner move the ticket', () => {
    expect(mayMoveTicket({ isOwner: true, managesOwner: false })).toBe(true);
    expect(mayMoveTicket({ isOwner: false, managesOwner: true })).toBe(true);
    expect(mayMoveTicket({ isOwner: false, managesOwner: false })).toBe(false);
    expect(allowedTransitions('inProgress', { isOwner: false, managesOwner: false })).toEqual([]);
    expect(allowedTransitions('resolved', { isOwner: true, managesOwner: false })).toEqual(['closed', 'inProgress']);
  });

  it('resolves only when departments are done, closes only with the customer confirmation', () => {
    const base = { from: 'inProgress' as const, openWorkOrders: 0, customerConfirmed: false, reason: undefined };
    expect(transitionBlocker({ ...base, to: 'resolved', openWorkOrders: 1 })?.code).toBe('tickets.open_work_orders');
    expect(transitionBlocker({ ...base, to: 'resolved' })).toBeNull();
    expect(transitionBlocker({ ...base, from: 'resolved', to: 'closed' })?.code).toBe('tickets.confirmation_required');
    expect(transitionBlocker({ ...base, from: 'resolved', to: 'closed', customerConfirmed: true })).toBeNull();
  });

  it('asks a reason to hold, wait on the customer, reject or cancel', () => {
    const base = { from: 'inProgress' as const, openWorkOrders: 0, customerConfirmed: false };
    for (const to of ['held', 'pending', 'cancelled'] as const) {
      expect(transitionBlocker({ ...base, to, reason: undefined })?.code).toBe('tickets.reason_required');
      expect(transitionBlocker({ ...base, to, reason: 'waiting for the line test' })).toBeNull();
    }
  });

  it('resolves a complaint only with root cause, responsibility decision and customer confirmation', () => {
    expect(complaintResolutionGaps({ rootCause: null, responsibility: null, customerConfirmed: false })).toEqual([
      'rootCause',
      'responsibility',
      'customerConfirmed',
    ]);
    expect(complaintResolutionGaps({ rootCause: '  ', responsibility: 'none', customerConfirmed: true })).toEqual([
      'rootCause',
    ]);
    expect(
      complaintResolutionGaps({ rootCause: '套餐变更漏办', responsibility: 'employee', customerConfirmed: true }),
    ).toEqual([]);
  });

  it('numbers tickets TT and eight digits', () => {
    expect(ticketNoFor(42)).toBe('TT00000042');
  });
});
