import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { type ImportEntity, type ImportRun, importEntities } from '@crm/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Radio, Result, Space, Steps, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { startCommit, templateUrl, uploadImportFile, useImportRun } from './api';
import { MappingCard } from './ImportMappingCard';
import { Counts, ErrorsTable, PreviewTable, RunProgress } from './ImportRunParts';

type StepState = { current: number; status?: 'error' | 'finish' };

/** Where a run stands in the four steps (upload, mapping, dry run, import). */
function stepOf(run: ImportRun | undefined): StepState {
  if (!run) return { current: 0 };
  switch (run.status) {
    case 'uploaded':
      return { current: 1 };
    case 'validating':
      return { current: 2 };
    case 'invalid':
      return { current: 2, status: 'error' };
    case 'validated':
    case 'committing':
      return { current: 3 };
    case 'committed':
      return { current: 3, status: 'finish' };
    case 'failed':
      return { current: run.validatedAt ? 3 : 2, status: 'error' };
  }
}

const isEntity = (v: string | null): v is ImportEntity => importEntities.includes(v as ImportEntity);

function UploadStep() {
  const t = useT();
  const { locale } = useLocale();
  const lang = locale === 'en' ? 'en' : 'zh';
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [search] = useSearchParams();
  const initial = search.get('entity');
  const [entity, setEntity] = useState<ImportEntity>(isEntity(initial) ? initial : 'bills');
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
              message.error(apiErrorText(e, t));
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

/** The preview of a clean dry run and the button that commits it (also resumes a failed commit). */
function CommitCard({ run, onStarted }: { run: ImportRun; onStarted: () => Promise<unknown> }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const resume = run.status === 'failed';
  return (
    <Card size="small" title={t('imports.preview')}>
      <PreviewTable run={run} />
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        loading={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await startCommit(run.id);
            await onStarted();
          } catch (e) {
            message.error(apiErrorText(e, t));
          } finally {
            setBusy(false);
          }
        }}
      >
        {resume ? t('imports.resume') : t('imports.commit', { count: run.counts.inserts + run.counts.updates })}
      </Button>
    </Card>
  );
}

export function ImportWizardPage() {
  const t = useT();
  const params = useParams();
  const id = params.id ? Number(params.id) : undefined;
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { data: run, error } = useImportRun(id);
  const refresh = () => qc.invalidateQueries({ queryKey: ['imports', id] });
  const busy = run?.status === 'validating' || run?.status === 'committing';
  const step = stepOf(run);
  const again = () => navigate(run ? `/imports?entity=${run.entity}` : '/imports');
  // A failed commit of bills may have landed some chunks: it can only be resumed, not validated again.
  const partlyCommitted = run?.status === 'failed' && run.committedRows > 0;
  const canCommit = run?.validatedAt && run.counts.errors === 0 && ['validated', 'failed'].includes(run.status);
  return (
    <PageContainer title={t('imports.title')} subTitle={t('imports.subtitle')}>
      <Steps
        style={{ marginBottom: 24 }}
        current={step.current}
        status={step.status}
        items={['upload', 'mapping', 'dryRun', 'commit'].map((s) => ({ title: t(`imports.step.${s}`) }))}
      />
      {!id && <UploadStep />}
      {id && error && <Alert type="error" showIcon message={apiErrorText(error, t)} />}
      {run && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={3}>
            <Descriptions.Item label={t('imports.file')}>{run.fileName}</Descriptions.Item>
            <Descriptions.Item label={t('imports.entity')}>{t(`imports.entity.${run.entity}`)}</Descriptions.Item>
            <Descriptions.Item label={t('imports.statusLabel')}>{t(`imports.status.${run.status}`)}</Descriptions.Item>
          </Descriptions>
          {run.error && <Alert type={busy ? 'warning' : 'error'} showIcon message={run.error} />}
          {busy && <RunProgress run={run} />}
          {['uploaded', 'invalid', 'validated', 'failed'].includes(run.status) && !partlyCommitted && (
            <MappingCard run={run} onStarted={refresh} />
          )}
          {run.validatedAt && !busy && <Counts run={run} />}
          {run.status === 'invalid' && <ErrorsTable run={run} />}
          {canCommit && <CommitCard run={run} onStarted={refresh} />}
          {run.status === 'committed' && (
            <Result
              status="success"
              title={t('imports.done', { count: run.committedRows.toLocaleString() })}
              extra={[
                <Button key="new" type="primary" onClick={again}>
                  {t('imports.another')}
                </Button>,
                <Button key="history" onClick={() => navigate('/imports/history')}>
                  {t('menu.importHistory')}
                </Button>,
              ]}
            />
          )}
          {run.status === 'invalid' && <Button onClick={again}>{t('imports.uploadFixed')}</Button>}
        </Space>
      )}
    </PageContainer>
  );
}
