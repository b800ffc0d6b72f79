import type { SlaClock, TicketStatus } from '@crm/contracts';
import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { nowrapStyle } from '../../components/columns';
import { formatDateTime } from '../../format';
import { type TFunction, useLocale, useT } from '../../i18n';
import { type CountdownTone, formatDuration, type PriorityBand, priorityBand, slaCountdown } from './sla-countdown';

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
  return <span style={{ color, fontWeight: color ? 600 : undefined, ...nowrapStyle }}>{formatDateTime(dueAt)}</span>;
}

const toneColor: Record<CountdownTone, string | undefined> = {
  ok: 'green',
  warning: 'orange',
  breached: 'red',
  paused: 'default',
  none: undefined,
};

/** Re-renders every `ms` (default 30 s) so countdowns stay live. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** Live SLA countdown of a resolution clock: time left (green), warning (orange), overdue (red), paused. */
export function SlaCountdown(props: {
  dueAt: string | null | undefined;
  warnAt?: string | null;
  state?: 'running' | 'paused' | 'stopped' | null;
  open: boolean;
}) {
  const t = useT();
  const { locale } = useLocale();
  const now = useNow();
  const c = slaCountdown({ ...props, now });
  if (c.tone === 'none') return null;
  const text =
    c.tone === 'paused'
      ? t('ux.sla.paused')
      : t(c.tone === 'breached' ? 'ux.sla.overdue' : 'ux.sla.left', { d: formatDuration(c.minutesLeft ?? 0, locale) });
  return (
    <Tag color={toneColor[c.tone]} data-testid="sla-countdown" data-tone={c.tone} style={nowrapStyle}>
      {text}
    </Tag>
  );
}

const bandColor: Record<PriorityBand, string> = { p1: 'red', p2: 'volcano', p3: 'gold', p4: 'default' };

/** The answering priority as a named band (the score in the tooltip). */
export function PriorityTag({ priority }: { priority: number }) {
  const t = useT();
  const band = priorityBand(priority);
  return (
    <Tooltip title={t('ux.priority.value', { n: priority })}>
      <Tag color={bandColor[band]} style={nowrapStyle}>
        {t(`ux.priority.${band}`)}
      </Tag>
    </Tooltip>
  );
}

export const isOpenStatus = (s: TicketStatus) => ['acknowledged', 'inProgress', 'held', 'pending'].includes(s);
