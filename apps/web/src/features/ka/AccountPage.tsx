import { PageContainer } from '@ant-design/pro-components';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { dateColumn } from '../../components/columns';
import { EmptyHint } from '../../components/EmptyHint';
import { fenToYuan, formatDate, formatDateTime, formatFen, yuanToFen } from '../../format';
import { useT } from '../../i18n';
import { useAccountTeam, useDecisionChain, useKaMutation, usePlans, usePriceReviews, useVisits } from './api';
import { CustomerAccountTeamCard, CustomerEntitlementsCard } from './CustomerCards';
import { ChainTab } from './DecisionChainTab';
import { LineChecksCard } from './LineChecks';

/** A key account as its AM works it: team and entitlements, annual plan, decision chain, visits. */
export function AccountPage() {
  const t = useT();
  const id = Number(useParams().id);
  const team = useAccountTeam(id);
  return (
    <PageContainer
      title={team.data?.customerName}
      loading={team.isLoading}
      onBack={() => history.back()}
      extra={<Link to={`/customers/${id}`}>{t('ka.account.open360')}</Link>}
    >
      <Tabs
        items={[
          {
            key: 'overview',
            label: t('ka.account.overview'),
            children: (
              <Row gutter={[16, 16]}>
                <Col xs={24} xl={10}>
                  <CustomerAccountTeamCard customerId={id} />
                </Col>
                <Col xs={24} xl={14}>
                  <CustomerEntitlementsCard customerId={id} />
                </Col>
                <Col span={24}>
                  <LineChecksCard customerId={id} />
                </Col>
                <Col span={24}>
                  <PriceReviews customerId={id} />
                </Col>
              </Row>
            ),
          },
          { key: 'plan', label: t('ka.plan.title'), children: <PlanTab customerId={id} /> },
          { key: 'chain', label: t('ka.chain.title'), children: <ChainTab customerId={id} /> },
          { key: 'visits', label: t('ka.visit.title'), children: <VisitsTab customerId={id} /> },
        ]}
      />
    </PageContainer>
  );
}

function PriceReviews({ customerId }: { customerId: number }) {
  const t = useT();
  const { can } = useAuth();
  const q = usePriceReviews(customerId);
  const done = useKaMutation((id: number) =>
    api.post(`/api/ka/price-reviews/${id}/done`, { reviewedOn: dayjs().format('YYYY-MM-DD') }),
  );
  return (
    <Card size="small" title={t('ka.review.title')}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={q.data ?? []}
        columns={[
          { title: t('ka.order.serviceNumber'), dataIndex: 'serviceNumber' },
          { title: t('ka.opt.monthly'), dataIndex: 'monthlyFen', render: (v) => formatFen(v) },
          { title: t('ka.review.competitor'), dataIndex: 'competitorOfferFen', render: (v) => formatFen(v) },
          dateColumn(t('ka.review.last'), 'lastReviewedAt'),
          {
            title: t('ka.review.next'),
            dataIndex: 'nextReviewDate',
            render: (v, r) => (
              <Typography.Text type={r.overdue ? 'danger' : undefined}>{formatDate(v)}</Typography.Text>
            ),
          },
          {
            key: 'a',
            render: (_, r) =>
              can('ka.write') ? (
                <Button size="small" onClick={() => done.mutate(r.id)}>
                  {t('ka.review.done')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}

function PlanTab({ customerId }: { customerId: number }) {
  const t = useT();
  const { can } = useAuth();
  const q = usePlans(customerId);
  const year = dayjs().year();
  const plan = q.data?.find((p) => p.year === year);
  const [form] = Form.useForm();
  const save = useKaMutation((body: unknown) => api.post(`/api/ka/customers/${customerId}/plans`, body));
  const initial = plan
    ? {
        target: fenToYuan(plan.revenueTargetFen),
        goals: plan.goals.join('\n'),
        reviewNotes: plan.reviewNotes,
        actions: plan.actions.map((a) => ({
          ...a,
          dueDate: a.dueDate ? dayjs(a.dueDate) : null,
          doneDate: a.doneDate ? dayjs(a.doneDate) : null,
        })),
      }
    : { actions: [] };
  const knownOwners: Owner[] = (plan?.actions ?? []).flatMap((a) =>
    a.ownerId != null && a.ownerName ? [{ value: a.ownerId, label: a.ownerName }] : [],
  );
  return (
    <Card
      size="small"
      loading={q.isLoading}
      title={t('ka.plan.year', { year })}
      extra={
        plan
          ? t('ka.plan.progress', {
              actual: formatFen(plan.actualFen, { decimals: false }),
              target: formatFen(plan.revenueTargetFen, { decimals: false }),
            })
          : null
      }
    >
      <Form
        key={plan?.id ?? 'new'}
        form={form}
        layout="vertical"
        initialValues={initial}
        disabled={!can('ka.write')}
        onFinish={(v) =>
          save.mutate({
            year,
            revenueTargetFen: yuanToFen(v.target ?? 0),
            goals: String(v.goals ?? '')
              .split('\n')
              .map((g: string) => g.trim())
              .filter(Boolean),
            reviewNotes: v.reviewNotes || null,
            actions: (v.actions ?? []).map(
              (a: { id?: number; title: string; ownerId?: number; dueDate?: dayjs.Dayjs; doneDate?: dayjs.Dayjs }) => ({
                id: a.id,
                title: a.title,
                ownerId: a.ownerId ?? null,
                dueDate: a.dueDate ? a.dueDate.format('YYYY-MM-DD') : null,
                doneDate: a.doneDate ? a.doneDate.format('YYYY-MM-DD') : null,
              }),
            ),
          })
        }
      >
        <Form.Item name="target" label={t('ka.plan.targetYuan')} rules={[{ required: true }]}>
          <InputNumber min={0} style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="goals" label={t('ka.plan.goals')}>
          <Input.TextArea rows={3} placeholder={t('ka.plan.goalsHint')} />
        </Form.Item>
        <Typography.Title level={5}>{t('ka.plan.actions')}</Typography.Title>
        <Form.List name="actions">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'id']} hidden>
                    <Input />
                  </Form.Item>
                  <Form.Item name={[f.name, 'title']} rules={[{ required: true, message: '' }]}>
                    <Input placeholder={t('ka.plan.action')} style={{ width: 260 }} />
                  </Form.Item>
                  <TeamOwnerSelect customerId={customerId} name={[f.name, 'ownerId']} known={knownOwners} />
                  <Form.Item name={[f.name, 'dueDate']}>
                    <DatePicker placeholder={t('ka.plan.due')} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'doneDate']}>
                    <DatePicker placeholder={t('ka.plan.done')} />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    {t('common.delete')}
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add({})}>{t('ka.plan.addAction')}</Button>
            </>
          )}
        </Form.List>
        <Form.Item name="reviewNotes" label={t('ka.plan.review')} style={{ marginTop: 16 }}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}

type Owner = { value: number; label: string };

/**
 * The account team as owners of plan actions, plus the owners the plan already names (a network engineer outside the
 * team), so a saved owner shows as a name, never as a bare user id.
 */
function TeamOwnerSelect({
  customerId,
  name,
  known,
}: {
  customerId: number;
  name: (string | number)[];
  known: Owner[];
}) {
  const t = useT();
  const team = useAccountTeam(customerId).data;
  const members: Owner[] = [
    ...(team?.accountManager ? [{ value: team.accountManager.id, label: team.accountManager.displayName }] : []),
    ...(team?.members ?? []).map((m) => ({ value: m.userId, label: m.displayName })),
  ];
  const options = [...members, ...known.filter((k) => !members.some((o) => o.value === k.value))];
  return (
    <Form.Item name={name}>
      <Select allowClear placeholder={t('ka.plan.owner')} style={{ width: 140 }} options={options} />
    </Form.Item>
  );
}

function VisitsTab({ customerId }: { customerId: number }) {
  const t = useT();
  const { can } = useAuth();
  const q = useVisits(customerId);
  const chain = useDecisionChain(customerId);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const create = useKaMutation((body: unknown) => api.post(`/api/ka/customers/${customerId}/visits`, body));
  return (
    <Card
      size="small"
      extra={
        can('ka.write') ? (
          <Button type="primary" size="small" onClick={() => setOpen(true)}>
            {t('ka.visit.new')}
          </Button>
        ) : null
      }
    >
      <List
        dataSource={q.data ?? []}
        locale={{
          emptyText: (
            <EmptyHint
              testId="visits-empty"
              description={t('ka.visit.empty')}
              action={
                can('ka.write') ? (
                  <Button type="primary" onClick={() => setOpen(true)}>
                    {t('ka.visit.new')}
                  </Button>
                ) : null
              }
            />
          ),
        }}
        renderItem={(v) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space>
                  <Tag>{t(`ka.visit.channel.${v.channel}`)}</Tag>
                  {v.purpose}
                  <Typography.Text type="secondary">
                    {formatDateTime(v.occurredAt)} · {v.user.displayName}
                  </Typography.Text>
                </Space>
              }
              description={
                <Space direction="vertical" size={0}>
                  {v.outcome ? (
                    <span>
                      {t('ka.visit.outcome')}: {v.outcome}
                    </span>
                  ) : null}
                  {v.nextStep ? (
                    <span>
                      {t('ka.visit.nextStep')}: {v.nextStep} ({formatDate(v.nextStepDue)})
                    </span>
                  ) : null}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <Modal
        open={open}
        title={t('ka.visit.new')}
        onCancel={() => setOpen(false)}
        confirmLoading={create.isPending}
        onOk={async () => {
          const v = await form.validateFields();
          await create.mutateAsync({
            ...v,
            occurredAt: (v.occurredAt ?? dayjs()).toISOString(),
            nextStepDue: v.nextStepDue ? v.nextStepDue.format('YYYY-MM-DD') : undefined,
            contactIds: v.contactIds ?? [],
          });
          form.resetFields();
          setOpen(false);
        }}
      >
        <Form form={form} layout="vertical" initialValues={{ channel: 'visit' }}>
          <Form.Item name="channel" label={t('ka.visit.channel')}>
            <Select
              options={['visit', 'phone', 'meeting', 'event', 'other'].map((c) => ({
                value: c,
                label: t(`ka.visit.channel.${c}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="occurredAt" label={t('ka.visit.when')}>
            <DatePicker showTime />
          </Form.Item>
          <Form.Item name="contactIds" label={t('ka.chain.contacts')}>
            <Select
              mode="multiple"
              options={(chain.data?.nodes ?? []).map((n) => ({ value: n.contactId, label: n.name }))}
            />
          </Form.Item>
          <Form.Item name="purpose" label={t('ka.visit.purpose')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="outcome" label={t('ka.visit.outcome')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          <Space>
            <Form.Item name="nextStep" label={t('ka.visit.nextStep')}>
              <Input style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="nextStepDue" label={t('ka.plan.due')}>
              <DatePicker />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
