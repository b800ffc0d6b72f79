// The demo's sales pipeline, written through the opportunities and fulfilment services: S1's three solution options
// with the chosen digital circuit in fulfilment, S2's phased needs with construction progress forwarded to the
// network department, S3's renewal against a competitor offer, and a few opportunities of am1 and am2 in every stage.
import { type OpportunityStage, opportunityCreate, solutionOptionCreate, stageChange } from '@crm/contracts';
import type { z } from 'zod';
import type { RequestCtx } from '../../platform/context';
import { getServiceOrder } from '../fulfilment/fulfilment.service';
import { completeOrderStep } from '../fulfilment/fulfilment-steps.service';
import { addDays } from '../ka-common/ka-common.models';
import { changeStage, createOpportunity, getOpportunity } from '../opportunities/opportunities.service';
import { addNote } from '../opportunities/opportunity-details.service';
import { addOption, chooseOption } from '../opportunities/solutions.service';
import type { DemoWorld } from './demo.actors';

type OpportunityInput = z.input<typeof opportunityCreate>;
type OptionInput = z.input<typeof solutionOptionCreate>;

/** Opens an opportunity, designs its options and moves it to `stage` (open stages move freely), or loses it. */
async function opportunity(
  ctx: RequestCtx,
  input: OpportunityInput,
  stage: OpportunityStage,
  options: OptionInput[] = [],
  lost?: { reason: string; competitor: string },
): Promise<number> {
  const created = await createOpportunity({ ctx, input: opportunityCreate.parse(input) });
  for (const o of options) await addOption({ ctx, id: created.id, input: solutionOptionCreate.parse(o) });
  const current = options.length ? 'solution' : 'lead';
  const change = lost ? { stage: 'lost', lostReason: lost.reason, competitor: lost.competitor } : { stage };
  if (change.stage !== current) await changeStage({ ctx, id: created.id, input: stageChange.parse(change) });
  return created.id;
}

export type DemoPipeline = {
  s1OpportunityId: number;
  s1OrderId: number;
  s2OpportunityId: number;
  s3OpportunityId: number;
  /** An am2 opportunity that came out of a club event (S6), and its customer. */
  clubLead: { opportunityId: number; customerId: number } | null;
};

export async function seedPipeline(w: DemoWorld): Promise<DemoPipeline> {
  const { am1, am2, backoffice1 } = w.staff;
  const { s1, s2, s3 } = w.customers;
  const day = (n: number) => addDays(w.today, n);
  const o = w.offering;

  // S1: 80 more office phones with internal short numbers; three options; the customer picks the digital circuit.
  const s1Opp = await opportunity(
    am1,
    {
      customerId: s1.id,
      title: '新增80部办公电话（内部短号互拨）',
      description: '客户IT经理陈晓峰提出：新增80部办公电话，要求与现有分机内部短号互拨。提交三种方案比选。',
      estMonthlyFen: 295_000,
      expectedClose: day(10),
      competitor: '联通',
      needs: [
        { phase: '一期', item: '办公电话（内部短号）', offeringId: o('CENTREX'), quantity: 80, neededBy: day(30) },
      ],
    },
    'proposal',
    [
      {
        name: '汇线通（Centrex）接入',
        summary: '无需用户交换机，局端实现内部短号；按线计费。',
        termMonths: 36,
        items: [{ offeringId: o('CENTREX'), quantity: 80, oneTimeFen: 10_000, monthlyFen: 3_000 }],
      },
      {
        name: '模拟中继线',
        summary: '客户自购用户交换机，12条模拟中继接入。',
        termMonths: 36,
        investmentFen: 1_500_000,
        items: [{ offeringId: o('ANALOG_TRUNK'), quantity: 12, oneTimeFen: 50_000, monthlyFen: 15_000 }],
      },
      {
        name: '数字电路',
        summary: '2M数字电路接入客户交换机：号码占用费400元/月 + 数字电路月租2,550元/月 + 通话费。',
        termMonths: 36,
        investmentFen: 3_000_000,
        items: [
          { offeringId: o('FIXED_BIZ'), description: '80个号码占用费', quantity: 1, monthlyFen: 40_000 },
          {
            offeringId: o('DIGITAL_CIRCUIT'),
            description: '2M数字电路月租',
            quantity: 1,
            oneTimeFen: 200_000,
            monthlyFen: 255_000,
          },
        ],
      },
    ],
  );
  const digital = (await getOpportunity({ ctx: am1, id: s1Opp })).options.find((x) => x.name === '数字电路');
  const { orderId } = await chooseOption({ ctx: am1, id: s1Opp, optionId: digital!.id });
  // The business department accepted the order: it now waits for the network build (no document is stored here).
  const order = await getServiceOrder({ ctx: backoffice1, id: orderId });
  await completeOrderStep({
    ctx: backoffice1,
    orderId,
    stepId: order.steps[0].id,
    input: { note: '已受理，资料齐全，转网络资源部施工' },
    filesDir: '',
  });

  // S2: the hospital under construction, its needs by phase; construction progress forwarded to the network.
  const s2Opp = await opportunity(
    am1,
    {
      customerId: s2.id,
      title: '新院区通信建设（施工期 + 开业）',
      description: '医院总投资15亿元，在建。施工期需汇线通100门 + 话务台1个；开业后1,000门 + 话务台2个。',
      estMonthlyFen: 8_000_000,
      estOneTimeFen: 50_000_000,
      expectedClose: day(240),
      needs: [
        { phase: '施工期', item: '汇线通线路', offeringId: o('CENTREX'), quantity: 100, neededBy: day(45) },
        { phase: '施工期', item: '话务台', offeringId: o('CENTREX_CONSOLE'), quantity: 1, neededBy: day(45) },
        { phase: '开业', item: '汇线通线路', offeringId: o('CENTREX'), quantity: 1000, neededBy: day(300) },
        { phase: '开业', item: '话务台', offeringId: o('CENTREX_CONSOLE'), quantity: 2, neededBy: day(300) },
      ],
    },
    'qualifying',
  );
  await addNote({ ctx: am1, id: s2Opp, input: { body: '筹建处吴主任确认施工期需求：100门汇线通 + 1个话务台。' } });
  await addNote({
    ctx: am1,
    id: s2Opp,
    input: {
      body: '主体结构已封顶，弱电井预计下月交付。请网络资源部提前规划进院管线与机房位置（图纸见筹建处资料）。',
      forwardedTo: 'network',
    },
  });

  // S3: the hotel's metro-Ethernet renewal against a competitor's 3-year offer.
  const s3Opp = await opportunity(
    am2,
    {
      customerId: s3.id,
      title: '城域网专线续约与资费调整',
      description: '专线自2015年签约后资费未复核（12,000元/月）；竞争对手报价同等带宽6,000元/月并提出三年合约。',
      estMonthlyFen: 700_000,
      expectedClose: day(20),
      competitor: '移动',
    },
    'negotiation',
  );

  // Other key accounts of am1 and am2: one opportunity in each stage, one lost to a competitor.
  const plans: [RequestCtx, number | undefined, OpportunityInput, OpportunityStage, OptionInput[]?][] = [
    [
      am1,
      w.customers.am1[0]?.id,
      { title: '云视频会议系统部署', estMonthlyFen: 360_000, competitor: '华为云' },
      'proposal',
    ],
    [
      am1,
      w.customers.am1[1]?.id,
      { title: '分支机构互联网专线扩容（100M→500M）', estMonthlyFen: 900_000 },
      'negotiation',
    ],
    [am1, w.customers.am1[2]?.id, { title: '集团短信平台接入', estMonthlyFen: 40_000 }, 'lead'],
    [
      am2,
      w.customers.am2[0]?.id,
      { title: '物联网监控专网', estMonthlyFen: 250_000, estOneTimeFen: 1_200_000 },
      'lead',
    ],
    [
      am2,
      w.customers.am2[1]?.id,
      { title: 'IDC机柜扩容（新增4个机柜）', estMonthlyFen: 2_000_000 },
      'solution',
      [
        {
          name: '同机房扩容4个机柜',
          termMonths: 24,
          items: [{ offeringId: o('IDC_RACK'), quantity: 4, monthlyFen: 500_000 }],
        },
      ],
    ],
  ];
  const ids: (number | null)[] = [];
  for (const [ctx, customerId, input, stage, options] of plans) {
    ids.push(
      customerId
        ? await opportunity(ctx, { ...input, customerId, expectedClose: day(60) }, stage, options ?? [])
        : null,
    );
  }
  const lostFor = w.customers.am2[2]?.id;
  if (lostFor)
    await opportunity(am2, { customerId: lostFor, title: '400客服热线升级', estMonthlyFen: 90_000 }, 'lost', [], {
      reason: '客户选择了竞争对手的云呼叫中心整体方案，价格低约20%',
      competitor: '联通',
    });
  const leadCustomer = w.customers.am2[1]?.id;
  return {
    s1OpportunityId: s1Opp,
    s1OrderId: orderId,
    s2OpportunityId: s2Opp,
    s3OpportunityId: s3Opp,
    clubLead: leadCustomer && ids[4] ? { opportunityId: ids[4], customerId: leadCustomer } : null,
  };
}
