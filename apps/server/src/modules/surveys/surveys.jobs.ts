import { enqueueJob, registerJobHandler, registerRecurring } from '../jobs/jobs.service';
import {
  EXPIRE_JOB,
  expireInvitations,
  SEND_JOB,
  scheduleTicketCallback,
  sendInvitation,
  TICKET_CALLBACK_JOB,
} from './callbacks.service';
import { COUNTER_CALLBACK_JOB, type CounterCallbackInput, scheduleCounterCallback } from './counter-callbacks.service';

/**
 * Callback survey jobs: a closed ticket's callback (queued by the service desk in the closing transaction), sending
 * at the scheduled time, and the expiry sweep (also every 15 minutes, so nothing waits on a lost job).
 */
export function registerSurveyJobs(): void {
  registerJobHandler(TICKET_CALLBACK_JOB, async ({ db, job }) => {
    const p = job.payload as { ticketId: number; customerId: number; ownerId: number | null; phone: string | null };
    const inv = await scheduleTicketCallback({
      db,
      input: { ticketId: p.ticketId, customerId: p.customerId, ownerId: p.ownerId, phone: p.phone },
    });
    return { invitationId: inv.id, status: inv.status };
  });
  registerJobHandler(SEND_JOB, async ({ db, job }) => {
    const inv = await sendInvitation({ db, id: (job.payload as { id: number }).id });
    return { status: inv?.status ?? 'missing' };
  });
  registerJobHandler(COUNTER_CALLBACK_JOB, async ({ db, job }) => {
    const inv = await scheduleCounterCallback({ db, input: job.payload as CounterCallbackInput });
    return { invitationId: inv.id, status: inv.status };
  });
  registerJobHandler(EXPIRE_JOB, async ({ db }) => ({ expired: await expireInvitations({ db }) }));
  registerRecurring({
    name: 'surveys.expiry-sweep',
    everyMs: 15 * 60_000,
    enqueue: async ({ db, now }) => {
      const slot = Math.floor(now.getTime() / (15 * 60_000));
      await enqueueJob({ db, type: EXPIRE_JOB, dedupeKey: `survey:expire-sweep:${slot}` });
    },
  });
}
