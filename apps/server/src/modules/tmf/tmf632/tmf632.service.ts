// The TMF632 Party facade over our parties (each held with its customer role): every call goes through the customers
// module's service functions, so row scope (404 outside it), validation, PII masking (resident ID and mobile for
// roles without pii.read), audit and Idempotency-Key are those of /api/customers. The facade maps; it never touches
// tables.
import { type CustomerDetail, customerCreate, customerUpdate } from '@crm/contracts';
import type { RequestCtx } from '../../../platform/context';
import { invalidField } from '../../../platform/errors';
import { deleteCustomer } from '../../customers/customer-delete.service';
import { createCustomer, listCustomerDetails, updateCustomer } from '../../customers/customers.service';
import { tmfNotFound } from '../common/tmf.http';
import { projectFields, resourceIdOf, type TmfQuery } from '../common/tmf.query';
import { parseMapped } from '../common/tmf.schemas';
import {
  type OrgLink,
  type PartyIn,
  type PartyKind,
  partyCreateOf,
  partyFieldPaths,
  partyFieldsOf,
  partyFilterOf,
  toIndividual,
  toOrganization,
} from './tmf632.models';

const LINKS_PAGE = 1000;
const label = (kind: PartyKind) => (kind === 'individual' ? 'Individual' : 'Organization');
const page = { sort: [], limit: LINKS_PAGE, offset: 0 };

/** Parents and branches (the group hierarchy) of a page of organisations, in two queries, within the scope. */
async function hierarchyOf(ctx: RequestCtx, orgs: CustomerDetail[]) {
  const parentIds = [...new Set(orgs.map((o) => o.parentCustomerId).filter((id): id is number => id !== null))];
  const [parents, children] = await Promise.all([
    parentIds.length ? listCustomerDetails({ ctx, filter: { ids: parentIds, ...page } }) : { items: [] },
    orgs.length
      ? listCustomerDetails({ ctx, filter: { parentCustomerIds: orgs.map((o) => o.id), ...page } })
      : { items: [] },
  ]);
  const link = (c: CustomerDetail): OrgLink => ({ partyId: c.partyId, name: c.name });
  const parentById = new Map(parents.items.map((p) => [p.id, link(p)]));
  return (o: CustomerDetail) => ({
    parent: (o.parentCustomerId && parentById.get(o.parentCustomerId)) || null,
    children: children.items.filter((c) => c.parentCustomerId === o.id).map(link),
  });
}

async function toResources(ctx: RequestCtx, kind: PartyKind, items: CustomerDetail[], origin: string) {
  if (kind === 'individual') return items.map((c) => toIndividual(c, origin));
  const links = await hierarchyOf(ctx, items);
  return items.map((c) => toOrganization(c, links(c), origin));
}

/** The visible party of this kind from a path id of any shape, or a TMF 404. */
async function requireParty(ctx: RequestCtx, kind: PartyKind, rawId: string) {
  const partyId = resourceIdOf(rawId);
  const found =
    partyId === null
      ? null
      : (
          await listCustomerDetails({
            ctx,
            filter: { partyIds: [partyId], partyType: kind, sort: [], limit: 1, offset: 0 },
          })
        ).items[0];
  if (!found) throw tmfNotFound(label(kind));
  return found;
}

/** The parent organisation's customer id from organizationParentRelationship (a party id), null to clear. */
async function parentCustomerIdOf(ctx: RequestCtx, rel: { organization?: { id?: string } } | null | undefined) {
  if (rel === undefined) return undefined;
  if (rel === null || !rel.organization?.id) return null;
  const partyId = resourceIdOf(rel.organization.id);
  const parent =
    partyId === null
      ? undefined
      : (
          await listCustomerDetails({
            ctx,
            filter: { partyIds: [partyId], partyType: 'organization', sort: [], limit: 1, offset: 0 },
          })
        ).items[0];
  if (!parent) throw invalidField('organizationParentRelationship.organization.id', 'organization not found');
  return parent.id;
}

export type PartyBody = PartyIn & { organizationParentRelationship?: { organization?: { id?: string } } | null };

export async function listTmfParties(opts: { ctx: RequestCtx; kind: PartyKind; query: TmfQuery; origin: string }) {
  const { ctx, kind, query, origin } = opts;
  const { items, total } = await listCustomerDetails({ ctx, filter: partyFilterOf(kind, query) });
  const resources = await toResources(ctx, kind, items, origin);
  return { items: resources.map((r) => projectFields(r as Record<string, unknown>, query.fields)), total };
}

export async function getTmfParty(opts: {
  ctx: RequestCtx;
  kind: PartyKind;
  id: string;
  origin: string;
  fields: string[] | null;
}) {
  const party = await requireParty(opts.ctx, opts.kind, opts.id);
  const [resource] = await toResources(opts.ctx, opts.kind, [party], opts.origin);
  return projectFields(resource as Record<string, unknown>, opts.fields);
}

async function resourceOf(ctx: RequestCtx, kind: PartyKind, customerId: number, origin: string) {
  const { items } = await listCustomerDetails({ ctx, filter: { ids: [customerId], sort: [], limit: 1, offset: 0 } });
  const [resource] = await toResources(ctx, kind, items, origin);
  return resource;
}

export async function createTmfParty(opts: { ctx: RequestCtx; kind: PartyKind; input: PartyBody; origin: string }) {
  const { ctx, kind, input } = opts;
  const fields = partyCreateOf(kind, input);
  const parentCustomerId =
    kind === 'organization' ? await parentCustomerIdOf(ctx, input.organizationParentRelationship) : undefined;
  if (parentCustomerId) fields.parentCustomerId = parentCustomerId;
  const created = await createCustomer({ ctx, input: parseMapped(customerCreate, fields, partyFieldPaths) });
  return resourceOf(ctx, kind, created.id, opts.origin);
}

export async function patchTmfParty(opts: {
  ctx: RequestCtx;
  kind: PartyKind;
  id: string;
  input: PartyBody;
  origin: string;
}) {
  const { ctx, kind, input } = opts;
  const current = await requireParty(ctx, kind, opts.id);
  const fields = partyFieldsOf(kind, input, current.name);
  if (kind === 'organization') {
    const parent = await parentCustomerIdOf(ctx, input.organizationParentRelationship);
    if (parent !== undefined) fields.parentCustomerId = parent;
  }
  await updateCustomer({ ctx, id: current.id, input: parseMapped(customerUpdate, fields, partyFieldPaths) });
  return resourceOf(ctx, kind, current.id, opts.origin);
}

export async function deleteTmfParty(opts: { ctx: RequestCtx; kind: PartyKind; id: string }) {
  const current = await requireParty(opts.ctx, opts.kind, opts.id);
  await deleteCustomer({ ctx: opts.ctx, id: current.id });
}
