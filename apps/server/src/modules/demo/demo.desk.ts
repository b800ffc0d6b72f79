// The demo's service desk, written through the service-desk services at the times it happened (the services take
// "now"): hotline tickets of every type owned by agent1 (首问负责制), work orders routed to the network, billing and
// business departments, an S4-style complaint with responsibility and an approved compensation, and commitments to
// key accounts (open, approved beyond the AM's limit, and one overdue).
import { type TicketCreate, ticketCreate } from '@crm/contracts';
import type { z } from 'zod';
import type { RequestCtx } from '../../platform/context';
import {
  actOnCommitment,
  createCommitment,
  markOverdueCommitments,
} from '../service-desk/commitments/commitments.service';
import { listCategories, listDepartments } from '../service-desk/desk.service';
import { searchKb, useArticle } from '../service-desk/kb/kb.service';
import { decideCompensation, updateComplaint } from '../service-desk/tickets/complaints.service';
import { createTicket, transitionTicket } from '../service-desk/tickets/tickets.service';
import { createWorkOrder, updateWorkOrder } from '../service-desk/tickets/work-orders.service';
import type { DemoWorld } from './demo.actors';
import type { DemoPipeline } from './demo.pipeline';

const HOUR = 3_600_000;

export type DemoDeskSummary = { tickets: number; workOrders: number; commitments: number };

export async function seedServiceDesk(w: DemoWorld, pipeline: DemoPipeline): Promise<DemoDeskSummary> {
  const { agent1, agent2, am1, am2, backoffice1, quality1, manager1 } = w.staff;
  const { s1, s3 } = w.customers;
  const at = (hoursAgo: number) => new Date(w.now.getTime() - hoursAgo * HOUR);
  const iso = (hoursAgo: number) => at(hoursAgo).toISOString();
  // One after the other: they share the seeding transaction's connection.
  const departments = await listDepartments({ db: w.db });
  const categories = await listCategories({ db: w.db });
  const dept = (code: string) => departments.find((d) => d.code === code)!.id;
  const category = (code: string) => categories.find((c) => c.code === code)?.id;
  const summary: DemoDeskSummary = { tickets: 0, workOrders: 0, commitments: 0 };
  const open = async (ctx: RequestCtx, hoursAgo: number, input: z.input<typeof ticketCreate>) => {
    summary.tickets++;
    return (await createTicket({ ctx, input: ticketCreate.parse(input) as TicketCreate, now: at(hoursAgo) })).id;
  };
  const move = (ctx: RequestCtx, id: number, hoursAgo: number, status: string, extra: object = {}) =>
    transitionTicket({ ctx, id, input: { status: status as never, ...extra }, now: at(hoursAgo) });
  const route = async (ctx: RequestCtx, ticketId: number, hoursAgo: number, input: RouteInput) => {
    summary.workOrders++;
    return createWorkOrder({ ctx, ticketId, input, now: at(hoursAgo) });
  };
  const promise = async (ctx: RequestCtx, hoursAgo: number, input: Parameters<typeof createCommitment>[0]['input']) => {
    summary.commitments++;
    return createCommitment({ ctx, input, now: at(hoursAgo) });
  };

  // S1's digital circuit is down: agent1 owns the ticket, the network department repairs it (backoffice1).
  const [circuit] = await w.productsOf(s1.id, ['DIGITAL_CIRCUIT']);
  const outage = await open(agent1, 3, {
    type: 'fault_report',
    channel: 'phone',
    customerId: s1.id,
    productInstanceId: circuit?.id,
    categoryId: category('network.outage'),
    severity: 'critical',
    title: '数字电路中断，80部分机无法外呼',
    description: 'IT经理陈晓峰来电：今晨起2M数字电路告警，全部分机无法拨打外线。',
    contactName: '陈晓峰',
  });
  await route(agent1, outage, 2.9, {
    departmentId: dept('network'),
    assigneeId: backoffice1.user.id,
    instructions: '大客户数字电路中断，请立即派人抢修，4小时内恢复并反馈。',
    dueAt: iso(-1),
  });
  await promise(agent1, 2.8, {
    customerId: s1.id,
    type: 'repair',
    what: '4小时内恢复数字电路通信并回电客户',
    dueAt: iso(-1),
    ticketId: outage,
  });

  // S3's metro-Ethernet line was slow: the network fixed it, the owner resolved it and waits for the confirmation.
  const [s3Line] = await w.productsOf(s3.id, ['METRO_ETH']);
  const slow = await open(agent1, 26, {
    type: 'fault_report',
    channel: 'phone',
    customerId: s3.id,
    productInstanceId: s3Line?.id,
    categoryId: category('network.slow'),
    severity: 'major',
    title: '城域网专线高峰期丢包、网速慢',
    description: '工程部马经理来电：晚间入住高峰期客房网络卡顿，专线丢包严重。',
    contactName: '马骏',
  });
  const fix = await route(agent1, slow, 25.5, {
    departmentId: dept('network'),
    assigneeId: backoffice1.user.id,
    instructions: '请检测专线链路质量，排查丢包原因。',
  });
  await updateWorkOrder({
    ctx: backoffice1,
    id: fix.id,
    input: { status: 'resolved', resolution: '更换故障光模块，链路测试24小时无丢包。' },
    now: at(6),
  });
  await move(agent1, slow, 5, 'resolved');

  // S4-style complaint: the plan change the AM promised was not applied; 1,400 yuan compensation approved.
  const complainer = w.customers.am1[1] ?? w.customers.am1[0];
  if (complainer) {
    const [broadband] = await w.productsOf(complainer.id, ['BB_BIZ_140', 'BB_BIZ_UNL', 'INTERNET_DL']);
    const complaint = await open(agent1, 5 * 24, {
      type: 'complaint',
      channel: 'phone',
      customerId: complainer.id,
      productInstanceId: broadband?.id,
      categoryId: category('billing.plan_not_applied'),
      severity: 'major',
      title: '申请的包月不限时套餐未生效，本月宽带账单2,000元',
      description: '客户上月已向客户经理申请由140元/月+4元/小时改为600元/月包月不限时，本月仍按时计费，账单约2,000元。',
    });
    await move(agent1, complaint, 5 * 24 - 0.5, 'inProgress');
    await updateComplaint({
      ctx: quality1,
      ticketId: complaint,
      input: {
        rootCause: '客户经理未在出账日前提交套餐变更',
        responsibleUserId: am1.user.id,
        compensationFen: 140_000,
      },
      now: at(4 * 24),
    });
    await decideCompensation({
      ctx: manager1,
      ticketId: complaint,
      input: { approve: true, note: '差额1,400元由责任客户经理承担' },
      now: at(3 * 24),
    });
    await route(agent1, complaint, 3 * 24 - 1, {
      departmentId: dept('billing'),
      instructions: '退还本月差额1,400元，并将套餐改为600元/月包月不限时（自下一账期生效）。',
      dueAt: iso(-48),
    });
  }

  // A tariff question answered from the knowledge base and closed with the caller's confirmation.
  const [asker, waiting] = w.customers.business;
  if (asker) {
    const question = await open(agent1, 50, {
      type: 'consultation',
      channel: 'phone',
      customerId: asker.id,
      categoryId: category('product.tariff'),
      title: '咨询商务宽带包月不限时资费及变更生效时间',
    });
    const [article] = (
      await searchKb({ ctx: agent1, query: { q: '包月不限时', locale: 'zh-CN', limit: 1, offset: 0 } })
    ).items;
    if (article) await useArticle({ ctx: agent1, id: article.id, ticketId: question });
    await move(agent1, question, 49.9, 'inProgress');
    await move(agent1, question, 49.8, 'resolved');
    await move(agent1, question, 49.7, 'closed', { customerConfirmed: true });
  }
  if (waiting) {
    const transfer = await open(agent1, 8, {
      type: 'consultation',
      channel: 'counter',
      customerId: waiting.id,
      title: '咨询企业宽带过户手续',
    });
    await move(agent1, transfer, 7.9, 'inProgress');
    await move(agent1, transfer, 7.8, 'pending', { reason: '等待客户提供营业执照副本' });
  }
  const [resident] = w.customers.public;
  if (resident)
    await open(agent1, 2, {
      type: 'suggestion',
      channel: 'wechat',
      customerId: resident.id,
      title: '建议营业厅周末延长营业时间',
    });

  // am1 takes an order for 20 more business lines: routed to business support, promised within five working days.
  const buyer = w.customers.am1[0];
  if (buyer) {
    const order = await open(am1, 20, {
      type: 'service_order',
      channel: 'counter',
      customerId: buyer.id,
      severity: 'major',
      title: '新增20部商务固话',
      requestedResolutionAt: iso(-5 * 24),
    });
    await route(am1, order, 19.5, {
      departmentId: dept('business_support'),
      instructions: '受理新增20部商务固话，核对号码资源后转装维施工。',
      dueAt: iso(-3 * 24),
    });
    await promise(am1, 19.4, {
      customerId: buyer.id,
      type: 'delivery',
      what: '5个工作日内完成20部商务固话开通',
      dueAt: iso(-5 * 24),
      ticketId: order,
    });
  }
  // A key account of the other province: agent2's ticket, out of agent1's sight.
  const far = w.customers.otherProvince;
  if (far)
    await open(agent2, 1, {
      type: 'fault_report',
      channel: 'phone',
      customerId: far.id,
      severity: 'major',
      title: '互联网专线中断',
    });

  // Promises to key accounts: S1's circuit by a date; S3's re-pricing beyond am2's discount limit, approved by the
  // manager; and a demonstration am2 promised and forgot (overdue).
  await promise(am1, 30, {
    customerId: s1.id,
    type: 'delivery',
    what: '数字电路在约定日期前开通并完成测试，附测试报告',
    dueAt: iso(-12 * 24),
    opportunityId: pipeline.s1OpportunityId,
  });
  const reprice = await promise(am2, 48, {
    customerId: s3.id,
    type: 'discount',
    what: '两周内完成专线资费复核，新报价不高于竞争对手（6,000元/月）',
    amountFen: 600_000,
    dueAt: iso(-12 * 24),
    opportunityId: pipeline.s3OpportunityId,
  });
  await actOnCommitment({
    ctx: manager1,
    id: reprice.id,
    input: { action: 'approve', note: '同意按市场价调整，保住三年续约' },
    now: at(46),
  });
  const forgotten = w.customers.am2[0];
  if (forgotten) {
    await promise(am2, 10 * 24, {
      customerId: forgotten.id,
      type: 'delivery',
      what: '上门演示物联网监控专网方案并提交报价',
      dueAt: iso(2 * 24),
    });
    await markOverdueCommitments({ db: w.db, now: w.now });
  }
  return summary;
}

type RouteInput = { departmentId: number; assigneeId?: number | null; instructions: string; dueAt?: string | null };
