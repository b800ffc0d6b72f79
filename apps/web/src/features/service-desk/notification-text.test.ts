import type { Notification } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { translate } from '../../i18n/catalog';
import { alertText, kindLabel } from './notification-text';

const zh = (key: string, vars?: Record<string, string | number>) => translate('zh-CN', key, vars);
const en = (key: string, vars?: Record<string, string | number>) => translate('en', key, vars);
const alert = (kind: string, data: Record<string, unknown>) =>
  ({
    id: 1,
    kind,
    title: '营销优惠待审批：旧标题',
    body: null,
    link: '/marketing/offers?offer=9',
    data,
  }) as unknown as Notification;

describe('offer approval alerts', () => {
  it('read in the viewer language with the offer name, never as a raw kind', () => {
    const asked = alert('campaigns.offer_approval', { offerId: 9, offerName: '国际长途VIP', discountPct: 20 });
    expect(alertText(zh, asked)).toBe('营销方案「国际长途VIP」（折扣 20%）超出创建人优惠权限，待您审批');
    expect(alertText(en, asked)).toContain('"国际长途VIP" (20% discount)');
    expect(kindLabel(zh, 'campaigns.offer_approval')).toBe('营销方案审批');
    expect(kindLabel(en, 'campaigns.offer_decided')).toBe('Offer decision');
  });

  it('tell the creator whether the offer was approved or rejected', () => {
    const data = { offerId: 9, offerName: '集团融合', decision: 'reject' };
    expect(alertText(zh, alert('campaigns.offer_decided', data))).toBe('营销方案「集团融合」被驳回');
    expect(alertText(en, alert('campaigns.offer_decided', { ...data, decision: 'approve' }))).toBe(
      'Offer "集团融合" approved',
    );
  });

  it('keep the stored title of alerts written before the offer name was kept', () => {
    expect(alertText(en, alert('campaigns.offer_approval', { offerId: 9 }))).toBe('营销优惠待审批：旧标题');
  });
});

describe('discount and investment alerts', () => {
  it('read in the viewer language, with the kind labelled, never as a raw code', () => {
    const asked = alert('discount.approval', { discountRequestId: 3, discountBp: 2000 });
    expect(alertText(zh, asked)).toBe('优惠申请待您审批：优惠幅度 20.00%');
    expect(alertText(en, asked)).toBe('A discount request waits for your approval: 20.00% off');
    expect(kindLabel(en, 'discount.approval')).toBe('Discount approval');
    expect(alertText(en, alert('discount.decided', { decision: 'reject' }))).toBe('Your discount request was rejected');
  });

  it('name the project and version of an investment step; older alerts keep their stored title', () => {
    const step = alert('investment.step', { projectName: '厂区专线', version: 2, status: 'reviewed' });
    expect(alertText(zh, step)).toBe('投资效益评估待财务审批：厂区专线（第 2 版）');
    expect(alertText(en, step)).toBe('Investment evaluation for finance approval: 厂区专线 (version 2)');
    expect(alertText(en, alert('investment.step', { version: 1, status: 'approved' }))).toBe('营销优惠待审批：旧标题');
    expect(kindLabel(zh, 'investment.step')).toBe('投资效益评估');
  });
});

describe('work order alerts', () => {
  it('name the department in the viewer language when the alert kept its English name', () => {
    const routed = alert('work_order.assigned', { ticketNo: 'TT1', department: '网络部', departmentEn: 'Network' });
    expect(alertText(zh, routed, 'zh-CN')).toBe('工单 TT1 派至网络部');
    expect(alertText(en, routed, 'en')).toBe('Ticket TT1 routed to Network');
    expect(alertText(en, alert('work_order.assigned', { ticketNo: 'TT1', department: '网络部' }), 'en')).toBe(
      'Ticket TT1 routed to 网络部',
    );
  });
});
