// TMF629 Customer v4: pure mapping between the TM Forum Customer and our customers (party + customer role), and the
// filters, sort keys and date bounds the list supports.
import {
  type CustomerDetail,
  type CustomerUpdate,
  coverageLevels,
  customerCategories,
  customerStatuses,
  industries,
  organizationTypes,
  publicSubtypes,
} from '@crm/contracts';
import { invalidField } from '../../../platform/errors';
import type { CustomerDetailFilter } from '../../customers/customers.service';
import {
  compact,
  dateRangeOf,
  idsOf,
  stringsOf,
  type TmfFilterSpec,
  type TmfQuery,
  type TmfValue,
  textsOf,
} from '../common/tmf.query';
import { type ContactMediumIn, contactFieldsOf, contactMediaOf, type EntityRefIn } from '../common/tmf.schemas';

export const TMF629_BASE = '/tmf-api/customerManagement/v4';
export const TMF632_BASE_PATH = '/tmf-api/party/v4';

/** What the list filters on (in SQL) and sorts by. */
export const customerFilters: Record<string, TmfFilterSpec> = {
  id: { kind: 'string' },
  name: { kind: 'string' },
  status: { kind: 'enum', values: customerStatuses },
  'engagedParty.id': { kind: 'string' },
  'engagedParty.name': { kind: 'string' },
  'relatedParty.id': { kind: 'string' },
  'validFor.startDateTime': { kind: 'date' },
};
export const customerSortable = ['id', 'name', 'status', 'validFor.startDateTime'] as const;
const sortColumn = { id: 'id', name: 'name', status: 'status', 'validFor.startDateTime': 'sinceDate' } as const;

/** Characteristics we keep on the customer; tier and stars come from the value grading and are read-only. */
const writableCharacteristics = {
  category: customerCategories,
  industry: industries,
  organizationType: organizationTypes,
  coverageLevel: coverageLevels,
  publicSubtype: publicSubtypes,
} as const;
type WritableCharacteristic = keyof typeof writableCharacteristics;
const readOnlyCharacteristics = ['tier', 'stars', 'customerNo', 'abcClass'];

const shanghaiDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
const isShanghaiMidnight = (d: Date) => new Date(`${shanghaiDate(d)}T00:00:00+08:00`).getTime() === d.getTime();

/**
 * Instant bounds on a date column (a customer's since date starts at Shanghai midnight) as date bounds: `> t` is
 * `> day(t)`; `>= t` is `>= day(t)` at midnight and `> day(t)` later that day; `< t` and `<= t` likewise.
 */
export function dateBoundsOf(c: { gt?: TmfValue; gte?: TmfValue; lt?: TmfValue; lte?: TmfValue } | undefined) {
  const range = dateRangeOf(c);
  if (!range) return undefined;
  const out: { gt?: string; gte?: string; lt?: string; lte?: string } = {};
  if (range.gt) out.gt = shanghaiDate(range.gt);
  if (range.gte) out[isShanghaiMidnight(range.gte) ? 'gte' : 'gt'] = shanghaiDate(range.gte);
  if (range.lt) out[isShanghaiMidnight(range.lt) ? 'lt' : 'lte'] = shanghaiDate(range.lt);
  if (range.lte) out.lte = shanghaiDate(range.lte);
  return out;
}

/** The parsed TMF query as the customers service's SQL filter. */
export function customerFilterOf(q: TmfQuery): CustomerDetailFilter {
  const f = q.filters;
  return {
    ids: idsOf(f.id),
    partyIds: idsOf(f['engagedParty.id']),
    names: textsOf(f.name) ?? textsOf(f['engagedParty.name']),
    statuses: stringsOf(f.status) as CustomerDetail['status'][] | undefined,
    accountManagerIds: idsOf(f['relatedParty.id']),
    sinceDate: dateBoundsOf(f['validFor.startDateTime']),
    sort: q.sort.map((s) => ({ column: sortColumn[s.field as keyof typeof sortColumn], desc: s.desc })),
    limit: q.limit,
    offset: q.offset,
  };
}

export type CustomerExtras = {
  accounts: { id: number; name: string; accountNo: string }[];
  contracts: { id: number; title: string; contractNo: string }[];
  grade: { tier: string | null; stars: number | null } | null;
};

const char = (name: string, value: string | number | null, valueType = 'string') =>
  value === null ? null : { name, value, valueType, '@type': 'StringCharacteristic' };

/** A customer as a TMF629 Customer; `origin` is the absolute scheme://host of the request. */
export function toCustomer(c: CustomerDetail, extras: CustomerExtras | null, origin: string) {
  const partyKind = c.partyType === 'individual' ? 'individual' : 'organization';
  return compact({
    id: String(c.id),
    href: `${origin}${TMF629_BASE}/customer/${c.id}`,
    name: c.name,
    status: c.status,
    validFor: c.sinceDate ? { startDateTime: `${c.sinceDate}T00:00:00+08:00` } : null,
    engagedParty: {
      id: String(c.partyId),
      href: `${origin}${TMF632_BASE_PATH}/${partyKind}/${c.partyId}`,
      name: c.name,
      '@referredType': c.partyType === 'individual' ? 'Individual' : 'Organization',
    },
    contactMedium: contactMediaOf(c),
    characteristic: [
      char('customerNo', c.customerNo),
      char('category', c.category),
      char('publicSubtype', c.publicSubtype),
      char('industry', c.industry),
      char('organizationType', c.organizationType),
      char('coverageLevel', c.coverageLevel),
      char('tier', extras?.grade?.tier ?? null),
      extras?.grade?.stars != null
        ? { name: 'stars', value: extras.grade.stars, valueType: 'integer', '@type': 'IntegerCharacteristic' }
        : null,
    ].filter((x) => x !== null),
    account: extras?.accounts.map((a) => ({
      id: String(a.id),
      href: `${origin}/tmf-api/accountManagement/v4/billingAccount/${a.id}`,
      name: a.name,
      description: a.accountNo,
      '@referredType': 'BillingAccount',
    })),
    agreement: extras?.contracts.map((k) => ({
      id: String(k.id),
      name: k.title,
      '@referredType': 'Agreement',
    })),
    relatedParty: c.accountManagerId
      ? [
          {
            id: String(c.accountManagerId),
            name: c.accountManagerName ?? undefined,
            role: 'accountManager',
            '@referredType': 'Individual',
          },
        ]
      : [],
    '@type': 'Customer',
    '@baseType': 'PartyRole',
  });
}
export type CustomerResource = ReturnType<typeof toCustomer>;

/** TMF status words we accept for our statuses (case-insensitive). */
export function statusOf(value: string): CustomerDetail['status'] {
  const v = value.toLowerCase();
  const words: Record<string, CustomerDetail['status']> = {
    prospect: 'prospect',
    initialized: 'prospect',
    active: 'active',
    approved: 'active',
    validated: 'active',
    suspended: 'suspended',
    churned: 'churned',
    closed: 'churned',
    inactive: 'churned',
  };
  const s = words[v];
  if (!s) throw invalidField('status', `unknown status "${value}" (one of: ${customerStatuses.join(', ')})`);
  return s;
}

/** Our characteristic fields from TMF characteristics; unknown or read-only names are a 400 naming them. */
export function characteristicFieldsOf(list: { name: string; value: unknown }[]) {
  const out: Partial<Record<WritableCharacteristic, string | null>> = {};
  for (const c of list) {
    if (readOnlyCharacteristics.includes(c.name))
      throw invalidField(`characteristic.${c.name}`, 'is read-only (computed by the CRM)');
    if (!(c.name in writableCharacteristics))
      throw invalidField(
        `characteristic.${c.name}`,
        `unknown characteristic (one of: ${Object.keys(writableCharacteristics).join(', ')})`,
      );
    out[c.name as WritableCharacteristic] = c.value === null || c.value === '' ? null : String(c.value);
  }
  return out;
}

/** The account manager among related parties (role accountManager), as a user id; undefined when none is named. */
export function accountManagerOf(parties: EntityRefIn[] | undefined): number | null | undefined {
  if (!parties) return undefined;
  const am = parties.find((p) => p.role?.toLowerCase().replace(/[\s_-]/g, '') === 'accountmanager');
  if (!am) return null;
  if (!am.id || !/^[1-9]\d{0,9}$/.test(am.id)) throw invalidField('relatedParty.id', 'an account manager user id');
  return Number(am.id);
}

export type CustomerCreateIn = {
  name: string;
  status?: string;
  engagedParty: EntityRefIn;
  contactMedium?: ContactMediumIn[];
  characteristic?: { name: string; value: unknown }[];
  relatedParty?: EntityRefIn[];
  validFor?: { startDateTime?: string };
};

/** Paths of our fields in the TMF body, for 400s naming the attribute the client sent. */
export const customerFieldPaths: Record<string, string> = {
  name: 'name',
  status: 'status',
  mobile: 'contactMedium.phoneNumber',
  email: 'contactMedium.emailAddress',
  address: 'contactMedium.street1',
  category: 'characteristic.category',
  industry: 'characteristic.industry',
  organizationType: 'characteristic.organizationType',
  coverageLevel: 'characteristic.coverageLevel',
  publicSubtype: 'characteristic.publicSubtype',
  accountManagerId: 'relatedParty',
  sinceDate: 'validFor.startDateTime',
};

const sinceDateOf = (v: string | undefined) => {
  if (v === undefined) return undefined;
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw invalidField('validFor.startDateTime', 'must be an ISO 8601 date-time');
  return shanghaiDate(d);
};

/** A TMF629 Customer_Create as our customer create input (the engaged party is created with the customer). */
export function customerCreateOf(body: CustomerCreateIn): Record<string, unknown> {
  const partyType = body.engagedParty['@referredType']?.toLowerCase() === 'individual' ? 'individual' : 'organization';
  const chars = characteristicFieldsOf(body.characteristic ?? []);
  const contact = body.contactMedium ? contactFieldsOf(body.contactMedium) : {};
  const am = accountManagerOf(body.relatedParty);
  return compact({
    partyType,
    name: body.name,
    status: body.status ? statusOf(body.status) : undefined,
    category: chars.category ?? (partyType === 'individual' ? 'public' : 'business'),
    publicSubtype: chars.publicSubtype,
    industry: chars.industry,
    organizationType: chars.organizationType,
    coverageLevel: chars.coverageLevel,
    ...contact,
    accountManagerId: am,
    sinceDate: sinceDateOf(body.validFor?.startDateTime),
  });
}

export type CustomerPatchIn = Partial<Omit<CustomerCreateIn, 'engagedParty'>> & { engagedParty?: EntityRefIn };

/** A TMF629 merge patch as our customer update (`null` clears; arrays replace what they describe). */
export function customerUpdateOf(body: CustomerPatchIn): CustomerUpdate {
  if (body.engagedParty !== undefined)
    throw invalidField('engagedParty', 'the engaged party of a customer cannot change');
  const out: Record<string, unknown> = {};
  if (body.name !== undefined) out.name = body.name;
  if (body.status !== undefined) out.status = statusOf(body.status);
  if (body.characteristic) Object.assign(out, characteristicFieldsOf(body.characteristic));
  if (body.contactMedium !== undefined) Object.assign(out, contactFieldsOf(body.contactMedium ?? []));
  const am = accountManagerOf(body.relatedParty ?? undefined);
  if (am !== undefined) out.accountManagerId = am;
  if (body.validFor !== undefined) out.sinceDate = sinceDateOf(body.validFor?.startDateTime) ?? null;
  return out as CustomerUpdate;
}
