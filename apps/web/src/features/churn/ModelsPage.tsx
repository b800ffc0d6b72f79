import { PageContainer } from '@ant-design/pro-components';
import type { ChurnModelSummary, ChurnScoreRun } from '@crm/contracts';
import { Card, Col, Empty, InputNumber, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { useModels, useRuns, useRunUplift } from './api';
import { noWrapCol, pct } from './shared';

const num = (v: number, d = 3) => <span className="crm-num">{v.toFixed(d)}</span>;

/** The model registry (champion first in mind), the scoring runs and the uplift of a run against its hold-out. */
export function ModelsPage() {
  const t = useT();
  const models = useModels();
  const runs = useRuns();
  const [runId, setRunId] = useState<number>();
  const [minRiskPct, setMin] = useState<number>(50);
  const selected = runId ?? runs.data?.items.find((r) => r.status === 'succeeded')?.id;
  const uplift = useRunUplift(selected, minRiskPct);
  const u = uplift.data;

  return (
    <PageContainer title={t('churn.models.title')}>
      <Card title={t('churn.models.registry')} style={{ marginBottom: 16 }}>
        <Table<ChurnModelSummary>
          rowKey="id"
          size="middle"
          loading={models.isLoading}
          dataSource={models.data?.items}
          pagination={false}
          locale={{ emptyText: t('churn.models.empty') }}
          columns={[
            {
              title: t('churn.models.model'),
              ...noWrapCol,
              render: (_, m) => (
                <Space>
                  <Link to={`/churn/models/${m.id}`}>#{m.id}</Link>
                  {t(`churn.learner.${m.learner}`)}
                  {m.isChampion && <Tag color="gold">{t('churn.models.champion')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('churn.models.window'),
              ...noWrapCol,
              render: (_, m) => `${m.trainFrom} ~ ${m.trainTo}`,
            },
            {
              title: t('churn.models.horizon'),
              dataIndex: 'horizonMonths',
              align: 'right',
              render: (v: number) => t('churn.models.months', { n: v }),
              ...noWrapCol,
            },
            {
              title: t('churn.models.rows'),
              align: 'right',
              ...noWrapCol,
              render: (_, m) => `${m.rows} / ${m.positives}`,
            },
            { title: 'AUC', dataIndex: 'auc', align: 'right', render: (v: number) => num(v) },
            { title: 'PR-AUC', dataIndex: 'prAuc', align: 'right', render: (v: number) => num(v) },
            { title: t('churn.models.lift10'), dataIndex: 'lift10', align: 'right', render: (v: number) => num(v, 2) },
            { title: 'Brier', dataIndex: 'brier', align: 'right', render: (v: number) => num(v, 4) },
            {
              title: t('churn.models.trainedAt'),
              dataIndex: 'createdAt',
              render: (d: string) => formatDateTime(d),
              ...noWrapCol,
            },
          ]}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={13}>
          <Card title={t('churn.runs.title')}>
            <Table<ChurnScoreRun>
              rowKey="id"
              size="small"
              loading={runs.isLoading}
              dataSource={runs.data?.items}
              pagination={false}
              locale={{ emptyText: t('churn.runs.empty') }}
              rowSelection={{
                type: 'radio',
                selectedRowKeys: selected ? [selected] : [],
                onChange: (keys) => setRunId(Number(keys[0])),
                getCheckboxProps: (r) => ({ disabled: r.status !== 'succeeded' }),
              }}
              columns={[
                { title: t('churn.runs.period'), dataIndex: 'period', ...noWrapCol },
                {
                  title: t('churn.models.model'),
                  dataIndex: 'modelId',
                  render: (id: number) => <Link to={`/churn/models/${id}`}>#{id}</Link>,
                },
                {
                  title: t('churn.runs.status'),
                  dataIndex: 'status',
                  render: (s: string) => (
                    <Tag color={s === 'succeeded' ? 'green' : s === 'failed' ? 'red' : 'blue'}>
                      {t(`churn.runs.status.${s}`)}
                    </Tag>
                  ),
                },
                { title: t('churn.runs.customers'), dataIndex: 'customers', align: 'right' },
                {
                  title: t('churn.runs.controls'),
                  align: 'right',
                  render: (_, r) => `${r.controls} (${r.controlPercent}%)`,
                  ...noWrapCol,
                },
                {
                  title: t('churn.runs.finishedAt'),
                  dataIndex: 'finishedAt',
                  render: (d: string | null) => formatDateTime(d),
                  ...noWrapCol,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={11}>
          <Card
            title={t('churn.uplift.title')}
            extra={
              <InputNumber
                size="small"
                min={0}
                max={100}
                value={minRiskPct}
                onChange={(v) => setMin(v ?? 0)}
                addonBefore={t('churn.risk.min')}
                addonAfter="%"
                style={{ width: 170 }}
              />
            }
          >
            {!selected ? (
              <Empty description={t('churn.runs.empty')} />
            ) : !u ? (
              <Card loading bordered={false} />
            ) : (
              <>
                <Typography.Paragraph type="secondary">
                  {t('churn.uplift.explain', {
                    period: u.run.period,
                    min: u.minRiskPct,
                    treated: u.treatedCustomers,
                    control: u.controlCustomers,
                    actions: u.actions,
                  })}
                </Typography.Paragraph>
                {!u.report ? (
                  <Empty description={t('churn.uplift.none')} />
                ) : (
                  <Row gutter={16}>
                    <Col span={8}>
                      <Statistic title={t('churn.uplift.treated')} value={pct(u.report.treated.rate)} />
                    </Col>
                    <Col span={8}>
                      <Statistic title={t('churn.uplift.control')} value={pct(u.report.control.rate)} />
                    </Col>
                    <Col span={8}>
                      <Statistic
                        title={t('churn.uplift.uplift')}
                        value={`${u.report.uplift >= 0 ? '+' : ''}${pct(u.report.uplift)}`}
                        valueStyle={{ color: u.report.significant ? '#389e0d' : undefined }}
                      />
                    </Col>
                    <Col span={24} style={{ marginTop: 12 }}>
                      <Typography.Text type={u.report.significant ? 'success' : 'secondary'}>
                        {t(u.report.significant ? 'churn.uplift.significant' : 'churn.uplift.notSignificant', {
                          level: pct(u.report.level, 0),
                          lower: pct(u.report.lower),
                          upper: pct(u.report.upper),
                        })}
                      </Typography.Text>
                    </Col>
                  </Row>
                )}
              </>
            )}
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
