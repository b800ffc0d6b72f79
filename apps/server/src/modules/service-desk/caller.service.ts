// The hotline agent's caller card: one request identifies the caller and returns everything the agent needs
// (class, tier, stars, importance, AM, entitlements, open tickets, open commitments, last bills, products).
import { type CallerCard, isValidMobile, type KaImportance, type KaTier, kaImportances, kaTiers } from '@crm/contracts';
import type { RequestCtx } from '../../platform/context';
import { createContact } from '../customers/contacts.service';
import { normalisePhone } from '../customers/customers.models';
import { lookupByOtherPhone } from '../customers/customers.repository';
import { createCustomer } from '../customers/customers.service';
import { getCustomerEntitlements } from '../entitlements/entitlements.service';
import { callerCardByMobile, callerFactsOf } from './caller.queries';
import { toCommitment } from './commitments/commitments.service';
import { entitlementsFor } from './desk.models';
import { maskedPhone, repairMinutesOf, toTicketSummary, viewerOf } from './desk.service';
import { matchPolicy } from './sla/sla.models';
import { cachedActivePolicies, ensureServiceDeskDefaults } from './sla/sla-admin.service';

/** A caller's number as an agent types it: spaces, dashes and a +86 / 0086 prefix removed. */
export const normaliseCallerPhone = (input: string) => input.replace(/[\s-]+/g, '').replace(/^(\+86|0086)/, '');

const pick = <T extends string>(values: readonly T[], v: string | null | undefined): T | null =>
  (values as readonly string[]).includes(v ?? '') ? (v as T) : null;

/**
 * Who holds the number, and the card's facts about them: one prepared statement for a party mobile (nearly every
 * caller); otherwise the rest of the identification (contacts, service numbers), then the facts of whoever it found.
 */
async function identifyWithFacts(ctx: RequestCtx, phone: string) {
  const viewer = viewerOf(ctx);
  const byMobile = await callerCardByMobile(ctx.db, viewer, phone);
  if (byMobile) return byMobile;
  const hit = await lookupByOtherPhone(ctx.db, ctx.scope, phone);
  return hit ? { ...hit, ...(await callerFactsOf(ctx.db, viewer, hit.id)) } : null;
}

export async function getCallerCard(opts: { ctx: RequestCtx; phone: string }): Promise<CallerCard> {
  const { ctx } = opts;
  const phone = normaliseCallerPhone(opts.phone);
  // The SLA policies (cached in the process for a few seconds); on a new database they are seeded first (once per
  // process).
  await ensureServiceDeskDefaults({ db: ctx.db });
  const [hit, policies] = await Promise.all([
    identifyWithFacts(ctx, normalisePhone(phone)),
    cachedActivePolicies(ctx.db),
  ]);
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
  const { grading } = hit;
  // Entitlements (several statements) only for key accounts and star-level customers (星级服务), once the grading
  // shows stars: every other caller is answered by the one statement above.
  const bound =
    hit.category === 'key_account' || (hit.category === 'public' && (grading?.stars ?? 0) > 0)
      ? await getCustomerEntitlements({ ctx, customerId: hit.id })
      : null;
  const entitled = hit.category === 'key_account' && bound ? repairMinutesOf(bound.items) : null;
  const tier: KaTier | null = hit.category === 'key_account' ? pick(kaTiers, grading?.tier) : null;
  const importance: KaImportance | null =
    hit.category === 'key_account' ? pick(kaImportances, grading?.importance) : null;
  const repairPolicy = matchPolicy(policies, {
    ticketType: 'fault_report',
    customerCategory: hit.category,
    tier,
    importance,
    severity: 'major',
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
    openTickets: hit.openTickets.map(toTicketSummary),
    openCommitments: hit.openCommitments.map(toCommitment),
    lastBills: hit.lastBills,
    products: hit.products,
    productCounts: hit.productCounts,
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
