import { PageContainer } from '@ant-design/pro-components';
import type { ChurnRiskItem } from '@crm/contracts';
import { gradeTiers } from '@crm/contracts';
import { Button, Card, Empty, InputNumber, Select, Space, Table, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { buildOrgTree, useOrgUnits } from '../../api/shared';
import { useAuth } from '../../auth';
import { useLocale, useT } from '../../i18n';
import { AmPicker, TierTag } from '../ka/shared';
import { useRiskList, useRiskSummary } from './api';
import {
  ActionModal,
  LIST_PAGE,
  listPagination,
  moneyCol,
  noWrapCol,
  pageWindow,
  pct,
  ReasonList,
  RiskTag,
} from './shared';

/** The risk list of the latest scoring run, per AM and per team, ranked by risk x value, with reasons and actions. */
export function RiskListPage() {
  const t = useT();
  const { locale } = useLocale();
  const { can, user } = useAuth();
  const isAm = user?.role === 'account_manager';
  const [orgUnitId, setOrgUnitId] = useState<number>();
  const [accountManagerId, setAm] = useState<number>();
  const [tier, setTier] = useState<string>();
  const [minRiskPct, setMin] = useState<number | null>(null);
  const [maxRiskPct, setMax] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [acting, setActing] = useState<ChurnRiskItem | null>(null);
  const units = useOrgUnits();
  const tree = useMemo(() => buildOrgTree(units.data ?? [], locale), [units.data, locale]);
  const filters = { orgUnitId, accountManagerId, tier, minRiskPct, maxRiskPct };
  const list = useRiskList({ ...filters, ...pageWindow(page) });
  const summary = useRiskSummary({ orgUnitId, minRiskPct: minRiskPct ?? 50 });
  const run = list.data?.run;
  const set =
    <V,>(fn: (v: V) => void) =>
    (v: V) => {
      fn(v);
      setPage(1);
    };

  return (
    <PageContainer
      title={t('churn.risk.title')}
      subTitle={
        run
          ? t('churn.risk.runInfo', {
              period: run.period,
              customers: run.customers.toLocaleString('zh-CN'),
              controls: run.controls.toLocaleString('zh-CN'),
            })
          : null
      }
      extra={[
        <Link key="analysis" to="/churn/analysis">
          <Button>{t('menu.churn.analysis')}</Button>
        </Link>,
      ]}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        {!isAm && (
          <TreeSelect
            allowClear
            style={{ width: 200 }}
            placeholder={t('churn.risk.team')}
            treeData={tree}
            value={orgUnitId}
            onChange={set((v: number | undefined) => setOrgUnitId(v ?? undefined))}
            treeDefaultExpandAll
          />
        )}
        <AmPicker value={accountManagerId} onChange={set(setAm)} />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder={t('churn.risk.tier')}
          value={tier}
          onChange={set((v: string | undefined) => setTier(v ?? undefined))}
          options={gradeTiers.map((x) => ({ value: x, label: t(`ka.tier.${x}`) }))}
        />
        <InputNumber
          min={0}
          max={100}
          style={{ width: 150 }}
          addonBefore={t('churn.risk.min')}
          addonAfter="%"
          value={minRiskPct}
          onChange={set(setMin)}
        />
        <InputNumber
          min={0}
          max={100}
          style={{ width: 150 }}
          addonBefore={t('churn.risk.max')}
          addonAfter="%"
          value={maxRiskPct}
          onChange={set(setMax)}
        />
      </Space>
      {!isAm && run && (summary.data?.items.length ?? 0) > 0 && (
        <Card
          size="small"
          title={t('churn.risk.byAm', { min: summary.data?.minRiskPct ?? 50 })}
          style={{ marginBottom: 16 }}
        >
          <Table
            rowKey={(r) => r.accountManager?.id ?? 0}
            size="small"
            pagination={{ pageSize: 8, size: 'small', hideOnSinglePage: true, showSizeChanger: false }}
            dataSource={summary.data?.items}
            onRow={(r) => ({ onClick: () => set(setAm)(r.accountManager?.id), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: t('churn.am'),
                render: (_, r) => r.accountManager?.displayName ?? t('churn.noAm'),
                ...noWrapCol,
              },
              { title: t('churn.risk.customers'), dataIndex: 'customers', align: 'right' },
              { title: t('churn.risk.highRisk'), dataIndex: 'highRisk', align: 'right' },
              moneyCol(t('churn.risk.highValueAtRisk'), 'highRiskValueAtRiskFen'),
              moneyCol(t('churn.risk.valueAtRisk'), 'valueAtRiskFen'),
            ]}
          />
        </Card>
      )}
      <Card size="small">
        {!list.isLoading && !run ? (
          <Empty description={t('churn.risk.noRun')} />
        ) : (
          <Table<ChurnRiskItem>
            rowKey="customerId"
            size="middle"
            loading={list.isFetching}
            dataSource={list.data?.items}
            locale={{ emptyText: t('churn.risk.empty') }}
            pagination={listPagination(t, page, setPage, list.data?.total)}
            columns={[
              {
                title: t('churn.rank'),
                width: 60,
                render: (_, __, i) => <span className="crm-num">{(page - 1) * LIST_PAGE + i + 1}</span>,
              },
              {
                title: t('churn.customer'),
                ...noWrapCol,
                render: (_, r) => (
                  <Space direction="vertical" size={0}>
                    <Link to={`/churn/customers/${r.customerId}`} data-testid="risk-customer">
                      {r.customerName}
                    </Link>
                    <Typography.Text type="secondary" className="crm-num" style={{ fontSize: 12 }}>
                      {r.customerNo}
                    </Typography.Text>
                  </Space>
                ),
              },
              { title: t('churn.risk.tier'), render: (_, r) => <TierTag tier={r.tier} />, ...noWrapCol },
              {
                title: t('churn.am'),
                render: (_, r) => r.accountManager?.displayName ?? t('churn.noAm'),
                ...noWrapCol,
              },
              {
                title: t('churn.risk'),
                ...noWrapCol,
                dataIndex: 'risk',
                align: 'right',
                render: (v: number) => <RiskTag risk={v} />,
              },
              moneyCol(t('churn.monthlyValue'), 'monthlyValueFen'),
              moneyCol(t('churn.valueAtRisk'), 'valueAtRiskFen'),
              { title: t('churn.reasons'), width: 300, render: (_, r) => <ReasonList reasons={r.reasons} /> },
              {
                title: '',
                ...noWrapCol,
                render: (_, r) => (
                  <Space size={4}>
                    {can('retention.write') && (
                      <Button size="small" type="primary" ghost onClick={() => setActing(r)}>
                        {t('churn.action.record')}
                      </Button>
                    )}
                    <Link to={`/customers/${r.customerId}`}>
                      <Button size="small" type="link">
                        {t('churn.open360')}
                      </Button>
                    </Link>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('churn.risk.note', { control: run ? pct(run.controls / Math.max(1, run.customers), 0) : '—' })}
      </Typography.Paragraph>
      <ActionModal
        target={acting && { customerId: acting.customerId, customerName: acting.customerName, runId: run?.id }}
        onClose={() => setActing(null)}
      />
    </PageContainer>
  );
}
