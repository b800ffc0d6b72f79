// Key accounts (organisations with decision chains, several accounts, contracts and visits) and their branches.
import { addAccount, addContract, contractEndInDays, keyAccountProducts, type ProductLine } from './demo.accounts';
import type { Batch } from './demo.batch';
import {
  governmentDepartments,
  type Industry,
  industryWords,
  multinationals,
  publicSecurityUnits,
  universities,
} from './demo.dictionaries';
import { type CreditCodeKind, creditCode } from './demo.identifiers';
import { addDays, kaSpendYuan, tierOfYuan } from './demo.models';
import { addContacts, addKeyAccountInteractions, decisionChain } from './demo.people';
import { chineseNumber, goldenQuantile, weighted } from './demo.random';
import type { CityPlan, GenState } from './demo.state';

export type OrgType = 'government' | 'public_security' | 'fortune500' | 'education' | 'enterprise' | 'sme' | 'other';

export type CustomerRow = {
  category: 'key_account' | 'business' | 'public';
  status: 'prospect' | 'active' | 'suspended' | 'churned';
  city: CityPlan;
  orgUnitId: number;
  accountManagerId?: number | null;
  name: string;
  creditCode?: string;
  idNumber?: string;
  mobile?: string | null;
  email?: string | null;
  address: string;
  industry?: Industry | null;
  coverageLevel?: 'national' | 'provincial' | 'local' | null;
  organizationType?: OrgType | null;
  since: string | null;
  created: string;
  parentId?: number | null;
  referredById?: number | null;
  notes?: string | null;
  person?: { gender: 'male' | 'female'; birthDate: string; occupation: string; ageBand: string; incomeBand: string };
  publicSubtype?: 'residential' | 'mobile';
};

/** Pushes the party and the customer rows; returns the new ids. */
export function addCustomer(st: GenState, b: Batch, c: CustomerRow) {
  const ids = st.nextCustomer();
  b.parties.push({
    id: ids.partyId,
    party_type: c.person ? 'individual' : 'organization',
    name: c.name,
    credit_code: c.creditCode,
    id_number: c.idNumber,
    mobile: c.mobile,
    email: c.email,
    address: c.address,
    gender: c.person?.gender,
    birth_date: c.person?.birthDate,
    occupation: c.person?.occupation,
    age_band: c.person?.ageBand,
    income_band: c.person?.incomeBand,
    _created: c.created,
  });
  b.customers.push({
    id: ids.customerId,
    party_id: ids.partyId,
    customer_no: ids.customerNo,
    category: c.category,
    public_subtype: c.publicSubtype,
    status: c.status,
    org_unit_id: c.orgUnitId,
    account_manager_id: c.accountManagerId,
    industry: c.industry,
    coverage_level: c.coverageLevel,
    organization_type: c.organizationType,
    since_date: c.since,
    referred_by_customer_id: c.referredById,
    parent_customer_id: c.parentId,
    notes: c.notes,
    _created: c.created,
  });
  b.customerCount++;
  if (c.category === 'key_account') st.kaNames.add(c.name);
  return ids;
}

const kaOrgType = weighted<OrgType>([
  ['government', 12],
  ['public_security', 4],
  ['fortune500', 8],
  ['education', 10],
  ['enterprise', 58],
  ['other', 8],
]);
export const enterpriseIndustry = weighted<Industry>([
  ['finance', 8],
  ['tourism_hotel', 8],
  ['retail_catering', 10],
  ['real_estate', 10],
  ['transport_logistics', 10],
  ['telecom_operator', 2],
  ['electronics_it', 12],
  ['manufacturing_mining', 18],
  ['public_services', 6],
  ['education_health', 6],
  ['other', 6],
]);
const multinationalIndustry: Record<string, Industry> = {
  化工: 'manufacturing_mining',
  化学: 'manufacturing_mining',
  汽车零部件: 'manufacturing_mining',
  汽车: 'manufacturing_mining',
  电气: 'electronics_it',
  电子: 'electronics_it',
  自动化: 'electronics_it',
  半导体: 'electronics_it',
  电器: 'electronics_it',
  医药: 'education_health',
  食品: 'retail_catering',
  商业: 'retail_catering',
  银行: 'finance',
  物流: 'transport_logistics',
};

type OrgIdentity = {
  name: string;
  industry: Industry;
  kind: CreditCodeKind;
  domain: string;
  govStyle: boolean;
  orgType: OrgType;
};

/** Name, industry and registration kind of an organisation of the given type in a city. */
export function organisation(st: GenState, orgType: OrgType, city: CityPlan): OrgIdentity {
  const r = st.rng;
  const cityName = city.def.name;
  const region = r.pick(city.def.regions)[1];
  const gov = `${city.def.nameEn.toLowerCase()}.gov.cn`;
  switch (orgType) {
    case 'government': {
      const dept = r.pick(governmentDepartments);
      const name = r.chance(0.4) ? `${cityName}${dept}` : `${cityName}${region}${dept}`;
      return { name, industry: 'government_military', kind: '11', domain: gov, govStyle: true, orgType };
    }
    case 'public_security': {
      const u = r.next();
      const name =
        u < 0.15
          ? `${cityName}公安局`
          : u < 0.6
            ? `${cityName}公安局${region}分局`
            : `${cityName}公安局${r.pick(publicSecurityUnits)}`;
      return { name, industry: 'government_military', kind: '11', domain: gov, govStyle: true, orgType };
    }
    case 'education': {
      const name = r.chance(0.35)
        ? `${city.def.short}${r.pick(universities)}`
        : r.chance(0.5)
          ? `${cityName}第${chineseNumber(r.int(1, 60))}中学`
          : `${cityName}${region}实验小学`;
      return { name, industry: 'education_health', kind: '12', domain: 'edu.cn', govStyle: true, orgType };
    }
    case 'fortune500': {
      const [nat, brand, line, py] = r.pick(multinationals);
      const v = r.next();
      const name =
        v < 0.6
          ? `${nat}${brand}${line}（${city.def.short}）有限公司`
          : v < 0.8
            ? `${brand}${line}（${city.def.short}）投资有限公司`
            : `${nat}${brand}${line}（中国）有限公司${city.def.short}分公司`;
      const industry = multinationalIndustry[line] ?? 'manufacturing_mining';
      return { name, industry, kind: '91', domain: `${py}.com`, govStyle: false, orgType };
    }
    case 'other': {
      if (r.chance(0.6)) {
        const name = r.chance(0.5)
          ? `${cityName}第${chineseNumber(r.int(1, 12))}人民医院`
          : `${city.def.short}${st.brand().brand}医院`;
        return { name, industry: 'education_health', kind: '12', domain: 'hospital.cn', govStyle: true, orgType };
      }
      const [word] = r.pick(industryWords[enterpriseIndustry(r)]);
      const name = `${cityName}${word.replace(/(管理|开发|发展)$/, '')}行业协会`;
      return { name, industry: 'other', kind: '51', domain: 'org.cn', govStyle: true, orgType };
    }
    default: {
      const industry = enterpriseIndustry(r);
      const [word, wordPy] = r.pick(industryWords[industry]);
      const { brand, pinyin } = st.brand();
      const group = r.chance(0.2);
      const name = group
        ? `${city.province.short}${brand}${word}集团有限公司`
        : `${city.def.short}${brand}${word}${r.chance(0.8) ? '有限公司' : '股份有限公司'}`;
      return { name, industry, kind: '91', domain: `${pinyin}${wordPy}.com.cn`, govStyle: false, orgType };
    }
  }
}

/** A key-account identity whose name is not used yet (falls back to an enterprise name, unique by construction). */
function uniqueKaOrganisation(st: GenState, orgType: OrgType, city: CityPlan): OrgIdentity {
  for (let i = 0; i < 6; i++) {
    const o = organisation(st, orgType, city);
    if (!st.kaNames.has(o.name)) return o;
  }
  return organisation(st, 'enterprise', city);
}

const accountSuffixes = ['（专线业务）', '（移动业务）', '（数据中心）', '（分支机构）', '（话费统付）'];

export type KeyAccountOptions = {
  city?: CityPlan;
  parent?: { id: number; name: string; industry: Industry; orgType: OrgType };
};

export type PendingBranch = { parentId: number; name: string; industry: Industry; orgType: OrgType; cityIndex: number };

/**
 * Generates one key account with its decision chain, accounts, products, contracts and visits. Returns branch
 * customers to generate next when it is the head of a group.
 */
export function addKeyAccount(st: GenState, b: Batch, opts: KeyAccountOptions = {}): PendingBranch[] {
  const r = st.rng;
  const city = opts.city ?? st.pickCity(r);
  const drawn = opts.parent?.orgType ?? kaOrgType(r);
  let o: OrgIdentity;
  if (opts.parent) {
    o = organisation(st, drawn === 'fortune500' ? 'enterprise' : drawn, city);
    o = { ...o, name: `${opts.parent.name}${city.def.short}分公司`, industry: opts.parent.industry, orgType: drawn };
  } else o = uniqueKaOrganisation(st, drawn, city);
  const orgType = o.orgType;
  const ordinal = st.n.ka++;
  const u = goldenQuantile(ordinal, (st.plan.seed % 97) / 97) * (opts.parent ? 0.85 : 1);
  const levelYuan = kaSpendYuan(u, r.next());
  const tierIndex = ['crystal', 'gold', 'gem', 'platinum', 'jade', 'diamond'].indexOf(tierOfYuan(levelYuan));
  const s = r.next();
  const status =
    s < 0.025 && u < 0.6 && !opts.parent ? 'prospect' : s > 0.994 ? 'churned' : s > 0.988 ? 'suspended' : 'active';
  const coverage = opts.parent
    ? 'local'
    : orgType === 'fortune500'
      ? r.chance(0.6)
        ? 'national'
        : 'provincial'
      : orgType === 'enterprise'
        ? r.pick(['national', 'provincial', 'provincial', 'local', 'local', 'local', 'local', 'local'] as const)
        : r.chance(0.12)
          ? 'provincial'
          : 'local';
  const since =
    status === 'prospect'
      ? null
      : r.chance(0.08)
        ? st.dateBetween(st.windowStart, addDays(st.plan.today, -120))
        : st.dateBetween('2003-01-01', addDays(st.windowStart, -1));
  const created = since ?? addDays(st.plan.today, -r.int(10, 200));
  const amId = st.accountManagerFor(city);
  const region = r.pick(city.def.regions);
  const { customerId } = addCustomer(st, b, {
    category: 'key_account',
    status,
    city,
    orgUnitId: city.unitId,
    accountManagerId: amId,
    name: o.name,
    creditCode: creditCode(st.n.party, region[0], o.kind),
    email: `info@${o.domain}`,
    address: st.officeAddress(city, region[1]),
    industry: o.industry,
    coverageLevel: coverage,
    organizationType: orgType,
    since,
    created,
    parentId: opts.parent?.id ?? null,
    notes: ['government', 'public_security', 'fortune500', 'education'].includes(orgType)
      ? '重要大客户：每季度至少走访一次'
      : null,
  });
  st.recentKa.add(customerId);
  const shareWith = city.amIds.filter((id) => id !== amId);
  if (shareWith.length && r.chance(0.1))
    b.customer_shares.push({ customer_id: customerId, user_id: r.pick(shareWith) });

  const officePhone = st.fixed(city);
  const contacts = addContacts(
    st,
    b,
    { customerId, city, domain: o.domain, officePhone, govStyle: o.govStyle, created },
    decisionChain(st),
  );
  addKeyAccountInteractions(st, b, customerId, amId, contacts, r.int(2, 6) + tierIndex * 2);
  if (status !== 'prospect' && since) {
    const endDate =
      status === 'churned' ? st.dateBetween(addDays(st.windowStart, 60), addDays(st.plan.today, -60)) : undefined;
    const accounts = levelYuan < 10_000 ? r.int(1, 2) : Math.min(6, tierIndex + r.int(0, 2));
    const weights = Array.from({ length: accounts }, (_, i) => (i === 0 ? 2 : 0.5 + r.next()));
    const total = weights.reduce((a, x) => a + x, 0);
    const international = orgType === 'fortune500' || r.chance(0.05);
    const allProducts: ProductLine[] = [];
    for (let i = 0; i < accounts; i++) {
      const level = (levelYuan * weights[i]) / total;
      const products = keyAccountProducts(st, level, o.industry);
      if (international && i === 0) products.push({ code: 'INTL_VIP', fen: st.plan.offerings.INTL_VIP.fen });
      allProducts.push(...products);
      addAccount(st, b, {
        customerId,
        city,
        name: i === 0 ? o.name : `${o.name}${accountSuffixes[(i - 1) % accountSuffixes.length]}`,
        segment: 'key_account',
        industry: o.industry,
        levelYuan: level,
        products,
        since,
        status,
        endDate,
        internationalHeavy: international,
      });
    }
    const term = r.pick([12, 24, 36, 36]);
    addContract(st, b, {
      customerId,
      city,
      title: `${o.name}综合通信服务协议`,
      products: allProducts,
      committedYuan: levelYuan * (0.6 + r.next() * 0.25),
      termMonths: term,
      endInDays: contractEndInDays(st, term),
      terminated: status === 'churned',
    });
  }
  if (opts.parent || (coverage === 'local' && orgType !== 'fortune500')) return [];
  if (!(orgType === 'enterprise' || orgType === 'fortune500') || !r.chance(0.3)) return [];
  const first = st.plan.cities.indexOf(city) + 1 + r.int(0, 2);
  return Array.from({ length: r.int(2, 4) }, (_, i) => ({
    parentId: customerId,
    name: o.name,
    industry: o.industry,
    orgType,
    cityIndex: (first + i) % st.plan.cities.length,
  }));
}
