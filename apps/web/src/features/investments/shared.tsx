import type { InvestmentStatus } from '@crm/contracts';
import { Tag } from 'antd';
import type { TFunction } from '../../i18n';
import { useT } from '../../i18n';

const statusColors: Record<InvestmentStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  reviewed: 'gold',
  approved: 'green',
  rejected: 'red',
};

export function InvStatusTag({ status }: { status: InvestmentStatus | null }) {
  const t = useT();
  if (!status) return <Tag>{t('inv.status.none')}</Tag>;
  return (
    <Tag color={statusColors[status]} style={{ whiteSpace: 'nowrap' }}>
      {t(`inv.status.${status}`)}
    </Tag>
  );
}

export const paybackText = (t: TFunction, month: number | null) =>
  month === null ? t('inv.notRecovered') : t('inv.monthN', { n: month });

export const percentBp = (bp: number | null, t: TFunction) =>
  bp === null ? t('inv.irrNone') : `${(bp / 100).toFixed(2)}%`;

/** No wrapping for dates, names and money in table cells. */
export const nowrap = { onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) };
