import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { type ImportEntity, type ImportError, type ImportRun, importEntities, importFields } from '@crm/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Progress,
  Radio,
  Result,
  Select,
  Space,
  Statistic,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useLocale, useT } from '../../i18n';
import {
  errorReportUrl,
  listImportErrors,
  startCommit,
  startDryRun,
  templateUrl,
  uploadImportFile,
  useImportRun,
} from './api';

const stepOf: Record<ImportRun['status'], number> = {
  uploaded: 1,
  validating: 2,
  invalid: 2,
  validated: 2,
  committing: 3,
  committed: 3,
  failed: 3,
};

function UploadStep() {
  const t = useT();
  const { locale } = useLocale();
  const lang = locale === 'en' ? 'en' : 'zh';
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [entity, setEntity] = useState<ImportEntity>('bills');
  const [busy, setBusy] = useState(false);
  return (
    <Card>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <div>
          <Typography.Text strong>{t('imports.entity')}</Typography.Text>
          <br />
          <Radio.Group value={entity} onChange={(e) => setEntity(e.target.value)} optionType="button">
            {importEntities.map((e) => (
              <Radio.Button key={e} value={e}>
                {t(`imports.entity.${e}`)}
              </Radio.Button>
            ))}
          </Radio.Group>
        </div>
        <Space wrap>
          <Typography.Text type="secondary">{t('imports.template')}</Typography.Text>
          <Button icon={<DownloadOutlined />} href={templateUrl(entity, 'xlsx', lang)}>
            Excel (.xlsx)
          </Button>
          <Button icon={<DownloadOutlined />} href={templateUrl(entity, 'csv', lang)}>
            CSV
          </Button>
        </Space>
        <Upload.Dragger
          accept=".csv,.txt,.xlsx"
          multiple={false}
          showUploadList={false}
          disabled={busy}
          customRequest={async ({ file }) => {
            setBusy(true);
            try {
              const run = await uploadImportFile(entity, file as File);
              navigate(`/imports/${run.id}`);
            } catch (e) {
              message.error(e instanceof ApiError ? e.message : String(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{busy ? t('imports.uploading') : t('imports.drop')}</p>
          <p className="ant-upload-hint">{t('imports.dropHint')}</p>
        </Upload.Dragger>
      </Space>
    </Card>
  );
}

function MappingCard({ run, onStarted }: { run: ImportRun; onStarted: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [mapping, setMapping] = useState(run.mapping);
  const [encoding, setEncoding] = useState(run.encoding ?? 'auto');
  const [busy, setBusy] = useState(false);
  useEffect(() => setMapping(run.mapping), [run.mapping]);
  const options = useMemo(
    () => [
      { value: '', label: t('imports.ignore') },
      ...importFields[run.entity].map((f) => ({
        value: f.key,
        label: `${locale === 'en' ? f.en : f.zh}${f.required ? ' *' : ''}`,
      })),
    ],
    [run.entity, locale, t],
  );
  return (
    <Card title={t('imports.mapping')} size="small">
      {run.format === 'csv' && (
        <Space style={{ marginBottom: 12 }}>
          {t('imports.encoding')}
          <Select
            value={encoding}
            onChange={setEncoding}
            style={{ width: 200 }}
            options={[
              { value: 'auto', label: `${t('imports.encoding.auto')} (${run.detectedEncoding ?? '?'})` },
              { value: 'utf8', label: 'UTF-8' },
              { value: 'gbk', label: 'GBK / GB18030' },
              { value: 'utf16le', label: 'UTF-16' },
            ]}
          />
        </Space>
      )}
      <Table
        size="small"
        pagination={false}
        rowKey="header"
        dataSource={run.headers.map((header) => ({ header }))}
        columns={[
          { title: t('imports.fileColumn'), dataIndex: 'header' },
          {
            title: t('imports.field'),
            render: (_, r) => (
              <Select
                style={{ width: 260 }}
                value={mapping[r.header] ?? ''}
                options={options}
                onChange={(v) => setMapping({ ...mapping, [r.header]: v || null })}
              />
            ),
          },
        ]}
      />
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        loading={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await startDryRun(run.id, { encoding, mapping });
            onStarted();
          } catch (e) {
            message.error(e instanceof ApiError ? e.message : String(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        {t('imports.dryRun')}
      </Button>
    </Card>
  );
}

function ErrorsTable({ run }: { run: ImportRun }) {
  const t = useT();
  const { locale } = useLocale();
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
        <Button icon={<DownloadOutlined />} href={errorReportUrl(run.id, locale === 'en' ? 'en' : 'zh')}>
          {t('imports.errorReport')}
        </Button>
      }
    >
      <Table<ImportError>
        size="small"
        rowKey={(r) => `${r.rowNo}-${r.column}`}
        loading={errors.isLoading}
        dataSource={errors.data?.items}
        pagination={{
          current: page,
          pageSize: 20,
          total: errors.data?.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          { title: t('imports.col.row'), dataIndex: 'rowNo', width: 90 },
          { title: t('imports.col.column'), dataIndex: 'column', width: 180 },
          { title: t('imports.col.value'), dataIndex: 'value', width: 220 },
          { title: t('imports.col.reason'), dataIndex: 'reason' },
        ]}
      />
    </Card>
  );
}

function Counts({ run }: { run: ImportRun }) {
  const t = useT();
  const c = run.counts;
  return (
    <Space size="large" wrap>
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
  );
}

function RunProgress({ run }: { run: ImportRun }) {
  const t = useT();
  const p = run.progress;
  const percent = p?.total ? Math.min(100, Math.floor((p.done / p.total) * 100)) : undefined;
  return (
    <Card size="small" title={t(`imports.status.${run.status}`)}>
      <Progress percent={percent ?? 0} status="active" />
      <Typography.Text type="secondary">
        {t('imports.progress', {
          done: p?.done ?? 0,
          total: p?.total ?? '?',
          rate: p?.rowsPerSecond ?? '—',
          errors: run.counts.errors,
        })}
      </Typography.Text>
    </Card>
  );
}

export function ImportWizardPage() {
  const t = useT();
  const params = useParams();
  const id = params.id ? Number(params.id) : undefined;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { data: run } = useImportRun(id);
  const refresh = () => qc.invalidateQueries({ queryKey: ['imports', id] });
  const busy = run?.status === 'validating' || run?.status === 'committing';
  return (
    <PageContainer title={t('imports.title')} subTitle={t('imports.subtitle')}>
      <Steps
        style={{ marginBottom: 24 }}
        current={run ? stepOf[run.status] : 0}
        items={['upload', 'mapping', 'dryRun', 'commit'].map((s) => ({ title: t(`imports.step.${s}`) }))}
      />
      {!id && <UploadStep />}
      {run && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={3}>
            <Descriptions.Item label={t('imports.file')}>{run.fileName}</Descriptions.Item>
            <Descriptions.Item label={t('imports.entity')}>{t(`imports.entity.${run.entity}`)}</Descriptions.Item>
            <Descriptions.Item label={t('imports.statusLabel')}>{t(`imports.status.${run.status}`)}</Descriptions.Item>
          </Descriptions>
          {run.error && <Alert type="error" showIcon message={run.error} />}
          {busy && <RunProgress run={run} />}
          {['uploaded', 'invalid', 'validated', 'failed'].includes(run.status) && !run.committedAt && (
            <MappingCard run={run} onStarted={refresh} />
          )}
          {run.validatedAt && !busy && <Counts run={run} />}
          {run.status === 'invalid' && <ErrorsTable run={run} />}
          {run.status === 'validated' && (
            <Card size="small" title={t('imports.preview')}>
              <Table
                size="small"
                pagination={false}
                scroll={{ x: true }}
                rowKey="row"
                dataSource={run.preview}
                columns={['row', ...importFields[run.entity].map((f) => f.key)].map((k) => ({
                  title: k,
                  dataIndex: k,
                }))}
              />
              <Button
                type="primary"
                style={{ marginTop: 12 }}
                onClick={async () => {
                  try {
                    await startCommit(run.id);
                    await refresh();
                  } catch (e) {
                    message.error(e instanceof ApiError ? e.message : String(e));
                  }
                }}
              >
                {t('imports.commit', { count: run.counts.inserts + run.counts.updates })}
              </Button>
            </Card>
          )}
          {run.status === 'committed' && (
            <Result
              status="success"
              title={t('imports.done', { count: run.committedRows })}
              extra={[
                <Button key="new" type="primary" onClick={() => navigate('/imports')}>
                  {t('imports.another')}
                </Button>,
                <Button key="history" onClick={() => navigate('/imports/history')}>
                  {t('menu.importHistory')}
                </Button>,
              ]}
            />
          )}
          {run.status === 'invalid' && <Button onClick={() => navigate('/imports')}>{t('imports.uploadFixed')}</Button>}
        </Space>
      )}
    </PageContainer>
  );
}
