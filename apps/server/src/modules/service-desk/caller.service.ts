// The hotline agent's caller card: one request identifies the caller and returns everything the agent needs
// (class, tier, stars, importance, AM, entitlements, open tickets, open commitments, last bills, products).
import { type CallerCard, isValidMobile, type KaImportance, type KaTier, kaImportances, kaTiers } from '@crm/contracts';
import type { RequestCtx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recentBills } from '../billing/billing.service';
import { createContact } from '../customers/contacts.service';
import { createCustomer, lookupCustomer } from '../customers/customers.service';
import { getCustomerEntitlements } from '../entitlements/entitlements.service';
import { getCustomerGrading } from '../grading/grading.service';
import { listCommitments } from './commitments.service';
import { entitlementsFor } from './desk.models';
import { productCountsOfCustomer, productsOfCustomer } from './desk.queries';
import { maskedPhone, repairMinutesOf } from './desk.service';
import { policyFor } from './sla.service';
import { listTickets } from './tickets.service';

/** A caller's number as an agent types it: spaces, dashes and a +86 / 0086 prefix removed. */
export const normaliseCallerPhone = (input: string) => input.replace(/[\s-]+/g, '').replace(/^(\+86|0086)/, '');

const pick = <T extends string>(values: readonly T[], v: string | null | undefined): T | null =>
  (values as readonly string[]).includes(v ?? '') ? (v as T) : null;

async function identify(ctx: RequestCtx, phone: string) {
  try {
    return await lookupCustomer({ ctx, phone });
  } catch (err) {
    if (err instanceof AppError && err.statusCode === 404) return null;
    throw err;
  }
}

export async function getCallerCard(opts: { ctx: RequestCtx; phone: string }): Promise<CallerCard> {
  const { ctx } = opts;
  const phone = normaliseCallerPhone(opts.phone);
  const hit = await identify(ctx, phone);
  const empty = { openTickets: [], openCommitments: [], lastBills: [], products: [], entitlements: [] };
  if (!hit)
    return {
      phone: maskedPhone(ctx, phone)!,
      identified: false,
      customer: null,
      grading: null,
      repairLimitMinutes: null,
      ...empty,
    };
  const db = ctx.db;
  const [grading, tickets, commitments, bills, products, productCounts, ka] = await Promise.all([
    getCustomerGrading({ db, customerId: hit.id, historyLimit: 1 }),
    listTickets({ ctx, filter: { customerId: hit.id, open: true, limit: 10, offset: 0 } }),
    listCommitments({ ctx, filter: { customerId: hit.id, openOnly: true, limit: 10, offset: 0 } }),
    recentBills({ db, customerId: hit.id, limit: 3 }),
    productsOfCustomer(db, hit.id),
    productCountsOfCustomer(db, hit.id),
    hit.category === 'key_account' ? getCustomerEntitlements({ ctx, customerId: hit.id }) : null,
  ]);
  // Star-level customers (星级服务): their entitlements only once the grading shows stars (keeps the hot path short).
  const bound =
    ka ??
    (hit.category === 'public' && (grading?.stars ?? 0) > 0
      ? await getCustomerEntitlements({ ctx, customerId: hit.id })
      : null);
  const entitled = hit.category === 'key_account' && bound ? repairMinutesOf(bound.items) : null;
  const tier: KaTier | null = hit.category === 'key_account' ? pick(kaTiers, grading?.tier) : null;
  const importance: KaImportance | null =
    hit.category === 'key_account' ? pick(kaImportances, grading?.importance) : null;
  const repairPolicy = await policyFor({
    db,
    facts: { ticketType: 'fault_report', customerCategory: hit.category, tier, importance, severity: 'major' },
  });
  return {
    phone: maskedPhone(ctx, phone)!,
    identified: true,
    customer: {
      id: hit.id,
      customerNo: hit.customerNo,
      name: hit.name,
      category: hit.category,
      status: hit.status,
      mobile: maskedPhone(ctx, phone, 'mobile'),
      orgUnitName: hit.orgUnitName,
      accountManagerId: hit.accountManagerId,
      accountManagerName: hit.accountManagerName,
      accountManagerPhone: hit.accountManagerPhone,
      matchedBy: hit.matchedBy,
      matchedContactName: hit.matchedContactName,
    },
    grading: grading
      ? { tier, stars: grading.stars ?? null, importance, abcClass: grading.abcClass ?? null, period: grading.period }
      : null,
    entitlements: entitlementsFor(hit.category, tier),
    repairLimitMinutes: entitled ?? repairPolicy?.resolutionMinutes ?? null,
    openTickets: tickets.items,
    openCommitments: commitments.items,
    lastBills: bills.map((b) => ({ period: b.period, totalFen: b.totalFen, arrearsFen: b.arrearsFen })),
    products: products.map((p) => ({
      id: p.id,
      serviceNumber: p.serviceNumber,
      offeringName: p.offeringName,
      offeringNameEn: p.offeringNameEn,
      status: p.status,
    })),
    productCounts,
    privileges: (bound?.items ?? []).map((i) => ({
      code: i.code,
      nameZh: i.nameZh,
      nameEn: i.nameEn,
      tier: i.tier,
      allowance: i.allowance,
      value: i.value,
      remaining: i.remaining,
    })),
    priorityHotline: (bound?.items ?? []).some((i) => i.code === 'priority_hotline'),
  };
}

/**
 * Registers an unknown caller in a few fields (customers module): a mobile number becomes the party's mobile, a
 * fixed-line number a contact of the new customer, so the next call is identified. Returns the caller card.
 */
export async function registerCaller(opts: {
  ctx: RequestCtx;
  input: { name: string; phone: string; partyType: 'individual' | 'organization'; category: 'business' | 'public' };
}): Promise<CallerCard> {
  const { ctx, input } = opts;
  const phone = normaliseCallerPhone(input.phone);
  const mobile = isValidMobile(phone) ? phone : undefined;
  const customer = await createCustomer({
    ctx,
    input: {
      partyType: input.partyType,
      name: input.name,
      category: input.category,
      ...(input.category === 'public' ? { publicSubtype: mobile ? 'mobile' : 'residential' } : {}),
      ...(mobile ? { mobile } : {}),
    },
  });
  if (!mobile) await createContact({ ctx, id: customer.id, input: { name: input.name, phone } });
  return getCallerCard({ ctx, phone });
}
