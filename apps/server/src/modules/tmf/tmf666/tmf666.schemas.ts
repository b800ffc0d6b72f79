// Request and response schemas of the TMF666 Account Management v4 facade (BillingAccount), as zod (validation,
// serialisation and the OpenAPI document at /docs).
import { z } from 'zod';
import { entityRef, tmfMeta } from '../common/tmf.schemas';

const billStructure = z
  .object({
    cycleSpecification: z
      .object({
        id: z.string().max(100).optional(),
        name: z.string().max(200).optional(),
        frequency: z.string().max(50).optional(),
        dateShift: z.number().int().optional().describe('days after the 1st of the month: bill cycle day - 1 (0..27)'),
        ...tmfMeta,
      })
      .optional(),
    ...tmfMeta,
  })
  .describe('BillStructure');

const paymentMethodRef = z
  .object({
    id: z.string().max(50).optional().describe('cash | bank_debit | transfer | prepaid'),
    name: z.string().max(200).optional(),
    href: z.string().max(1000).optional(),
    '@referredType': z.string().max(100).optional(),
    ...tmfMeta,
  })
  .describe('PaymentMethodRef');

const accountFields = {
  accountType: z.string().max(50).optional().describe('prepaid | postpaid (follows the payment method)'),
  accountNo: z.string().trim().min(1).max(32).optional().describe('extension: our account number (read-only)'),
  state: z.string().max(40).optional().describe('active | suspended | closed'),
  description: z.string().max(500).optional(),
  billStructure: billStructure.optional(),
  defaultPaymentMethod: paymentMethodRef.optional(),
  ...tmfMeta,
};

export const billingAccountCreateBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    relatedParty: z.array(entityRef).min(1).max(10).describe('the customer: role "Customer", id = the customer id'),
    ...accountFields,
  })
  .describe('BillingAccount_Create');

export const billingAccountPatchBody = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    relatedParty: z.array(entityRef).max(10).optional().describe('read-only: the customer cannot change'),
    ...accountFields,
  })
  .describe('BillingAccount_Update (JSON merge patch)');

const ref = z.object({
  id: z.string().optional(),
  href: z.string().optional(),
  name: z.string().optional(),
  role: z.string().optional(),
  '@referredType': z.string().optional(),
  '@type': z.string().optional(),
});

/** TMF666 BillingAccount; with `fields` only id, href, @type and the selected attributes are present. */
export const billingAccountResource = z
  .object({
    id: z.string(),
    href: z.string(),
    '@type': z.string(),
    '@baseType': z.string().optional(),
    name: z.string().optional(),
    accountNo: z.string().optional(),
    accountType: z.string().optional(),
    state: z.string().optional(),
    lastModified: z.string().optional(),
    billStructure: z
      .object({
        cycleSpecification: z
          .object({
            id: z.string(),
            name: z.string(),
            frequency: z.string(),
            dateShift: z.number(),
            '@type': z.string(),
          })
          .optional(),
        '@type': z.string().optional(),
      })
      .optional(),
    defaultPaymentMethod: ref.optional(),
    relatedParty: z.array(ref).optional(),
  })
  .describe('BillingAccount');
