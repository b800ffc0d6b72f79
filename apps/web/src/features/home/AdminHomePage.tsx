import { PageContainer, StatisticCard } from '@ant-design/pro-components';
import type { SystemOverview } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { auditActionLabel, auditEntityLabel } from '../../audit/labels';
import { formatDateTime } from '../../format';
import { type TFunction, useT } from '../../i18n';

/** A background job's type in words: its own label, else the label of its module's job ("grading.run" -> 定级任务). */
export function jobLabel(t: TFunction, type: string): string {
  for (const key of [`home.job.${type}`, `audit.actor.${type.split(/[.:]/)[0]}`]) {
    const text = t(key);
    if (text !== key) return text;
  }
  return t('home.job.other');
}

/** The administrator's home: system health, background jobs, latest imports and audit alerts. */
export function AdminHomePage() {
  const t = useT();
  const q = useQuery({
    queryKey: ['system', 'overview'],
    queryFn: () => api.get<SystemOverview>('/api/system/overview'),
    refetchInterval: 60_000,
  });
  const o = q.data;
  const uptime = o?.health.uptimeSeconds ?? 0;
  return (
    <PageContainer title={t('home.admin.title')} subTitle={t('home.admin.subtitle')} loading={q.isLoading}>
      {o ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <StatisticCard.Group direction="row">
            <StatisticCard
              statistic={{
                title: t('home.admin.database'),
                value: t(`home.admin.db.${o.health.database}`),
                status: o.health.database === 'ok' ? 'success' : 'error',
              }}
            />
            <StatisticCard
              statistic={{
                title: t('home.admin.uptime'),
                value: t('home.admin.uptimeValue', {
                  hours: Math.floor(uptime / 3600),
                  minutes: Math.floor((uptime % 3600) / 60),
                }),
              }}
            />
            <StatisticCard statistic={{ title: t('home.admin.jobs.queued'), value: o.jobs.queued }} />
            <StatisticCard statistic={{ title: t('home.admin.jobs.running'), value: o.jobs.running }} />
            <StatisticCard
              statistic={{
                title: t('home.admin.jobs.failed'),
                value: o.jobs.failedLast24h,
                status: o.jobs.failedLast24h > 0 ? 'error' : 'success',
              }}
            />
            <StatisticCard statistic={{ title: t('home.admin.jobs.succeeded'), value: o.jobs.succeededLast24h }} />
          </StatisticCard.Group>
          <Row gutter={16}>
            <Col xs={24} xl={12}>
              <Card
                title={t('home.admin.alerts')}
                extra={<Link to="/admin/audit">{t('home.admin.openAudit')}</Link>}
                style={{ marginBottom: 16 }}
              >
                {o.auditAlerts.counts.length ? (
                  <Space wrap style={{ marginBottom: 12 }}>
                    {o.auditAlerts.counts.map((c) => (
                      <Tag key={c.action} color="orange">
                        {auditActionLabel(t, c.action)} · {c.count}
                      </Tag>
                    ))}
                  </Space>
                ) : (
                  <Typography.Paragraph type="secondary">{t('home.admin.alerts.none')}</Typography.Paragraph>
                )}
                <Typography.Text strong>{t('home.admin.alerts.recent')}</Typography.Text>
                <List
                  size="small"
                  dataSource={o.auditAlerts.recent}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
                  renderItem={(a) => (
                    <List.Item>
                      <Space size={8} wrap>
                        <Typography.Text type="secondary" className="crm-num" style={{ whiteSpace: 'nowrap' }}>
                          {formatDateTime(a.at)}
                        </Typography.Text>
                        <span style={{ whiteSpace: 'nowrap' }}>{a.actor}</span>
                        <Tag>{auditActionLabel(t, a.action)}</Tag>
                        <span>{auditEntityLabel(t, a.entity)}</span>
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={t('home.admin.jobs.recentFailures')} style={{ marginBottom: 16 }}>
                <List
                  size="small"
                  dataSource={o.jobs.recentFailures}
                  locale={{ emptyText: t('home.admin.jobs.none') }}
                  renderItem={(j) => (
                    <List.Item>
                      <Space size={8} wrap>
                        <Badge status="error" />
                        <Typography.Text type="secondary" className="crm-num" style={{ whiteSpace: 'nowrap' }}>
                          {formatDateTime(j.at)}
                        </Typography.Text>
                        <span>{jobLabel(t, j.type)}</span>
                        <Typography.Text type="secondary" className="crm-num">
                          #{j.id}
                        </Typography.Text>
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
              <Card
                title={t('home.admin.imports')}
                extra={<Link to="/imports/history">{t('home.admin.openImports')}</Link>}
              >
                <List
                  size="small"
                  dataSource={o.imports}
                  locale={{ emptyText: t('home.admin.imports.none') }}
                  renderItem={(i) => (
                    <List.Item>
                      <Space size={8} wrap>
                        <Typography.Text type="secondary" className="crm-num" style={{ whiteSpace: 'nowrap' }}>
                          {formatDateTime(i.createdAt)}
                        </Typography.Text>
                        <Link to={`/imports/${i.id}`}>{i.fileName}</Link>
                        <Tag>{t(`imports.entity.${i.entity}`)}</Tag>
                        <Tag
                          color={
                            i.status === 'committed'
                              ? 'green'
                              : i.status === 'failed' || i.status === 'invalid'
                                ? 'red'
                                : 'blue'
                          }
                        >
                          {t(`imports.status.${i.status}`)}
                        </Tag>
                        <Typography.Text type="secondary">
                          {t('home.admin.imports.rows', { rows: i.rows, errors: i.errors })}
                        </Typography.Text>
                        <span style={{ whiteSpace: 'nowrap' }}>{i.createdByName}</span>
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
          </Row>
        </Space>
      ) : null}
    </PageContainer>
  );
}
