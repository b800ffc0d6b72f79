import type { DiscountRequest } from '@crm/contracts';
import { Tag } from 'antd';
import { formatFen } from '../../format';
import type { TFunction } from '../../i18n';

export const pct = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;

/** "5% / ¥2,000.00 每月", "无优惠权限" (0% / 0) or "未记录" (a request older than the recorded limit). */
export const limitText = (t: TFunction, limit: DiscountRequest['requesterLimit']) => {
  if (limit === null) return t('disc.limitNotRecorded');
  if (limit.maxDiscountBp === 0 && limit.maxMonthlyFen === 0) return t('disc.noAuthority');
  return `${pct(limit.maxDiscountBp)} / ${limit.maxMonthlyFen === null ? t('disc.noCap') : `${formatFen(limit.maxMonthlyFen)}${t('disc.perMonth')}`}`;
};

const statusColor = { pending: 'gold', approved: 'green', rejected: 'red' } as const;
export const DiscStatusTag = ({ t, status }: { t: TFunction; status: DiscountRequest['status'] }) => (
  <Tag color={statusColor[status]} style={{ whiteSpace: 'nowrap' }}>
    {t(`disc.status.${status}`)}
  </Tag>
);

export const nowrap = { onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) };
