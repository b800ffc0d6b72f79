import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Modal, message, Row, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth';
import { EChart } from '../../components/EChart';
import { formatDateTime } from '../../format';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { NotFoundPage } from '../../pages/ResultPages';
import { churnApi, useChurnMutation, useModelCard, useModels } from './api';
import { pct } from './shared';

/** The model card: validation metrics, calibration, confusion at the threshold, feature importance; promotion. */
export function ModelCardPage() {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const card = useModelCard(id);
  const models = useModels();
  const [forcing, setForcing] = useState(false);
  const [form] = Form.useForm();
  const promote = useChurnMutation((v: { force: boolean; note?: string }) => churnApi.promote(id, v));
  const champion = models.data?.items.find((m) => m.isChampion);

  if (card.error instanceof ApiError && card.error.status === 404)
    return <NotFoundPage message={t('churn.models.notFound')} />;
  const m = card.data;
  if (!m) return <PageContainer title={t('churn.models.card')} loading />;
  const worse = Boolean(champion && champion.id !== m.id && m.auc < champion.auc);
  const doPromote = async (v: { force: boolean; note?: string }) => {
    try {
      await promote.mutateAsync(v);
      message.success(t('churn.models.promoted'));
      setForcing(false);
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  const importance = [...m.importance].sort((a, b) => b.value - a.value).slice(0, 15);
  const cm = m.confusion;
  // Axes fitted to the bins (churn scores are often all small: a 0-100% square would hide them in a corner).
  const calMax = Math.min(
    1,
    Math.max(
      0.05,
      Math.ceil(Math.max(...m.calibration.flatMap((b) => [b.meanScore, b.observedRate]), 0) * 1.1 * 20) / 20,
    ),
  );

  return (
    <PageContainer
      title={t('churn.models.cardTitle', { id: m.id, learner: t(`churn.learner.${m.learner}`) })}
      tags={m.isChampion ? <Tag color="gold">{t('churn.models.champion')}</Tag> : undefined}
      breadcrumb={{
        items: [{ title: t('churn.models.title'), path: '/churn/models' }, { title: `#${m.id}` }],
        itemRender: (route) => (route.path ? <Link to={route.path}>{route.title}</Link> : <span>{route.title}</span>),
      }}
      extra={
        can('churn.models') && !m.isChampion
          ? [
              <Button
                key="promote"
                type="primary"
                loading={promote.isPending}
                onClick={() =>
                  worse
                    ? setForcing(true)
                    : Modal.confirm({
                        title: t('churn.models.promoteConfirm', { id: m.id }),
                        onOk: () => doPromote({ force: false }),
                      })
                }
              >
                {t('churn.models.promote')}
              </Button>,
            ]
          : []
      }
    >
      {worse && champion && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('churn.models.worse', { auc: m.auc.toFixed(3), champion: champion.auc.toFixed(3) })}
        />
      )}
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {[
          ['AUC', m.auc.toFixed(3)],
          ['PR-AUC', m.prAuc.toFixed(3)],
          [t('churn.models.lift10'), m.lift10.toFixed(2)],
          ['Brier', m.brier.toFixed(4)],
        ].map(([title, value]) => (
          <Col span={6} key={title}>
            <Card>
              <Statistic title={title} value={value} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('churn.models.window')}>{`${m.trainFrom} ~ ${m.trainTo}`}</Descriptions.Item>
          <Descriptions.Item label={t('churn.models.horizon')}>
            {t('churn.models.months', { n: m.horizonMonths })}
          </Descriptions.Item>
          <Descriptions.Item label={t('churn.models.featureSet')}>{m.featureSetVersion}</Descriptions.Item>
          <Descriptions.Item label={t('churn.models.rows')}>{`${m.rows} / ${m.positives}`}</Descriptions.Item>
          <Descriptions.Item label={t('churn.models.validationRows')}>{m.validationRows}</Descriptions.Item>
          <Descriptions.Item label={t('churn.models.trainSeconds')}>{m.trainSeconds.toFixed(2)}</Descriptions.Item>
          <Descriptions.Item label={t('churn.models.trainedAt')}>{formatDateTime(m.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('churn.models.promotedAt')}>{formatDateTime(m.promotedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title={t('churn.models.calibration')} style={{ marginBottom: 16 }}>
            <EChart
              height={300}
              option={{
                tooltip: { trigger: 'item' },
                legend: { top: 0 },
                grid: { left: 50, right: 20, top: 40, bottom: 40 },
                xAxis: {
                  type: 'value',
                  min: 0,
                  max: calMax,
                  name: t('churn.models.predicted'),
                  nameLocation: 'middle',
                  nameGap: 26,
                  axisLabel: { formatter: (v: number) => pct(v, 0) },
                },
                yAxis: { type: 'value', min: 0, max: calMax, axisLabel: { formatter: (v: number) => pct(v, 0) } },
                series: [
                  {
                    type: 'line',
                    name: t('churn.models.perfect'),
                    data: [
                      [0, 0],
                      [calMax, calMax],
                    ],
                    showSymbol: false,
                    lineStyle: { type: 'dashed', color: '#bfbfbf' },
                    silent: true,
                  },
                  {
                    type: 'line',
                    name: t('churn.models.observed'),
                    data: m.calibration.filter((b) => b.count > 0).map((b) => [b.meanScore, b.observedRate, b.count]),
                    symbolSize: 8,
                    tooltip: {
                      formatter: (p) => {
                        const v = (Array.isArray(p) ? p[0] : p).value as number[];
                        return t('churn.models.calibrationTip', {
                          predicted: pct(v[0]),
                          observed: pct(v[1]),
                          n: v[2],
                        });
                      },
                    },
                  },
                ],
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('churn.models.confusion', { threshold: pct(m.threshold) })} style={{ marginBottom: 16 }}>
            <Table
              size="middle"
              pagination={false}
              rowKey="actual"
              bordered
              dataSource={[
                { actual: t('churn.models.actualChurn'), p: cm.tp, n: cm.fn },
                { actual: t('churn.models.actualStay'), p: cm.fp, n: cm.tn },
              ]}
              columns={[
                { title: '', dataIndex: 'actual' },
                { title: t('churn.models.predChurn'), dataIndex: 'p', align: 'right' },
                { title: t('churn.models.predStay'), dataIndex: 'n', align: 'right' },
              ]}
            />
            <Row gutter={16} style={{ marginTop: 16 }}>
              <Col span={8}>
                <Statistic title={t('churn.models.precision')} value={pct(cm.precision)} />
              </Col>
              <Col span={8}>
                <Statistic title={t('churn.models.recall')} value={pct(cm.recall)} />
              </Col>
              <Col span={8}>
                <Statistic title={t('churn.models.accuracy')} value={pct(cm.accuracy)} />
              </Col>
            </Row>
          </Card>
        </Col>
      </Row>
      <Card title={t('churn.models.importance')}>
        <EChart
          height={Math.max(200, importance.length * 26 + 40)}
          option={{
            tooltip: { trigger: 'axis', valueFormatter: (v) => Number(v).toFixed(3) },
            grid: { left: 180, right: 40, top: 10, bottom: 20 },
            yAxis: {
              type: 'category',
              inverse: true,
              data: importance.map((i) => (locale === 'en' ? i.en : i.zh)),
            },
            xAxis: { type: 'value' },
            series: [{ type: 'bar', name: t('churn.models.importanceValue'), data: importance.map((i) => i.value) }],
          }}
        />
      </Card>
      <Modal
        open={forcing}
        title={t('churn.models.forceTitle')}
        okText={t('churn.models.forcePromote')}
        okButtonProps={{ danger: true }}
        confirmLoading={promote.isPending}
        onCancel={() => setForcing(false)}
        onOk={async () => {
          const v = await form.validateFields();
          await doPromote({ force: true, note: v.note });
        }}
        destroyOnHidden
      >
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('churn.models.worse', { auc: m.auc.toFixed(3), champion: champion?.auc.toFixed(3) ?? '' })}
        />
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="note"
            label={t('churn.models.forceReason')}
            rules={[{ required: true, whitespace: true, message: t('churn.models.forceReasonRequired') }, { max: 500 }]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </PageContainer>
  );
}
