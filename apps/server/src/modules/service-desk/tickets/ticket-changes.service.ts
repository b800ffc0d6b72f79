// Listeners told of every ticket change inside the transaction that makes it (the TMF621 facade turns them into
// outbox events, so a notification is written if and only if the change commits).
import type { DbOrTx } from '../../../db/client';
import type { RequestCtx } from '../../../platform/context';

export type TicketChange = {
  ticketId: number;
  /** created; updated (fields named, "note" for a new note); status (life cycle move); deleted (told before it). */
  kind: 'created' | 'updated' | 'status' | 'deleted';
  fields?: string[];
};
export type TicketChangeListener = (opts: { ctx: RequestCtx; tx: DbOrTx; change: TicketChange }) => Promise<void>;

const listeners = new Map<string, TicketChangeListener>();

/** Registers (or replaces) the listener named `name`; it runs inside the change's transaction. */
export function onTicketChange(name: string, listener: TicketChangeListener): void {
  listeners.set(name, listener);
}

/** Tells every listener of a change; called by the ticket services inside their transaction. */
export async function notifyTicketChange(opts: { ctx: RequestCtx; tx: DbOrTx; change: TicketChange }): Promise<void> {
  for (const listener of listeners.values()) await listener(opts);
}
