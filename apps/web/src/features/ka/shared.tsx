import type { Warning } from '@crm/contracts';
import { Select, Tag } from 'antd';
import { useAccountManagers } from '../../api/shared';
import { useAuth } from '../../auth';
import { formatFen } from '../../format';
import { type TFunction, useT } from '../../i18n';

export const stageColors: Record<string, string> = {
  lead: 'default',
  qualifying: 'cyan',
  solution: 'blue',
  proposal: 'geekblue',
  negotiation: 'purple',
  won: 'green',
  lost: 'red',
};
const tierColors: Record<string, string> = {
  crystal: '#8fb3d9',
  gold: '#d4a017',
  gem: '#2f9e8f',
  platinum: '#7d8ca3',
  jade: '#3a9d5d',
  diamond: '#6a4fd8',
  star3: '#f0a020',
  star4: '#e8801a',
  star5: '#d4380d',
};
export const severityColors: Record<string, string> = { high: 'red', medium: 'orange', low: 'blue' };

export function TierTag({ tier }: { tier: string | null | undefined }) {
  const t = useT();
  if (!tier) return <Tag>{t('ka.tier.none')}</Tag>;
  return (
    <Tag color={tierColors[tier]} style={{ marginInlineEnd: 0 }}>
      {t(`ka.tier.${tier}`)}
    </Tag>
  );
}

export function StageTag({ stage }: { stage: string }) {
  const t = useT();
  return <Tag color={stageColors[stage]}>{t(`ka.stage.${stage}`)}</Tag>;
}

/** A tiny inline spend trend (no chart instance per table row). */
export function Sparkline({ values, width = 110, height = 26 }: { values: number[]; width?: number; height?: number }) {
  if (values.length < 2) return null;
  const max = Math.max(...values, 1);
  const min = Math.min(...values, 0);
  const span = max - min || 1;
  const pts = values.map((v, i) => [
    (i / (values.length - 1)) * (width - 4) + 2,
    height - 3 - ((v - min) / span) * (height - 6),
  ]);
  const falling = values[values.length - 1] < values[values.length - 2];
  const color = falling ? '#f5222d' : '#36b37e';
  return (
    <svg width={width} height={height} role="img" aria-label="trend">
      <polyline
        points={pts.map((p) => p.join(',')).join(' ')}
        fill="none"
        stroke={color}
        strokeWidth={1.6}
        strokeLinejoin="round"
      />
      <circle cx={pts[pts.length - 1][0]} cy={pts[pts.length - 1][1]} r={2.4} fill={color} />
    </svg>
  );
}

const money = (v: unknown) => formatFen(typeof v === 'number' ? v : null);

/** A warning's cause in words, from its rule and facts. */
export function warningText(t: TFunction, w: Pick<Warning, 'ruleCode' | 'facts'>): string {
  const f = w.facts as Record<string, unknown>;
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(f)) {
    if (typeof v === 'number' && k.endsWith('Fen')) vars[k] = money(v);
    else if (typeof v === 'number' || typeof v === 'string') vars[k] = v;
  }
  if (w.ruleCode === 'tier_downgrade') {
    vars.fromTier = t(`ka.tier.${String(f.fromTier)}`);
    vars.toTier = t(`ka.tier.${String(f.toTier)}`);
  }
  if (w.ruleCode === 'no_contact' && !f.lastContactDate) vars.lastContactDate = t('ka.warning.never');
  if (w.ruleCode === 'price_review_overdue' && f.competitorOfferFen == null)
    vars.competitorOfferFen = t('ka.warning.unknown');
  // The churn rule stores its reasons in both languages; the catalogue names the fact of the UI language.
  if (w.ruleCode === 'churn_risk') vars.reasons = String(f[t('ka.warning.reasonsFact')] ?? '');
  return t(`ka.warning.msg.${w.ruleCode}`, vars);
}

/** Managers pick the AM whose work they look at (empty = the whole org unit); AMs see only themselves. */
export function AmPicker({ value, onChange }: { value?: number; onChange: (v?: number) => void }) {
  const t = useT();
  const { user } = useAuth();
  const ams = useAccountManagers();
  if (!user || user.role === 'account_manager') return null;
  return (
    <Select<number>
      allowClear
      style={{ width: 200 }}
      placeholder={t('ka.am.all')}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      loading={ams.isLoading}
      options={(ams.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
    />
  );
}

export const isoToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
