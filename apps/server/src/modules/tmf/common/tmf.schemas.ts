// Zod schemas of the TM Forum common data types (v4) shared by the facades: they validate requests, serialise
// responses and document every TMF API at /docs.
import { z } from 'zod';
import { invalidField } from '../../../platform/errors';

export const tmfMeta = {
  '@type': z.string().max(100).optional(),
  '@baseType': z.string().max(100).optional(),
  '@schemaLocation': z.string().max(500).optional(),
};

/** TMF Error. */
export const tmfError = z
  .object({
    code: z.string(),
    reason: z.string(),
    message: z.string().optional(),
    status: z.string().optional(),
    referenceError: z.string().optional(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    '@type': z.string().optional(),
  })
  .describe('Error');

export const tmfErrors = {
  400: tmfError,
  401: tmfError,
  403: tmfError,
  404: tmfError,
  405: tmfError,
  409: tmfError,
  422: tmfError,
};

/** The list parameters every TMF collection takes; attribute filters are listed per API in its description. */
export const tmfListQuery = z
  .object({
    fields: z.string().max(1000).optional().describe('comma-separated attributes to return (id, href, @type always)'),
    offset: z.string().max(12).optional().describe('index of the first item (default 0)'),
    limit: z.string().max(12).optional().describe('items per page (default 100, at most 1000)'),
    sort: z.string().max(200).optional().describe('comma-separated attributes, "-" for descending'),
  })
  .catchall(z.union([z.string(), z.array(z.string())]));
export const tmfGetQuery = z.object({ fields: z.string().max(1000).optional() });
export const tmfIdParam = z.object({ id: z.string().max(200) });

const str = z.string().trim();

export const timePeriod = z
  .object({ startDateTime: z.string().optional(), endDateTime: z.string().optional() })
  .describe('TimePeriod');

export const characteristic = z
  .object({
    name: str.min(1).max(100),
    value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
    valueType: z.string().optional(),
    ...tmfMeta,
  })
  .describe('Characteristic');

export const contactMedium = z
  .object({
    mediumType: str.min(1).max(50).describe('mobile | phone | email | postalAddress'),
    preferred: z.boolean().optional(),
    characteristic: z
      .object({
        contactType: z.string().max(50).optional(),
        phoneNumber: str.max(30).optional(),
        emailAddress: str.max(200).optional(),
        street1: str.max(300).optional(),
        street2: str.max(300).optional(),
        city: str.max(100).optional(),
        stateOrProvince: str.max(100).optional(),
        postCode: str.max(20).optional(),
        country: str.max(100).optional(),
        faxNumber: z.string().optional(),
        socialNetworkId: z.string().optional(),
        ...tmfMeta,
      })
      .describe('MediumCharacteristic'),
    validFor: timePeriod.optional(),
    ...tmfMeta,
  })
  .describe('ContactMedium');
export type ContactMediumIn = z.infer<typeof contactMedium>;

/** A reference to another entity (RelatedParty, AccountRef, AgreementRef, OrganizationRef ...). */
export const entityRef = z
  .object({
    id: str.max(200).optional(),
    href: z.string().max(1000).optional(),
    name: z.string().max(300).optional(),
    role: z.string().max(100).optional(),
    '@referredType': z.string().max(100).optional(),
    ...tmfMeta,
  })
  .describe('EntityRef');
export type EntityRefIn = z.infer<typeof entityRef>;

/**
 * Our contact fields from TMF contact media: the first mobile/phone number, e-mail address and postal address;
 * an attribute absent from the list is `null` (a merge patch replaces the whole array).
 */
export function contactFieldsOf(media: ContactMediumIn[]) {
  const kind = (m: ContactMediumIn) => m.mediumType.toLowerCase().replace(/[\s_-]/g, '');
  const phone = media.find((m) => ['mobile', 'phone', 'telephone', 'telephonenumber'].includes(kind(m)));
  const email = media.find((m) => ['email', 'emailaddress'].includes(kind(m)));
  const postal = media.find((m) => ['postaladdress', 'address', 'geographicaddress'].includes(kind(m)));
  const unknown = media.find((m) => ![phone, email, postal].includes(m));
  if (unknown)
    throw invalidField(
      'contactMedium.mediumType',
      `"${unknown.mediumType}" is not one of mobile, phone, email, postalAddress`,
    );
  const address = postal
    ? [
        postal.characteristic.stateOrProvince,
        postal.characteristic.city,
        postal.characteristic.street1,
        postal.characteristic.street2,
      ]
        .filter(Boolean)
        .join('')
    : '';
  return {
    mobile: phone?.characteristic.phoneNumber || null,
    email: email?.characteristic.emailAddress || null,
    address: address || null,
  };
}

/** TMF contact media of our contact fields. */
export function contactMediaOf(c: { mobile: string | null; email: string | null; address: string | null }) {
  const out: z.infer<typeof contactMedium>[] = [];
  if (c.mobile)
    out.push({
      mediumType: 'mobile',
      preferred: true,
      characteristic: { contactType: 'mobile', phoneNumber: c.mobile },
      '@type': 'ContactMedium',
    });
  if (c.email) out.push({ mediumType: 'email', characteristic: { emailAddress: c.email }, '@type': 'ContactMedium' });
  if (c.address)
    out.push({
      mediumType: 'postalAddress',
      characteristic: { street1: c.address, country: 'CN' },
      '@type': 'ContactMedium',
    });
  return out;
}

/**
 * Validates the service input a facade mapped from a TMF body with the service's own zod schema; a failure is a 400
 * naming the TMF attribute (`paths` maps our field names to the TMF attributes they came from).
 */
export function parseMapped<T extends z.ZodType>(
  schema: T,
  input: unknown,
  paths: Record<string, string>,
): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const ours = String(issue.path[0] ?? '');
  throw invalidField(paths[ours] ?? (ours || 'body'), issue.message);
}
