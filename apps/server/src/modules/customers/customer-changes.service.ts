// Listeners told of every customer change inside the transaction that makes it (the TMF629 and TMF632 facades turn
// them into event hub outbox rows, so a notification is written if and only if the change commits).
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';

export type CustomerChange = {
  customerId: number;
  partyType: 'organization' | 'individual';
  /** created; updated (our changed field names); deleted (told before the rows go, inside the same transaction). */
  kind: 'created' | 'updated' | 'deleted';
  fields?: string[];
};
export type CustomerChangeListener = (opts: { ctx: RequestCtx; tx: DbOrTx; change: CustomerChange }) => Promise<void>;

const listeners = new Map<string, CustomerChangeListener>();

/** Registers (or replaces) the listener named `name`; it runs inside the change's transaction. */
export function onCustomerChange(name: string, listener: CustomerChangeListener): void {
  listeners.set(name, listener);
}

/** Tells every listener of a change; called by the customer services inside their transaction. */
export async function notifyCustomerChange(opts: { ctx: RequestCtx; tx: DbOrTx; change: CustomerChange }) {
  for (const listener of listeners.values()) await listener(opts);
}

export type CustomerChangesListener = (opts: {
  ctx: RequestCtx;
  tx: DbOrTx;
  changes: CustomerChange[];
}) => Promise<void>;
const batchListeners = new Map<string, CustomerChangesListener>();

/** Registers (or replaces) the batch listener named `name` (bulk writes such as imports tell it all their changes). */
export function onCustomerChanges(name: string, listener: CustomerChangesListener): void {
  batchListeners.set(name, listener);
}

/**
 * Tells every listener of many changes at once (a bulk write, e.g. an import commit), inside its transaction: batch
 * listeners get them in one call, listeners without a batch form one change at a time.
 */
export async function notifyCustomerChanges(opts: { ctx: RequestCtx; tx: DbOrTx; changes: CustomerChange[] }) {
  if (opts.changes.length === 0) return;
  for (const listener of batchListeners.values()) await listener(opts);
  for (const [name, listener] of listeners)
    if (!batchListeners.has(name))
      for (const change of opts.changes) await listener({ ctx: opts.ctx, tx: opts.tx, change });
}
