import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { type InvestmentProjectSummary, investmentStatuses } from '@crm/contracts';
import { App, Button, Form, Input, Modal, Select, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth';
import { formatDateTime, formatFen } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { CustomerSelect } from '../customers/CustomerSelect';
import { type InboxItem, invApi, useInbox, useInvMutation, useProjects } from './api';
import { InvStatusTag, nowrap, paybackText } from './shared';

/**
 * Key-account investment projects (投资效益评估): every project in scope with its latest version, and the approval
 * inbox ("待我审批") of managers (review) and finance (decision). `?new=1&customerId=&opportunityId=&solutionOptionId=
 * &name=` opens the new-project dialog prefilled (links from opportunities and solution options).
 */
export function InvestmentsPage() {
  const t = useT();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const approver = can('investments.review') || can('investments.approve');
  const tab = params.get('tab') ?? (approver ? 'inbox' : 'all');
  const [status, setStatus] = useState<string>();
  const projects = useProjects({ status });
  const inbox = useInbox(approver);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm();
  const create = useInvMutation(invApi.create);

  useEffect(() => {
    if (params.get('new') !== '1') return;
    form.setFieldsValue({ customerId: Number(params.get('customerId')) || undefined, name: params.get('name') ?? '' });
    setCreating(true);
  }, [params, form]);

  const closeCreate = () => {
    setCreating(false);
    if (params.get('new')) setParams({});
  };
  const submitCreate = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const p = await create.mutateAsync({
        customerId: v.customerId,
        name: v.name,
        description: v.description || undefined,
        opportunityId: Number(params.get('opportunityId')) || undefined,
        solutionOptionId: Number(params.get('solutionOptionId')) || undefined,
      });
      message.success(t('inv.created'));
      navigate(`/ka/investments/${p.id}?edit=1`);
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };

  const projectTable = (
    <>
      <Select
        allowClear
        placeholder={t('inv.filterStatus')}
        style={{ width: 240, marginBottom: 12 }}
        value={status}
        onChange={setStatus}
        options={investmentStatuses.map((s) => ({ value: s, label: t(`inv.status.${s}`) }))}
      />
      <Table<InvestmentProjectSummary>
        rowKey="id"
        size="middle"
        loading={projects.isLoading}
        dataSource={projects.data?.items ?? []}
        columns={[
          {
            title: t('inv.project'),
            dataIndex: 'name',
            render: (v: string, r) => <Link to={`/ka/investments/${r.id}`}>{v}</Link>,
          },
          { title: t('inv.customer'), dataIndex: 'customerName', ...nowrap },
          {
            title: t('inv.latestVersion'),
            dataIndex: 'latestVersion',
            ...nowrap,
            render: (v: number | null) => (v === null ? '—' : t('inv.versionN', { n: v })),
          },
          {
            title: t('inv.status'),
            dataIndex: 'latestStatus',
            render: (s: InvestmentProjectSummary['latestStatus']) => <InvStatusTag status={s} />,
          },
          {
            title: t('inv.surplus'),
            dataIndex: 'latestSurplusFen',
            align: 'right',
            ...nowrap,
            render: (v: number | null) => (
              <Typography.Text type={v !== null && v < 0 ? 'danger' : undefined}>{formatFen(v)}</Typography.Text>
            ),
          },
          { title: t('inv.owner'), dataIndex: 'ownerName', ...nowrap },
          { title: t('inv.createdAt'), dataIndex: 'createdAt', ...nowrap, render: (v: string) => formatDateTime(v) },
        ]}
      />
    </>
  );

  const inboxTable = (
    <Table<InboxItem>
      rowKey="evaluationId"
      size="middle"
      loading={inbox.isLoading}
      dataSource={inbox.data ?? []}
      locale={{ emptyText: t('inv.inboxEmpty') }}
      columns={[
        {
          title: t('inv.project'),
          dataIndex: 'projectName',
          render: (v: string, r) => (
            <Link to={`/ka/investments/${r.projectId}?version=${r.version}`}>
              {v} · {t('inv.versionN', { n: r.version })}
            </Link>
          ),
        },
        { title: t('inv.customer'), dataIndex: 'customerName', ...nowrap },
        {
          title: t('inv.step'),
          dataIndex: 'step',
          ...nowrap,
          render: (s: string) => <Tag color={s === 'review' ? 'blue' : 'gold'}>{t(`inv.step.${s}`)}</Tag>,
        },
        {
          title: t('inv.capital'),
          dataIndex: 'capitalFen',
          align: 'right',
          ...nowrap,
          render: (v: number) => formatFen(v),
        },
        {
          title: t('inv.totalRevenue'),
          dataIndex: 'totalRevenueFen',
          align: 'right',
          ...nowrap,
          render: (v: number) => formatFen(v),
        },
        {
          title: t('inv.surplus'),
          dataIndex: 'surplusFen',
          align: 'right',
          ...nowrap,
          render: (v: number) => <Typography.Text type={v < 0 ? 'danger' : undefined}>{formatFen(v)}</Typography.Text>,
        },
        {
          title: t('inv.payback'),
          ...nowrap,
          render: (_, r) => `${paybackText(t, r.paybackMonth)} / ${t('inv.monthsN', { n: r.termMonths })}`,
        },
        {
          title: t('inv.rule'),
          dataIndex: 'rulePasses',
          ...nowrap,
          render: (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{t(ok ? 'inv.rule.ok' : 'inv.rule.fails')}</Tag>,
        },
        {
          title: t('inv.approverLevel'),
          dataIndex: 'approverLevel',
          ...nowrap,
          render: (l: string) => t(`inv.level.${l}`),
        },
        { title: t('inv.submittedBy'), dataIndex: 'createdByName', ...nowrap },
        {
          title: t('inv.submittedAt'),
          dataIndex: 'submittedAt',
          ...nowrap,
          render: (v: string | null) => formatDateTime(v),
        },
      ]}
    />
  );

  return (
    <PageContainer
      title={t('inv.title')}
      extra={
        can('investments.write') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('inv.newProject')}
          </Button>
        ) : null
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          ...(approver
            ? [
                {
                  key: 'inbox',
                  label: `${t('inv.inbox')}${inbox.data?.length ? ` (${inbox.data.length})` : ''}`,
                  children: inboxTable,
                },
              ]
            : []),
          { key: 'all', label: t('inv.allProjects'), children: projectTable },
        ]}
      />
      <Modal
        open={creating}
        title={t('inv.newProject')}
        onCancel={closeCreate}
        onOk={submitCreate}
        confirmLoading={create.isPending}
        okText={t('inv.createAndEvaluate')}
        destroyOnClose
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="customerId"
            label={t('inv.customer')}
            rules={[{ required: true, message: t('inv.customerRequired') }]}
          >
            <CustomerSelect initialLabel={params.get('customerName') ?? undefined} />
          </Form.Item>
          <Form.Item name="name" label={t('inv.projectName')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="description" label={t('inv.description')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          {params.get('opportunityId') && (
            <Typography.Text type="secondary">
              {t('inv.linkedOpportunity', { id: params.get('opportunityId') ?? '' })}
            </Typography.Text>
          )}
        </Form>
      </Modal>
    </PageContainer>
  );
}
