// Listeners told of every billing account change inside the transaction that makes it (the TMF666 facade turns them
// into event hub outbox rows, so a notification is written if and only if the change commits).
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';

export type AccountChange = {
  accountId: number;
  /** created; updated (our changed field names); status (state moved, with the other changed fields). */
  kind: 'created' | 'updated' | 'status';
  fields?: string[];
};
export type AccountChangeListener = (opts: { ctx: RequestCtx; tx: DbOrTx; change: AccountChange }) => Promise<void>;

const listeners = new Map<string, AccountChangeListener>();

/** Registers (or replaces) the listener named `name`; it runs inside the change's transaction. */
export function onAccountChange(name: string, listener: AccountChangeListener): void {
  listeners.set(name, listener);
}

/** Tells every listener of a change; called by the billing services inside their transaction. */
export async function notifyAccountChange(opts: { ctx: RequestCtx; tx: DbOrTx; change: AccountChange }) {
  for (const listener of listeners.values()) await listener(opts);
}
