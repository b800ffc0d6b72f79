// What an import commit tells the rest of the system: its set-based upserts bypass the customer and billing service
// functions, so the created and changed customers / accounts are announced to their change listeners (the TMF event
// hubs' outbox) in the commit's transaction, in one batch, exactly as the services announce their own writes.
import type { ImportEntity } from '@crm/contracts';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { notifyAccountChanges } from '../billing/account-changes.service';
import { notifyCustomerChanges } from '../customers/customer-changes.service';
import type { CommittedChange } from './imports.commit.repository';

export async function notifyImportChanges(opts: {
  ctx: RequestCtx;
  tx: DbOrTx;
  entity: ImportEntity;
  changes: CommittedChange[];
}): Promise<void> {
  const { ctx, tx, entity, changes } = opts;
  if (changes.length === 0) return;
  if (entity === 'customers')
    await notifyCustomerChanges({
      ctx,
      tx,
      changes: changes.map((c) => ({
        customerId: c.id,
        partyType: c.partyType === 'individual' ? 'individual' : 'organization',
        kind: c.kind,
        fields: c.kind === 'updated' ? c.fields : undefined,
      })),
    });
  if (entity === 'accounts')
    await notifyAccountChanges({
      ctx,
      tx,
      changes: changes.map((c) => ({
        accountId: c.id,
        kind: c.kind === 'created' ? 'created' : c.fields.includes('status') ? 'status' : 'updated',
        fields: c.kind === 'updated' ? c.fields : undefined,
      })),
    });
}
