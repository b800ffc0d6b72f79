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

export type AccountChangesListener = (opts: { ctx: RequestCtx; tx: DbOrTx; changes: AccountChange[] }) => Promise<void>;
const batchListeners = new Map<string, AccountChangesListener>();

/** Registers (or replaces) the batch listener named `name` (bulk writes such as imports tell it all their changes). */
export function onAccountChanges(name: string, listener: AccountChangesListener): void {
  batchListeners.set(name, listener);
}

/**
 * Tells every listener of many changes at once (a bulk write, e.g. an import commit), inside its transaction: batch
 * listeners get them in one call, listeners without a batch form one change at a time.
 */
export async function notifyAccountChanges(opts: { ctx: RequestCtx; tx: DbOrTx; changes: AccountChange[] }) {
  if (opts.changes.length === 0) return;
  for (const listener of batchListeners.values()) await listener(opts);
  for (const [name, listener] of listeners)
    if (!batchListeners.has(name))
      for (const change of opts.changes) await listener({ ctx: opts.ctx, tx: opts.tx, change });
}
