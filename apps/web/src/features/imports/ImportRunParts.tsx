import { DownloadOutlined } from '@ant-design/icons';
import { type ImportError, type ImportRun, importFields, importReasonZh } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Progress, Space, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useLocale, useT } from '../../i18n';
import { errorReportUrl, listImportErrors } from './api';
import { fieldLabel, type Lang, previewCell } from './wizard';

const useLang = (): Lang => (useLocale().locale === 'en' ? 'en' : 'zh');

/** The rows with errors of a dry run (paged), with the downloadable row report. */
export function ErrorsTable({ run }: { run: ImportRun }) {
  const t = useT();
  const lang = useLang();
  const [page, setPage] = useState(1);
  const errors = useQuery({
    queryKey: ['imports', run.id, 'errors', page, run.validatedAt],
    queryFn: () => listImportErrors(run.id, { limit: 20, offset: (page - 1) * 20 }),
  });
  return (
    <Card
      size="small"
      title={t('imports.errors', { count: run.counts.errors })}
      extra={
        <Button icon={<DownloadOutlined />} href={errorReportUrl(run.id, lang)}>
          {t('imports.errorReport')}
        </Button>
      }
    >
      <Table<ImportError>
        size="small"
        rowKey={(r) => `${r.rowNo}-${r.column}-${r.reason}`}
        loading={errors.isLoading}
        dataSource={errors.data?.items}
        pagination={{
          current: page,
          pageSize: 20,
          total: errors.data?.total,
          onChange: setPage,
          showSizeChanger: false,
          hideOnSinglePage: true,
        }}
        columns={[
          { title: t('imports.col.row'), dataIndex: 'rowNo', width: 90 },
          { title: t('imports.col.column'), dataIndex: 'column', width: 180 },
          { title: t('imports.col.value'), dataIndex: 'value', width: 220, ellipsis: true },
          {
            title: t('imports.col.reason'),
            dataIndex: 'reason',
            render: (_, r) => (lang === 'zh' ? importReasonZh(r.reason) : r.reason),
          },
        ]}
      />
    </Card>
  );
}

/** Rows, inserts, updates, unchanged and error rows of the last dry run. */
export function Counts({ run }: { run: ImportRun }) {
  const t = useT();
  const c = run.counts;
  return (
    <Card size="small">
      <Space size={48} wrap>
        <Statistic title={t('imports.count.rows')} value={c.rows} />
        <Statistic title={t('imports.count.inserts')} value={c.inserts} valueStyle={{ color: '#3f8600' }} />
        <Statistic title={t('imports.count.updates')} value={c.updates} valueStyle={{ color: '#1456f0' }} />
        <Statistic title={t('imports.count.unchanged')} value={c.unchanged} />
        <Statistic
          title={t('imports.count.errors')}
          value={c.errors}
          valueStyle={{ color: c.errors ? '#cf1322' : undefined }}
        />
      </Space>
    </Card>
  );
}

/** Live progress of the running dry run or commit (the run is polled every second). */
export function RunProgress({ run }: { run: ImportRun }) {
  const t = useT();
  const p = run.progress;
  const started = p !== null && (p.done > 0 || p.total !== null);
  const percent = p?.total ? Math.min(100, Math.floor((p.done / p.total) * 100)) : undefined;
  const vars = {
    done: (p?.done ?? 0).toLocaleString(),
    total: (p?.total ?? 0).toLocaleString(),
    rate: p?.rowsPerSecond && p.done > 0 ? p.rowsPerSecond.toLocaleString() : '—',
    errors: run.counts.errors.toLocaleString(),
  };
  return (
    <Card size="small" title={t(`imports.status.${run.status}`)}>
      <Progress percent={percent ?? 0} status="active" showInfo={percent !== undefined} />
      <Typography.Text type="secondary" data-testid="import-progress">
        {!started ? t('imports.waiting') : p?.total ? t('imports.progress', vars) : t('imports.progressNoTotal', vars)}
      </Typography.Text>
    </Card>
  );
}

/** The first rows as they will be imported: field labels, enum labels and amounts in yuan. */
export function PreviewTable({ run }: { run: ImportRun }) {
  const t = useT();
  const lang = useLang();
  const fields = importFields[run.entity];
  return (
    <Table
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowKey="row"
      dataSource={run.preview}
      columns={[
        { title: t('imports.col.row'), dataIndex: 'row', fixed: 'left', width: 64 },
        ...fields.map((f) => ({
          title: fieldLabel(f, lang),
          dataIndex: f.key,
          align: f.kind === 'yuan' ? ('right' as const) : undefined,
          onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
          onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
          render: (_: unknown, r: Record<string, string | null>) => previewCell(f, r[f.key], lang),
        })),
      ]}
    />
  );
}
