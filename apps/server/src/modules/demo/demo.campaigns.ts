// The demo's differentiated marketing (S7), through the campaigns services as marketing1: the group bundle offer run
// as a finished SMS campaign two months ago (with its hold-out and measured conversions) and the international VIP
// plan (its 20 % discount approved by the group manager) running now through AM visits and agent1's outbound calls. Deterministic: conversions are chosen by md5 of
// campaign and customer, at a higher rate in the target arm than in the control arm.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  advanceCampaign,
  createCampaign,
  dispatchCampaign,
  generateContactList,
  updateCampaign,
} from '../campaigns/campaigns.service';
import { createOffer, decideOffer } from '../campaigns/offers.service';
import { createSegment } from '../campaigns/segments.service';
import { addDays } from '../ka-common/ka-common.models';
import { demoCtx } from './demo.actors';

export async function seedCampaigns(opts: { db: Db; now: Date; today: string }): Promise<number> {
  const { db, now, today } = opts;
  const mk = await demoCtx(db, 'marketing1');
  const agent = await demoCtx(db, 'agent1');
  const group = await createSegment({
    ctx: mk,
    input: {
      name: '未办理群内通话包的商业客户',
      definition: {
        op: 'and',
        children: [
          { field: 'category', values: ['business'] },
          { field: 'holdsProduct', holds: false, values: ['PHS_GROUP'] },
        ],
      },
    },
  });
  const vip = await createSegment({
    ctx: mk,
    input: {
      name: '国际长途大户（大客户）',
      definition: {
        op: 'and',
        children: [
          { field: 'category', values: ['key_account'] },
          { field: 'internationalSpend', op: 'gte', valueFen: 50_000, months: 3 },
        ],
      },
    },
  });
  const validFrom = addDays(today, -120);
  const groupOffer = await createOffer({
    ctx: mk,
    input: {
      code: 'PHS-GROUP-6',
      name: '集团群内通话6元包月',
      offeringCode: 'PHS_GROUP',
      monthlyPriceFen: 600,
      discountPct: 0,
      validFrom,
      validTo: addDays(today, 365),
    },
  });
  const vipOffer = await createOffer({
    ctx: mk,
    input: {
      code: 'INTL-VIP',
      name: '国际长途VIP套餐（8折）',
      offeringCode: 'INTL_VIP',
      monthlyPriceFen: 10_000,
      discountPct: 20,
      validFrom,
      validTo: addDays(today, 365),
    },
  });
  // 20 % is beyond marketing's own discount authority: the group manager above approves it.
  if (vipOffer.approvalStatus === 'pending') {
    const approver = await demoCtx(db, 'gmanager1');
    await decideOffer({ ctx: approver, id: vipOffer.id, input: { decision: 'approve', reason: '大客户国际长途保有' } });
  }

  // Finished: launched 60 days ago at 10:00 (outside quiet hours), measured over a 30-day window.
  const launched = new Date(`${addDays(today, -60)}T10:00:00+08:00`);
  const done = await createCampaign({
    ctx: mk,
    input: {
      name: '集团群内通话包推广',
      segmentId: group.id,
      offerId: groupOffer.id,
      plan: {
        controlPct: 20,
        channels: ['sms'],
        template: '{name}：集团成员群内互打{price}元/月不限时，回复1办理。',
        costPerContactFen: 5,
        fixedCostFen: 20_000,
        conversionWindowDays: 30,
      },
    },
  });
  for (let i = 0; i < 4; i++) await advanceCampaign({ ctx: mk, id: done.id, now: launched });
  await generateContactList({ db, campaignId: done.id, userId: mk.user.id, now: launched });
  await dispatchCampaign({ db, campaignId: done.id, now: () => launched });
  // The orders that followed (the billing feed's product instances): 12% of the target arm, 4% of the control arm.
  await db.execute(sql`insert into product_instances (customer_id, offering_id, service_number, start_date, monthly_fen)
    select m.customer_id, ${groupOffer.offeringId}, 'GRP' || m.customer_id,
      ${addDays(today, -50)}::date + (abs(hashtext(m.customer_id::text)) % 20), 600
    from marketing_campaign_members m
    where m.campaign_id = ${done.id} and m.arm <> 'excluded'
      and ('x' || substr(md5(${done.id}::text || '/' || m.customer_id::text), 1, 6))::bit(24)::int % 100
        < case m.arm when 'target' then 12 else 4 end`);
  await advanceCampaign({ ctx: mk, id: done.id, now: new Date(launched.getTime() + 31 * 86_400_000) });

  // Running: the international VIP plan, AM visits for key accounts, agent1's outbound calls otherwise.
  const running = await createCampaign({
    ctx: mk,
    input: { name: '国际长途VIP套餐（大客户）', segmentId: vip.id, offerId: vipOffer.id },
  });
  await updateCampaign({
    ctx: mk,
    id: running.id,
    input: {
      plan: {
        controlPct: 10,
        channels: ['am_visit', 'outbound_call'],
        agentIds: [agent.user.id],
        template: '推荐国际长途VIP套餐，月费{price}元',
        costPerContactFen: 3_000,
      },
    },
  });
  for (let i = 0; i < 4; i++) await advanceCampaign({ ctx: mk, id: running.id, now });
  await generateContactList({ db, campaignId: running.id, userId: mk.user.id, now });
  return 2;
}
