import { EditOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import {
  type EntitlementType,
  entitlementCategories,
  type KaTierCode,
  kaTierCodes,
  type StarLevelCode,
  starLevelCodes,
} from '@crm/contracts';
import { Alert, Button, Card, Segmented, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../auth';
import { type TFunction, useLocale, useT } from '../../i18n';
import { useEntitlementCatalog } from './api';
import { TierTag } from './shared';
import { TierRuleModal } from './TierRuleModal';

type Rule = EntitlementType['tiers'][number] | EntitlementType['stars'][number];
type AnyTier = KaTierCode | StarLevelCode;
const ruleOf = (x: EntitlementType, tier: AnyTier): Rule | undefined =>
  [...x.tiers, ...(x.stars ?? [])].find((r) => r.tier === tier);

/** What one tier gets of one entitlement type, in words ('—' when the tier does not get it). */
export function ruleText(t: TFunction, type: EntitlementType, rule: Rule | undefined): string {
  if (!rule?.enabled) return '—';
  if (type.unit === 'hours') return rule.value === null ? t('ka.ent.unlimited') : t('ka.ent.hours', { n: rule.value });
  // A service with a figure (the points multiplier) shows it: "140%", not just "included".
  if (type.unit === 'service')
    return rule.value === null ? t('ka.entCatalog.included') : t('ka.ent.percent', { n: rule.value });
  if (rule.allowance === null) return t('ka.ent.unlimited');
  return `${rule.allowance} / ${t(`ka.ent.period.${type.period}`)}`;
}

/**
 * The differentiated-service catalogue (DOMAIN.md 4): every entitlement type with what each KA tier gets. Anyone
 * working key accounts can read it; administrators and marketing (`entitlements.manage`) change a tier's allowance,
 * time limit or switch it off. Customers of the changed tier are re-bound by a background job.
 */
export function EntitlementCatalogPage() {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const manage = can('entitlements.manage');
  const q = useEntitlementCatalog();
  const [category, setCategory] = useState<string>('all');
  const [editing, setEditing] = useState<{ type: EntitlementType; tier: AnyTier } | null>(null);
  const rows = (q.data ?? []).filter((x) => category === 'all' || x.category === category);
  const present = new Set((q.data ?? []).map((x) => x.category));
  const tierColumn = (tier: AnyTier) => ({
    title: <TierTag tier={tier} />,
    key: tier,
    align: 'center' as const,
    onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
    render: (_: unknown, x: EntitlementType) => {
      const rule = ruleOf(x, tier);
      const text = ruleText(t, x, rule);
      const off = text === '—';
      return (
        <Space size={2} style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text type={off ? 'secondary' : undefined}>{text}</Typography.Text>
          {manage ? (
            <Button
              size="small"
              type="text"
              icon={<EditOutlined />}
              aria-label={t('common.edit')}
              title={t('common.edit')}
              data-testid={`rule-${x.code}-${tier}`}
              onClick={() => setEditing({ type: x, tier })}
            />
          ) : null}
        </Space>
      );
    },
  });
  const columns: TableColumnsType<EntitlementType> = [
    {
      title: t('ka.ent.service'),
      key: 'name',
      fixed: 'left',
      width: 240,
      render: (_, x) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{locale === 'en' ? x.nameEn : x.nameZh}</Typography.Text>
          <Space size={4} wrap>
            <Tag>{t(`ka.entCat.${x.category}`)}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`ka.entUnit.${x.unit}`)}
              {x.period !== 'none' ? ` · ${t('ka.entCatalog.per', { period: t(`ka.ent.period.${x.period}`) })}` : ''}
            </Typography.Text>
            {x.clubCardOnly ? <Tag color="gold">{t('ka.entCatalog.clubOnly')}</Tag> : null}
          </Space>
        </Space>
      ),
    },
    {
      title: t('ka.entCatalog.kaTiers'),
      key: 'ka',
      children: kaTierCodes.map((tier) => tierColumn(tier)),
    },
    {
      title: t('ka.entCatalog.starLevels'),
      key: 'stars',
      children: starLevelCodes.map((tier) => tierColumn(tier)),
    },
  ];
  return (
    <PageContainer title={t('ka.entCatalog.title')} subTitle={t('ka.entCatalog.subtitle')}>
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {manage ? null : <Alert type="info" showIcon message={t('ka.entCatalog.readOnly')} />}
        <Card size="small" loading={q.isLoading}>
          <Segmented
            style={{ marginBottom: 12 }}
            value={category}
            onChange={(v) => setCategory(String(v))}
            options={[
              { value: 'all', label: t('ka.entCatalog.all') },
              ...entitlementCategories
                .filter((c) => present.has(c))
                .map((c) => ({ value: c, label: t(`ka.entCat.${c}`) })),
            ]}
          />
          <Table
            size="small"
            rowKey="id"
            bordered
            pagination={false}
            scroll={{ x: 1500 }}
            dataSource={rows}
            columns={columns}
          />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
            {t('ka.entCatalog.rebindHint')}
          </Typography.Paragraph>
        </Card>
      </Space>
      {editing ? (
        <TierRuleModal
          type={editing.type}
          tier={editing.tier}
          rule={ruleOf(editing.type, editing.tier)}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </PageContainer>
  );
}
