import { maskIdNumber, maskPhone } from './validators';

/**
 * A birth date shown to a viewer without `pii.read`: fully hidden. Its 8 digits are exactly the part a masked resident
 * ID hides, so even the year alone would leave only a few dozen candidates once the check character is known.
 */
export function maskBirthDate(date: string | null): string | null {
  if (!date) return date;
  return '****-**-**';
}

/**
 * The personal fields of the product, by property name, and how each is masked. Every output that can carry one
 * (DTOs, audit before/after diffs, notifications, exports, TMF facades) goes through `maskPersonalData`, which
 * decides by these names, so a field named here is masked wherever it appears, in any entity.
 */
export const personalFieldMasks: Readonly<Record<string, (value: string | null) => string | null>> = {
  /** Parties: 18-character resident ID number. */
  idNumber: maskIdNumber,
  /** Parties: derived from the ID number; together with the masked ID it would rebuild the whole number. */
  birthDate: maskBirthDate,
  /** Parties and contacts: mobile number. */
  mobile: maskPhone,
  /** Contacts, hotline calls and caller cards: phone number. */
  phone: maskPhone,
  /** Tickets: the number the customer called from. */
  callerPhone: maskPhone,
  /** Any entity's contact phone (reserved name, no table uses it yet). */
  contactPhone: maskPhone,
  /** TM Forum contact medium (TMF629 / TMF632): the party's phone number. */
  phoneNumber: maskPhone,
};

/**
 * Names that look personal but were reviewed and are shown as stored, with the reason. A response property whose name
 * looks personal must be in one of the two lists (the route walk test enforces it).
 */
export const reviewedNonPersonalFields: Readonly<Record<string, string>> = {
  email: 'business contact channel (customer and contact e-mail), not an identifier the masking policy covers',
  emailAddress: 'TM Forum contact medium name of `email` (see email)',
  address: 'service and billing address needed by every role that handles the customer',
  birthday: "a KA contact's greeting date for the care calendar; contacts have no ID number it could complete",
  accountManagerPhone: "the staff account manager's work phone, shown to the hotline",
  serviceNumber: 'product service number / circuit id: the subject of billing, tickets and fulfilment',
  contactName: 'a name, not an identifier',
  matchedContactName: 'a name, not an identifier',
  contactId: 'a record id',
  contactIds: 'record ids',
  ourContact: 'a staff user of ours',
};

export const isPersonalField = (name: string): boolean => Object.hasOwn(personalFieldMasks, name);

/** One personal field's value for a viewer (the same decision as `maskPersonalData`, for a single cell or field). */
export function maskPersonalValue(field: keyof typeof personalFieldMasks, value: string | null, canReadPii: boolean) {
  const mask = personalFieldMasks[field];
  return canReadPii || !mask ? value : mask(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Every string under a personal field (a value, or an audit diff's before/after) masked with that field's mask. */
function maskUnder(value: unknown, mask: (v: string | null) => string | null): unknown {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((v) => maskUnder(v, mask));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskUnder(v, mask);
    return out;
  }
  return value;
}

function maskWalk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskWalk);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const mask = personalFieldMasks[k];
    out[k] = mask ? maskUnder(v, mask) : maskWalk(v);
  }
  return out;
}

/**
 * THE masking decision for personal data: a viewer with `pii.read` gets the value unchanged; anyone else gets a copy
 * with every personal field (by name, at any depth: DTOs, lists, audit diffs `{ field: { before, after } }`, free-form
 * `data`) masked. Other values (dates, numbers, class instances) are kept as they are.
 */
export function maskPersonalData<T>(value: T, canReadPii: boolean): T {
  if (canReadPii) return value;
  return maskWalk(value) as T;
}

const idNumberInText = /(?<![0-9A-Za-z])([1-9]\d{5})\d{8}(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const mobileInText = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/**
 * Free text (error messages, alert titles and bodies) with resident ID numbers and mobile numbers masked the same
 * way as the fields; for viewers with `pii.read` the text is unchanged.
 */
export function maskPersonalText(text: string, canReadPii: boolean): string {
  if (canReadPii) return text;
  return text.replace(idNumberInText, '$1********$2').replace(mobileInText, '$1****$2');
}
