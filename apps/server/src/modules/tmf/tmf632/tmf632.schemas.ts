// Request and response schemas of the TMF632 Party Management v4 facade (Individual, Organization), as zod.
import { z } from 'zod';
import { characteristic, contactMedium, entityRef, timePeriod, tmfMeta } from '../common/tmf.schemas';

const identification = z.object({
  identificationId: z.string().trim().max(50).optional(),
  identificationType: z.string().trim().max(50).optional(),
  issuingAuthority: z.string().max(100).optional(),
  issuingDate: z.string().optional(),
  validFor: timePeriod.optional(),
  ...tmfMeta,
});
const shared = {
  status: z.string().trim().max(40).optional(),
  contactMedium: z.array(contactMedium).max(10).nullable().optional(),
  partyCharacteristic: z.array(characteristic).max(20).nullable().optional(),
  relatedParty: z.array(entityRef).max(10).optional().describe('read-only: the customer role'),
  ...tmfMeta,
};
const name = z.string().trim().min(1).max(200);

export const individualBody = z
  .object({
    familyName: name.optional(),
    givenName: z.string().trim().max(200).optional(),
    fullName: name.optional(),
    formattedName: name.optional(),
    individualIdentification: z
      .array(identification)
      .max(5)
      .nullable()
      .optional()
      .describe('identificationType residentIdCard: the 18-digit resident ID number'),
    ...shared,
  })
  .describe(
    'Individual_Create / Individual_Update (merge patch); partyCharacteristic: occupation, ageBand, incomeBand',
  );

const orgRel = z.object({ relationshipType: z.string().optional(), organization: entityRef.optional(), ...tmfMeta });
export const organizationBody = z
  .object({
    name: name.optional(),
    tradingName: name.optional(),
    organizationType: z.string().trim().max(40).nullable().optional(),
    isLegalEntity: z.boolean().optional(),
    isHeadOffice: z.boolean().optional(),
    existsDuring: timePeriod.nullable().optional(),
    organizationIdentification: z
      .array(identification)
      .max(5)
      .nullable()
      .optional()
      .describe('identificationType unifiedSocialCreditCode: the 18-character credit code'),
    organizationParentRelationship: orgRel.nullable().optional().describe('the group this organisation is a branch of'),
    organizationChildRelationship: z.array(orgRel).optional().describe('read-only: the branches'),
    ...shared,
  })
  .describe(
    'Organization_Create / Organization_Update (merge patch); partyCharacteristic: industry, coverageLevel, category',
  );

const ref = z.object({
  id: z.string().optional(),
  href: z.string().optional(),
  name: z.string().optional(),
  role: z.string().optional(),
  '@referredType': z.string().optional(),
});
const identificationOut = z.object({
  identificationId: z.string(),
  identificationType: z.string(),
  issuingAuthority: z.string().optional(),
});
const common = {
  id: z.string(),
  href: z.string(),
  '@type': z.string(),
  '@baseType': z.string().optional(),
  status: z.string().optional(),
  contactMedium: z.array(contactMedium).optional(),
  partyCharacteristic: z.array(characteristic).optional(),
  relatedParty: z.array(ref).optional(),
};
export const individualResource = z
  .object({
    ...common,
    familyName: z.string().optional(),
    givenName: z.string().optional(),
    fullName: z.string().optional(),
    formattedName: z.string().optional(),
    individualIdentification: z.array(identificationOut).optional(),
  })
  .describe('Individual');
const orgRelOut = z.object({ relationshipType: z.string(), organization: ref });
export const organizationResource = z
  .object({
    ...common,
    name: z.string().optional(),
    tradingName: z.string().optional(),
    isLegalEntity: z.boolean().optional(),
    isHeadOffice: z.boolean().optional(),
    organizationType: z.string().optional(),
    existsDuring: timePeriod.optional(),
    organizationIdentification: z.array(identificationOut).optional(),
    organizationParentRelationship: orgRelOut.optional(),
    organizationChildRelationship: z.array(orgRelOut).optional(),
  })
  .describe('Organization');
