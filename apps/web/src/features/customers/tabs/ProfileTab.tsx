import { ApartmentOutlined, ShareAltOutlined } from '@ant-design/icons';
import { ProCard, ProDescriptions, type ProDescriptionsItemProps } from '@ant-design/pro-components';
import type { Customer360, CustomerDetail } from '@crm/contracts';
import { Card, Col, Empty, List, Row, Space, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useOrgUnitName } from '../../../api/shared';
import { EnumTag } from '../../../components/EnumTag';
import { formatDate, formatDateTime, formatFen } from '../../../format';
import { enumLabel, useT } from '../../../i18n';

const dash = (v: string | null | undefined) => (v ? v : '—');

export function ProfileTab({ data }: { data: Customer360 }) {
  const t = useT();
  const c = data.customer;
  const orgName = useOrgUnitName();
  const isOrg = c.partyType === 'organization';
  const last = data.spendByPeriod[data.spendByPeriod.length - 1];
  const last12 = data.spendByPeriod.slice(-12);
  const avg12 = last12.length ? Math.round(last12.reduce((s, p) => s + p.totalFen, 0) / last12.length) : null;
  const monthlyProducts = data.products.filter((p) => p.status === 'active').reduce((s, p) => s + p.monthlyFen, 0);
  const arrears = data.bills.reduce((s, b) => s + b.arrearsFen, 0);

  const kpis = [
    {
      key: 'last',
      title: t('customers.kpi.lastMonthSpend', { period: last?.period ?? '—' }),
      value: formatFen(last?.totalFen),
    },
    { key: 'avg', title: t('customers.kpi.avg12'), value: formatFen(avg12) },
    { key: 'products', title: t('customers.kpi.monthlyProducts'), value: formatFen(monthlyProducts) },
    {
      key: 'arrears',
      title: t('customers.kpi.arrears'),
      value: formatFen(arrears),
      style: arrears > 0 ? { color: '#cf1322' } : undefined,
    },
  ];

  const columns: ProDescriptionsItemProps<CustomerDetail>[] = [
    { title: t('customers.field.customerNo'), dataIndex: 'customerNo', copyable: true },
    { title: t('customers.field.partyType'), render: () => enumLabel(t, 'partyType', c.partyType) },
    { title: t('customers.field.category'), render: () => <EnumTag name="category" value={c.category} /> },
    { title: t('customers.field.status'), render: () => <EnumTag name="customerStatus" value={c.status} /> },
    ...(isOrg
      ? [
          {
            title: t('customers.field.creditCode'),
            render: () => <span className="crm-num">{dash(c.creditCode)}</span>,
          },
          {
            title: t('customers.field.organizationType'),
            render: () => dash(enumLabel(t, 'organizationType', c.organizationType)),
          },
          { title: t('customers.field.industry'), render: () => dash(enumLabel(t, 'industry', c.industry)) },
          {
            title: t('customers.field.coverageLevel'),
            render: () => dash(enumLabel(t, 'coverageLevel', c.coverageLevel)),
          },
        ]
      : [
          {
            title: t('customers.field.publicSubtype'),
            render: () => dash(enumLabel(t, 'publicSubtype', c.publicSubtype)),
          },
          { title: t('customers.field.idNumber'), render: () => <span className="crm-num">{dash(c.idNumber)}</span> },
          { title: t('customers.field.occupation'), render: () => dash(c.occupation) },
          { title: t('customers.field.ageBand'), render: () => dash(c.ageBand) },
          { title: t('customers.field.incomeBand'), render: () => dash(c.incomeBand) },
        ]),
    { title: t('customers.field.mobile'), render: () => <span className="crm-num">{dash(c.mobile)}</span> },
    { title: t('customers.field.email'), render: () => dash(c.email) },
    { title: t('customers.field.address'), render: () => dash(c.address), span: 2 },
    { title: t('customers.field.orgUnit'), render: () => orgName(c.orgUnitId, c.orgUnitName) },
    { title: t('customers.field.accountManager'), render: () => dash(c.accountManagerName) },
    { title: t('customers.field.sinceDate'), render: () => formatDate(c.sinceDate) },
    { title: t('customers.field.externalId'), render: () => dash(c.externalId) },
    { title: t('customers.field.createdAt'), render: () => formatDateTime(c.createdAt) },
    { title: t('customers.field.updatedAt'), render: () => formatDateTime(c.updatedAt) },
    {
      title: t('customers.field.notes'),
      span: 2,
      render: () => (
        <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{dash(c.notes)}</Typography.Paragraph>
      ),
    },
  ];

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        {kpis.map((k) => (
          <Col key={k.key} xs={24} sm={12} xl={6}>
            <Card variant="outlined">
              <Statistic title={k.title} value={k.value} valueStyle={k.style} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <ProCard title={t('customers.profile.basic')} bordered headerBordered>
            <ProDescriptions<CustomerDetail>
              dataSource={c}
              columns={columns}
              column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 }}
            />
          </ProCard>
        </Col>
        <Col xs={24} xl={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <ProCard
              title={
                <Space>
                  <ApartmentOutlined />
                  {t('customers.profile.hierarchy')}
                </Space>
              }
              bordered
              headerBordered
            >
              <Typography.Text type="secondary">{t('customers.field.parent')}</Typography.Text>
              <div style={{ margin: '4px 0 12px' }}>
                {c.parentCustomerId ? (
                  <Link to={`/customers/${c.parentCustomerId}`}>{c.parentName ?? `#${c.parentCustomerId}`}</Link>
                ) : (
                  <Typography.Text type="secondary">{t('customers.profile.noParent')}</Typography.Text>
                )}
              </div>
              <Typography.Text type="secondary">
                {t('customers.profile.children', { count: data.children.length })}
              </Typography.Text>
              {data.children.length ? (
                <List
                  size="small"
                  dataSource={data.children}
                  renderItem={(child) => (
                    <List.Item style={{ paddingInline: 0 }}>
                      <Link to={`/customers/${child.id}`}>{child.name}</Link>
                      <Typography.Text type="secondary" className="crm-num">
                        {child.customerNo}
                      </Typography.Text>
                    </List.Item>
                  )}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.profile.noChildren')} />
              )}
            </ProCard>
            <ProCard
              title={
                <Space>
                  <ShareAltOutlined />
                  {t('customers.profile.referral')}
                </Space>
              }
              bordered
              headerBordered
            >
              {c.referredByCustomerId ? (
                <Space direction="vertical" size={2}>
                  <Typography.Text type="secondary">{t('customers.field.referredBy')}</Typography.Text>
                  <Link to={`/customers/${c.referredByCustomerId}`}>
                    {c.referredByName ?? `#${c.referredByCustomerId}`}
                  </Link>
                </Space>
              ) : (
                <Typography.Text type="secondary">{t('customers.profile.noReferral')}</Typography.Text>
              )}
            </ProCard>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
