import { PageContainer } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Row, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDate, formatFen } from '../../format';
import { useT } from '../../i18n';
import { campaignsApi } from '../campaigns/api';
import { usePyramid } from '../grading/api';
import { LayerTag } from '../grading/shared';

/** The marketing analyst's home: value layers of the latest period, segments and campaigns by stage. */
export function MarketingHomePage() {
  const t = useT();
  const pyramid = usePyramid();
  const segments = useQuery({ queryKey: ['marketing', 'segments'], queryFn: campaignsApi.segments });
  const campaigns = useQuery({ queryKey: ['marketing', 'campaigns'], queryFn: campaignsApi.campaigns });
  return (
    <PageContainer title={t('home.mkt.title')} subTitle={t('home.mkt.subtitle')}>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card
            title={`${t('home.mkt.value')}${pyramid.data ? ` · ${pyramid.data.period}` : ''}`}
            extra={<Link to="/grading/value">{t('home.mkt.openValue')}</Link>}
            loading={pyramid.isLoading}
            style={{ marginBottom: 16 }}
          >
            <Table
              size="small"
              rowKey="layer"
              pagination={false}
              dataSource={pyramid.data?.items ?? []}
              columns={[
                { title: t('audit.field.tier'), dataIndex: 'layer', render: (l: string) => <LayerTag layer={l} /> },
                {
                  title: t('home.mkt.customers'),
                  dataIndex: 'customers',
                  align: 'right',
                  className: 'crm-num',
                  render: (v: number) => v.toLocaleString('zh-CN'),
                },
                {
                  title: t('home.mkt.revenue'),
                  dataIndex: 'revenueFen',
                  align: 'right',
                  render: (v: number) => <span className="crm-money">{formatFen(v)}</span>,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            title={t('home.mkt.campaigns')}
            extra={<Link to="/marketing/campaigns">{t('home.mkt.openCampaigns')}</Link>}
            loading={campaigns.isLoading}
            style={{ marginBottom: 16 }}
          >
            <List
              size="small"
              dataSource={campaigns.data?.items ?? []}
              locale={{ emptyText: t('home.mkt.campaigns.none') }}
              renderItem={(c) => (
                <List.Item>
                  <Space size={8} wrap>
                    <Tag color={c.stage === 'completed' ? 'default' : 'blue'}>{t(`campaigns.stage.${c.stage}`)}</Tag>
                    <span>{c.name}</span>
                    <Typography.Text type="secondary">{c.segmentName}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <Card
            title={t('home.mkt.segments')}
            extra={<Link to="/marketing/segments">{t('home.mkt.openSegments')}</Link>}
            loading={segments.isLoading}
          >
            {segments.data?.length ? (
              <List
                size="small"
                dataSource={segments.data}
                renderItem={(s) => (
                  <List.Item>
                    <Space size={8} wrap>
                      <span>{s.name}</span>
                      <Tag bordered={false}>{t('home.mkt.version', { version: s.version })}</Tag>
                      <Typography.Text type="secondary" className="crm-num" style={{ whiteSpace: 'nowrap' }}>
                        {formatDate(s.updatedAt)}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            ) : (
              <Empty description={t('home.mkt.segments.none')} />
            )}
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
