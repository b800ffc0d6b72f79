import { z } from 'zod';
import { dbId, fen, isoDate, pageQuery, period } from './common';
import {
  accountStatuses,
  attitudes,
  contractStatuses,
  coverageLevels,
  customerCategories,
  customerStatuses,
  decisionRoles,
  industries,
  interactionChannels,
  interactionDirections,
  organizationTypes,
  partyTypes,
  paymentMethods,
  productFamilies,
  productStatuses,
  publicSubtypes,
} from './enums';
import { isValidCreditCode, isValidIdNumber, isValidMobile, isValidPhone } from './validators';

const creditCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidCreditCode, 'invalid Unified Social Credit Code (18 characters with a valid check character)');
const idNumber = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidIdNumber, 'invalid resident ID number (18 digits with a valid birth date and check digit)');
export const mobile = z.string().trim().refine(isValidMobile, 'invalid mobile number (11 digits, 1[3-9]x)');
export const phone = z.string().trim().refine(isValidPhone, 'invalid phone number');

const customerFields = {
  name: z.string().trim().min(1).max(200),
  category: z.enum(customerCategories),
  publicSubtype: z.enum(publicSubtypes).optional(),
  status: z.enum(customerStatuses).optional(),
  creditCode: creditCode.optional(),
  idNumber: idNumber.optional(),
  mobile: mobile.optional(),
  email: z.email().optional(),
  address: z.string().trim().max(300).optional(),
  orgUnitId: dbId.optional(),
  accountManagerId: dbId.optional(),
  industry: z.enum(industries).optional(),
  coverageLevel: z.enum(coverageLevels).optional(),
  organizationType: z.enum(organizationTypes).optional(),
  sinceDate: isoDate.optional(),
  referredByCustomerId: dbId.optional(),
  parentCustomerId: dbId.optional(),
  externalId: z.string().trim().min(1).max(64).optional(),
  occupation: z.string().trim().max(64).optional(),
  ageBand: z.string().trim().max(16).optional(),
  incomeBand: z.string().trim().max(16).optional(),
  notes: z.string().max(2000).optional(),
};

export const customerCreate = z.object({ partyType: z.enum(partyTypes), ...customerFields }).superRefine((v, ctx) => {
  if (v.partyType === 'organization' && v.idNumber) {
    ctx.addIssue({
      code: 'custom',
      path: ['idNumber'],
      message: 'an organisation has a credit code, not an ID number',
    });
  }
  if (v.partyType === 'individual' && v.creditCode) {
    ctx.addIssue({
      code: 'custom',
      path: ['creditCode'],
      message: 'an individual has an ID number, not a credit code',
    });
  }
  if (v.partyType === 'individual' && v.category === 'key_account') {
    ctx.addIssue({ code: 'custom', path: ['category'], message: 'a key account must be an organisation' });
  }
  if (v.category !== 'public' && v.publicSubtype) {
    ctx.addIssue({ code: 'custom', path: ['publicSubtype'], message: 'only public customers have a subtype' });
  }
});
export type CustomerCreate = z.infer<typeof customerCreate>;

/** Partial update; `null` clears an optional field. */
export const customerUpdate = z.object({
  name: customerFields.name.optional(),
  category: customerFields.category.optional(),
  publicSubtype: z.enum(publicSubtypes).nullable().optional(),
  status: z.enum(customerStatuses).optional(),
  creditCode: creditCode.nullable().optional(),
  idNumber: idNumber.nullable().optional(),
  mobile: mobile.nullable().optional(),
  email: z.email().nullable().optional(),
  address: z.string().trim().max(300).nullable().optional(),
  orgUnitId: dbId.optional(),
  accountManagerId: dbId.nullable().optional(),
  industry: z.enum(industries).nullable().optional(),
  coverageLevel: z.enum(coverageLevels).nullable().optional(),
  organizationType: z.enum(organizationTypes).nullable().optional(),
  sinceDate: isoDate.nullable().optional(),
  referredByCustomerId: dbId.nullable().optional(),
  parentCustomerId: dbId.nullable().optional(),
  externalId: z.string().trim().min(1).max(64).nullable().optional(),
  occupation: z.string().trim().max(64).nullable().optional(),
  ageBand: z.string().trim().max(16).nullable().optional(),
  incomeBand: z.string().trim().max(16).nullable().optional(),
  notes: z.string().max(2000).nullable().optional(),
});
export type CustomerUpdate = z.infer<typeof customerUpdate>;

export const customerSortFields = ['name', 'customerNo', 'createdAt', 'sinceDate', 'category', 'status'] as const;
export const customerListQuery = pageQuery.extend({
  search: z.string().trim().max(100).optional(),
  category: z.enum(customerCategories).optional(),
  status: z.enum(customerStatuses).optional(),
  industry: z.enum(industries).optional(),
  orgUnitId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  accountManagerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  sort: z.enum(customerSortFields).default('customerNo'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type CustomerListQuery = z.infer<typeof customerListQuery>;

export const customerSummary = z.object({
  id: z.number().int(),
  customerNo: z.string(),
  partyType: z.enum(partyTypes),
  name: z.string(),
  category: z.enum(customerCategories),
  publicSubtype: z.enum(publicSubtypes).nullable(),
  status: z.enum(customerStatuses),
  industry: z.enum(industries).nullable(),
  organizationType: z.enum(organizationTypes).nullable(),
  orgUnitId: z.number().int(),
  orgUnitName: z.string(),
  accountManagerId: z.number().int().nullable(),
  accountManagerName: z.string().nullable(),
  mobile: z.string().nullable(),
  sinceDate: z.string().nullable(),
});
export type CustomerSummary = z.infer<typeof customerSummary>;

export const customerDetail = customerSummary.extend({
  partyId: z.number().int(),
  externalId: z.string().nullable(),
  creditCode: z.string().nullable(),
  idNumber: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  coverageLevel: z.enum(coverageLevels).nullable(),
  referredByCustomerId: z.number().int().nullable(),
  referredByName: z.string().nullable(),
  parentCustomerId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  occupation: z.string().nullable(),
  ageBand: z.string().nullable(),
  incomeBand: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CustomerDetail = z.infer<typeof customerDetail>;

const contactFields = {
  name: z.string().trim().min(1).max(64),
  title: z.string().trim().max(64).optional(),
  mobile: mobile.optional(),
  phone: phone.optional(),
  email: z.email().optional(),
  birthday: isoDate.optional(),
  interests: z.string().trim().max(300).optional(),
  decisionRole: z.enum(decisionRoles).optional(),
  attitude: z.enum(attitudes).optional(),
  notes: z.string().max(2000).optional(),
};
export const contactCreate = z.object(contactFields);
export const contactUpdate = z.object(contactFields).partial();
export const contact = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  name: z.string(),
  title: z.string().nullable(),
  mobile: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  birthday: z.string().nullable(),
  interests: z.string().nullable(),
  decisionRole: z.enum(decisionRoles).nullable(),
  attitude: z.enum(attitudes).nullable(),
  notes: z.string().nullable(),
});
export type Contact = z.infer<typeof contact>;

export const billingAccountCreate = z.object({
  accountNo: z.string().trim().min(1).max(32).optional(),
  name: z.string().trim().min(1).max(200),
  paymentMethod: z.enum(paymentMethods).default('cash'),
  billCycleDay: z.number().int().min(1).max(28).default(1),
});
/** A PATCH body: the given fields only, at least one of them. */
const atLeastOneField = <T extends z.ZodRawShape>(shape: T) =>
  z
    .object(shape)
    .partial()
    .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'at least one field is required' });

/** PATCH /api/customers/{id}/accounts/{accountId}. */
export const billingAccountUpdate = atLeastOneField({
  name: z.string().trim().min(1).max(200),
  paymentMethod: z.enum(paymentMethods),
  billCycleDay: z.number().int().min(1).max(28),
  status: z.enum(accountStatuses),
});
export const billingAccount = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  accountNo: z.string(),
  name: z.string(),
  paymentMethod: z.enum(paymentMethods),
  billCycleDay: z.number().int(),
  status: z.enum(accountStatuses),
});
export type BillingAccount = z.infer<typeof billingAccount>;

export const productOffering = z.object({
  id: z.number().int(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  family: z.enum(productFamilies),
  defaultMonthlyFen: fen,
});
export type ProductOffering = z.infer<typeof productOffering>;

export const productInstanceCreate = z.object({
  offeringId: dbId,
  accountId: dbId,
  serviceNumber: z.string().trim().min(1).max(64),
  startDate: isoDate,
  endDate: isoDate.optional(),
  monthlyFen: fen.optional(),
  status: z.enum(productStatuses).default('active'),
});
/** PATCH /api/customers/{id}/products/{productId}: terminating without an end date ends it today (Shanghai). */
export const productInstanceUpdate = atLeastOneField({
  serviceNumber: z.string().trim().min(1).max(64),
  endDate: isoDate.nullable(),
  monthlyFen: fen,
  status: z.enum(productStatuses),
});
export const productInstance = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  accountId: z.number().int().nullable(),
  offeringId: z.number().int(),
  offeringCode: z.string(),
  offeringNameZh: z.string(),
  offeringNameEn: z.string(),
  family: z.enum(productFamilies),
  serviceNumber: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  monthlyFen: fen,
  status: z.enum(productStatuses),
});
export type ProductInstance = z.infer<typeof productInstance>;

export const contractCreate = z.object({
  contractNo: z.string().trim().min(1).max(32).optional(),
  title: z.string().trim().min(1).max(200),
  startDate: isoDate,
  termMonths: z.number().int().min(1).max(120),
  committedMonthlyFen: fen.default(0),
  offeringIds: z.array(dbId).max(50).default([]),
});
/** PATCH /api/customers/{id}/contracts/{contractId}: a new start or term recomputes the end unless it is given. */
export const contractUpdate = atLeastOneField({
  title: z.string().trim().min(1).max(200),
  startDate: isoDate,
  termMonths: z.number().int().min(1).max(120),
  endDate: isoDate,
  committedMonthlyFen: fen,
  status: z.enum(contractStatuses),
});
export const contract = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  contractNo: z.string(),
  title: z.string(),
  startDate: z.string(),
  termMonths: z.number().int(),
  endDate: z.string(),
  committedMonthlyFen: fen,
  status: z.enum(contractStatuses),
  products: z.array(
    z.object({ offeringId: z.number().int(), nameZh: z.string(), nameEn: z.string(), quantity: z.number().int() }),
  ),
});
export type Contract = z.infer<typeof contract>;

export const bill = z.object({
  id: z.number().int(),
  accountId: z.number().int(),
  accountNo: z.string(),
  period,
  localVoiceFen: fen,
  longDistanceFen: fen,
  internationalFen: fen,
  dataFen: fen,
  valueAddedFen: fen,
  rentalFen: fen,
  totalFen: fen,
  paidFen: fen,
  arrearsFen: fen,
});
export type Bill = z.infer<typeof bill>;

export const interactionCreate = z.object({
  channel: z.enum(interactionChannels),
  direction: z.enum(interactionDirections),
  summary: z.string().trim().min(1).max(2000),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});
export const interaction = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  channel: z.enum(interactionChannels),
  direction: z.enum(interactionDirections),
  summary: z.string(),
  userId: z.number().int().nullable(),
  userName: z.string().nullable(),
  occurredAt: z.string(),
});
export type Interaction = z.infer<typeof interaction>;

export const customerRef = z.object({ id: z.number().int(), customerNo: z.string(), name: z.string() });

/** GET /api/customers/{id}: the customer 360 view. */
export const customer360 = z.object({
  customer: customerDetail,
  children: z.array(customerRef),
  contacts: z.array(contact),
  accounts: z.array(billingAccount),
  products: z.array(productInstance),
  contracts: z.array(contract),
  /** The last 24 bills, newest first. */
  bills: z.array(bill),
  /** Monthly spend summed over all accounts for the last 24 periods, oldest first. */
  spendByPeriod: z.array(z.object({ period, totalFen: fen })),
  interactions: z.array(interaction),
  /** The latest value grading (null until the customer has been graded); details at /api/customers/{id}/grading. */
  grading: z
    .object({
      period,
      tier: z.string().nullable(),
      stars: z.number().int().nullable(),
      abcClass: z.string(),
      importance: z.string().nullable(),
      /** The spend measure the tier was decided on (average monthly spend, fen). */
      measure: fen,
    })
    .nullable(),
});
export type Customer360 = z.infer<typeof customer360>;

/** GET /api/customers/lookup?phone=: the hotline agent's caller card. */
export const customerLookup = z.object({
  id: z.number().int(),
  customerNo: z.string(),
  name: z.string(),
  category: z.enum(customerCategories),
  status: z.enum(customerStatuses),
  organizationType: z.enum(organizationTypes).nullable(),
  accountManagerId: z.number().int().nullable(),
  accountManagerName: z.string().nullable(),
  accountManagerPhone: z.string().nullable(),
  orgUnitName: z.string(),
  matchedBy: z.enum(['party_mobile', 'contact', 'service_number']),
  matchedContactName: z.string().nullable(),
});
export type CustomerLookup = z.infer<typeof customerLookup>;
