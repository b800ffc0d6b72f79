import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import type { ExportJob } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Dropdown, Modal, message, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, buildUrl } from '../../api/client';
import { useAuth } from '../../auth';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { safeHref } from '../../safe-href';

export type ExportButtonProps = {
  entity: 'customers' | 'bills';
  /** The list view's current filters (the same query parameters as its list API, without paging). */
  filters?: Record<string, unknown>;
};

const LIVE = new Set(['queued', 'running']);

/** One export job, polled every second while it is queued or running. */
function useExportJob(id: number | undefined) {
  return useQuery({
    queryKey: ['exports', id],
    queryFn: () => api.get<ExportJob>(`/api/exports/${id}`),
    enabled: Boolean(id),
    refetchInterval: (q) => (!q.state.data || LIVE.has(q.state.data.status) ? 1000 : false),
  });
}

/**
 * Exports the list as .xlsx or .csv through a background job (POST /api/exports/<entity> with the same filters, in
 * the user's data scope, PII masked for roles without pii.read): shows the progress, then offers the file. Hidden
 * without the `data.export` permission.
 */
export function ExportButton({ entity, filters = {} }: ExportButtonProps) {
  const t = useT();
  const { locale } = useLocale();
  const { can } = useAuth();
  const [jobId, setJobId] = useState<number>();
  const [starting, setStarting] = useState(false);
  const job = useExportJob(jobId);
  if (!can('data.export')) return null;
  const { limit: _limit, offset: _offset, current: _current, pageSize: _pageSize, ...rest } = filters;
  const start = async (format: 'xlsx' | 'csv') => {
    setStarting(true);
    try {
      const url = buildUrl(`/api/exports/${entity}`, { ...rest, format, lang: locale === 'en' ? 'en' : 'zh' });
      setJobId((await api.post<ExportJob>(url)).id);
    } catch (err) {
      message.error(apiErrorText(err, t));
    } finally {
      setStarting(false);
    }
  };
  const data = job.data;
  const percent = data?.rowsTotal ? Math.floor((data.rowsDone / data.rowsTotal) * 100) : 0;
  const href = safeHref(data?.downloadUrl);
  return (
    <>
      <Dropdown.Button
        icon={<DownOutlined />}
        loading={starting}
        onClick={() => start('xlsx')}
        menu={{
          items: [
            { key: 'xlsx', label: t('exports.xlsx') },
            { key: 'csv', label: t('exports.csv') },
          ],
          onClick: ({ key }) => start(key as 'xlsx' | 'csv'),
        }}
      >
        <DownloadOutlined /> {t('exports.button')}
      </Dropdown.Button>
      <Modal
        open={jobId !== undefined}
        title={t('exports.job.title')}
        onCancel={() => setJobId(undefined)}
        footer={[
          href ? (
            <Button key="download" type="primary" icon={<DownloadOutlined />} href={href}>
              {t('exports.job.download')}
            </Button>
          ) : null,
          <Button key="close" onClick={() => setJobId(undefined)}>
            {t('exports.job.close')}
          </Button>,
        ]}
      >
        {data ? (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text>
              {t(`exports.job.status.${data.status}`)} · {data.fileName}
            </Typography.Text>
            {data.status === 'failed' || data.status === 'expired' ? (
              <Alert type={data.status === 'failed' ? 'error' : 'warning'} message={t(`exports.job.${data.status}`)} />
            ) : (
              <Progress percent={data.status === 'succeeded' ? 100 : percent} />
            )}
            <Typography.Text type="secondary">
              {t('exports.job.rows', { done: data.rowsDone, total: data.rowsTotal ?? '-' })}
            </Typography.Text>
            {LIVE.has(data.status) && <Typography.Text type="secondary">{t('exports.job.background')}</Typography.Text>}
          </Space>
        ) : (
          <Progress percent={0} status="active" />
        )}
      </Modal>
    </>
  );
}
