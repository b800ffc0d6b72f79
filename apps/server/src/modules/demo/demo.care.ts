// The demo's key-account care, written through the care and account-management services: price reviews of dedicated
// lines (S3's long overdue, with the competitor's offer), a preventive line check, club events with invitations,
// attendance and a resulting lead (S6), and account plans of the year.
import { accountPlanUpsert, clubEventCreate, lineCheckCreate, priceReviewCreate } from '@crm/contracts';
import type { z } from 'zod';
import type { RequestCtx } from '../../platform/context';
import { saveAccountPlan } from '../accounts-mgmt/accounts-mgmt.service';
import { createLineCheck, setPriceReview } from '../care/care.service';
import { createClubEvent, inviteToEvent, updateInvitation } from '../care/club.service';
import { contactsOfCustomer } from '../customers/contacts.service';
import { addDays } from '../ka-common/ka-common.models';
import type { DemoWorld } from './demo.actors';
import type { DemoPipeline } from './demo.pipeline';

/** Dedicated lines whose price is reviewed against the market. */
const dedicatedLines = ['METRO_ETH', 'INTERNET_DL', 'DIGITAL_CIRCUIT', 'SDH', 'DDN'];

async function review(
  ctx: RequestCtx,
  customerId: number,
  line: { id: number },
  input: Omit<z.input<typeof priceReviewCreate>, 'productInstanceId'>,
) {
  await setPriceReview({ ctx, customerId, input: priceReviewCreate.parse({ ...input, productInstanceId: line.id }) });
}

export async function seedPriceReviews(w: DemoWorld): Promise<number> {
  const { am1, am2 } = w.staff;
  const { s1, s3 } = w.customers;
  let n = 0;
  // S3: the metro-Ethernet line has not been re-priced since it was signed in 2015 (reviews are yearly).
  const [s3Line] = await w.productsOf(s3.id, ['METRO_ETH']);
  if (!s3Line) throw new Error('S3 metro-Ethernet line missing');
  await review(am2, s3.id, s3Line, {
    nextReviewDate: '2016-03-01',
    intervalMonths: 12,
    competitorOfferFen: 600_000,
    note: '2015年签约后资费从未复核（12,000元/月）；竞争对手报价同等带宽6,000元/月（三年合约）',
  });
  n++;
  // S1 and the first key accounts of each AM: the next reviews spread over the coming months; one of am1's is late.
  const s1Lines = await w.productsOf(s1.id, dedicatedLines);
  for (const [i, line] of s1Lines.slice(0, 2).entries()) {
    await review(am1, s1.id, line, { nextReviewDate: addDays(w.today, 45 + 60 * i), intervalMonths: 12 });
    n++;
  }
  const offsets = [12, 26, -20, 75];
  for (const [ctx, kas] of [
    [am1, w.customers.am1],
    [am2, w.customers.am2],
  ] as const) {
    for (const [i, c] of kas.slice(0, offsets.length).entries()) {
      const [line] = await w.productsOf(c.id, dedicatedLines);
      if (!line) continue;
      const late = offsets[i] < 0 && ctx === am1;
      await review(ctx, c.id, line, {
        nextReviewDate: addDays(w.today, late ? offsets[i] : Math.abs(offsets[i])),
        intervalMonths: 12,
        note: late ? '客户反映同类专线市场价下降约15%，需尽快复核' : undefined,
      });
      n++;
    }
  }
  // A preventive check of S1's digital circuit every quarter.
  const [circuit] = await w.productsOf(s1.id, ['DIGITAL_CIRCUIT']);
  await createLineCheck({
    ctx: am1,
    customerId: s1.id,
    input: lineCheckCreate.parse({
      productInstanceId: circuit?.id,
      description: '数字电路预防性巡检（误码率、告警、备用链路切换）',
      intervalDays: 90,
      nextDueDate: addDays(w.today, 14),
    }),
  });
  return n;
}

type Invite = {
  ctx: RequestCtx;
  customerId: number | undefined;
  status?: 'accepted' | 'declined' | 'attended' | 'no_show';
};

/** Invites each customer (with its decision maker) and records the answers; returns the invitation ids by customer. */
async function invite(w: DemoWorld, eventId: number, list: Invite[]): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  for (const { ctx, customerId, status } of list) {
    if (!customerId || ids.has(customerId)) continue;
    const contacts = await contactsOfCustomer({ db: w.db, customerId, canReadPii: false });
    const contact = contacts.find((c) => c.decisionRole === 'decision_maker') ?? contacts[0];
    const event = await inviteToEvent({ ctx, eventId, input: { customerId, contactId: contact?.id } });
    const inv = event.invitations.find((i) => i.customerId === customerId)!;
    ids.set(customerId, inv.id);
    if (status) await updateInvitation({ ctx, id: inv.id, input: { status } });
  }
  return ids;
}

/** S6: the club's golf tournament (members pay most of it, sponsors give prizes) and a past demo-hall day. */
export async function seedClub(w: DemoWorld, pipeline: DemoPipeline): Promise<number> {
  const { manager1, am1, am2 } = w.staff;
  const { s1, s3, am1: k1, am2: k2 } = w.customers;
  const golf = await createClubEvent({
    ctx: manager1,
    input: clubEventCreate.parse({
      title: '大客户俱乐部金秋高尔夫邀请赛',
      kind: 'golf',
      eventDate: addDays(w.today, 24),
      location: '南京钟山国际高尔夫俱乐部',
      memberFeeFen: 120_000,
      clubSubsidyFen: 2_000_000,
      sponsors: '华为（一杆进洞奖）、中兴通讯（团体奖品）',
      description: '会员承担大部分费用（1,200元/人），赞助商提供奖品，俱乐部补贴场地与餐饮；赛后跟踪出席与商机线索。',
    }),
  });
  await invite(w, golf.id, [
    { ctx: am1, customerId: s1.id, status: 'accepted' },
    { ctx: am1, customerId: k1[0]?.id, status: 'declined' },
    { ctx: am1, customerId: k1[1]?.id },
    { ctx: am2, customerId: s3.id },
    { ctx: am2, customerId: k2[0]?.id, status: 'accepted' },
  ]);
  const hall = await createClubEvent({
    ctx: manager1,
    input: clubEventCreate.parse({
      title: '云网融合新业务体验厅开放日',
      kind: 'demo_hall',
      eventDate: addDays(w.today, -40),
      location: '南京电信新业务体验厅',
      clubSubsidyFen: 300_000,
      description: '现场演示云视频会议、IDC与物联网专网；记录到场客户与后续商机。',
    }),
  });
  const lead = pipeline.clubLead;
  const hallInvites = await invite(w, hall.id, [
    { ctx: am2, customerId: lead?.customerId, status: 'attended' },
    { ctx: am1, customerId: k1[0]?.id, status: 'attended' },
    { ctx: am2, customerId: k2[2]?.id, status: 'attended' },
    { ctx: am1, customerId: s1.id, status: 'no_show' },
  ]);
  const leadInvite = lead && hallInvites.get(lead.customerId);
  if (lead && leadInvite)
    await updateInvitation({ ctx: am2, id: leadInvite, input: { leadOpportunityId: lead.opportunityId } });
  return 2;
}

type PlanInput = z.input<typeof accountPlanUpsert>;

/** Account plans of the current year: revenue target, goals and key actions with owners and dates. */
export async function seedAccountPlans(w: DemoWorld): Promise<number> {
  const { am1, am2, backoffice1 } = w.staff;
  const year = Number(w.today.slice(0, 4));
  const d = (month: number, dayOfMonth = 15) =>
    `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
  const past = (iso: string) => (iso < w.today ? iso : null);
  const plans: [RequestCtx, number | undefined, PlanInput][] = [
    [
      am1,
      w.customers.s1.id,
      {
        year,
        revenueTargetFen: 80_000_000,
        goals: ['新增80部办公电话并实现内部短号互拨', '数据中心业务续约', '国际长途VIP套餐覆盖全部高管'],
        reviewNotes: '客户重视响应时限；采购经理习惯比价，需提前准备资费对比。',
        actions: [
          { title: '提交三种组网方案比选', ownerId: am1.user.id, dueDate: d(3), doneDate: past(d(3, 10)) },
          { title: '数字电路施工与测试', ownerId: backoffice1.user.id, dueDate: d(11, 30) },
          { title: '年度高层拜访（总经理周立明）', ownerId: am1.user.id, dueDate: d(12, 10) },
        ],
      },
    ],
    [
      am2,
      w.customers.s3.id,
      {
        year,
        revenueTargetFen: 24_000_000,
        goals: ['保住城域网专线（竞争对手三年合约报价）', '完成专线资费复核', '续签三年服务协议'],
        reviewNotes: '专线资费自2015年未复核，工程部马经理多次反映价格偏高，流失风险高。',
        actions: [
          { title: '专线资费复核并提交新报价', ownerId: am2.user.id, dueDate: d(11, 30) },
          { title: '总经理黄伟拜访，商谈续约', ownerId: am2.user.id, dueDate: d(12, 5) },
        ],
      },
    ],
    [
      am1,
      w.customers.am1[0]?.id,
      {
        year,
        revenueTargetFen: 20_000_000,
        goals: ['云视频会议系统落地', '提升移动业务渗透率'],
        actions: [{ title: '云视频会议方案演示', ownerId: am1.user.id, dueDate: d(6), doneDate: past(d(6, 12)) }],
      },
    ],
    [
      am2,
      w.customers.am2[0]?.id,
      {
        year,
        revenueTargetFen: 15_000_000,
        goals: ['物联网监控专网试点', '决策链关键人关系维护'],
        actions: [{ title: '物联网专网需求调研', ownerId: am2.user.id, dueDate: d(12, 20) }],
      },
    ],
  ];
  let n = 0;
  for (const [ctx, customerId, input] of plans) {
    if (!customerId) continue;
    await saveAccountPlan({ ctx, customerId, input: accountPlanUpsert.parse(input) });
    n++;
  }
  return n;
}
