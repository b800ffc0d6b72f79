// Request/response schemas of the customer 360 API that are not customer fields themselves
// (pages, route parameters, shares, history). The customer DTOs live in customers.ts.
import { z } from 'zod';
import { auditPage } from './audit-catalogue';
import { dbId, pageOf, pageQuery, timestamp } from './common';
import { bill, customerSummary, productOffering } from './customers';
import { productFamilies, roles } from './enums';

/** GET /api/customers: one page of customers and the total count of the filter. */
export const customerPage = pageOf(customerSummary);
export type CustomerPage = z.infer<typeof customerPage>;

/** GET /api/customers/lookup?phone=: a party mobile, contact mobile/phone or product service number. */
export const customerLookupQuery = z.object({
  phone: z
    .string()
    .trim()
    .min(3)
    .max(32)
    .regex(/^\+?[0-9 -]+$/, 'digits only (an optional +86 prefix, spaces and dashes are ignored)'),
});

const routeId = z.coerce.number().int().positive().max(2_147_483_647);
export const contactParams = z.object({ id: routeId, contactId: routeId });
export const shareParams = z.object({ id: routeId, userId: routeId });
export const accountParams = z.object({ id: routeId, accountId: routeId });
export const productParams = z.object({ id: routeId, productId: routeId });
export const contractParams = z.object({ id: routeId, contractId: routeId });

/** GET /api/customers/{id}/history: audit entries of the customer and its contacts, accounts, products... */
export const customerHistoryQuery = pageQuery;
export const customerHistory = auditPage;

/** GET /api/customers/{id}/bills. */
export const billPageQuery = pageQuery.extend({ limit: z.coerce.number().int().min(1).max(120).default(24) });
export const billPage = pageOf(bill);

/** GET /api/product-offerings: the active catalogue (optionally one product family). */
export const productOfferingQuery = z.object({ family: z.enum(productFamilies).optional() });
export const productOfferingList = z.array(productOffering);

/** POST /api/customers/{id}/shares and DELETE /api/customers/{id}/shares: share with an account manager. */
export const customerShareCreate = z.object({ userId: dbId });
export type CustomerShareCreate = z.infer<typeof customerShareCreate>;
export const customerShare = z.object({
  customerId: z.number().int(),
  userId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  orgUnitName: z.string(),
  createdAt: timestamp,
});
export type CustomerShare = z.infer<typeof customerShare>;
export const customerShareList = z.array(customerShare);
