import { ClockCircleOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip } from 'antd';
import { useT } from '../../i18n';
import type { Offer } from './api';

/**
 * An offer as staff see it next to a campaign or a customer: its name, and a warning tag while its discount still
 * waits for approval (it may be rejected, so it is not to be pitched yet).
 */
export function OfferTag({ name, status }: { name: string | null; status: Offer['approvalStatus'] | null }) {
  const t = useT();
  if (!name) return null;
  return (
    <Space size={4} wrap style={{ maxWidth: '100%' }}>
      <Tag color="blue" style={{ maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', marginInlineEnd: 0 }}>
        {name}
      </Tag>
      {status === 'pending' && (
        <Tooltip title={t('campaigns.offer.pendingWarning')}>
          <Tag color="gold" icon={<ClockCircleOutlined />} data-testid="offer-pending" style={{ marginInlineEnd: 0 }}>
            {t('campaigns.offer.pendingMarker')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}
