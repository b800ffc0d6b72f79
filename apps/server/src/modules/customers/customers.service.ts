import type {
  AuditPage,
  CustomerCreate,
  CustomerDetail,
  CustomerListQuery,
  CustomerLookup,
  CustomerSummary,
  CustomerUpdate,
} from '@crm/contracts';
import type { DbOrTx } from '../../db/client';
import type { RequestCtx, Scope } from '../../platform/context';
import { badRequest, invalidField, pgErrorOf } from '../../platform/errors';
import { maskForViewer } from '../../platform/pii';
import { listAuditEntries, recordAudit, recordPiiRead } from '../audit/audit.service';
import { findOrgUnitForReference, findUserForReference, getSubtreeIds } from '../org/org.service';
import { notifyCustomerChange } from './customer-changes.service';
import * as details from './customer-details.repository';
import { customerNotFound, duplicateField } from './customers.errors';
import { idNumberFacts, normalisePhone, onSameBranch, partyRuleViolations, splitUpdate } from './customers.models';
import * as repo from './customers.repository';

type Industry = NonNullable<CustomerSummary['industry']>;

export const toCustomerSummary = (r: repo.CustomerSummaryRow): CustomerSummary => ({
  ...r,
  industry: r.industry as Industry | null,
});

const toCustomerDetail = (r: details.CustomerDetailRow): CustomerDetail => ({
  ...toCustomerSummary(r),
  partyId: r.partyId,
  externalId: r.externalId,
  creditCode: r.creditCode,
  idNumber: r.idNumber,
  email: r.email,
  address: r.address,
  coverageLevel: r.coverageLevel,
  referredByCustomerId: r.referredByCustomerId,
  referredByName: r.referredByName,
  parentCustomerId: r.parentCustomerId,
  parentName: r.parentName,
  occupation: r.occupation,
  ageBand: r.ageBand,
  incomeBand: r.incomeBand,
  notes: r.notes,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

/** The business fields of a customer (party and customer role) as recorded in the audit log. */
function auditRecord(party: repo.PartyRow, customer: repo.CustomerRow): Record<string, unknown> {
  const { id: _pid, createdAt: _pc, updatedAt: _pu, ...partyFields } = party;
  const { id: _cid, partyId: _partyId, createdAt: _cc, updatedAt: _cu, ...customerFields } = customer;
  return { ...partyFields, ...customerFields };
}

/**
 * The customer and party rows of a customer inside the scope, or `customers.not_found` (404) for a missing or
 * out-of-scope one. Sub-resource services of other modules call it first, inside their transaction.
 */
export async function requireVisibleCustomer(opts: { db: DbOrTx; scope: Scope; id: number; lock?: boolean }) {
  const row = await repo.findCustomerForWrite(opts.db, opts.scope, opts.id, opts.lock);
  if (!row) throw customerNotFound();
  return row;
}

export async function listCustomers(opts: {
  ctx: RequestCtx;
  query: CustomerListQuery;
}): Promise<{ items: CustomerSummary[]; total: number }> {
  const { ctx, query } = opts;
  const { orgUnitId, ...rest } = query;
  let orgUnitIds: number[] | undefined;
  if (orgUnitId) {
    const unit = await findOrgUnitForReference({ db: ctx.db, id: orgUnitId });
    orgUnitIds = unit ? await getSubtreeIds({ db: ctx.db, path: unit.path }) : [];
  }
  const { items, total } = await repo.listCustomers(ctx.db, ctx.scope, { ...rest, orgUnitIds });
  return maskForViewer(ctx, { items: items.map(toCustomerSummary), total });
}

/** One customer (masked for the viewer), 404 when missing or out of scope. */
export async function getCustomer(opts: { ctx: RequestCtx; id: number }): Promise<CustomerDetail> {
  const row = await details.findCustomerDetail(opts.ctx.db, opts.ctx.scope, opts.id);
  if (!row) throw customerNotFound();
  return maskForViewer(opts.ctx, toCustomerDetail(row));
}

/**
 * A page of visible customers with their details (masked for the viewer), filtered, sorted and paged in SQL: the
 * list of integration facades (TM Forum APIs) that filter on any attribute.
 */
export async function listCustomerDetails(opts: {
  ctx: RequestCtx;
  filter: details.CustomerDetailFilter;
}): Promise<{ items: CustomerDetail[]; total: number }> {
  const { ctx, filter } = opts;
  const { items, total } = await details.listCustomerDetails(ctx.db, ctx.scope, filter);
  return maskForViewer(ctx, { items: items.map(toCustomerDetail), total });
}

export type { CustomerDetailFilter } from './customer-details.repository';

/** The org unit a customer may be placed in by this user: inside their scope (account managers: their subtree). */
async function orgUnitInScope(ctx: RequestCtx, db: DbOrTx, orgUnitId: number) {
  const unit = await findOrgUnitForReference({ db, id: orgUnitId });
  if (!unit) throw invalidField('orgUnitId', 'org unit not found');
  if (ctx.scope.kind === 'all') return unit;
  let allowed: number[];
  if (ctx.scope.kind === 'org') allowed = ctx.scope.orgUnitIds;
  else {
    const own = await findOrgUnitForReference({ db, id: ctx.user.orgUnitId });
    allowed = own ? await getSubtreeIds({ db, path: own.path }) : [];
  }
  if (!allowed.includes(unit.id)) throw invalidField('orgUnitId', 'outside your organisation');
  return unit;
}

/** An active account manager working on the org branch of the customer's unit. */
async function checkAccountManager(db: DbOrTx, id: number, unit: { path: string }) {
  const am = await findUserForReference({ db, id });
  if (!am?.active || am.role !== 'account_manager')
    throw invalidField('accountManagerId', 'not an active account manager');
  if (!onSameBranch(am.orgUnitPath, unit.path))
    throw invalidField('accountManagerId', 'the account manager works outside this org unit');
}

/** Account managers keep customers in their own portfolio: they may name only themselves. */
function checkOwnPortfolio(ctx: RequestCtx, accountManagerId: number | null) {
  if (ctx.user.role === 'account_manager' && accountManagerId !== ctx.user.id)
    throw invalidField('accountManagerId', 'an account manager can only assign customers to themselves');
}

async function checkReference(db: DbOrTx, scope: Scope, field: string, id: number) {
  if (!(await repo.isVisible(db, scope, id))) throw invalidField(field, 'customer not found');
}

async function checkUnique(
  db: DbOrTx,
  v: { creditCode?: string | null; idNumber?: string | null; externalId?: string | null },
  own?: { partyId: number; customerId: number },
) {
  if (v.creditCode && (await repo.findPartyHolding(db, 'creditCode', v.creditCode, own?.partyId)))
    throw duplicateField('creditCode');
  if (v.idNumber && (await repo.findPartyHolding(db, 'idNumber', v.idNumber, own?.partyId)))
    throw duplicateField('idNumber');
  if (v.externalId && (await repo.findCustomerByExternalId(db, v.externalId, own?.customerId)))
    throw duplicateField('externalId');
}

const UNIQUE_FIELDS: Record<string, string> = {
  parties_credit_code_uq: 'creditCode',
  parties_id_number_uq: 'idNumber',
  customers_external_id_uq: 'externalId',
};

/** A concurrent insert that won the race on a unique identifier still answers 409 naming the field. */
async function mappingDuplicates<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const pg = pgErrorOf(e);
    const field = pg?.code === '23505' && pg.constraint ? UNIQUE_FIELDS[pg.constraint] : undefined;
    if (field) throw duplicateField(field);
    throw e;
  }
}

const todayInShanghai = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

export async function createCustomer(opts: { ctx: RequestCtx; input: CustomerCreate }): Promise<CustomerDetail> {
  const { ctx, input } = opts;
  const id = await mappingDuplicates(() =>
    ctx.db.transaction(async (tx) => {
      const unit = await orgUnitInScope(ctx, tx, input.orgUnitId ?? ctx.user.orgUnitId);
      const accountManagerId =
        input.accountManagerId ?? (ctx.user.role === 'account_manager' ? ctx.user.id : undefined);
      if (input.accountManagerId !== undefined) checkOwnPortfolio(ctx, input.accountManagerId);
      if (accountManagerId) await checkAccountManager(tx, accountManagerId, unit);
      if (input.referredByCustomerId)
        await checkReference(tx, ctx.scope, 'referredByCustomerId', input.referredByCustomerId);
      if (input.parentCustomerId) await checkReference(tx, ctx.scope, 'parentCustomerId', input.parentCustomerId);
      await checkUnique(tx, input);
      const party = await repo.insertParty(tx, {
        partyType: input.partyType,
        name: input.name,
        creditCode: input.creditCode ?? null,
        idNumber: input.idNumber ?? null,
        ...(input.idNumber ? idNumberFacts(input.idNumber) : {}),
        mobile: input.mobile ?? null,
        email: input.email ?? null,
        address: input.address ?? null,
        occupation: input.occupation ?? null,
        ageBand: input.ageBand ?? null,
        incomeBand: input.incomeBand ?? null,
      });
      const customer = await repo.insertCustomer(tx, {
        partyId: party.id,
        externalId: input.externalId ?? null,
        category: input.category,
        publicSubtype: input.publicSubtype ?? null,
        status: input.status ?? 'active',
        orgUnitId: unit.id,
        accountManagerId: accountManagerId ?? null,
        industry: input.industry ?? null,
        coverageLevel: input.coverageLevel ?? null,
        organizationType: input.organizationType ?? null,
        sinceDate: input.sinceDate ?? todayInShanghai(),
        referredByCustomerId: input.referredByCustomerId ?? null,
        parentCustomerId: input.parentCustomerId ?? null,
        notes: input.notes ?? null,
      });
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'create',
        entity: 'customer',
        entityId: customer.id,
        customerId: customer.id,
        before: null,
        after: auditRecord(party, customer),
      });
      await notifyCustomerChange({
        ctx,
        tx,
        change: { customerId: customer.id, partyType: party.partyType, kind: 'created' },
      });
      return customer.id;
    }),
  );
  return getCustomer({ ctx, id });
}

export async function updateCustomer(opts: {
  ctx: RequestCtx;
  id: number;
  input: CustomerUpdate;
}): Promise<CustomerDetail> {
  const { ctx, id, input } = opts;
  await mappingDuplicates(() =>
    ctx.db.transaction(async (tx) => {
      const current = await requireVisibleCustomer({ db: tx, scope: ctx.scope, id, lock: true });
      const { party: partyChanges, customer: customerChanges } = splitUpdate(input);
      if (!Object.keys(partyChanges).length && !Object.keys(customerChanges).length) return;
      const was = { ...current.party, ...current.customer };
      const category = customerChanges.category ?? was.category;
      if (category !== 'public' && customerChanges.publicSubtype === undefined && was.publicSubtype)
        customerChanges.publicSubtype = null;
      const violations = partyRuleViolations({
        partyType: was.partyType,
        category,
        publicSubtype: customerChanges.publicSubtype !== undefined ? customerChanges.publicSubtype : was.publicSubtype,
        creditCode: partyChanges.creditCode !== undefined ? partyChanges.creditCode : was.creditCode,
        idNumber: partyChanges.idNumber !== undefined ? partyChanges.idNumber : was.idNumber,
      });
      if (violations.length)
        throw badRequest('validation.invalid', violations.map((v) => `${v.path}: ${v.message}`).join('; '), violations);

      if (customerChanges.orgUnitId !== undefined || customerChanges.accountManagerId !== undefined) {
        const unit =
          customerChanges.orgUnitId !== undefined
            ? await orgUnitInScope(ctx, tx, customerChanges.orgUnitId)
            : await findOrgUnitForReference({ db: tx, id: was.orgUnitId });
        const amId =
          customerChanges.accountManagerId !== undefined ? customerChanges.accountManagerId : was.accountManagerId;
        if (customerChanges.accountManagerId !== undefined) checkOwnPortfolio(ctx, amId);
        if (amId && unit) await checkAccountManager(tx, amId, unit);
      }
      if (customerChanges.referredByCustomerId) {
        if (customerChanges.referredByCustomerId === id)
          throw invalidField('referredByCustomerId', 'a customer cannot refer itself');
        await checkReference(tx, ctx.scope, 'referredByCustomerId', customerChanges.referredByCustomerId);
      }
      if (customerChanges.parentCustomerId) {
        await checkReference(tx, ctx.scope, 'parentCustomerId', customerChanges.parentCustomerId);
        if (await repo.wouldCycle(tx, id, customerChanges.parentCustomerId))
          throw invalidField('parentCustomerId', 'the customer itself or one of its branches cannot be its parent');
      }
      await checkUnique(
        tx,
        { ...partyChanges, externalId: customerChanges.externalId },
        { partyId: was.partyId, customerId: id },
      );
      const partyValues: Parameters<typeof repo.updateParty>[2] = { ...partyChanges };
      if (partyChanges.idNumber) Object.assign(partyValues, idNumberFacts(partyChanges.idNumber));
      if (partyChanges.idNumber === null) Object.assign(partyValues, { birthDate: null, gender: null });
      const party = Object.keys(partyValues).length
        ? await repo.updateParty(tx, was.partyId, partyValues)
        : current.party;
      const customer = await repo.updateCustomer(tx, id, customerChanges);
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'update',
        entity: 'customer',
        entityId: id,
        customerId: id,
        before: auditRecord(current.party, current.customer),
        after: auditRecord(party, customer),
      });
      const fields = [...Object.keys(partyChanges), ...Object.keys(customerChanges)];
      await notifyCustomerChange({
        ctx,
        tx,
        change: { customerId: id, partyType: was.partyType, kind: 'updated', fields },
      });
    }),
  );
  return getCustomer({ ctx, id });
}

export { auditRecord as customerAuditRecord };

/** The hotline's caller card for a phone number, 404 when nobody in scope holds it. */
export async function lookupCustomer(opts: { ctx: RequestCtx; phone: string }): Promise<CustomerLookup> {
  const row = await repo.lookupByPhone(opts.ctx.db, opts.ctx.scope, normalisePhone(opts.phone));
  if (!row) throw customerNotFound();
  return row;
}

/** The customer's audit trail (the customer, its contacts, accounts, products...), newest first. */
export async function customerHistory(opts: {
  ctx: RequestCtx;
  id: number;
  page: { limit: number; offset: number };
}): Promise<AuditPage> {
  const { ctx, id, page } = opts;
  await requireVisibleCustomer({ db: ctx.db, scope: ctx.scope, id });
  const { items, total, people, customers } = await listAuditEntries({
    db: ctx.db,
    filter: { customerId: id, ...page },
  });
  if (
    ctx.can('pii.read') &&
    items.some((e) => typeof e.changes.idNumber?.before === 'string' || typeof e.changes.idNumber?.after === 'string')
  )
    await recordPiiRead({ db: ctx.db, actor: ctx.actor, entity: 'customer', entityId: id });
  return { items: maskForViewer(ctx, items), total, people, customers };
}

/**
 * Sets a customer's status inside the caller's transaction (e.g. churned when a termination is recorded): the row
 * in the scope, locked; audited as an update of the customer; change listeners told. Returns the status before.
 */
export async function setCustomerStatusTx(opts: {
  ctx: RequestCtx;
  tx: DbOrTx;
  id: number;
  status: repo.CustomerRow['status'];
}): Promise<{ before: string; after: string }> {
  const { ctx, tx, id, status } = opts;
  const current = await requireVisibleCustomer({ db: tx, scope: ctx.scope, id, lock: true });
  if (current.customer.status === status) return { before: status, after: status };
  const customer = await repo.updateCustomer(tx, id, { status });
  await recordAudit({
    tx,
    actor: ctx.actor,
    action: 'update',
    entity: 'customer',
    entityId: id,
    customerId: id,
    before: auditRecord(current.party, current.customer),
    after: auditRecord(current.party, customer),
  });
  await notifyCustomerChange({
    ctx,
    tx,
    change: { customerId: id, partyType: current.party.partyType, kind: 'updated', fields: ['status'] },
  });
  return { before: current.customer.status, after: status };
}
