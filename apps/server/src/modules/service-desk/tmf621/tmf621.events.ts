// TMF621 notifications: every ticket change (through TMF621 or the native API) becomes a TroubleTicket event in the
// TMF event hub's outbox, inside the change's transaction.
import type { Db, DbOrTx } from '../../../db/client';
import { userContext } from '../../auth/auth.service';
import type { TmfEventType } from '../../tmf/hub/hub.models';
import { publishTmfEvent } from '../../tmf/hub/hub.service';
import { viewerOf } from '../desk.service';
import { onTicketChange, type TicketChange } from '../tickets/ticket-changes.service';
import * as q from '../tickets/tickets.queries';
import { TMF621_API } from './tmf621.models';
import { troubleTicketResources } from './tmf621.service';

const eventTypes: Record<TicketChange['kind'], TmfEventType> = {
  created: 'CreateEvent',
  updated: 'AttributeValueChangeEvent',
  status: 'StatusChangeEvent',
  deleted: 'DeleteEvent',
};
/** Our changed fields under their TMF621 names. */
const tmfFields: Record<string, string> = {
  title: 'name',
  clientTicketType: 'ticketType',
  clientSeverity: 'severity',
};

/** Whether a user (a hub subscriber) may see the ticket: the same row scope as their API calls. */
async function visibleTo(tx: DbOrTx, ticketId: number, userId: number) {
  const ctx = await userContext({ db: tx as Db, userId });
  return !!ctx && !!(await q.findTicketSummary(tx, viewerOf(ctx), ticketId));
}

/** Hooks the TMF621 events onto the ticket services (idempotent; called when the TMF621 routes are registered). */
export function registerTmf621Events(): void {
  onTicketChange('tmf621', async ({ ctx, tx, change }) => {
    await publishTmfEvent(tx, {
      api: TMF621_API,
      resourceType: 'troubleTicket',
      eventType: eventTypes[change.kind],
      fields: change.fields?.map((f) => tmfFields[f] ?? f),
      visibleTo: (userId) => visibleTo(tx, change.ticketId, userId),
      resource: async () => {
        const summary = await q.findTicketSummary(tx, viewerOf(ctx), change.ticketId);
        // Subscribers' users may lack pii.read: events always carry masked personal fields.
        const masked = { can: () => false };
        return summary ? (await troubleTicketResources(tx, [summary], masked))[0] : { id: String(change.ticketId) };
      },
    });
  });
}
