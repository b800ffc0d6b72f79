import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Statistic, Table } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth';
import { EChart } from '../../components/EChart';
import { formatFen } from '../../format';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { NotFoundPage } from '../../pages/ResultPages';
import { useCustomer360 } from '../customers/api';
import { useActions, useCustomerChurn } from './api';
import { ActionModal, ActionTable, pct, riskColor, segmentLabel } from './shared';

/** One customer's churn picture: score and reasons, risk over the runs, Cox hazard ratio and months to churn, actions. */
export function CustomerChurnPage() {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const customer = useCustomer360(id);
  const churn = useCustomerChurn(id);
  const actions = useActions({ customerId: id, limit: 100 }, valid);
  const [acting, setActing] = useState(false);

  if (!valid || (churn.error instanceof ApiError && churn.error.status === 404))
    return <NotFoundPage message={t('customers.360.notFound')} />;
  if (churn.error)
    return <Result status="error" title={t('churn.loadFailed')} subTitle={apiErrorText(churn.error, t)} />;
  if (!churn.data) return <Skeleton active style={{ padding: 24 }} paragraph={{ rows: 10 }} />;
  const { score, cox, history } = churn.data;
  const c = customer.data?.customer;
  const churned = c?.status === 'churned';

  return (
    <PageContainer
      title={t('churn.customer.title', { name: c?.name ?? '' })}
      breadcrumb={{
        items: [{ title: t('churn.risk.title'), path: '/churn/risk' }, { title: c?.name ?? '' }],
        itemRender: (route) => (route.path ? <Link to={route.path}>{route.title}</Link> : <span>{route.title}</span>),
      }}
      extra={[
        <Link key="360" to={`/customers/${id}`}>
          <Button>{t('churn.open360')}</Button>
        </Link>,
        ...(can('retention.write') && !churned
          ? [
              <Button key="act" type="primary" onClick={() => setActing(true)}>
                {t('churn.action.record')}
              </Button>,
            ]
          : []),
      ]}
    >
      {churned && <Alert type="info" showIcon message={t('churn.customer.churned')} style={{ marginBottom: 16 }} />}
      {score?.control && (
        <Alert type="warning" showIcon message={t('churn.customer.control')} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('churn.customer.score', { period: score?.period ?? '' })} style={{ marginBottom: 16 }}>
            {!score ? (
              <Empty description={t('churn.customer.noScore')} />
            ) : (
              <>
                <Row gutter={16}>
                  <Col span={8}>
                    <Statistic
                      title={t('churn.risk')}
                      value={pct(score.risk)}
                      valueStyle={{ color: riskColor(score.risk) === 'green' ? '#389e0d' : '#cf1322' }}
                    />
                  </Col>
                  <Col span={8}>
                    <Statistic
                      title={t('churn.monthlyValue')}
                      value={formatFen(score.monthlyValueFen, { decimals: false })}
                    />
                  </Col>
                  <Col span={8}>
                    <Statistic
                      title={t('churn.valueAtRisk')}
                      value={formatFen(score.valueAtRiskFen, { decimals: false })}
                    />
                  </Col>
                </Row>
                <Descriptions column={1} size="small" style={{ marginTop: 16 }} title={t('churn.reasons')}>
                  {score.reasons.map((r, i) => (
                    <Descriptions.Item key={r.feature} label={String(i + 1)}>
                      {locale === 'en' ? r.en : r.zh}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('churn.cox.title')} style={{ marginBottom: 16 }}>
            {!cox ? (
              <Empty description={t(churned ? 'churn.customer.churned' : 'churn.cox.none')} />
            ) : (
              <>
                <Row gutter={16}>
                  <Col span={8}>
                    <Statistic title={t('churn.cox.hazardRatio')} value={cox.hazardRatio.toFixed(2)} suffix="×" />
                  </Col>
                  <Col span={8}>
                    <Statistic
                      title={t('churn.cox.expected', { h: cox.horizonMonths })}
                      value={cox.expectedMonths.toFixed(1)}
                      suffix={t('churn.months')}
                    />
                  </Col>
                  <Col span={8}>
                    <Statistic
                      title={t('churn.cox.median')}
                      value={
                        cox.medianMonths === null ? t('churn.cox.beyond', { h: cox.horizonMonths }) : cox.medianMonths
                      }
                      suffix={cox.medianMonths === null ? undefined : t('churn.months')}
                    />
                  </Col>
                </Row>
                <Table
                  style={{ marginTop: 16 }}
                  size="small"
                  rowKey={(f) => `${f.dimension}:${f.segment}`}
                  pagination={false}
                  dataSource={cox.factors}
                  locale={{ emptyText: t('churn.cox.noFactors') }}
                  columns={[
                    { title: t('churn.cox.factor'), render: (_, f) => segmentLabel(t, f.dimension, f.segment) },
                    { title: t('churn.cox.reference'), render: (_, f) => segmentLabel(t, f.dimension, f.reference) },
                    {
                      title: t('churn.cox.hazardRatio'),
                      align: 'right',
                      render: (_, f) => <span className="crm-num">{f.hazardRatio.toFixed(2)}×</span>,
                    },
                  ]}
                />
                <div style={{ marginTop: 8, color: 'rgba(0,0,0,0.45)', fontSize: 12 }}>
                  {t('churn.cox.note', { tenure: cox.tenureMonths, n: cox.subjects, events: cox.events })}
                </div>
              </>
            )}
          </Card>
        </Col>
      </Row>
      {history.length > 1 && (
        <Card title={t('churn.customer.history')} style={{ marginBottom: 16 }}>
          <EChart
            height={220}
            option={{
              tooltip: { trigger: 'axis', valueFormatter: (v) => pct(Number(v)) },
              grid: { left: 50, right: 20, top: 20, bottom: 30 },
              xAxis: { type: 'category', data: history.map((h) => `${h.period} #${h.runId}`) },
              yAxis: {
                type: 'value',
                min: 0,
                max: (v: { max: number }) => Math.min(1, Math.max(0.05, Math.ceil(v.max * 1.2 * 20) / 20)),
                axisLabel: { formatter: (v: number) => pct(v, 0) },
              },
              series: [{ type: 'line', name: t('churn.risk'), data: history.map((h) => h.risk), smooth: true }],
            }}
          />
        </Card>
      )}
      <Card title={t('churn.customer.actions')}>
        <ActionTable
          actions={actions.data?.items ?? []}
          loading={actions.isLoading}
          canWrite={can('retention.write')}
        />
      </Card>
      <ActionModal
        target={acting ? { customerId: id, customerName: c?.name ?? '', runId: score?.runId } : null}
        onClose={() => setActing(false)}
      />
    </PageContainer>
  );
}
