// Request and response schemas of the TMF629 Customer Management v4 facade, as zod (validation, serialisation and
// the OpenAPI document at /docs).
import { z } from 'zod';
import { characteristic, contactMedium, entityRef, timePeriod, tmfMeta } from '../common/tmf.schemas';

const customerFields = {
  status: z.string().trim().max(40).optional().describe('prospect | active | suspended | churned'),
  statusReason: z.string().max(500).optional(),
  contactMedium: z.array(contactMedium).max(10).optional(),
  characteristic: z
    .array(characteristic)
    .max(20)
    .optional()
    .describe('category, publicSubtype, industry, organizationType, coverageLevel (tier, stars: read-only)'),
  relatedParty: z.array(entityRef).max(10).optional().describe('role "accountManager": id = the user id'),
  validFor: timePeriod.optional().describe('startDateTime: customer since'),
  ...tmfMeta,
};

export const customerCreateBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    engagedParty: entityRef.describe(
      'the party of the customer: @referredType Individual or Organization; created with the customer',
    ),
    ...customerFields,
  })
  .describe('Customer_Create');

export const customerPatchBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    engagedParty: entityRef.optional(),
    ...customerFields,
  })
  .describe('Customer_Update (JSON merge patch)');

const ref = z.object({
  id: z.string().optional(),
  href: z.string().optional(),
  name: z.string().optional(),
  description: z.string().optional(),
  role: z.string().optional(),
  '@referredType': z.string().optional(),
});

/** TMF629 Customer; with `fields` only id, href, @type and the selected attributes are present. */
export const customerResource = z
  .object({
    id: z.string(),
    href: z.string(),
    '@type': z.string(),
    '@baseType': z.string().optional(),
    name: z.string().optional(),
    status: z.string().optional(),
    validFor: timePeriod.optional(),
    engagedParty: ref.optional(),
    contactMedium: z.array(contactMedium).optional(),
    characteristic: z.array(characteristic).optional(),
    account: z.array(ref).optional(),
    agreement: z.array(ref).optional(),
    relatedParty: z.array(ref).optional(),
  })
  .describe('Customer');
