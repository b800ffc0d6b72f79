// TMF666 notifications: every billing account change (through TMF666 or the native API) becomes a BillingAccount
// event in the TMF event hub's outbox, inside the change's transaction. Event hrefs are relative (no request).
import type { Db, DbOrTx } from '../../../db/client';
import { userContext } from '../../auth/auth.service';
import { type AccountChange, onAccountChange, onAccountChanges } from '../../billing/account-changes.service';
import { getAccountDetail, listAccountDetails } from '../../billing/billing.service';
import type { TmfEventType } from '../hub/hub.models';
import { publishTmfEvent, publishTmfEvents } from '../hub/hub.service';
import { TMF666_API, toBillingAccount } from './tmf666.models';

const eventTypes: Record<AccountChange['kind'], TmfEventType> = {
  created: 'CreateEvent',
  updated: 'AttributeValueChangeEvent',
  status: 'StateChangeEvent',
};
/** Our changed fields under their TMF666 names. */
const tmfFields: Record<string, string> = {
  status: 'state',
  paymentMethod: 'defaultPaymentMethod',
  billCycleDay: 'billStructure',
};

/** Whether a user (a hub subscriber) may see the account: the same row scope as their API calls. */
async function visibleTo(tx: DbOrTx, accountId: number, userId: number) {
  const ctx = await userContext({ db: tx as Db, userId });
  if (!ctx) return false;
  return getAccountDetail({ db: tx, scope: ctx.scope, id: accountId }).then(
    () => true,
    () => false,
  );
}

/** Hooks the TMF666 events onto the billing services (idempotent; called when the TMF666 routes are registered). */
export function registerTmf666Events(): void {
  onAccountChange('tmf666', async ({ ctx, tx, change }) => {
    await publishTmfEvent(tx, {
      api: TMF666_API,
      resourceType: 'billingAccount',
      eventType: eventTypes[change.kind],
      fields: change.fields?.map((f) => tmfFields[f] ?? f),
      visibleTo: (userId) => visibleTo(tx, change.accountId, userId),
      resource: async () =>
        toBillingAccount(await getAccountDetail({ db: tx, scope: ctx.scope, id: change.accountId }), ''),
    });
  });
  // Bulk writes (imports): the same events, visibility and resources read set-based.
  onAccountChanges('tmf666', async ({ tx, changes }) => {
    await publishTmfEvents(tx, {
      api: TMF666_API,
      events: changes.map((change) => ({
        resourceId: change.accountId,
        resourceType: 'billingAccount',
        eventType: eventTypes[change.kind],
        fields: change.fields?.map((f) => tmfFields[f] ?? f),
      })),
      visibleResources: async (userId, ids) => {
        const ctx = await userContext({ db: tx as Db, userId });
        if (!ctx) return new Map();
        const filter = { ids, sort: [], limit: ids.length, offset: 0 };
        const { items } = await listAccountDetails({ ctx: { ...ctx, db: tx as Db, can: () => false }, filter });
        return new Map(items.map((a) => [a.id, toBillingAccount(a, '') as Record<string, unknown>]));
      },
    });
  });
}
