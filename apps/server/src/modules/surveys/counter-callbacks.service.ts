// The callback survey (回访) of a counter transaction: an interaction on the counter channel queues the
// `surveys.counter-callback` job in its own transaction; the job schedules the survey with the same contact rules as
// a closed ticket's (send delay, quiet hours, 30-day cap, opt-out, expiry), once per interaction.
import type { Db } from '../../db/client';
import { scheduleInTx } from './callbacks.service';
import * as repo from './surveys.repository';

export const COUNTER_CALLBACK_JOB = 'surveys.counter-callback';

export type CounterCallbackInput = {
  interactionId: number;
  customerId: number;
  /** The counter clerk who served the customer owns a dissatisfied answer's follow-up. */
  ownerId: number | null;
  phone: string | null;
};

/** Schedules (or records as suppressed) the counter transaction's survey; a second run returns the first result. */
export async function scheduleCounterCallback(opts: { db: Db; input: CounterCallbackInput; now?: Date }) {
  const now = opts.now ?? new Date();
  return opts.db.transaction(async (tx) => {
    const existing = await repo.findInvitationByInteraction(tx, opts.input.interactionId);
    return (
      existing ??
      scheduleInTx(
        tx,
        {
          customerId: opts.input.customerId,
          ticketId: null,
          ownerId: opts.input.ownerId,
          phone: opts.input.phone,
          interactionId: opts.input.interactionId,
          trigger: 'counter',
        },
        now,
      )
    );
  });
}
