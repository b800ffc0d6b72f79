// TMF629 notifications: every customer change (through TMF629, TMF632 or the native API) becomes a Customer event in
// the TMF event hub's outbox, inside the change's transaction. Event hrefs are relative (no request); personal fields
// are masked (a subscriber's user may lack pii.read).
import type { Db, DbOrTx } from '../../../db/client';
import type { RequestCtx } from '../../../platform/context';
import { userContext } from '../../auth/auth.service';
import { type CustomerChange, onCustomerChange, onCustomerChanges } from '../../customers/customer-changes.service';
import { listCustomerDetails, requireVisibleCustomer } from '../../customers/customers.service';
import type { TmfEventType } from '../hub/hub.models';
import { publishTmfEvent, publishTmfEvents } from '../hub/hub.service';
import { toCustomer } from './tmf629.models';

export const TMF629_API = 'customerManagement';

/** Our changed fields under their TMF629 names. */
const tmfFields: Record<string, string> = {
  accountManagerId: 'relatedParty',
  sinceDate: 'validFor',
  mobile: 'contactMedium',
  email: 'contactMedium',
  address: 'contactMedium',
  category: 'characteristic',
  publicSubtype: 'characteristic',
  industry: 'characteristic',
  organizationType: 'characteristic',
  coverageLevel: 'characteristic',
};
const known = new Set(['name', 'status', ...Object.keys(tmfFields)]);

/** The TMF629 names of our changed fields (each once; fields without a TMF attribute are left out). */
export const customerFieldsOf = (fields: string[] | undefined) =>
  fields && [...new Set(fields.filter((f) => known.has(f)).map((f) => tmfFields[f] ?? f))];

/** A context reading inside the change's transaction, with personal fields masked. */
export const eventCtx = (ctx: RequestCtx, tx: DbOrTx): RequestCtx => ({ ...ctx, db: tx as Db, can: () => false });

/** The customer as the change's author sees it inside the transaction (masked), or undefined. */
export async function changedCustomer(ctx: RequestCtx, tx: DbOrTx, customerId: number) {
  const page = { sort: [], limit: 1, offset: 0 };
  return (await listCustomerDetails({ ctx: eventCtx(ctx, tx), filter: { ids: [customerId], ...page } })).items[0];
}

/** Whether a user (a hub subscriber) may see the customer: the same row scope as their API calls. */
export async function customerVisibleTo(tx: DbOrTx, customerId: number, userId: number) {
  const ctx = await userContext({ db: tx as Db, userId });
  if (!ctx) return false;
  return requireVisibleCustomer({ db: tx, scope: ctx.scope, id: customerId }).then(
    () => true,
    () => false,
  );
}

/**
 * The customers among `ids` a user may see (their API row scope), read inside the transaction with personal fields
 * masked, by id: one query per chunk of a batch.
 */
export async function visibleCustomerDetails(tx: DbOrTx, userId: number, ids: number[]) {
  const ctx = await userContext({ db: tx as Db, userId });
  if (!ctx) return [];
  const filter = { ids, sort: [], limit: ids.length, offset: 0 };
  return (await listCustomerDetails({ ctx: eventCtx(ctx, tx), filter })).items;
}

function eventTypeOf(change: CustomerChange): TmfEventType {
  if (change.kind === 'created') return 'CreateEvent';
  if (change.kind === 'deleted') return 'DeleteEvent';
  return change.fields?.includes('status') ? 'StateChangeEvent' : 'AttributeValueChangeEvent';
}

/** Hooks the TMF629 events onto the customer services (idempotent; called when the TMF629 routes are registered). */
export function registerTmf629Events(): void {
  onCustomerChange('tmf629', async ({ ctx, tx, change }) => {
    const fields = customerFieldsOf(change.fields);
    if (change.kind === 'updated' && !fields?.length) return;
    await publishTmfEvent(tx, {
      api: TMF629_API,
      resourceType: 'customer',
      eventType: eventTypeOf(change),
      fields,
      visibleTo: (userId) => customerVisibleTo(tx, change.customerId, userId),
      resource: async () => {
        const customer = await changedCustomer(ctx, tx, change.customerId);
        return customer ? toCustomer(customer, null, '') : { id: String(change.customerId), '@type': 'Customer' };
      },
    });
  });
  // Bulk writes (imports): the same events, set-based.
  onCustomerChanges('tmf629', async ({ tx, changes }) => {
    const events = changes.flatMap((change) => {
      const fields = customerFieldsOf(change.fields);
      if (change.kind === 'updated' && !fields?.length) return [];
      return [{ resourceId: change.customerId, resourceType: 'customer', eventType: eventTypeOf(change), fields }];
    });
    await publishTmfEvents(tx, {
      api: TMF629_API,
      events,
      visibleResources: async (userId, ids) =>
        new Map(
          (await visibleCustomerDetails(tx, userId, ids)).map((c) => [
            c.id,
            toCustomer(c, null, '') as Record<string, unknown>,
          ]),
        ),
    });
  });
}
