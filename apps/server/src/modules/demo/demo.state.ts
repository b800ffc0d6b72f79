// The running state of one generation: the seeded PRNG, id and number counters, and the small helpers every
// generator step uses (names, phone numbers, addresses). Memory does not grow with the number of customers.
import type { OfferingCode } from './demo.catalogue';
import type { CityDef, ProvinceDef } from './demo.dictionaries';
import { brandChars } from './demo.dictionaries';
import { fixedNumber, IdNumbers, mobileNumber } from './demo.identifiers';
import {
  buildings,
  compounds,
  femaleGivenChars,
  maleGivenChars,
  otherMobilePrefixes,
  ownMobilePrefixes,
  roads,
  surnames,
} from './demo.names';
import { type Rng, weighted } from './demo.random';

export type CityPlan = {
  def: CityDef;
  province: ProvinceDef;
  provinceIndex: number;
  unitId: number;
  districtUnitIds: number[];
  /** Account managers of the city: every key account gets one of them. */
  amIds: number[];
};

export type DemoPlan = {
  seed: number;
  customers: number;
  months: number;
  /** Business date "today" (YYYY-MM-DD, Asia/Shanghai). */
  today: string;
  periods: { period: string; monthOfYear: number; start: string }[];
  cities: CityPlan[];
  /** Hotline agents per province index. */
  agentIds: number[];
  offerings: Record<OfferingCode, { id: number; fen: number }>;
  users: Record<string, number>;
  /** Ids already used in the tables with explicit ids (0 on an empty database). */
  base: { party: number; customer: number; account: number; contract: number };
};

/** A Chinese personal name with its pinyin (for e-mail addresses). */
export function personName(rng: Rng, male: boolean): { name: string; pinyin: string } {
  const [s, sp] = rng.pickSkewed(surnames, 2.2);
  const pool = male ? maleGivenChars : femaleGivenChars;
  const [g1, p1] = rng.pick(pool);
  if (rng.chance(0.3)) return { name: s + g1, pinyin: sp + p1 };
  const [g2, p2] = rng.pick(pool);
  return { name: s + g1 + g2, pinyin: sp + p1 + p2 };
}

/** Ring buffer of recent ids (for referral and group links) of fixed size. */
export class Recent {
  private readonly items: number[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  add(id: number) {
    if (this.items.length < this.size) this.items.push(id);
    else this.items[this.next] = id;
    this.next = (this.next + 1) % this.size;
  }
  pick(rng: Rng): number | null {
    return this.items.length ? rng.pick(this.items) : null;
  }
}

export class GenState {
  readonly ids = new IdNumbers();
  readonly n = {
    party: 0,
    customer: 0,
    account: 0,
    contract: 0,
    org: 0,
    ownMobile: 0,
    otherMobile: 0,
    fixed: 0,
    service: 0,
    ka: 0,
  };
  /** Key accounts per city so far (round-robin over the city's account managers). */
  readonly kaPerCity: number[];
  readonly recentPublic = new Recent(512);
  readonly recentKa = new Recent(64);
  /** Key-account names used so far (2% of the customers): keeps the important names unique. */
  readonly kaNames = new Set<string>();
  readonly pickCity: (rng: Rng) => CityPlan;
  /** Month index (0 = oldest billed month) of the first day of the window. */
  readonly windowStart: string;

  constructor(
    readonly rng: Rng,
    readonly plan: DemoPlan,
  ) {
    this.kaPerCity = plan.cities.map(() => 0);
    this.pickCity = weighted(plan.cities.map((c) => [c, c.def.weight] as const));
    this.windowStart = plan.periods[0].start;
  }

  nextCustomer() {
    const partyId = this.plan.base.party + ++this.n.party;
    const customerId = this.plan.base.customer + ++this.n.customer;
    // Same format as customers.models#customerNoFor, so numbers never clash with customers created later.
    return { partyId, customerId, customerNo: `C${String(customerId).padStart(10, '0')}` };
  }

  nextAccountId = () => this.plan.base.account + ++this.n.account;
  nextContractId = () => this.plan.base.contract + ++this.n.contract;

  /** A mobile number of the operator's own ranges (subscribers' lines). */
  ownMobile = () => mobileNumber(this.n.ownMobile++, ownMobilePrefixes);
  /** The own-range number the next `ownMobile()` call returns. */
  peekOwnMobile = () => mobileNumber(this.n.ownMobile, ownMobilePrefixes);
  /** A mobile number of any operator (contacts, staff). */
  otherMobile = () => mobileNumber(this.n.otherMobile++, otherMobilePrefixes);
  fixed = (city: CityPlan) => fixedNumber(this.n.fixed++, city.def.area);
  /** A unique running number for circuit ids, broadband logins and the like. */
  serviceNo = () => this.n.service++;

  personName = (male: boolean) => personName(this.rng, male);

  /**
   * A company brand (字号) unique for every organisation ordinal below 212,400: two characters for the first
   * 3,540 codes of a bijective scramble, three for the rest.
   */
  brand(): { brand: string; pinyin: string } {
    const ordinal = this.n.org++;
    const space = 3_540 + 208_860;
    const idx = (ordinal * 104_729 + 7) % space;
    const c = (i: number) => brandChars[i % 60];
    if (idx < 3_540) {
      const i = Math.floor(idx / 59);
      const a = c(i);
      const b = c(i + 1 + (idx % 59));
      return { brand: a[0] + b[0], pinyin: a[1] + b[1] };
    }
    const r = idx - 3_540;
    const i = Math.floor(r / 3_481);
    const j = i + 1 + (Math.floor(r / 59) % 59);
    const k = j + 1 + (r % 59);
    return { brand: c(i)[0] + c(j)[0] + c(k)[0], pinyin: c(i)[1] + c(j)[1] + c(k)[1] };
  }

  /** The org unit of a customer: a district branch of its city (when the city has one) or the city itself. */
  orgUnitFor(city: CityPlan, districtChance: number): number {
    if (city.districtUnitIds.length && this.rng.chance(districtChance)) return this.rng.pick(city.districtUnitIds);
    return city.unitId;
  }

  /** Picks the city's account manager for the next key account (round-robin). */
  accountManagerFor(city: CityPlan): number {
    const i = this.plan.cities.indexOf(city);
    return city.amIds[this.kaPerCity[i]++ % city.amIds.length];
  }

  officeAddress(city: CityPlan, district: string): string {
    const r = this.rng;
    return `${city.province.name}${city.def.name}${district}${r.pick(roads)}${r.int(1, 399)}号${r.pick(buildings)}${r.int(2, 32)}楼`;
  }

  homeAddress(city: CityPlan, district: string): string {
    const r = this.rng;
    return `${city.def.name}${district}${r.pick(roads)}${r.int(1, 999)}号${r.pick(compounds)}${r.int(1, 40)}栋${r.int(1, 4)}单元${r.int(1, 33)}0${r.int(1, 4)}室`;
  }

  /** A random date ("YYYY-MM-DD") between two ISO dates. */
  dateBetween(from: string, to: string): string {
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    if (b <= a) return from;
    return new Date(a + Math.floor((this.rng.next() * (b - a + 86_400_000)) / 86_400_000) * 86_400_000)
      .toISOString()
      .slice(0, 10);
  }

  /** Month index of a date inside the billing window (0 = first billed month; negative before the window). */
  monthIndex(isoDate: string): number {
    const [y1, m1] = this.windowStart.split('-').map(Number);
    const [y2, m2] = isoDate.split('-').map(Number);
    return (y2 - y1) * 12 + (m2 - m1);
  }
}
