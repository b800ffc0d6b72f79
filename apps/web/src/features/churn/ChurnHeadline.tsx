import type { CustomerChurnHeadline } from '@crm/contracts';
import { Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useLocale, useT } from '../../i18n';
import { pct, riskColor } from './shared';

/**
 * The churn risk in the customer 360 header strip: band and probability of the latest run, its strongest reason,
 * linking to the customer's churn page (a held-out customer is marked as such).
 */
export function ChurnHeadline({ customerId, risk }: { customerId: number; risk: CustomerChurnHeadline }) {
  const t = useT();
  const { locale } = useLocale();
  const reason = risk.topReason ? (locale === 'en' ? risk.topReason.en : risk.topReason.zh) : null;
  return (
    <Link to={`/churn/customers/${customerId}`} data-testid="headline-churn">
      <Statistic
        title={t('headline.churn')}
        valueRender={() => (
          <Space size={4}>
            <Tag color={riskColor(risk.risk)} style={{ marginInlineEnd: 0 }}>
              {t(`churn.band.${risk.band}`)}
            </Tag>
            <span className="crm-num">{pct(risk.risk)}</span>
            {risk.control ? (
              <Tooltip title={t('churn.headline.controlHint')}>
                <Tag>{t('churn.headline.control')}</Tag>
              </Tooltip>
            ) : null}
          </Space>
        )}
      />
      {reason ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="headline-churn-reason">
          {reason}
        </Typography.Text>
      ) : null}
    </Link>
  );
}
