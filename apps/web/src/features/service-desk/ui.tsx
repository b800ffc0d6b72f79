import type { SlaClock, TicketStatus } from '@crm/contracts';
import { Tag, Tooltip } from 'antd';
import { formatDateTime } from '../../format';
import { type TFunction, useT } from '../../i18n';

const statusColor: Record<TicketStatus, string> = {
  acknowledged: 'blue',
  inProgress: 'processing',
  held: 'orange',
  pending: 'gold',
  resolved: 'green',
  closed: 'default',
  rejected: 'red',
  cancelled: 'default',
};

const tierColor: Record<string, string> = {
  diamond: '#1456f0',
  jade: '#13a8a8',
  platinum: '#7265e6',
  gem: '#eb2f96',
  gold: '#d4a106',
  crystal: '#8c8c8c',
};

/** Select options from message keys: `options(t, 'sd.type', ticketTypes)`. */
export const options = (t: TFunction, prefix: string, values: readonly string[]) =>
  values.map((value) => ({ value, label: t(`${prefix}.${value}`) }));

/** A ProTable valueEnum from message keys. */
export const valueEnum = (t: TFunction, prefix: string, values: readonly string[]) =>
  Object.fromEntries(values.map((v) => [v, { text: t(`${prefix}.${v}`) }]));

export function StatusTag({ status }: { status: TicketStatus }) {
  const t = useT();
  return <Tag color={statusColor[status]}>{t(`sd.status.${status}`)}</Tag>;
}

export function TierTag({ tier, category }: { tier: string | null; category?: string | null }) {
  const t = useT();
  if (tier) return <Tag color={tierColor[tier]}>{t(`sd.tier.${tier}`)}</Tag>;
  if (category) return <Tag>{t(`sd.category.${category}`)}</Tag>;
  return null;
}

const healthColor = { ok: 'green', warning: 'orange', breached: 'red', met: 'default' } as const;

/** One SLA clock: colour by health (warning orange, breach red), due time, consumed against target. */
export function ClockTag({ clock }: { clock: SlaClock }) {
  const t = useT();
  const due =
    clock.state === 'paused'
      ? t('sd.detail.paused')
      : clock.dueAt
        ? t('sd.detail.dueAt', { at: formatDateTime(clock.dueAt) })
        : '';
  return (
    <Tooltip title={t('sd.detail.consumed', { n: clock.consumedMinutes, target: clock.targetMinutes })}>
      <Tag color={healthColor[clock.health]} data-testid={`clock-${clock.metric}`}>
        {t(`sd.metric.${clock.metric}`)} · {t(`sd.health.${clock.health}`)} {due && `· ${due}`}
      </Tag>
    </Tooltip>
  );
}

/** Resolution due time coloured by how close it is (list columns). */
export function DueCell({ dueAt, status }: { dueAt: string | null; status: TicketStatus }) {
  if (!dueAt) return <span>—</span>;
  const left = new Date(dueAt).getTime() - Date.now();
  const open = ['acknowledged', 'inProgress', 'held', 'pending'].includes(status);
  const color = !open ? undefined : left < 0 ? '#f5222d' : left < 3_600_000 ? '#fa8c16' : undefined;
  return <span style={{ color, fontWeight: color ? 600 : undefined }}>{formatDateTime(dueAt)}</span>;
}
