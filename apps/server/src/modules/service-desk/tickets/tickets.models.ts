// The trouble-ticket life cycle (TMF621), what each transition does to the SLA clocks, and who may make it
// (first-contact ownership: only the owner, or a manager above the owner, moves the ticket itself).
import type { TicketStatus } from '@crm/contracts';

export const lifeCycle: Record<TicketStatus, readonly TicketStatus[]> = {
  acknowledged: ['inProgress', 'rejected', 'cancelled'],
  inProgress: ['held', 'pending', 'resolved', 'cancelled'],
  held: ['inProgress'],
  pending: ['inProgress', 'cancelled'],
  resolved: ['closed', 'inProgress'],
  closed: [],
  rejected: [],
  cancelled: [],
};

export const finalStatuses: readonly TicketStatus[] = ['closed', 'rejected', 'cancelled'];
export const openStatuses: readonly TicketStatus[] = ['acknowledged', 'inProgress', 'held', 'pending'];

export const canTransition = (from: TicketStatus, to: TicketStatus) => lifeCycle[from].includes(to);
export const isOpen = (s: TicketStatus) => openStatuses.includes(s);

export type ClockAction = 'stop' | 'pause' | 'resume' | null;

/**
 * Effects of a transition on the two clocks. The response clock stops when the ticket is first taken up (or ended);
 * the resolution clock pauses while pending on the customer, stops at resolved and final states, and resumes when the
 * customer answers or the resolution is rejected (reopen). Held is an internal block: the clock keeps running.
 */
export function clockEffects(from: TicketStatus, to: TicketStatus): { response: ClockAction; resolution: ClockAction } {
  const response: ClockAction = from === 'acknowledged' ? 'stop' : null;
  let resolution: ClockAction = null;
  if (to === 'pending') resolution = 'pause';
  else if (to === 'resolved' || finalStatuses.includes(to)) resolution = 'stop';
  else if (to === 'inProgress' && (from === 'pending' || from === 'resolved')) resolution = 'resume';
  return { response, resolution };
}

export type Authority = { isOwner: boolean; managesOwner: boolean };

/** Only the first-contact owner, or a manager above them, changes the ticket's status; departments never do. */
export const mayMoveTicket = (a: Authority) => a.isOwner || a.managesOwner;

/** The transitions a viewer may make now (for the UI). */
export function allowedTransitions(status: TicketStatus, a: Authority): TicketStatus[] {
  return mayMoveTicket(a) ? [...lifeCycle[status]] : [];
}

/** What a complaint still lacks before it may be resolved (the seeds' rule), in the order the form shows them. */
export function complaintResolutionGaps(c: {
  rootCause: string | null;
  responsibility: string | null;
  customerConfirmed: boolean;
}): ('rootCause' | 'responsibility' | 'customerConfirmed')[] {
  const gaps: ('rootCause' | 'responsibility' | 'customerConfirmed')[] = [];
  if (!c.rootCause?.trim()) gaps.push('rootCause');
  if (!c.responsibility) gaps.push('responsibility');
  if (!c.customerConfirmed) gaps.push('customerConfirmed');
  return gaps;
}

/** Why a transition is refused beyond the life cycle, or null when it may go ahead. */
export function transitionBlocker(opts: {
  from: TicketStatus;
  to: TicketStatus;
  openWorkOrders: number;
  customerConfirmed: boolean;
  reason: string | undefined;
}): { code: string; message: string } | null {
  if (opts.to === 'resolved' && opts.openWorkOrders > 0)
    return { code: 'tickets.open_work_orders', message: 'Work orders of departments are still open' };
  if (opts.to === 'closed' && !opts.customerConfirmed)
    return { code: 'tickets.confirmation_required', message: 'The customer must confirm the resolution first' };
  if (
    (opts.to === 'rejected' || opts.to === 'cancelled' || opts.to === 'pending' || opts.to === 'held') &&
    !opts.reason
  )
    return { code: 'tickets.reason_required', message: `A reason is required to set the ticket ${opts.to}` };
  return null;
}

/** 'TT' and the id zero-padded to 8 digits. */
export const ticketNoFor = (id: number) => `TT${String(id).padStart(8, '0')}`;
