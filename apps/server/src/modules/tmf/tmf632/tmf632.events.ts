// TMF632 notifications: every customer change (through TMF629, TMF632 or the native API) becomes an Individual or
// Organization event of its party in the TMF event hub's outbox, inside the change's transaction. Event hrefs are
// relative (no request); identifications are masked (a subscriber's user may lack pii.read).
import type { DbOrTx } from '../../../db/client';
import type { RequestCtx } from '../../../platform/context';
import { onCustomerChange, onCustomerChanges } from '../../customers/customer-changes.service';
import { listCustomerDetails } from '../../customers/customers.service';
import type { TmfEventType } from '../hub/hub.models';
import { publishTmfEvent, publishTmfEvents } from '../hub/hub.service';
import { changedCustomer, customerVisibleTo, eventCtx, visibleCustomerDetails } from '../tmf629/tmf629.events';
import { toIndividual, toOrganization } from './tmf632.models';

export const TMF632_API = 'party';

/** Our changed fields under their TMF632 names (both party kinds). */
const tmfFields: Record<string, string> = {
  name: 'name',
  status: 'status',
  mobile: 'contactMedium',
  email: 'contactMedium',
  address: 'contactMedium',
  idNumber: 'individualIdentification',
  creditCode: 'organizationIdentification',
  organizationType: 'organizationType',
  sinceDate: 'existsDuring',
  parentCustomerId: 'organizationParentRelationship',
  occupation: 'partyCharacteristic',
  ageBand: 'partyCharacteristic',
  incomeBand: 'partyCharacteristic',
  industry: 'partyCharacteristic',
};
const partyFieldsOf = (fields: string[] | undefined) =>
  fields && [...new Set(fields.filter((f) => f in tmfFields).map((f) => tmfFields[f]))];

const eventTypes: Record<'created' | 'updated' | 'deleted', TmfEventType> = {
  created: 'CreateEvent',
  updated: 'AttributeValueChangeEvent',
  deleted: 'DeleteEvent',
};

type Detail = NonNullable<Awaited<ReturnType<typeof changedCustomer>>>;

/** The party of a customer as TMF632 answers it (an organization with its parent and children links). */
async function partyResourceOf(ctx: RequestCtx, tx: DbOrTx, customer: Detail) {
  if (customer.partyType === 'individual') return toIndividual(customer, '');
  const page = { sort: [], limit: 1, offset: 0 };
  const parentIds = customer.parentCustomerId ? [customer.parentCustomerId] : [0];
  const [parent] = (await listCustomerDetails({ ctx: eventCtx(ctx, tx), filter: { ids: parentIds, ...page } })).items;
  const children = await listCustomerDetails({
    ctx: eventCtx(ctx, tx),
    filter: { parentCustomerIds: [customer.id], sort: [], limit: 1000, offset: 0 },
  });
  const link = (c: { partyId: number; name: string }) => ({ partyId: c.partyId, name: c.name });
  return toOrganization(customer, { parent: parent ? link(parent) : null, children: children.items.map(link) }, '');
}

/** Hooks the TMF632 events onto the customer services (idempotent; called when the TMF632 routes are registered). */
export function registerTmf632Events(): void {
  onCustomerChange('tmf632', async ({ ctx, tx, change }) => {
    const fields = partyFieldsOf(change.fields);
    if (change.kind === 'updated' && !fields?.length) return;
    await publishTmfEvent(tx, {
      api: TMF632_API,
      resourceType: change.partyType === 'individual' ? 'individual' : 'organization',
      eventType: eventTypes[change.kind],
      fields,
      visibleTo: (userId) => customerVisibleTo(tx, change.customerId, userId),
      resource: async () => {
        const customer = await changedCustomer(ctx, tx, change.customerId);
        return customer ? partyResourceOf(ctx, tx, customer) : { id: String(change.customerId) };
      },
    });
  });
  // Bulk writes (imports): the same events, visibility read set-based.
  onCustomerChanges('tmf632', async ({ ctx, tx, changes }) => {
    const events = changes.flatMap((change) => {
      const fields = partyFieldsOf(change.fields);
      if (change.kind === 'updated' && !fields?.length) return [];
      const resourceType = change.partyType === 'individual' ? 'individual' : 'organization';
      return [{ resourceId: change.customerId, resourceType, eventType: eventTypes[change.kind], fields }];
    });
    await publishTmfEvents(tx, {
      api: TMF632_API,
      events,
      visibleResources: async (userId, ids) => {
        const out = new Map<number, Record<string, unknown>>();
        for (const c of await visibleCustomerDetails(tx, userId, ids))
          out.set(c.id, (await partyResourceOf(ctx, tx, c)) as Record<string, unknown>);
        return out;
      },
    });
  });
}
