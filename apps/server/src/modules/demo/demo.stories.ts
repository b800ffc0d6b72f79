// The acceptance-story customers of DOMAIN.md section 6, with stable names and numbers.
import { addAccount, addContract, type ProductLine } from './demo.accounts';
import type { Batch } from './demo.batch';
import type { OfferingCode } from './demo.catalogue';
import { addCustomer } from './demo.customers';
import { creditCode } from './demo.identifiers';
import { addDays } from './demo.models';
import {
  addContacts,
  addKeyAccountInteractions,
  type ContactRef,
  type ContactSpec,
  recentTimestamp,
} from './demo.people';
import type { CityPlan, GenState } from './demo.state';

/**
 * The story customers, generated first (so on an empty database they get the first customer numbers).
 * Tests, the README and demos refer to them by these names and numbers.
 */
export const demoStoryCustomers = [
  {
    story: 'S1',
    customerNo: 'C0000000001',
    name: '美商杜力化工（南京）有限公司',
    accountManager: 'am1',
    status: 'active',
    summary:
      'Fortune-500 chemicals KA: wants 80 more office phones with short numbers (Centrex / trunk / digital circuit)',
  },
  {
    story: 'S2',
    customerNo: 'C0000000002',
    name: '南京江北仁和国际医院（筹建处）',
    accountManager: 'am1',
    status: 'prospect',
    summary: 'hospital under construction (1.5 bn yuan), prospect KA: 100 Centrex lines + 1 console, later 1,000 + 2',
  },
  {
    story: 'S3',
    customerNo: 'C0000000003',
    name: '南京钟山湖景大酒店有限公司',
    accountManager: 'am2',
    status: 'active',
    summary: 'hotel with a metro-Ethernet line never re-priced; spend drops in the last months (competitor offer)',
  },
] as const;

const lines = (st: GenState, spec: ReadonlyArray<readonly [OfferingCode, number, number?]>): ProductLine[] =>
  spec.flatMap(([code, count, yuan]) =>
    Array.from({ length: count }, () => ({ code, fen: yuan ? yuan * 100 : st.plan.offerings[code].fen })),
  );

function storyContacts(
  st: GenState,
  b: Batch,
  customerId: number,
  city: CityPlan,
  domain: string,
  created: string,
  govStyle: boolean,
  specs: ContactSpec[],
): ContactRef[] {
  return addContacts(st, b, { customerId, city, domain, officePhone: st.fixed(city), govStyle, created }, specs);
}

function note(b: Batch, customerId: number, userId: number, channel: string, summary: string, at: string) {
  b.interactions.push({
    customer_id: customerId,
    channel,
    direction: 'outbound',
    summary,
    user_id: userId,
    occurred_at: at,
  });
}

/** Generates S1, S2 and S3 into the batch (the plan's first city is Nanjing, where am1 and am2 work). */
export function addStoryCustomers(st: GenState, b: Batch): void {
  const nj = st.plan.cities[0];
  const am1 = st.plan.users.am1;
  const am2 = st.plan.users.am2;
  const months = st.plan.months;
  const today = st.plan.today;
  const [s1, s2, s3] = demoStoryCustomers;

  // S1: Fortune-500 chemicals company.
  const s1Since = '2012-05-18';
  const c1 = addCustomer(st, b, {
    category: 'key_account',
    status: 'active',
    city: nj,
    orgUnitId: nj.unitId,
    accountManagerId: am1,
    name: s1.name,
    creditCode: creditCode(st.n.party, '320111', '91'),
    email: 'info@duli-chem.com',
    address: '江苏省南京市江北新区化学工业园区方水路168号',
    industry: 'manufacturing_mining',
    coverageLevel: 'national',
    organizationType: 'fortune500',
    since: s1Since,
    created: s1Since,
    notes:
      'S1：拟新增80部办公电话并要求内部短号互拨。可选方案：汇线通（Centrex）接入、模拟中继线、数字电路。' +
      '月租构成：号码占用费400元/月 + 数字电路月租2,550元/月 + 通话费。开通后提供7x24小时故障服务。',
  });
  const s1Contacts = storyContacts(st, b, c1.customerId, nj, 'duli-chem.com', s1Since, false, [
    {
      role: 'decision_maker',
      name: '周立明',
      title: '总经理',
      attitude: 'neutral',
      notes: '美方派驻总经理，重视响应时限',
    },
    {
      role: 'technical_lead',
      name: '陈晓峰',
      title: 'IT经理',
      attitude: 'supporter',
      notes: '负责新增80部电话的方案评估',
    },
    { role: 'finance', name: '刘静', title: '财务总监', male: false, attitude: 'neutral', notes: '关注月度固定费用' },
    {
      role: 'procurement',
      name: '王海',
      title: '采购经理',
      attitude: 'opponent',
      notes: '习惯比价，曾引入其他运营商报价',
    },
    { role: 'user', name: '孙丽', title: '行政主管', male: false, attitude: 'supporter' },
    { role: 'influencer', name: '赵凯', title: '总经理助理', attitude: 'unknown' },
  ]);
  const s1Main = lines(st, [
    ['FIXED_BIZ', 40],
    ['CENTREX', 1, 400],
    ['DIGITAL_CIRCUIT', 1, 2_550],
    ['ANALOG_TRUNK', 2],
    ['METRO_ETH', 2],
    ['INTERNET_DL', 1],
    ['MOBILE', 15, 129],
    ['INTL_VIP', 1],
  ]);
  const s1Dc = lines(st, [
    ['IDC_RACK', 2],
    ['CLOUD_VM', 4],
  ]);
  const stable = { growthPm: 6, dropFrom: months, dropPm: 0 };
  for (const [name, products, level] of [
    [s1.name, s1Main, 46_000],
    [`${s1.name}（数据中心）`, s1Dc, 17_000],
  ] as const) {
    addAccount(st, b, {
      customerId: c1.customerId,
      city: nj,
      name,
      segment: 'key_account',
      industry: 'manufacturing_mining',
      levelYuan: level,
      products,
      since: s1Since,
      status: 'active',
      trend: stable,
      internationalHeavy: true,
    });
  }
  addContract(st, b, {
    customerId: c1.customerId,
    city: nj,
    title: '美商杜力化工综合通信服务协议（汇线通/数字电路/专线）',
    products: [...s1Main, ...s1Dc],
    committedYuan: 50_000,
    termMonths: 36,
    endInDays: 420,
  });
  note(
    b,
    c1.customerId,
    am1,
    'visit',
    '上门拜访IT经理陈晓峰：客户拟新增80部办公电话，要求内部短号互拨',
    recentTimestamp(st, 20),
  );
  note(
    b,
    c1.customerId,
    am1,
    'email',
    '提交三种方案：汇线通（Centrex）接入、模拟中继线、数字电路，附资费对比',
    recentTimestamp(st, 10),
  );
  addKeyAccountInteractions(st, b, c1.customerId, am1, s1Contacts, 8);

  // S2: hospital under construction, a prospect key account (no accounts or bills yet).
  const s2Created = addDays(today, -75);
  const c2 = addCustomer(st, b, {
    category: 'key_account',
    status: 'prospect',
    city: nj,
    orgUnitId: nj.unitId,
    accountManagerId: am1,
    name: s2.name,
    creditCode: creditCode(st.n.party, '320111', '12'),
    email: 'chouban@renhe-hospital.cn',
    address: '江苏省南京市江北新区仁和大道1号（在建）',
    industry: 'education_health',
    coverageLevel: 'local',
    organizationType: 'other',
    since: null,
    created: s2Created,
    notes:
      'S2：在建医院，总投资15亿元。施工期需求：100门汇线通 + 1个话务台；开业后：1,000门汇线通 + 2个话务台。' +
      '已收集建筑图纸，施工进度需持续跟踪并转网络资源部。',
  });
  storyContacts(st, b, c2.customerId, nj, 'renhe-hospital.cn', s2Created, true, [
    { role: 'decision_maker', name: '吴国平', title: '筹建处主任', attitude: 'supporter' },
    {
      role: 'technical_lead',
      name: '郑宇',
      title: '信息科科长',
      attitude: 'supporter',
      notes: '负责医院信息化与通信规划',
    },
    { role: 'influencer', name: '钱志强', title: '基建处处长', attitude: 'neutral', notes: '掌握施工进度与管线预留' },
    { role: 'finance', name: '何敏', title: '财务处处长', male: false, attitude: 'unknown' },
    { role: 'procurement', name: '林涛', title: '设备采购中心主任', attitude: 'neutral' },
  ]);
  note(
    b,
    c2.customerId,
    am1,
    'visit',
    '首次拜访筹建处吴主任：医院总投资15亿元，了解建设周期与通信需求',
    `${addDays(today, -70)}T10:00:00+08:00`,
  );
  note(
    b,
    c2.customerId,
    am1,
    'visit',
    '收集建筑图纸，转网络资源部评估管线与机房位置',
    `${addDays(today, -45)}T14:30:00+08:00`,
  );
  note(
    b,
    c2.customerId,
    am1,
    'phone',
    '确认施工期需求：100门汇线通 + 1个话务台',
    `${addDays(today, -12)}T09:30:00+08:00`,
  );

  // S3: hotel with a metro-Ethernet line never re-priced; spend falls in the last months.
  const s3Since = '2015-03-01';
  const c3 = addCustomer(st, b, {
    category: 'key_account',
    status: 'active',
    city: nj,
    orgUnitId: nj.unitId,
    accountManagerId: am2,
    name: s3.name,
    creditCode: creditCode(st.n.party, '320102', '91'),
    email: 'info@zhongshanlake-hotel.com',
    address: '江苏省南京市玄武区环湖路88号',
    industry: 'tourism_hotel',
    coverageLevel: 'local',
    organizationType: 'enterprise',
    since: s3Since,
    created: s3Since,
    notes:
      'S3：城域网专线（100M）自2015年签约后资费未复核，当前12,000元/月；市场价已降至约6,000元/月。' +
      '竞争对手已报价同等带宽6,000元/月并提出三年合约。',
  });
  storyContacts(st, b, c3.customerId, nj, 'zhongshanlake-hotel.com', s3Since, false, [
    { role: 'decision_maker', name: '黄伟', title: '总经理', attitude: 'neutral' },
    { role: 'technical_lead', name: '马骏', title: '工程部经理', attitude: 'opponent', notes: '多次反映专线价格偏高' },
    { role: 'finance', name: '冯雪', title: '财务总监', male: false, attitude: 'neutral' },
    { role: 'procurement', name: '邓超', title: '采购经理', attitude: 'unknown' },
  ]);
  const s3Products = lines(st, [
    ['METRO_ETH', 1, 12_000],
    ['FIXED_BIZ', 30],
    ['ISDN_PRI', 1],
    ['INTERNET_DL', 1],
    ['HOTLINE_400', 1],
  ]);
  addAccount(st, b, {
    customerId: c3.customerId,
    city: nj,
    name: s3.name,
    segment: 'key_account',
    industry: 'tourism_hotel',
    levelYuan: 26_000,
    products: s3Products,
    since: s3Since,
    status: 'active',
    trend: { growthPm: 0, dropFrom: months - 4, dropPm: 190 },
  });
  addContract(st, b, {
    customerId: c3.customerId,
    city: nj,
    title: '城域网专线服务协议（100M）',
    products: s3Products,
    committedYuan: 20_000,
    termMonths: 36,
    endInDays: 35,
  });
  note(b, c3.customerId, am2, 'phone', '工程部马经理来电询问专线能否降价，称有其他运营商报价', recentTimestamp(st, 60));
}
