import { PlusOutlined } from '@ant-design/icons';
import {
  ModalForm,
  PageContainer,
  ProFormDateRangePicker,
  ProFormDigit,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
} from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, message, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useProductOfferings } from '../../api/shared';
import { useAuth } from '../../auth';
import { formatDateTime, formatFen } from '../../format';
import { apiErrorText, applyServerErrors, rules } from '../../forms';
import { useT } from '../../i18n';
import { campaignsApi, type Offer } from './api';
import { offerPriceFen, statusColor } from './offers-logic';

type Values = {
  code: string;
  name: string;
  offeringCode: string;
  monthlyYuan: number;
  discountPct: number;
  validity: [Dayjs, Dayjs];
  description?: string;
};

/** Offers (营销方案): value propositions bound to catalogue products, approved within the discount authority. */
export function OffersPage() {
  const t = useT();
  const { can, user } = useAuth();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const list = useQuery({ queryKey: ['campaigns', 'offers'], queryFn: campaignsApi.offers });
  // An alert links here with ?offer=<id>: that offer's row is selected and scrolled into view.
  const focus = Number(useSearchParams()[0].get('offer')) || null;
  useEffect(() => {
    if (focus && list.data) document.querySelector(`[data-row-key="${focus}"]`)?.scrollIntoView({ block: 'center' });
  }, [focus, list.data]);
  const offerings = useProductOfferings(can('campaigns.manage'));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['campaigns'] });
  const create = async (v: Values) => {
    try {
      const created = await campaignsApi.createOffer({
        code: v.code,
        name: v.name,
        offeringCode: v.offeringCode,
        monthlyPriceFen: Math.round(v.monthlyYuan * 100),
        discountPct: v.discountPct ?? 0,
        validFrom: v.validity[0].format('YYYY-MM-DD'),
        validTo: v.validity[1].format('YYYY-MM-DD'),
        description: v.description || undefined,
      });
      message.success(
        created.approvalStatus === 'pending' ? t('campaigns.offers.createdPending') : t('campaigns.offers.created'),
      );
      await refresh();
      return true;
    } catch (err) {
      for (const text of applyServerErrors(form, err, t)) message.error(text);
      return false;
    }
  };
  const decide = async (o: Offer, decision: 'approve' | 'reject') => {
    try {
      await campaignsApi.decideOffer(o.id, { decision });
      await refresh();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  return (
    <PageContainer
      title={t('campaigns.offers.title')}
      extra={
        can('campaigns.manage') ? (
          <ModalForm<Values>
            form={form}
            title={t('campaigns.offers.new')}
            trigger={
              <Button type="primary" icon={<PlusOutlined />}>
                {t('campaigns.offers.new')}
              </Button>
            }
            initialValues={{ discountPct: 0 }}
            modalProps={{ destroyOnHidden: true, maskClosable: false }}
            submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
            onFinish={create}
          >
            <ProFormText
              name="code"
              label={t('campaigns.offers.code')}
              tooltip={t('campaigns.offers.codeHint')}
              rules={[rules.required(t, t('campaigns.offers.code'))]}
            />
            <ProFormText
              name="name"
              label={t('campaigns.offers.name')}
              rules={[rules.required(t, t('campaigns.offers.name'))]}
            />
            <ProFormSelect
              name="offeringCode"
              label={t('campaigns.offers.product')}
              showSearch
              options={(offerings.data ?? []).map((o) => ({ value: o.code, label: `${o.nameZh}（${o.code}）` }))}
              rules={[rules.required(t, t('campaigns.offers.product'))]}
            />
            <Space>
              <ProFormDigit
                name="monthlyYuan"
                label={t('campaigns.offers.listPrice')}
                min={0}
                fieldProps={{ precision: 2, addonAfter: t('campaigns.segments.yuanPerMonth') }}
                rules={[rules.required(t, t('campaigns.offers.listPrice'))]}
              />
              <ProFormDigit
                name="discountPct"
                label={t('campaigns.offers.discount')}
                min={0}
                max={100}
                fieldProps={{ precision: 0, addonAfter: '%' }}
              />
            </Space>
            <ProFormDateRangePicker
              name="validity"
              label={t('campaigns.offers.validity')}
              rules={[rules.required(t, t('campaigns.offers.validity'))]}
            />
            <ProFormTextArea name="description" label={t('campaigns.offers.description')} />
            <Typography.Text type="secondary">{t('campaigns.offers.authorityHint')}</Typography.Text>
          </ModalForm>
        ) : null
      }
    >
      <Card>
        <Table<Offer>
          rowKey="id"
          size="small"
          rowClassName={(o) => (o.id === focus ? 'ant-table-row-selected' : '')}
          loading={list.isLoading}
          dataSource={list.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('campaigns.offers.code'), dataIndex: 'code', className: 'crm-money' },
            { title: t('campaigns.offers.name'), dataIndex: 'name', className: 'crm-money' },
            {
              title: t('campaigns.offers.product'),
              className: 'crm-money',
              render: (_, o) => o.offeringName,
            },
            {
              title: t('campaigns.offers.listPrice'),
              align: 'right',
              className: 'crm-money',
              render: (_, o) => formatFen(o.monthlyPriceFen),
            },
            {
              title: t('campaigns.offers.discount'),
              align: 'right',
              className: 'crm-money',
              render: (_, o) => (o.discountPct ? `${o.discountPct}%` : '—'),
            },
            {
              title: t('campaigns.offers.offerPrice'),
              align: 'right',
              className: 'crm-money',
              render: (_, o) => formatFen(offerPriceFen(o)),
            },
            {
              title: t('campaigns.offers.validity'),
              className: 'crm-money',
              render: (_, o) => `${o.validFrom} ~ ${o.validTo}`,
            },
            {
              title: t('campaigns.offers.status'),
              className: 'crm-money',
              render: (_, o) => (
                <Tooltip
                  title={
                    o.decidedAt
                      ? `${o.decidedByName ?? ''} ${formatDateTime(o.decidedAt)} ${o.decisionReason === 'within_authority' ? t('campaigns.offers.withinAuthority') : (o.decisionReason ?? '')}`
                      : undefined
                  }
                >
                  <Tag color={statusColor(o.approvalStatus)}>{t(`campaigns.offers.status.${o.approvalStatus}`)}</Tag>
                </Tooltip>
              ),
            },
            {
              title: t('campaigns.offers.approver'),
              className: 'crm-money',
              render: (_, o) => (o.approvalStatus === 'pending' ? (o.approverName ?? '—') : (o.decidedByName ?? '—')),
            },
            {
              title: t('campaigns.offers.actions'),
              className: 'crm-money',
              render: (_, o) =>
                o.approvalStatus === 'pending' && can('discounts.approve') && o.createdByName !== user?.displayName ? (
                  <Space size="small">
                    <Popconfirm title={t('campaigns.offers.approveConfirm')} onConfirm={() => decide(o, 'approve')}>
                      <Button size="small" type="link">
                        {t('campaigns.offers.approve')}
                      </Button>
                    </Popconfirm>
                    <Popconfirm title={t('campaigns.offers.rejectConfirm')} onConfirm={() => decide(o, 'reject')}>
                      <Button size="small" type="link" danger>
                        {t('campaigns.offers.reject')}
                      </Button>
                    </Popconfirm>
                  </Space>
                ) : null,
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
