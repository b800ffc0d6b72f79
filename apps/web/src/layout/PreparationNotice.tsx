import type { SystemPreparation } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Progress, Space } from 'antd';
import { api } from '../api/client';
import { useT } from '../i18n';

/**
 * While the demo operator's background work of the first start still runs (churn models and scores, early warnings,
 * points ...), every page says so above its content, with the jobs' progress; asked every 5 s until it is done.
 */
export function PreparationNotice() {
  const t = useT();
  const q = useQuery({
    queryKey: ['system', 'preparation'],
    queryFn: () => api.get<SystemPreparation>('/api/system/preparation'),
    refetchInterval: (query) => (query.state.data?.preparing ? 5_000 : false),
    staleTime: 5_000,
  });
  const p = q.data;
  if (!p?.preparing) return null;
  const percent = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 0;
  return (
    <Alert
      type="info"
      showIcon
      banner
      message={
        <Space wrap size={12}>
          <span>{t('layout.preparing', { done: p.done, total: p.total })}</span>
          <Progress percent={percent} size="small" style={{ width: 160, margin: 0 }} />
        </Space>
      }
      style={{ marginBottom: 12 }}
    />
  );
}
