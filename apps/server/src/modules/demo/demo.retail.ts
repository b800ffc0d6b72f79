// Business customers (SMEs, shops, branches) and public customers (residential and mobile individuals).
import { addAccount, addContract, businessProducts, contractEndInDays, publicProducts } from './demo.accounts';
import type { Batch } from './demo.batch';
import { addCustomer, type PendingBranch } from './demo.customers';
import { type Industry, industryWords, shopWords } from './demo.dictionaries';
import { creditCode, dayIndexOf } from './demo.identifiers';
import { addDays, businessSpendYuan, publicSpendYuan } from './demo.models';
import { ageBands, incomeBands, mailProviders, migrantRegionCodes, occupations } from './demo.names';
import { addContacts, addHotlineCall } from './demo.people';
import { weighted } from './demo.random';
import type { GenState } from './demo.state';

const businessIndustry = weighted<Industry>([
  ['retail_catering', 30],
  ['tourism_hotel', 8],
  ['other', 15],
  ['electronics_it', 8],
  ['manufacturing_mining', 10],
  ['transport_logistics', 8],
  ['real_estate', 6],
  ['education_health', 7],
  ['finance', 3],
  ['public_services', 3],
  ['telecom_operator', 2],
]);

/** Status of a business or public customer, and when a churned one left. */
function retailStatus(st: GenState, churnRate: number) {
  const u = st.rng.next();
  if (u < churnRate) {
    return {
      status: 'churned' as const,
      endDate: st.dateBetween(addDays(st.windowStart, 45), addDays(st.plan.today, -45)),
    };
  }
  return { status: u < churnRate + 0.015 ? ('suspended' as const) : ('active' as const), endDate: undefined };
}

/** Customer since: long-standing for most, inside the billing window (missing early months) for some. */
function retailSince(st: GenState, earliest: string, recentShare: number): string {
  return st.rng.chance(recentShare)
    ? st.dateBetween(st.windowStart, addDays(st.plan.today, -20))
    : st.dateBetween(earliest, addDays(st.windowStart, -1));
}

/** One business customer; `branch` makes it the branch of a key-account group. */
export function addBusiness(st: GenState, b: Batch, branch?: PendingBranch): void {
  const r = st.rng;
  const city = branch ? st.plan.cities[branch.cityIndex] : st.pickCity(r);
  const region = r.pick(city.def.regions);
  let name: string;
  let industry: Industry;
  let kind: '91' | '92' = '91';
  let domain: string;
  if (branch) {
    industry = branch.industry;
    name = `${branch.name}${city.def.short}${r.chance(0.5) ? '分公司' : '营业部'}`;
    domain = 'branch.com.cn';
  } else if (r.chance(0.25)) {
    industry = r.chance(0.7) ? 'retail_catering' : 'other';
    const { brand } = st.brand();
    name = `${city.def.name}${region[1]}${brand}${r.pick(shopWords)}`;
    kind = '92';
    domain = r.pick(mailProviders);
  } else {
    industry = businessIndustry(r);
    const [word, wordPy] = r.pick(industryWords[industry]);
    const { brand, pinyin } = st.brand();
    const suffix = r.pick(['有限公司', '有限公司', '有限公司', '有限责任公司', '经营部']);
    name = `${city.def.short}${brand}${word}${suffix}`;
    domain = `${pinyin}${wordPy}.com`;
  }
  const { status, endDate } = retailStatus(st, 0.035);
  const since = retailSince(st, '2006-01-01', 0.15);
  const { customerId } = addCustomer(st, b, {
    category: 'business',
    status,
    city,
    orgUnitId: st.orgUnitFor(city, 0.5),
    name,
    creditCode: creditCode(st.n.party, region[0], kind),
    address: st.officeAddress(city, region[1]),
    industry,
    organizationType: branch ? branch.orgType : r.chance(0.9) ? 'sme' : 'other',
    since,
    created: since,
    parentId: branch?.parentId ?? null,
    referredById: r.chance(0.03) ? st.recentKa.pick(r) : null,
  });
  const officePhone = st.fixed(city);
  addContacts(st, b, { customerId, city, domain, officePhone, govStyle: false, created: since }, [
    { role: 'decision_maker', title: kind === '92' ? '店主' : r.pick(['总经理', '负责人', '经理']) },
  ]);
  const levelYuan = businessSpendYuan(r);
  const products = businessProducts(st, levelYuan);
  addAccount(st, b, {
    customerId,
    city,
    name,
    segment: 'business',
    industry,
    levelYuan,
    products,
    since,
    status,
    endDate,
  });
  if (r.chance(0.4)) {
    const term = r.pick([12, 24]);
    addContract(st, b, {
      customerId,
      city,
      title: `${name}通信业务协议`,
      products,
      committedYuan: levelYuan * (0.6 + r.next() * 0.3),
      termMonths: term,
      endInDays: contractEndInDays(st, term),
      terminated: status === 'churned',
    });
  }
  if (r.chance(0.1)) addHotlineCall(st, b, customerId, st.plan.agentIds[city.provinceIndex]);
}

const ageBandWeights = weighted<number>([
  [0, 12],
  [1, 24],
  [2, 22],
  [3, 18],
  [4, 14],
  [5, 10],
]);
const bandAges = [
  [18, 24],
  [25, 34],
  [35, 44],
  [45, 54],
  [55, 64],
  [65, 80],
];
/** Typical income band index (see incomeBands) by occupation; a random 0-1.8 is added. */
const incomeBase: Record<string, number> = {
  学生: -0.6,
  退休人员: 0.4,
  农民: 0,
  工人: 0.6,
  司机: 0.8,
  医生: 1.8,
  IT从业者: 1.9,
  金融从业者: 2,
  工程师: 1.6,
  公务员: 1.5,
  教师: 1.3,
};
const working = occupations.filter((o) => o !== '学生' && o !== '退休人员');

function ageBandOf(birthDate: string, today: string): string {
  const age = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4)) - (today.slice(5) < birthDate.slice(5) ? 1 : 0);
  const i = bandAges.findIndex(([lo, hi]) => age >= lo && age <= hi);
  return ageBands[i < 0 ? (age < 18 ? 0 : 5) : i];
}

/** One public customer: an individual with ID number, mobile, occupation, age and income bands. */
export function addPublic(st: GenState, b: Batch): void {
  const r = st.rng;
  const city = st.pickCity(r);
  const subtype = r.chance(0.45) ? 'residential' : 'mobile';
  const male = r.chance(0.52);
  const { name, pinyin } = st.personName(male);
  const [lo, hi] = bandAges[ageBandWeights(r)];
  const ageDays = Math.floor((r.int(lo, hi) + r.next()) * 365.25);
  const todayDay = dayIndexOf(new Date(`${st.plan.today}T00:00:00Z`));
  const region = r.pick(city.def.regions);
  const birthRegion = r.chance(0.75) ? region[0] : r.pick(migrantRegionCodes);
  const { idNumber, birthDate } = st.ids.make(todayDay - ageDays, male, birthRegion);
  const ageBand = ageBandOf(birthDate, st.plan.today);
  const band = ageBands.indexOf(ageBand as (typeof ageBands)[number]);
  const occupation =
    band === 0 && r.chance(0.6) ? '学生' : band >= 4 && r.chance(band === 5 ? 0.9 : 0.4) ? '退休人员' : r.pick(working);
  const levelYuan = publicSpendYuan(r, subtype);
  const income =
    (incomeBase[occupation] ?? 1.2) + r.next() * 1.8 + (levelYuan > 300 ? 1 : 0) + (levelYuan > 600 ? 1 : 0);
  const incomeIndex = Math.min(4, Math.max(0, Math.floor(income)));
  const products = publicProducts(st, subtype, levelYuan);
  const { status, endDate } = retailStatus(st, 0.04);
  const since = retailSince(st, '1998-01-01', 0.16);
  // The first mobile line (generated below) is the customer's own number; otherwise a number of any operator.
  const ownLine = products.some((p) => p.code === 'MOBILE');
  const mobile = ownLine ? st.peekOwnMobile() : r.chance(0.5) ? st.ownMobile() : st.otherMobile();
  const { customerId } = addCustomer(st, b, {
    category: 'public',
    publicSubtype: subtype,
    status,
    city,
    orgUnitId: st.orgUnitFor(city, 0.6),
    name,
    idNumber,
    mobile,
    email: r.chance(0.25) ? `${pinyin}${birthDate.slice(2, 4)}${r.int(1, 999)}@${r.pick(mailProviders)}` : null,
    address: st.homeAddress(city, region[1]),
    since,
    created: since,
    referredById: r.chance(0.04) ? st.recentPublic.pick(r) : null,
    person: {
      gender: male ? 'male' : 'female',
      birthDate,
      occupation,
      ageBand,
      incomeBand: incomeBands[incomeIndex],
    },
  });
  st.recentPublic.add(customerId);
  addAccount(st, b, {
    customerId,
    city,
    name,
    segment: subtype,
    industry: null,
    levelYuan,
    products: [...products.filter((p) => p.code === 'MOBILE'), ...products.filter((p) => p.code !== 'MOBILE')],
    since,
    status,
    endDate,
    gapPm: r.chance(0.3) ? r.int(20, 80) : 0,
  });
  if (r.chance(0.06)) addHotlineCall(st, b, customerId, st.plan.agentIds[city.provinceIndex]);
}
