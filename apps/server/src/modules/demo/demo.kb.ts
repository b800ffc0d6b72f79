// The demo's knowledge base: a dozen articles agents answer callers with, in Chinese (zh-CN), each with an English
// counterpart (locale en, the English title and a short summary) for the English UI. Saved by quality supervision
// (kb.manage) through the knowledge-base service.
import { kbArticleInput } from '@crm/contracts';
import type { RequestCtx } from '../../platform/context';
import { createKbCategory, listKbCategories, saveArticle } from '../service-desk/kb/kb.service';

type Category = 'tariffs' | 'faults' | 'orders' | 'key_accounts' | 'complaints';

const categories: Record<Category, { nameZh: string; nameEn: string }> = {
  tariffs: { nameZh: '资费与套餐', nameEn: 'Tariffs and plans' },
  faults: { nameZh: '故障处理', nameEn: 'Fault handling' },
  orders: { nameZh: '业务办理', nameEn: 'Orders and changes' },
  key_accounts: { nameZh: '大客户服务', nameEn: 'Key-account service' },
  complaints: { nameZh: '投诉处理', nameEn: 'Complaints' },
};

type Article = { category: Category; tags: string[]; zh: [string, string]; en: [string, string]; reviewDue?: boolean };

export const demoKbArticles: Article[] = [
  {
    category: 'tariffs',
    tags: ['BB_BIZ_140', 'BB_BIZ_UNL'],
    zh: [
      '商务宽带套餐变更：按时计费改为包月不限时',
      '商务宽带“140元/月+4元/小时”可改为“600元/月包月不限时”。变更自下一账期生效，须在出账日（每月1日）前至少2个工作日提交。' +
        '受理后请在系统中登记服务单及承诺（含完成时限），并告知客户生效日期。未按时变更导致多收费用的，按投诉流程退还差额。',
    ],
    en: [
      'Business broadband: switching from hourly to unlimited',
      'The 140 yuan/month + 4 yuan/hour plan can change to 600 yuan/month unlimited from the next billing period. ' +
        'Submit at least two working days before the bill run and record the order and the promise with its due date.',
    ],
  },
  {
    category: 'faults',
    tags: ['DIGITAL_CIRCUIT', 'SDH', 'DDN'],
    zh: [
      '数字电路故障报修与修复时限',
      '大客户数字电路享受7x24小时报修。受理人为首问负责人：建单后立即派网络资源部工单，并按客户等级承诺修复时限' +
        '（钻石、翡翠2小时，白金、宝石4小时，黄金6小时，水晶8小时）。修复后须回访客户确认，客户确认后方可关闭工单。',
    ],
    en: [
      'Digital circuit faults and repair time limits',
      'Key accounts report faults 7x24. The first receiver owns the ticket, routes a work order to the network ' +
        'department and promises the repair limit of the customer tier; close only after the customer confirms.',
    ],
  },
  {
    category: 'key_accounts',
    tags: ['METRO_ETH', 'INTERNET_DL'],
    zh: [
      '城域网专线资费复核流程',
      '专线资费每12个月复核一次：对比当前市场价与竞争对手报价，低于市场价过多或客户获得竞争报价时，客户经理须在两周内提交' +
        '调价方案，超出本人权限的优惠须经经理审批。复核逾期系统会产生预警，请勿积压。',
    ],
    en: [
      'Price reviews of metro-Ethernet lines',
      'Dedicated-line prices are reviewed every 12 months against the market and competitor offers; an overdue review ' +
        'raises an early warning. Discounts beyond your authority need a manager’s approval.',
    ],
  },
  {
    category: 'orders',
    tags: ['CENTREX', 'CENTREX_CONSOLE'],
    zh: [
      '汇线通（Centrex）业务介绍与内部短号',
      '汇线通由局端交换机为企业提供群内短号互拨，客户无需自购用户交换机。可配置话务台，按线路收取月租。' +
        '适合新增大量办公电话且要求内部短号的客户；与模拟中继、数字电路方案比选时请提供资费对比表。',
    ],
    en: [
      'Centrex and internal short numbers',
      'Centrex gives a company short-number dialling from the exchange, without its own PBX; consoles are optional. ' +
        'Compare it with analogue trunks and a digital circuit when a customer adds many office phones.',
    ],
  },
  {
    category: 'key_accounts',
    tags: [],
    zh: [
      '大客户价值等级与服务权益',
      '大客户按月均消费分为水晶、黄金、宝石、白金、翡翠、钻石六级。所有大客户享受免费上门咨询、上门受理、热线优先接听、' +
        '限时修复与7x24报修；钻石客户可配驻点客户经理；翡翠、白金客户可按需上门培训。来电时请先查看客户等级。',
    ],
    en: [
      'Key-account tiers and entitlements',
      'Key accounts are graded crystal to diamond by monthly spend; all get on-site consultation, priority answering ' +
        'and repair within the committed limit. Check the caller’s tier first.',
    ],
  },
  {
    category: 'complaints',
    tags: [],
    zh: [
      '账单争议处理流程',
      '客户对账单有异议时：核对近6个月账单与套餐变更记录，确认是否有未生效的变更或承诺；属我方原因的，按投诉建单并提出赔偿' +
        '（超出权限须经理审批），登记责任部门或责任人；处理结果须经客户确认后关闭。',
    ],
    en: [
      'Handling bill disputes',
      'Check the last six bills and any plan change or promise not applied. When the operator is at fault, open a ' +
        'complaint, propose compensation (approved beyond your limit) and record who was responsible.',
    ],
  },
  {
    category: 'complaints',
    tags: [],
    zh: [
      '投诉受理与首问负责制',
      '第一位接待客户的员工即为首问负责人，负责到底：即使需要其他部门处理，也由首问负责人派发工单、跟踪进度并向客户反馈。' +
        '投诉须在承诺时限内解决并经客户满意确认；超时系统将自动升级至主管。',
    ],
    en: [
      'Complaints and first-contact ownership',
      'The first employee who receives a request owns it until it is resolved, even when departments do the work. ' +
        'Complaints are closed only after the customer confirms; late ones are escalated automatically.',
    ],
  },
  {
    category: 'tariffs',
    tags: ['INTL_VIP'],
    reviewDue: true,
    zh: [
      '国际长途VIP套餐',
      '面向国际通话量大的大客户：100元/月功能费，主要国家和地区长途资费享受优惠折扣，按月结算。办理需客户经理提交申请，' +
        '资费以最新公告为准（本文待复核）。',
    ],
    en: [
      'International long-distance VIP plan',
      'For key accounts with heavy international traffic: 100 yuan/month with discounted rates to the main ' +
        'destinations. Ordered by the account manager.',
    ],
  },
  {
    category: 'faults',
    tags: ['BB_HOME', 'BB_BIZ_140', 'BB_BIZ_UNL'],
    zh: [
      '宽带网速慢排查步骤',
      '1. 确认签约带宽与测速方式（有线直连测速）；2. 重启光猫与路由器；3. 查看同小区是否有批量故障；' +
        '4. 仍无法解决的，建故障单派网络资源部上门，告知客户预计上门时间。',
    ],
    en: [
      'Troubleshooting slow broadband',
      'Check the subscribed speed with a wired test, restart the modem and router, look for an area outage, then ' +
        'open a fault ticket with a network work order and tell the customer when a technician comes.',
    ],
  },
  {
    category: 'orders',
    tags: ['HOTLINE_400'],
    zh: [
      '400电话业务办理',
      '企业可申请400号码作为全国统一客服热线，来电可按地区、时段转接到多个落地号码。需提供营业执照副本与经办人身份证明，' +
        '开通时限5个工作日。',
    ],
    en: [
      'Ordering a 400 service number',
      'A 400 number gives a company one national service line routed by region and time of day. It takes five ' +
        'working days with the business licence and the applicant’s ID.',
    ],
  },
  {
    category: 'orders',
    tags: ['IDC_RACK', 'IDC_BW'],
    zh: [
      'IDC机柜租用与扩容',
      '机柜按月租用（含标准电力），出口带宽另计。扩容前请核实同机房剩余机位；跨机房扩容需网络资源部评估互联方案。' +
        '大客户扩容可在方案中比较一次性费用与月租，财务按合同期回收投资审批。',
    ],
    en: [
      'IDC rack rental and expansion',
      'Racks are rented monthly with standard power; bandwidth is extra. Check free space in the same hall before ' +
        'promising an expansion.',
    ],
  },
  {
    category: 'tariffs',
    tags: ['PHS', 'PHS_GROUP'],
    zh: [
      '小灵通集团群内通话包（6元/月）',
      '同一集团客户的成员可办理群内通话包：群内互打6元/月不限量，群外通话按标准资费。由集团客户经理统一受理成员名单变更。',
    ],
    en: [
      'PHS in-group calling bundle (6 yuan/month)',
      'Members of one company’s group call each other for a flat 6 yuan/month; the group’s account manager handles ' +
        'member changes.',
    ],
  },
];

/** Saves the categories and the articles (zh-CN, then en); returns how many articles were saved. */
export async function seedKnowledgeBase(opts: { ctx: RequestCtx; today: string }): Promise<number> {
  const { ctx } = opts;
  const existing = await listKbCategories({ db: ctx.db });
  const ids = {} as Record<Category, number>;
  for (const [key, c] of Object.entries(categories) as [Category, (typeof categories)[Category]][]) {
    ids[key] = existing.find((e) => e.nameEn === c.nameEn)?.id ?? (await createKbCategory({ ctx, input: { ...c } })).id;
  }
  let n = 0;
  for (const a of demoKbArticles) {
    for (const [locale, [title, body]] of [
      ['zh-CN', a.zh],
      ['en', a.en],
    ] as const) {
      const input = kbArticleInput.parse({
        categoryId: ids[a.category],
        locale,
        title,
        body,
        productTags: a.tags,
        reviewDueDate: a.reviewDue ? opts.today : undefined,
      });
      await saveArticle({ ctx, input });
      n++;
    }
  }
  return n;
}
