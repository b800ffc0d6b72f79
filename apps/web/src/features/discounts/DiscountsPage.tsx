import { PageContainer } from '@ant-design/pro-components';
import { type DiscountRequest, discountRequestStatuses } from '@crm/contracts';
import { App, Button, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth';
import { formatDateTime, formatFen } from '../../format';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { discApi, useDiscMutation, useDiscountRequests } from './api';
import { DiscStatusTag, limitText, nowrap, pct } from './shared';

/**
 * Discount requests (优惠审批): the pending ones the signed-in manager is asked to decide, each with the requester's
 * own authority and why it went beyond it; the requests I made; and every request in scope.
 */
export function DiscountsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const approver = can('discounts.approve');
  const tab = params.get('tab') ?? (approver ? 'to_approve' : 'requested');
  const [status, setStatus] = useState<string>();
  const query =
    tab === 'to_approve'
      ? { mine: 'to_approve', status: 'pending' }
      : tab === 'requested'
        ? { mine: 'requested', status }
        : { status };
  const list = useDiscountRequests(query);
  const [deciding, setDeciding] = useState<{ r: DiscountRequest; decision: 'approve' | 'reject' }>();
  const [reason, setReason] = useState('');
  const decide = useDiscMutation((v: { id: number; decision: 'approve' | 'reject'; reason?: string }) =>
    discApi.decide(v.id, v.decision, v.reason),
  );

  const subject = (r: DiscountRequest) => {
    const name = (locale === 'en' ? r.subjectEn : r.subjectZh) ?? r.productFamily;
    return (
      <Space direction="vertical" size={0}>
        <span style={{ whiteSpace: 'nowrap' }}>{name}</span>
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          {r.opportunityId ? (
            <Link to={`/ka/opportunities/${r.opportunityId}`}>{t('disc.optionQuote')}</Link>
          ) : (
            r.serviceNumber
          )}
        </Typography.Text>
      </Space>
    );
  };

  const columns = [
    {
      title: t('disc.customer'),
      dataIndex: 'customerName',
      ...nowrap,
      render: (v: string, r: DiscountRequest) => <Link to={`/customers/${r.customerId}`}>{v}</Link>,
    },
    { title: t('disc.subject'), render: (_: unknown, r: DiscountRequest) => subject(r) },
    { title: t('disc.source'), dataIndex: 'source', ...nowrap, render: (s: string) => t(`disc.source.${s}`) },
    {
      title: t('disc.price'),
      align: 'right' as const,
      ...nowrap,
      render: (_: unknown, r: DiscountRequest) => (
        <Space direction="vertical" size={0} align="end">
          <Typography.Text delete type="secondary">
            {formatFen(r.listMonthlyFen)}
          </Typography.Text>
          <span>{formatFen(r.requestedMonthlyFen)}</span>
        </Space>
      ),
    },
    {
      title: t('disc.discount'),
      align: 'right' as const,
      ...nowrap,
      render: (_: unknown, r: DiscountRequest) => (
        <Space direction="vertical" size={0} align="end">
          <Typography.Text strong>{pct(r.discountBp)}</Typography.Text>
          <Typography.Text type="secondary">
            {formatFen(r.discountMonthlyFen)}
            {t('disc.perMonth')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('disc.requester'),
      ...nowrap,
      render: (_: unknown, r: DiscountRequest) => (
        <Space direction="vertical" size={0}>
          <span>{r.requestedByName}</span>
          <Typography.Text type="secondary">
            {t('disc.ownLimit', { limit: limitText(t, r.requesterLimit) })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('disc.why'),
      render: (_: unknown, r: DiscountRequest) =>
        r.escalation.length === 0 ? (
          <Typography.Text type="secondary">
            {r.requesterLimit === null && r.decisionReason !== 'within_authority' ? '—' : t('disc.withinAuthority')}
          </Typography.Text>
        ) : (
          <Space direction="vertical" size={4}>
            {r.escalation.map((e) => (
              <Tag key={e} color="orange" style={{ whiteSpace: 'nowrap', marginInlineEnd: 0 }}>
                {t(`disc.escalation.${e}`)}
              </Tag>
            ))}
          </Space>
        ),
    },
    { title: t('disc.reason'), dataIndex: 'reason', width: 220 },
    {
      title: t('disc.approver'),
      ...nowrap,
      render: (_: unknown, r: DiscountRequest) => r.decidedByName ?? r.approverName ?? '—',
    },
    {
      title: t('disc.status'),
      dataIndex: 'status',
      render: (s: DiscountRequest['status'], r: DiscountRequest) => (
        <Space direction="vertical" size={0}>
          <DiscStatusTag t={t} status={s} />
          {r.decisionReason && r.decisionReason !== 'within_authority' && (
            <Typography.Text type="secondary">{r.decisionReason}</Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('disc.createdAt'), dataIndex: 'createdAt', ...nowrap, render: (v: string) => formatDateTime(v) },
    ...(approver
      ? [
          {
            title: '',
            ...nowrap,
            render: (_: unknown, r: DiscountRequest) =>
              r.status === 'pending' ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => setDeciding({ r, decision: 'approve' })}>
                    {t('disc.approve')}
                  </Button>
                  <Button size="small" danger onClick={() => setDeciding({ r, decision: 'reject' })}>
                    {t('disc.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];

  const table = (
    <>
      {tab !== 'to_approve' && (
        <Select
          allowClear
          placeholder={t('disc.filterStatus')}
          style={{ width: 160, marginBottom: 12 }}
          value={status}
          onChange={setStatus}
          options={discountRequestStatuses.map((s) => ({ value: s, label: t(`disc.status.${s}`) }))}
        />
      )}
      <Table<DiscountRequest>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        scroll={{ x: 1400 }}
        locale={{ emptyText: tab === 'to_approve' ? t('disc.nothingToApprove') : undefined }}
      />
    </>
  );

  return (
    <PageContainer title={t('disc.title')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          ...(approver ? [{ key: 'to_approve', label: t('disc.toApprove'), children: table }] : []),
          { key: 'requested', label: t('disc.mine'), children: table },
          { key: 'all', label: t('disc.all'), children: table },
        ]}
      />
      <Modal
        open={Boolean(deciding)}
        title={deciding ? t(deciding.decision === 'approve' ? 'disc.approveTitle' : 'disc.rejectTitle') : ''}
        okText={deciding ? t(deciding.decision === 'approve' ? 'disc.approve' : 'disc.reject') : ''}
        okButtonProps={{
          danger: deciding?.decision === 'reject',
          disabled: deciding?.decision === 'reject' && !reason.trim(),
        }}
        confirmLoading={decide.isPending}
        onCancel={() => {
          setDeciding(undefined);
          setReason('');
        }}
        onOk={async () => {
          if (!deciding) return;
          try {
            await decide.mutateAsync({
              id: deciding.r.id,
              decision: deciding.decision,
              reason: reason.trim() || undefined,
            });
            message.success(t(deciding.decision === 'approve' ? 'disc.approved' : 'disc.rejected'));
            setDeciding(undefined);
            setReason('');
          } catch (err) {
            message.error(apiErrorText(err, t));
            setDeciding(undefined);
          }
        }}
        destroyOnClose
      >
        {deciding && (
          <Typography.Paragraph>
            {t('disc.decideSummary', {
              customer: deciding.r.customerName,
              pct: pct(deciding.r.discountBp),
              amount: formatFen(deciding.r.discountMonthlyFen),
            })}
          </Typography.Paragraph>
        )}
        <Input.TextArea
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={deciding?.decision === 'reject' ? t('disc.rejectReason') : t('disc.noteOptional')}
        />
      </Modal>
    </PageContainer>
  );
}
