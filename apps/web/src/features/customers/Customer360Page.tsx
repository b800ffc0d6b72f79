import { ApartmentOutlined, BankOutlined, EditOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { Badge, Button, Descriptions, Result, Skeleton, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useOrgUnitName } from '../../api/shared';
import { useAuth } from '../../auth';
import { EnumTag } from '../../components/EnumTag';
import { formatDate } from '../../format';
import { apiErrorText } from '../../forms';
import { enumLabel, useT } from '../../i18n';
import { NotFoundPage } from '../../pages/ResultPages';
import { LoyaltyTab } from '../loyalty/LoyaltyTab';
import { CustomerSurveysTab } from '../surveys/CustomerSurveysTab';
import { useCustomer360, useInvalidateCustomer } from './api';
import { CustomerFormDrawer } from './CustomerFormDrawer';
import { AccountsTab } from './tabs/AccountsTab';
import { BillsTab } from './tabs/BillsTab';
import { ContactsTab } from './tabs/ContactsTab';
import { ContractsTab } from './tabs/ContractsTab';
import { HistoryTab } from './tabs/HistoryTab';
import { InteractionsTab } from './tabs/InteractionsTab';
import { ProductsTab } from './tabs/ProductsTab';
import { ProfileTab } from './tabs/ProfileTab';
import { HeadlineStrip, TimelineTab } from './tabs/TimelineTab';
import { ValueServiceTab } from './tabs/ValueServiceTab';

const tabKeys = [
  'profile',
  'value',
  'contacts',
  'accounts',
  'products',
  'contracts',
  'bills',
  'interactions',
  'surveys',
  'loyalty',
  'history',
  'timeline',
] as const;
type TabKey = (typeof tabKeys)[number];

export function Customer360Page() {
  const t = useT();
  const { can } = useAuth();
  const params = useParams();
  const id = Number(params.id);
  const [searchParams, setSearchParams] = useSearchParams();
  const tabParam = searchParams.get('tab');
  const tab: TabKey = tabKeys.includes(tabParam as TabKey) ? (tabParam as TabKey) : 'profile';
  const [editing, setEditing] = useState(false);
  const { data, error, isLoading } = useCustomer360(id);
  const invalidate = useInvalidateCustomer(id);
  const orgName = useOrgUnitName();

  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage message={t('customers.360.notFound')} />;
  if (error instanceof ApiError && error.status === 404) return <NotFoundPage message={t('customers.360.notFound')} />;
  if (error) return <Result status="error" title={t('customers.360.loadFailed')} subTitle={apiErrorText(error, t)} />;
  if (isLoading || !data) {
    return (
      <PageContainer title={t('customers.360.loading')}>
        <Skeleton active paragraph={{ rows: 8 }} />
      </PageContainer>
    );
  }

  const c = data.customer;
  const count = (n: number) => (n > 0 ? <Badge count={n} color="#bfbfbf" size="small" overflowCount={99} /> : null);
  const tabLabel = (key: string, n?: number): ReactNode => (
    <Space size={4}>
      {t(key)}
      {n === undefined ? null : count(n)}
    </Space>
  );

  const content: Record<TabKey, ReactNode> = {
    profile: <ProfileTab data={data} />,
    value: <ValueServiceTab customerId={id} category={c.category} />,
    contacts: <ContactsTab customerId={id} contacts={data.contacts} onChanged={invalidate} />,
    accounts: <AccountsTab customerId={id} customerName={c.name} accounts={data.accounts} onChanged={invalidate} />,
    products: <ProductsTab customerId={id} data={data} onChanged={invalidate} />,
    contracts: <ContractsTab customerId={id} contracts={data.contracts} onChanged={invalidate} />,
    bills: <BillsTab customerId={id} data={data} />,
    interactions: <InteractionsTab customerId={id} interactions={data.interactions} onChanged={invalidate} />,
    surveys: <CustomerSurveysTab customerId={id} />,
    loyalty: <LoyaltyTab customerId={id} />,
    history: <HistoryTab customerId={id} />,
    timeline: <TimelineTab customerId={id} />,
  };

  return (
    <PageContainer
      className="crm-360"
      breadcrumb={{
        items: [{ title: t('customers.list.title'), path: '/customers' }, { title: c.name }],
        itemRender: (route) => (route.path ? <Link to={route.path}>{route.title}</Link> : <span>{route.title}</span>),
      }}
      title={
        <span data-testid="customer-name">
          {c.partyType === 'organization' ? <BankOutlined /> : <UserOutlined />} {c.name}
        </span>
      }
      subTitle={
        <Typography.Text type="secondary" className="crm-num" copyable={{ text: c.customerNo }}>
          {c.customerNo}
        </Typography.Text>
      }
      tags={
        <Space size={0} wrap data-testid="customer-tags">
          <EnumTag name="category" value={c.category} />
          {c.publicSubtype ? <EnumTag name="publicSubtype" value={c.publicSubtype} /> : null}
          <EnumTag name="customerStatus" value={c.status} />
          {c.industry ? <EnumTag name="industry" value={c.industry} /> : null}
          {c.organizationType ? <EnumTag name="organizationType" value={c.organizationType} /> : null}
        </Space>
      }
      extra={[
        ...(c.category === 'key_account' && can('ka.read')
          ? [
              <Link key="ka" to={`/ka/accounts/${id}`} data-testid="open-ka">
                <Button>{t('headline.openKa')}</Button>
              </Link>,
            ]
          : []),
        ...(can('churn.read')
          ? [
              <Link key="churn" to={`/churn/customers/${id}`} data-testid="open-churn">
                <Button>{t('churn.open')}</Button>
              </Link>,
            ]
          : []),
        ...(can('customers.write')
          ? [
              <Button key="edit" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>,
            ]
          : []),
      ]}
      content={
        <>
          {/* The headline strip names the account manager (with tier, warnings, tickets); the meta row does not repeat it. */}
          <HeadlineStrip customerId={id} />
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} className="crm-360-meta">
            <Descriptions.Item
              label={
                <Space size={4}>
                  <ApartmentOutlined />
                  {t('customers.field.orgUnit')}
                </Space>
              }
            >
              {orgName(c.orgUnitId, c.orgUnitName)}
            </Descriptions.Item>
            <Descriptions.Item
              label={
                <Space size={4}>
                  <PhoneOutlined />
                  {t('customers.field.mobile')}
                </Space>
              }
            >
              <span className="crm-num">{c.mobile ?? '—'}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('customers.field.sinceDate')}>
              {formatDate(c.sinceDate)}
              {c.coverageLevel ? ` · ${enumLabel(t, 'coverageLevel', c.coverageLevel)}` : ''}
            </Descriptions.Item>
          </Descriptions>
        </>
      }
      tabActiveKey={tab}
      onTabChange={(key) => setSearchParams(key === 'profile' ? {} : { tab: key }, { replace: true })}
      tabList={[
        { key: 'profile', tab: tabLabel('customers.tab.profile') },
        { key: 'timeline', tab: tabLabel('customers.tab.timeline') },
        { key: 'value', tab: tabLabel('customers.tab.value') },
        { key: 'contacts', tab: tabLabel('customers.tab.contacts', data.contacts.length) },
        { key: 'accounts', tab: tabLabel('customers.tab.accounts', data.accounts.length) },
        { key: 'products', tab: tabLabel('customers.tab.products', data.products.length) },
        { key: 'contracts', tab: tabLabel('customers.tab.contracts', data.contracts.length) },
        { key: 'bills', tab: tabLabel('customers.tab.bills') },
        { key: 'interactions', tab: tabLabel('customers.tab.interactions', data.interactions.length) },
        { key: 'surveys', tab: tabLabel('customers.tab.surveys') },
        { key: 'loyalty', tab: tabLabel('customers.tab.loyalty') },
        { key: 'history', tab: tabLabel('customers.tab.history') },
      ]}
    >
      {content[tab]}
      <CustomerFormDrawer
        open={editing}
        onOpenChange={setEditing}
        customer={c}
        onSaved={() => {
          setEditing(false);
          void invalidate();
        }}
      />
    </PageContainer>
  );
}
