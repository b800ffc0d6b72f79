import type { CustomerUpdate } from '@crm/contracts';
import type { ErrorDetail } from '../../platform/errors';

/** The staff-facing customer number: "C" and the id, zero-padded to 10 digits. */
export const customerNoFor = (id: number) => `C${String(id).padStart(10, '0')}`;

type PartyRuleState = {
  partyType: 'organization' | 'individual';
  category: 'key_account' | 'business' | 'public';
  publicSubtype: string | null;
  creditCode: string | null;
  idNumber: string | null;
};

/** The party/category rules of a customer as it would be after a change (the create schema checks them on input). */
export function partyRuleViolations(s: PartyRuleState): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  if (s.partyType === 'organization' && s.idNumber)
    out.push({ path: 'idNumber', message: 'an organisation has a credit code, not an ID number' });
  if (s.partyType === 'individual' && s.creditCode)
    out.push({ path: 'creditCode', message: 'an individual has an ID number, not a credit code' });
  if (s.partyType === 'individual' && s.category === 'key_account')
    out.push({ path: 'category', message: 'a key account must be an organisation' });
  if (s.category !== 'public' && s.publicSubtype)
    out.push({ path: 'publicSubtype', message: 'only public customers have a subtype' });
  return out;
}

/** Birth date and gender encoded in a (valid) 18-digit resident ID number. */
export function idNumberFacts(idNumber: string): { birthDate: string; gender: 'male' | 'female' } {
  const birthDate = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  return { birthDate, gender: Number(idNumber[16]) % 2 === 1 ? 'male' : 'female' };
}

const PARTY_FIELDS = [
  'name',
  'creditCode',
  'idNumber',
  'mobile',
  'email',
  'address',
  'occupation',
  'ageBand',
  'incomeBand',
] as const;
type PartyField = (typeof PARTY_FIELDS)[number];

/** Splits a customer update into the columns of the party and of the customer role. */
export function splitUpdate(input: CustomerUpdate): {
  party: Partial<Pick<CustomerUpdate, PartyField>>;
  customer: Omit<CustomerUpdate, PartyField>;
} {
  const party: Record<string, unknown> = {};
  const customer: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if ((PARTY_FIELDS as readonly string[]).includes(key)) party[key] = value;
    else customer[key] = value;
  }
  return { party, customer } as never;
}

/** True when two org units lie on one line of the tree (one is the other or an ancestor of it). */
export const onSameBranch = (pathA: string, pathB: string) => pathA.startsWith(pathB) || pathB.startsWith(pathA);

/** A caller's phone as entered by an agent: spaces and a +86 / 0086 country prefix removed. */
export function normalisePhone(input: string): string {
  const compact = input.replace(/\s+/g, '');
  return compact.replace(/^(\+86|0086)-?/, '');
}

/** Escapes LIKE wildcards so a search term matches literally. */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
