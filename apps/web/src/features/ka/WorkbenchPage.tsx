import { PageContainer, StatisticCard } from '@ant-design/pro-components';
import { Badge, Card, Col, Empty, List, Row, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../auth';
import { dateColumn } from '../../components/columns';
import { EChart, type EChartsOption } from '../../components/EChart';
import { formatDate, formatFen } from '../../format';
import { useT } from '../../i18n';
import { useTeamOverview, useWorkbench, type Workbench } from './api';
import { AmPicker, Sparkline, severityColors, TierTag, warningText } from './shared';

/** The AM's home page: portfolio, open warnings, tasks due, pipeline, orders in fulfilment, calendar. */
export function WorkbenchPage() {
  const t = useT();
  const { user } = useAuth();
  const [amId, setAmId] = useState<number | undefined>();
  const q = useWorkbench(amId);
  const isManager = user?.role !== 'account_manager';
  const team = useTeamOverview(isManager && !amId);
  const wb = q.data;
  return (
    <PageContainer
      title={t('ka.workbench.title')}
      subTitle={wb?.am ? wb.am.displayName : isManager ? t('ka.am.all') : ''}
      extra={<AmPicker value={amId} onChange={setAmId} />}
      loading={q.isLoading}
    >
      {wb ? <Body wb={wb} /> : null}
      {isManager && !amId && team.data?.length ? (
        <Card size="small" title={t('ka.workbench.team')} style={{ marginTop: 16 }}>
          <Table
            size="small"
            rowKey={(r) => r.am.id}
            dataSource={team.data}
            pagination={false}
            onRow={(r) => ({ onClick: () => setAmId(r.am.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('ka.am'), dataIndex: ['am', 'displayName'] },
              { title: t('ka.workbench.customers'), dataIndex: 'customers', align: 'right' },
              {
                title: t('ka.workbench.lastSpend'),
                dataIndex: 'lastPeriodSpendFen',
                align: 'right',
                render: (v) => formatFen(v),
              },
              { title: t('ka.workbench.openWarnings'), dataIndex: 'openWarnings', align: 'right' },
              { title: t('ka.workbench.overdueTasks'), dataIndex: 'overdueTasks', align: 'right' },
              { title: t('ka.workbench.openOpps'), dataIndex: 'openOpportunities', align: 'right' },
              {
                title: t('ka.workbench.pipelineMonthly'),
                dataIndex: 'pipelineMonthlyFen',
                align: 'right',
                render: (v) => formatFen(v),
              },
              { title: t('ka.workbench.ordersInFulfilment'), dataIndex: 'ordersInFulfilment', align: 'right' },
            ]}
          />
        </Card>
      ) : null}
    </PageContainer>
  );
}

function Body({ wb }: { wb: Workbench }) {
  const t = useT();
  const navigate = useNavigate();
  const lastSpend = wb.portfolio.reduce((s, p) => s + (p.spend[p.spend.length - 1]?.totalFen ?? 0), 0);
  const openWarnings = wb.portfolio.reduce((n, p) => n + p.openWarnings, 0);
  const openPipeline = wb.pipeline.filter((p) => p.stage !== 'won' && p.stage !== 'lost');
  const pipelineChart = useMemo<EChartsOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, top: 10, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: openPipeline.map((p) => t(`ka.stage.${p.stage}`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { type: 'bar', name: t('ka.workbench.opportunities'), barWidth: 24, data: openPipeline.map((p) => p.count) },
      ],
    }),
    [openPipeline, t],
  );
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <StatisticCard.Group direction="row">
        <StatisticCard statistic={{ title: t('ka.workbench.customers'), value: wb.portfolio.length }} />
        <StatisticCard
          statistic={{ title: t('ka.workbench.lastSpend'), value: formatFen(lastSpend, { decimals: false }) }}
        />
        <StatisticCard
          statistic={{
            title: t('ka.workbench.openWarnings'),
            value: openWarnings,
            status: openWarnings ? 'error' : 'success',
          }}
        />
        <StatisticCard statistic={{ title: t('ka.workbench.tasksDue'), value: wb.tasks.length }} />
        <StatisticCard
          statistic={{
            title: t('ka.workbench.pipelineMonthly'),
            value: formatFen(
              openPipeline.reduce((s, p) => s + p.estMonthlyFen, 0),
              { decimals: false },
            ),
          }}
        />
        <StatisticCard statistic={{ title: t('ka.workbench.ordersInFulfilment'), value: wb.orders.length }} />
      </StatisticCard.Group>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('ka.workbench.portfolio')}>
            <Table
              size="small"
              rowKey="customerId"
              dataSource={wb.portfolio}
              pagination={{ pageSize: 8, hideOnSinglePage: true }}
              columns={[
                {
                  title: t('ka.customer'),
                  dataIndex: 'name',
                  render: (v, r) => <Link to={`/ka/accounts/${r.customerId}`}>{v}</Link>,
                },
                { title: t('ka.tier'), dataIndex: 'tier', render: (v) => <TierTag tier={v} /> },
                {
                  title: t('ka.workbench.spendTrend'),
                  key: 'trend',
                  render: (_, r) => <Sparkline values={r.spend.map((s) => s.totalFen)} />,
                },
                {
                  title: t('ka.workbench.lastSpend'),
                  key: 'last',
                  align: 'right',
                  render: (_, r) => formatFen(r.spend[r.spend.length - 1]?.totalFen ?? null),
                },
                {
                  title: t('ka.workbench.openWarnings'),
                  dataIndex: 'openWarnings',
                  align: 'right',
                  render: (v) => (v ? <Badge count={v} /> : '—'),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            size="small"
            title={t('ka.workbench.openWarnings')}
            extra={<Link to="/ka/warnings">{t('ka.more')}</Link>}
          >
            <List
              size="small"
              dataSource={wb.warnings.slice(0, 6)}
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ka.workbench.noWarnings')} />,
              }}
              renderItem={(w) => (
                <List.Item>
                  <Space direction="vertical" size={0}>
                    <Space size={4}>
                      <Tag color={severityColors[w.severity]}>{t(`ka.severity.${w.severity}`)}</Tag>
                      <Typography.Text strong>{w.customerName}</Typography.Text>
                      <Typography.Text type="secondary">{t(`ka.rule.${w.ruleCode}`)}</Typography.Text>
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {warningText(t, w)}
                    </Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('ka.workbench.tasksDue')} extra={<Link to="/tasks">{t('ka.more')}</Link>}>
            <List
              size="small"
              dataSource={wb.tasks}
              locale={{ emptyText: t('common.noData') }}
              renderItem={(task) => (
                <List.Item
                  extra={
                    <Typography.Text type={task.overdue ? 'danger' : 'secondary'}>
                      {formatDate(task.dueDate)}
                    </Typography.Text>
                  }
                >
                  <Space direction="vertical" size={0}>
                    <span>{task.title}</span>
                    {task.customerName ? <Typography.Text type="secondary">{task.customerName}</Typography.Text> : null}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('ka.workbench.pipeline')} extra={<Link to="/ka/pipeline">{t('ka.more')}</Link>}>
            <EChart option={pipelineChart} height={220} onEvents={{ click: () => navigate('/ka/pipeline') }} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('ka.workbench.calendar')} extra={<Link to="/ka/calendar">{t('ka.more')}</Link>}>
            <List
              size="small"
              dataSource={wb.calendar.slice(0, 8)}
              locale={{ emptyText: t('common.noData') }}
              renderItem={(e) => (
                <List.Item extra={formatDate(e.date)}>
                  <Space size={4}>
                    <Tag>{t(`ka.cal.${e.kind}`)}</Tag>
                    <span>{e.customerName ?? e.subject}</span>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card size="small" title={t('ka.workbench.orders')} extra={<Link to="/ka/orders">{t('ka.more')}</Link>}>
            <Table
              size="small"
              rowKey="id"
              dataSource={wb.orders}
              pagination={false}
              locale={{ emptyText: t('common.noData') }}
              columns={[
                {
                  title: t('ka.order.no'),
                  dataIndex: 'orderNo',
                  render: (v, r) => <Link to={`/ka/orders/${r.id}`}>{v}</Link>,
                },
                { title: t('ka.customer'), dataIndex: 'customerName' },
                { title: t('ka.order.title'), dataIndex: 'title' },
                {
                  title: t('ka.order.currentStep'),
                  dataIndex: 'currentStep',
                  render: (v, r) => (v ? <Tag color={r.overdue ? 'red' : 'blue'}>{t(`ka.step.${v}`)}</Tag> : '—'),
                },
                dateColumn(t('ka.order.due'), 'currentStepDue'),
              ]}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
