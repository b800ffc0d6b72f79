// TMF632 Party v4: pure mapping between the TM Forum Individual / Organization and our parties. A party is stored
// with its customer role (our parties exist as customers), so the resource id is the party id and the customer
// role is named among the related parties.
import type { CustomerDetail } from '@crm/contracts';
import { invalidField } from '../../../platform/errors';
import type { CustomerDetailFilter } from '../../customers/customers.service';
import { compact, idsOf, stringsOf, type TmfFilterSpec, type TmfQuery, textsOf } from '../common/tmf.query';
import { type ContactMediumIn, contactFieldsOf, contactMediaOf } from '../common/tmf.schemas';
import { dateBoundsOf } from '../tmf629/tmf629.models';

export const TMF632_BASE = '/tmf-api/party/v4';
export type PartyKind = 'individual' | 'organization';

const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '令狐',
  '夏侯',
  '端木',
  '独孤',
  '南宫',
  '西门',
  '百里',
  '呼延',
];
const isCjk = (s: string) => /^[\u3400-\u9fff\u00b7]+$/.test(s);

/** Family and given name of a stored name: "family given" with a space, or a Chinese name (family name first). */
export function splitPersonName(name: string): { familyName: string; givenName: string } {
  const trimmed = name.trim();
  const space = trimmed.indexOf(' ');
  if (space > 0) return { familyName: trimmed.slice(0, space), givenName: trimmed.slice(space + 1).trim() };
  if (isCjk(trimmed) && trimmed.length >= 2) {
    const family = COMPOUND_SURNAMES.find((s) => trimmed.startsWith(s) && trimmed.length > s.length) ?? trimmed[0];
    return { familyName: family, givenName: trimmed.slice(family.length) };
  }
  return { familyName: trimmed, givenName: '' };
}

/** The stored name of a person: family name first (Chinese order), with a space unless both parts are Chinese. */
export function joinPersonName(familyName: string, givenName: string): string {
  const f = familyName.trim();
  const g = givenName.trim();
  if (!f || !g) return f || g;
  return isCjk(f) && isCjk(g) ? `${f}${g}` : `${f} ${g}`;
}

const individualStatus = { prospect: 'initialized', active: 'validated', suspended: 'validated', churned: 'validated' };
const organizationStatus = { prospect: 'initialized', active: 'validated', suspended: 'validated', churned: 'closed' };
const statusWords: Record<string, CustomerDetail['status']> = {
  initialized: 'prospect',
  validated: 'active',
  closed: 'churned',
  deceased: 'churned',
  deceaded: 'churned',
};

/** Our customer status for a TMF party state, or a 400 naming the attribute. */
export function partyStatusOf(kind: PartyKind, value: string): CustomerDetail['status'] {
  const s = statusWords[value.toLowerCase()];
  const allowed = kind === 'individual' ? 'initialized, validated, deceased' : 'initialized, validated, closed';
  if (!s || (kind === 'organization' && value.toLowerCase().startsWith('decea')))
    throw invalidField('status', `unknown status "${value}" (one of: ${allowed})`);
  return s;
}

const statusEnum = (kind: PartyKind) =>
  kind === 'individual' ? ['initialized', 'validated', 'deceased'] : ['initialized', 'validated', 'closed'];

export const individualFilters: Record<string, TmfFilterSpec> = {
  id: { kind: 'string' },
  familyName: { kind: 'string' },
  givenName: { kind: 'string' },
  fullName: { kind: 'string' },
  formattedName: { kind: 'string' },
  status: { kind: 'enum', values: statusEnum('individual') },
};
export const organizationFilters: Record<string, TmfFilterSpec> = {
  id: { kind: 'string' },
  name: { kind: 'string' },
  tradingName: { kind: 'string' },
  status: { kind: 'enum', values: statusEnum('organization') },
  'existsDuring.startDateTime': { kind: 'date' },
};
export const partySortable = ['id', 'name', 'tradingName', 'familyName', 'fullName', 'status'] as const;
const sortColumn = {
  id: 'partyId',
  name: 'name',
  tradingName: 'name',
  familyName: 'name',
  fullName: 'name',
  status: 'status',
} as const;

/** TMF statuses of a filter as our statuses (initialized -> prospect, validated -> active/suspended ...). */
function statusesOf(kind: PartyKind, values: string[] | undefined): CustomerDetail['status'][] | undefined {
  if (!values) return undefined;
  const map = kind === 'individual' ? individualStatus : organizationStatus;
  return (Object.keys(map) as CustomerDetail['status'][]).filter((s) => values.includes(map[s]));
}

const namePrefix = (v: string) => (isCjk(v) ? v : `${v} `);
const nameSuffix = (v: string) => (isCjk(v) ? v : ` ${v}`);

/** The parsed TMF query as the customers service's SQL filter over parties of one kind. */
export function partyFilterOf(kind: PartyKind, q: TmfQuery): CustomerDetailFilter {
  const f = q.filters;
  return {
    partyType: kind,
    partyIds: idsOf(f.id),
    names: textsOf(f.fullName) ?? textsOf(f.formattedName) ?? textsOf(f.name) ?? textsOf(f.tradingName),
    namePrefixes: stringsOf(f.familyName)?.map(namePrefix),
    nameSuffixes: stringsOf(f.givenName)?.map(nameSuffix),
    statuses: statusesOf(kind, stringsOf(f.status)),
    sinceDate: dateBoundsOf(f['existsDuring.startDateTime']),
    sort: q.sort.map((s) => ({ column: sortColumn[s.field as keyof typeof sortColumn], desc: s.desc })),
    limit: q.limit,
    offset: q.offset,
  };
}

const char = (name: string, value: string | null) =>
  value === null ? null : { name, value, valueType: 'string', '@type': 'StringCharacteristic' };
const customerRef = (c: CustomerDetail, origin: string) => ({
  id: String(c.id),
  href: `${origin}/tmf-api/customerManagement/v4/customer/${c.id}`,
  name: c.name,
  role: 'customer',
  '@referredType': 'Customer',
});

/** A person as a TMF632 Individual (ID number masked for viewers without pii.read, by the customers service). */
export function toIndividual(c: CustomerDetail, origin: string) {
  const { familyName, givenName } = splitPersonName(c.name);
  return compact({
    id: String(c.partyId),
    href: `${origin}${TMF632_BASE}/individual/${c.partyId}`,
    familyName,
    givenName,
    fullName: c.name,
    formattedName: c.name,
    status: individualStatus[c.status],
    contactMedium: contactMediaOf(c),
    individualIdentification: c.idNumber
      ? [{ identificationType: 'residentIdCard', identificationId: c.idNumber, issuingAuthority: 'CN' }]
      : [],
    partyCharacteristic: [
      char('occupation', c.occupation),
      char('ageBand', c.ageBand),
      char('incomeBand', c.incomeBand),
    ].filter((x) => x !== null),
    relatedParty: [customerRef(c, origin)],
    '@type': 'Individual',
    '@baseType': 'Party',
  });
}

export type OrgLink = { partyId: number; name: string };

/** An organisation as a TMF632 Organization, with its group hierarchy (parent and branches it may see). */
export function toOrganization(
  c: CustomerDetail,
  links: { parent: OrgLink | null; children: OrgLink[] },
  origin: string,
) {
  const orgRef = (o: OrgLink) => ({
    id: String(o.partyId),
    href: `${origin}${TMF632_BASE}/organization/${o.partyId}`,
    name: o.name,
    '@referredType': 'Organization',
  });
  return compact({
    id: String(c.partyId),
    href: `${origin}${TMF632_BASE}/organization/${c.partyId}`,
    name: c.name,
    tradingName: c.name,
    isLegalEntity: Boolean(c.creditCode),
    isHeadOffice: !c.parentCustomerId,
    organizationType: c.organizationType,
    status: organizationStatus[c.status],
    existsDuring: c.sinceDate ? { startDateTime: `${c.sinceDate}T00:00:00+08:00` } : null,
    contactMedium: contactMediaOf(c),
    organizationIdentification: c.creditCode
      ? [{ identificationType: 'unifiedSocialCreditCode', identificationId: c.creditCode, issuingAuthority: 'CN' }]
      : [],
    organizationParentRelationship: links.parent
      ? { relationshipType: 'branchOf', organization: orgRef(links.parent) }
      : null,
    organizationChildRelationship: links.children.map((o) => ({ relationshipType: 'branch', organization: orgRef(o) })),
    partyCharacteristic: [
      char('category', c.category),
      char('industry', c.industry),
      char('coverageLevel', c.coverageLevel),
    ].filter((x) => x !== null),
    relatedParty: [customerRef(c, origin)],
    '@type': 'Organization',
    '@baseType': 'Party',
  });
}

type Identification = { identificationType?: string; identificationId?: string };
const norm = (s: string | undefined) => (s ?? '').toLowerCase().replace(/[\s_-]/g, '');

/** The resident ID number among identifications (any ID-card type), undefined when none is given. */
function idNumberOf(list: Identification[] | undefined): string | null | undefined {
  if (list === undefined) return undefined;
  const id = list.find((i) =>
    ['residentidcard', 'idcard', 'nationalid', 'residentid', 'id'].includes(norm(i.identificationType)),
  );
  if (list.length && !id) throw invalidField('individualIdentification.identificationType', 'use residentIdCard');
  return id?.identificationId ?? null;
}

function creditCodeOf(list: Identification[] | undefined): string | null | undefined {
  if (list === undefined) return undefined;
  const id = list.find((i) =>
    ['unifiedsocialcreditcode', 'uscc', 'creditcode', 'businesslicense'].includes(norm(i.identificationType)),
  );
  if (list.length && !id)
    throw invalidField('organizationIdentification.identificationType', 'use unifiedSocialCreditCode');
  return id?.identificationId ?? null;
}

const charFields = {
  individual: ['occupation', 'ageBand', 'incomeBand'],
  organization: ['industry', 'coverageLevel', 'category'],
} as const;

function characteristicsOf(kind: PartyKind, list: { name: string; value: unknown }[] | undefined) {
  const out: Record<string, string | null> = {};
  for (const c of list ?? []) {
    if (!(charFields[kind] as readonly string[]).includes(c.name))
      throw invalidField(
        `partyCharacteristic.${c.name}`,
        `unknown characteristic (one of: ${charFields[kind].join(', ')})`,
      );
    out[c.name] = c.value === null || c.value === '' ? null : String(c.value);
  }
  return out;
}

export type PartyIn = {
  familyName?: string;
  givenName?: string;
  fullName?: string;
  formattedName?: string;
  name?: string;
  tradingName?: string;
  organizationType?: string | null;
  status?: string;
  contactMedium?: ContactMediumIn[] | null;
  individualIdentification?: Identification[] | null;
  organizationIdentification?: Identification[] | null;
  partyCharacteristic?: { name: string; value: unknown }[] | null;
  existsDuring?: { startDateTime?: string } | null;
};

/** Paths of our fields in the TMF body, for 400s naming the attribute the client sent. */
export const partyFieldPaths: Record<string, string> = {
  name: 'name',
  idNumber: 'individualIdentification.identificationId',
  creditCode: 'organizationIdentification.identificationId',
  mobile: 'contactMedium.phoneNumber',
  email: 'contactMedium.emailAddress',
  address: 'contactMedium.street1',
  organizationType: 'organizationType',
  industry: 'partyCharacteristic.industry',
  coverageLevel: 'partyCharacteristic.coverageLevel',
  category: 'partyCharacteristic.category',
  occupation: 'partyCharacteristic.occupation',
  ageBand: 'partyCharacteristic.ageBand',
  incomeBand: 'partyCharacteristic.incomeBand',
  status: 'status',
  sinceDate: 'existsDuring.startDateTime',
};

/** The stored name from the TMF name attributes, when the body names the party. */
function nameOf(kind: PartyKind, b: PartyIn, current?: string): string | undefined {
  if (kind === 'organization') return b.name ?? b.tradingName;
  if (b.fullName ?? b.formattedName) return b.fullName ?? b.formattedName;
  if (b.familyName === undefined && b.givenName === undefined) return undefined;
  const was = current ? splitPersonName(current) : { familyName: '', givenName: '' };
  return joinPersonName(b.familyName ?? was.familyName, b.givenName ?? was.givenName);
}

/** Our customer fields of a TMF party body (create or merge patch; `null` clears). */
export function partyFieldsOf(kind: PartyKind, b: PartyIn, current?: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...characteristicsOf(kind, b.partyCharacteristic ?? undefined) };
  const name = nameOf(kind, b, current);
  if (name !== undefined) out.name = name;
  if (b.status !== undefined) out.status = partyStatusOf(kind, b.status);
  if (b.contactMedium !== undefined) Object.assign(out, contactFieldsOf(b.contactMedium ?? []));
  if (kind === 'individual') {
    const idNumber = idNumberOf(b.individualIdentification ?? (b.individualIdentification === null ? [] : undefined));
    if (idNumber !== undefined) out.idNumber = idNumber;
  } else {
    const creditCode = creditCodeOf(
      b.organizationIdentification ?? (b.organizationIdentification === null ? [] : undefined),
    );
    if (creditCode !== undefined) out.creditCode = creditCode;
    if (b.organizationType !== undefined) out.organizationType = b.organizationType;
    if (b.existsDuring !== undefined) {
      const start = b.existsDuring?.startDateTime;
      const d = start ? new Date(start) : null;
      if (d && Number.isNaN(d.getTime()))
        throw invalidField('existsDuring.startDateTime', 'must be an ISO 8601 date-time');
      out.sinceDate = d ? new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d) : null;
    }
  }
  return out;
}

/** A party created through TMF632 is a prospect customer (public for persons, business for organisations). */
export function partyCreateOf(kind: PartyKind, b: PartyIn): Record<string, unknown> {
  const fields = partyFieldsOf(kind, b);
  if (fields.name === undefined)
    throw invalidField(kind === 'individual' ? 'familyName' : 'tradingName', 'a name is required');
  return {
    partyType: kind,
    category: kind === 'individual' ? 'public' : 'business',
    status: 'prospect',
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null)),
  };
}
