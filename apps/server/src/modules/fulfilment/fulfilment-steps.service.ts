import type { ServiceOrderDetail, stepComplete } from '@crm/contracts';
import type { z } from 'zod';
import type { Db, DbOrTx } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { conflict, forbidden, invalidField, requiredField } from '../../platform/errors';
import { inTx } from '../accounts-mgmt/accounts-mgmt.service';
import { recordAudit } from '../audit/audit.service';
import { accountsOfCustomer, createAccount } from '../billing/billing.service';
import { requireVisibleCustomer } from '../customers/customers.service';
import { todayIso } from '../ka-common/ka-common.models';
import { checkAttachment } from '../ka-files/ka-files.models';
import { dropStoredFilesOnError, readStoredFile, storeFile } from '../ka-files/ka-files.service';
import { notifyUsers } from '../notifications/notifications.service';
import { createProduct } from '../products/products.service';
import { completeError, type StepKind, stepNamesZh } from './fulfilment.models';
import { departmentHeads } from './fulfilment.queries';
import * as repo from './fulfilment.repository';
import { getServiceOrder, orderNotFound, stepNotFound } from './fulfilment.service';

type StepRow = repo.StepRow;
type OrderRow = repo.OrderRow;

/**
 * Who may complete a step: its assignee; a manager or administrator; back-office staff for the business, network and
 * billing steps; the customer's AM for the customer confirmation.
 */
function checkMayComplete(ctx: RequestCtx, step: StepRow, order: OrderRow) {
  const role = ctx.user.role;
  if (step.assigneeId === ctx.user.id || role === 'admin' || role === 'manager') return;
  if (role === 'back_office' && step.department !== 'account_management') return;
  if (role === 'account_manager' && step.department === 'account_management' && order.amId === ctx.user.id) return;
  throw forbidden('fulfilment.not_your_step', 'This step belongs to another department');
}

/** Creates the product instances of the order, billed from `billingStart` on one of the customer's accounts. */
async function createProducts(ctx: RequestCtx, tx: DbOrTx, order: OrderRow, billingStart: string) {
  const c = inTx(ctx, tx);
  let account = (await accountsOfCustomer({ db: tx, customerId: order.customerId })).find((a) => a.status === 'active');
  if (!account) {
    const { party } = await requireVisibleCustomer({ db: tx, scope: ctx.scope, id: order.customerId });
    account = await createAccount({
      ctx: c,
      id: order.customerId,
      input: { name: party.name, paymentMethod: 'transfer', billCycleDay: 1 },
    });
  }
  const items = await repo.listItems(tx, order.id);
  for (const [i, { item }] of items.entries()) {
    const product = await createProduct({
      ctx: c,
      id: order.customerId,
      input: {
        offeringId: item.offeringId,
        accountId: account.id,
        serviceNumber: item.serviceNumber ?? `${order.orderNo}-${i + 1}`,
        startDate: billingStart,
        monthlyFen: item.quantity * item.monthlyFen,
        status: 'active',
      },
    });
    await repo.updateItem(tx, item.id, { productInstanceId: product.id });
  }
}

/**
 * Completes the current step of an order. Network build may record circuit ids / numbers; the customer confirmation
 * needs the customer's written confirmation (a document or a signed-off record); billing start creates the product
 * instances with the billing start date and completes the order.
 */
export async function completeOrderStep(opts: {
  ctx: RequestCtx;
  orderId: number;
  stepId: number;
  input: z.infer<typeof stepComplete>;
  filesDir: string;
}): Promise<ServiceOrderDetail> {
  const { ctx, orderId, stepId, input } = opts;
  const doc = input.confirmation?.document ? checkAttachment(input.confirmation.document) : null;
  const storedKeys: string[] = [];
  await ctx.db
    .transaction(async (tx) => {
      const order = await repo.lockOrder(tx, ctx.scope, orderId);
      if (!order) throw orderNotFound();
      const steps = (await repo.listSteps(tx, [orderId])).map((s) => s.step);
      const step = steps.find((s) => s.id === stepId);
      if (!step) throw stepNotFound();
      if (order.status !== 'in_progress') throw conflict('fulfilment.order_closed', `The order is ${order.status}`);
      const why = completeError(steps, stepId);
      if (why) throw conflict('fulfilment.step_out_of_order', why);
      checkMayComplete(ctx, step, order);

      let evidence: Record<string, unknown> | null = null;
      if (step.kind === 'network_build' && input.serviceNumbers?.length) {
        const items = new Set((await repo.listItems(tx, orderId)).map((i) => i.item.id));
        for (const [i, s] of input.serviceNumbers.entries()) {
          if (!items.has(s.itemId)) throw invalidField(`serviceNumbers.${i}.itemId`, 'not an item of this order');
          await repo.updateItem(tx, s.itemId, { serviceNumber: s.serviceNumber });
        }
      }
      if (step.kind === 'customer_confirmation') {
        const conf = input.confirmation;
        if (!conf) throw requiredField('confirmation', "required: the customer's written confirmation");
        if (conf.kind === 'document' && !doc) throw requiredField('confirmation.document', 'required for a document');
        const stored = doc ? await storeFile({ dir: opts.filesDir, bytes: doc.bytes }) : null;
        if (stored) storedKeys.push(stored.storageKey);
        evidence = {
          kind: conf.kind,
          signer: conf.signer,
          signedOn: conf.signedOn,
          ...(doc && stored ? { document: { fileName: doc.fileName, contentType: doc.contentType, ...stored } } : {}),
        };
      }
      let billingStart: string | null = null;
      if (step.kind === 'billing_start') {
        billingStart = input.billingStartDate ?? todayIso();
        const confirmed = steps.find((s) => s.kind === 'customer_confirmation');
        if (confirmed?.doneAt && billingStart < confirmed.doneAt.toISOString().slice(0, 10))
          throw invalidField('billingStartDate', 'billing cannot start before the customer confirmed completion');
        await createProducts(ctx, tx, order, billingStart);
        evidence = { billingStartDate: billingStart };
        await repo.updateOrder(tx, orderId, {
          status: 'completed',
          billingStartDate: billingStart,
          completedAt: new Date(),
        });
      }
      const after = await repo.updateStep(tx, stepId, {
        doneAt: new Date(),
        doneBy: ctx.user.id,
        note: input.note ?? null,
        evidence,
      });
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'complete',
        entity: 'service_order_step',
        entityId: stepId,
        customerId: order.customerId,
        before: { doneAt: null },
        after: {
          kind: after.kind,
          doneAt: after.doneAt?.toISOString(),
          note: after.note,
          billingStartDate: billingStart,
        },
      });
    })
    .catch(dropStoredFilesOnError(opts.filesDir, () => storedKeys));
  return getServiceOrder({ ctx, id: orderId });
}

/** The customer's confirmation document of a step (scope-checked like the order). */
export async function readConfirmationDocument(opts: {
  ctx: RequestCtx;
  orderId: number;
  stepId: number;
  filesDir: string;
}) {
  const order = await getServiceOrder({ ctx: opts.ctx, id: opts.orderId });
  const [row] = (await repo.listSteps(opts.ctx.db, [order.id])).filter((s) => s.step.id === opts.stepId);
  const doc = row?.step.evidence?.document as { fileName: string; contentType: string; storageKey: string } | undefined;
  if (!doc) throw stepNotFound();
  const bytes = await readStoredFile({ dir: opts.filesDir, storageKey: doc.storageKey });
  return { fileName: doc.fileName, contentType: doc.contentType, bytes };
}

/**
 * Alerts the AM and the owning department's head about every current step past its due date, once per step
 * (notification dedupe key `fulfilment.step_overdue:<stepId>`). Run by a recurring job.
 */
export async function scanOverdueSteps(opts: { db: Db; today?: string }): Promise<{ alerted: number }> {
  const { db } = opts;
  const today = opts.today ?? todayIso();
  const rows = await repo.overdueUnalerted(db, today);
  let alerted = 0;
  for (const r of rows) {
    const heads = await departmentHeads(db, r.step.department, r.orgUnitId);
    const userIds = [...new Set([...(r.amId ? [r.amId] : []), ...heads])];
    await db.transaction(async (tx) => {
      await notifyUsers({
        tx,
        userIds,
        alert: {
          kind: 'fulfilment.step_overdue',
          title: `${r.orderNo} ${r.customerName}：${stepNamesZh[r.step.kind as StepKind] ?? r.step.kind}环节已超期（期限 ${r.step.dueDate}）`,
          link: `/ka/orders/${r.step.orderId}`,
          data: {
            orderId: r.step.orderId,
            orderNo: r.orderNo,
            customerName: r.customerName,
            step: r.step.kind,
            department: r.step.department,
            dueDate: r.step.dueDate,
          },
          dedupeKey: `fulfilment.step_overdue:${r.step.id}`,
        },
      });
      await repo.updateStep(tx, r.step.id, { alertedAt: new Date() });
    });
    alerted++;
  }
  return { alerted };
}
