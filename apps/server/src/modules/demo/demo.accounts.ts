// Billing accounts, product instances, contracts and the per-account bill parameters of one customer.
import type { Batch } from './demo.batch';
import type { OfferingCode } from './demo.catalogue';
import type { Industry } from './demo.dictionaries';
import {
  addDays,
  addMonthsToDate,
  noiseAmplitude,
  rentalShare,
  type Segment,
  seasonAmplitude,
  type Trend,
  trendOf,
  usageShares,
} from './demo.models';
import { pad, weighted } from './demo.random';
import type { CityPlan, GenState } from './demo.state';

export type ProductLine = { code: OfferingCode; fen: number };

const bigItemsDefault = weighted<OfferingCode>([
  ['METRO_ETH', 3],
  ['INTERNET_DL', 3],
  ['DIGITAL_CIRCUIT', 2],
  ['ISDN_PRI', 1],
  ['CLOUD_VM', 2],
  ['IDC_RACK', 1],
  ['SDH', 0.5],
  ['DDN', 0.5],
  ['HOTLINE_400', 1],
  ['SMS_BULK', 1],
]);
const bigItemsByIndustry: Partial<Record<Industry, ReturnType<typeof weighted<OfferingCode>>>> = {
  finance: weighted<OfferingCode>([
    ['DDN', 3],
    ['SDH', 3],
    ['DIGITAL_CIRCUIT', 3],
    ['METRO_ETH', 2],
    ['HOTLINE_400', 1],
  ]),
  electronics_it: weighted<OfferingCode>([
    ['IDC_RACK', 4],
    ['IDC_BW', 3],
    ['CLOUD_VM', 4],
    ['INTERNET_DL', 3],
  ]),
  telecom_operator: weighted<OfferingCode>([
    ['IDC_BW', 3],
    ['SDH', 3],
    ['IDC_RACK', 2],
  ]),
  tourism_hotel: weighted<OfferingCode>([
    ['METRO_ETH', 3],
    ['INTERNET_DL', 3],
    ['ISDN_PRI', 2],
    ['HOTLINE_400', 2],
  ]),
  government_military: weighted<OfferingCode>([
    ['METRO_ETH', 3],
    ['SDH', 2],
    ['DIGITAL_CIRCUIT', 2],
    ['CLOUD_VM', 2],
  ]),
};
const bandwidthFactors = [8, 4, 2, 1.5, 1];

/** Products of a key-account billing account: phones, mobiles, perhaps Centrex, then lines up to the rental target. */
export function keyAccountProducts(st: GenState, levelYuan: number, industry: Industry): ProductLine[] {
  const r = st.rng;
  const o = st.plan.offerings;
  const lines: ProductLine[] = [];
  const add = (code: OfferingCode, factor = 1) =>
    lines.push({ code, fen: Math.round((o[code].fen * factor) / 100) * 100 });
  const phones = Math.max(1, Math.min(25, Math.round(levelYuan / 3_000 + r.int(0, 3))));
  for (let i = 0; i < phones; i++) add('FIXED_BIZ');
  const mobiles = r.int(0, Math.min(12, Math.floor(levelYuan / 2_000)));
  for (let i = 0; i < mobiles; i++) add('MOBILE', r.pick([0.66, 1, 1.5, 2.2]));
  if (levelYuan > 8_000 && r.chance(0.35)) {
    add('CENTREX');
    if (r.chance(0.5)) add('CENTREX_CONSOLE');
  }
  if (r.chance(0.03)) {
    for (let i = r.int(5, 15); i > 0; i--) add('PHS');
    add('PHS_GROUP');
  }
  const target = levelYuan * 100 * rentalShare(r, 'key_account');
  const pickBig = bigItemsByIndustry[industry] ?? bigItemsDefault;
  let sum = lines.reduce((s, l) => s + l.fen, 0);
  while (sum < target && lines.length < 60) {
    const code = pickBig(r);
    const base = o[code].fen;
    const factor = bandwidthFactors.find((f) => base * f <= target - sum) ?? 1;
    add(code, factor);
    sum += lines[lines.length - 1].fen;
  }
  return lines;
}

export function businessProducts(st: GenState, levelYuan: number): ProductLine[] {
  const r = st.rng;
  const lines: ProductLine[] = [];
  const add = (code: OfferingCode) => lines.push({ code, fen: st.plan.offerings[code].fen });
  for (let i = r.int(1, levelYuan > 1_000 ? 4 : 2); i > 0; i--) add('FIXED_BIZ');
  if (r.chance(0.8)) add(levelYuan > 1_200 && r.chance(0.5) ? 'BB_BIZ_UNL' : 'BB_BIZ_140');
  for (let i = r.int(0, 3); i > 0; i--) add('MOBILE');
  if (r.chance(0.08)) add('HOTLINE_400');
  if (r.chance(0.08)) add('SMS_BULK');
  if (r.chance(0.05)) add('CLOUD_VM');
  return lines;
}

export function publicProducts(st: GenState, subtype: 'residential' | 'mobile', levelYuan: number): ProductLine[] {
  const r = st.rng;
  const o = st.plan.offerings;
  const lines: ProductLine[] = [];
  const add = (code: OfferingCode, yuan?: number) => lines.push({ code, fen: yuan ? yuan * 100 : o[code].fen });
  const plan = () => r.pick(levelYuan > 250 ? [129, 199, 299, 399] : [19, 39, 59, 89, 129]);
  if (subtype === 'mobile') {
    add('MOBILE', plan());
    if (levelYuan > 150 && r.chance(0.4)) add('MOBILE', plan());
    if (r.chance(0.25)) add('BB_HOME', r.pick([60, 100, 130]));
    if (levelYuan > 300 && r.chance(0.2)) add('INTL_VIP');
  } else {
    if (r.chance(0.8)) add('FIXED_LINE');
    if (r.chance(0.7)) add('BB_HOME', r.pick([60, 100, 130, 200]));
    if (r.chance(0.3)) add('IPTV');
    if (r.chance(0.35)) add('MOBILE', plan());
    if (r.chance(0.04)) add('PHS');
    if (lines.length === 0) add('FIXED_LINE');
  }
  // A small spender does not hold a large bundle: drop products while the list fees exceed 80% of the spend.
  let sum = lines.reduce((s, l) => s + l.fen, 0);
  while (lines.length > 1 && sum > levelYuan * 80) sum -= (lines.pop() as ProductLine).fen;
  return lines;
}

/** The service number of a product instance: phone numbers, circuit ids, logins. */
function serviceNumber(st: GenState, code: OfferingCode, city: CityPlan): string {
  const c = city.def.code;
  switch (code) {
    case 'MOBILE':
      return st.ownMobile();
    case 'FIXED_LINE':
    case 'FIXED_BIZ':
    case 'PHS':
    case 'ANALOG_TRUNK':
    case 'ISDN_PRI':
    case 'CENTREX_CONSOLE':
    case 'INTL_VIP':
      return st.fixed(city);
    case 'BB_HOME':
    case 'BB_BIZ_140':
    case 'BB_BIZ_UNL':
      return `AD${city.def.area.slice(1)}${pad(st.serviceNo(), 8)}`;
    case 'CENTREX':
      return `CTX-${city.def.area}-${pad(st.serviceNo(), 7)}`;
    case 'HOTLINE_400': {
      const n = pad((st.serviceNo() * 7_919 + 1_234_567) % 10_000_000, 7);
      return `400-${n.slice(0, 3)}-${n.slice(3)}`;
    }
    case 'IPTV':
      return `ITV${pad(st.serviceNo(), 9)}`;
    case 'IDC_RACK':
      return `IDC-${c}-R${pad(st.serviceNo(), 7)}`;
    case 'CLOUD_VM':
      return `ECS-${pad(st.serviceNo(), 9)}`;
    default:
      // DIGITAL_CIRCUIT, METRO_ETH, INTERNET_DL, DDN, SDH, IDC_BW, SMS_BULK, PHS_GROUP, CONFERENCE
      return `${c}-${code.replace(/_/g, '')}-${pad(st.serviceNo(), 7)}`;
  }
}

export type AccountSpec = {
  customerId: number;
  city: CityPlan;
  name: string;
  segment: Segment;
  industry: Industry | null;
  /** Monthly spend level of the account (yuan) at the end of the window. */
  levelYuan: number;
  products: ProductLine[];
  /** Customer since (products start then or later). */
  since: string;
  status: 'active' | 'suspended' | 'churned';
  /** Churned: the date service ended. */
  endDate?: string;
  trend?: Trend;
  internationalHeavy?: boolean;
  /** Random missing months (per mille), for individuals. */
  gapPm?: number;
};

/** Adds a billing account with its product instances and bill parameters; returns the account id. */
export function addAccount(st: GenState, b: Batch, spec: AccountSpec): number {
  const r = st.rng;
  const months = st.plan.months;
  const id = st.nextAccountId();
  const closed = spec.status === 'churned';
  b.billing_accounts.push({
    id,
    customer_id: spec.customerId,
    account_no: `A${spec.city.def.area}${pad(st.n.account, 7)}`,
    name: spec.name,
    payment_method:
      spec.segment === 'mobile' && r.chance(0.5)
        ? 'prepaid'
        : r.pick(spec.segment === 'key_account' ? ['transfer', 'transfer', 'bank_debit'] : ['cash', 'bank_debit']),
    bill_cycle_day: 1,
    status: closed ? 'closed' : spec.status === 'suspended' ? 'suspended' : 'active',
    _created: spec.since,
  });
  let rentalFen = 0;
  for (const p of spec.products) {
    rentalFen += p.fen;
    const start = r.chance(0.6) ? spec.since : st.dateBetween(spec.since, addDays(st.plan.today, -30));
    b.product_instances.push({
      customer_id: spec.customerId,
      account_id: id,
      offering_id: st.plan.offerings[p.code].id,
      service_number: serviceNumber(st, p.code, spec.city),
      start_date: start,
      end_date: closed ? (spec.endDate ?? null) : null,
      monthly_fen: p.fen,
      status: closed ? 'terminated' : spec.status === 'suspended' ? 'suspended' : 'active',
    });
  }
  // Monthly charges on the bill: the list fees of the products, less package discounts for small spenders.
  const levelFen = Math.round(spec.levelYuan * 100);
  rentalFen = Math.min(rentalFen, Math.round(levelFen * rentalShare(r, spec.segment) * 1.4));
  const shares = usageShares(r, spec.segment, spec.internationalHeavy);
  const trend = spec.trend ?? trendOf(r, spec.segment, months);
  const startM = Math.max(0, st.monthIndex(spec.since));
  const endM = closed && spec.endDate ? Math.min(months - 1, st.monthIndex(spec.endDate)) : months - 1;
  let arrearsFrom = months;
  if (spec.status === 'suspended') arrearsFrom = months - r.int(2, 3);
  else if (closed && r.chance(0.3)) arrearsFrom = endM;
  else if (r.chance(0.035)) arrearsFrom = months - r.int(1, 3);
  b.bill_params.push({
    account_id: id,
    customer_id: spec.customerId,
    usage_fen: levelFen - rentalFen,
    rental_fen: rentalFen,
    growth_pm: trend.growthPm,
    drop_from: trend.dropFrom,
    drop_pm: trend.dropPm,
    season_amp: seasonAmplitude(r, spec.industry),
    noise_amp: noiseAmplitude(spec.segment),
    s_local: shares[0],
    s_ld: shares[1],
    s_intl: shares[2],
    s_data: shares[3],
    s_va: shares[4],
    start_m: startM,
    end_m: endM,
    arrears_from: arrearsFrom,
    gap_pm: spec.gapPm ?? 0,
  });
  return id;
}

export type ContractSpec = {
  customerId: number;
  city: CityPlan;
  title: string;
  products: ProductLine[];
  committedYuan: number;
  termMonths: number;
  /** Days from today to the end of the contract (negative: already ended). */
  endInDays: number;
  terminated?: boolean;
};

/** Adds a contract with its products (quantities per offering). */
export function addContract(st: GenState, b: Batch, spec: ContractSpec): number {
  const id = st.nextContractId();
  const endDate = addDays(st.plan.today, spec.endInDays);
  const startDate = addMonthsToDate(endDate, -spec.termMonths);
  b.contracts.push({
    id,
    customer_id: spec.customerId,
    contract_no: `HT${startDate.slice(0, 4)}${spec.city.def.code}${pad(st.n.contract, 7)}`,
    title: spec.title,
    start_date: startDate,
    term_months: spec.termMonths,
    end_date: endDate,
    committed_monthly_fen: Math.round(spec.committedYuan) * 100,
    status: spec.terminated ? 'terminated' : spec.endInDays < 0 ? 'expired' : 'active',
  });
  const quantities = new Map<OfferingCode, number>();
  for (const p of spec.products) quantities.set(p.code, (quantities.get(p.code) ?? 0) + 1);
  for (const [code, quantity] of quantities) {
    b.contract_products.push({ contract_id: id, offering_id: st.plan.offerings[code].id, quantity });
  }
  return id;
}

/** Days to a contract's end: some within 90 days (renewal due), some already expired, most later. */
export function contractEndInDays(st: GenState, termMonths: number): number {
  const u = st.rng.next();
  if (u < 0.15) return st.rng.int(1, 90);
  if (u < 0.25) return -st.rng.int(1, 300);
  return st.rng.int(91, Math.max(120, termMonths * 30 - 30));
}
