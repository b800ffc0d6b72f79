import { type ImportEncoding, type ImportRun, importFields } from '@crm/contracts';
import { Alert, App, Button, Card, Select, Space, Table } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { startDryRun } from './api';
import { encodingChoice, encodingChoices, encodingName, fieldLabel, type MappingIssue, mappingIssues } from './wizard';

/** The file's columns mapped to import fields (searchable), the CSV encoding, and the dry-run button. */
export function MappingCard({ run, onStarted }: { run: ImportRun; onStarted: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const lang = locale === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const [mapping, setMapping] = useState(run.mapping);
  const [encoding, setEncoding] = useState<ImportEncoding>(encodingChoice(run));
  const [busy, setBusy] = useState(false);
  useEffect(() => setMapping(run.mapping), [run.mapping]);
  const initialEncoding = encodingChoice(run);
  useEffect(() => setEncoding(initialEncoding), [initialEncoding]);
  const fields = importFields[run.entity];
  const options = useMemo(
    () => [
      { value: '', label: t('imports.ignore') },
      ...fields.map((f) => ({ value: f.key, label: `${fieldLabel(f, lang)}${f.required ? ' *' : ''}` })),
    ],
    [fields, lang, t],
  );
  const issues = mappingIssues(run.entity, mapping);
  const duplicated = new Set(issues.flatMap((i) => (i.kind === 'duplicate' ? i.headers : [])));
  const issueText = (i: MappingIssue) =>
    i.kind === 'duplicate'
      ? t('imports.mappingIssue.duplicate', {
          field: fieldLabel(i.field, lang),
          headers: i.headers.join(lang === 'en' ? ', ' : '、'),
        })
      : i.kind === 'missing'
        ? t('imports.mappingIssue.missing', { field: fieldLabel(i.field, lang) })
        : t('imports.mappingIssue.noKey');
  const detected = run.detectedEncoding ? (encodingName[run.detectedEncoding] ?? run.detectedEncoding) : '?';
  return (
    <Card title={t('imports.mapping')} size="small">
      {run.format === 'csv' && (
        <Space style={{ marginBottom: 12 }}>
          {t('imports.encoding')}
          <Select<ImportEncoding>
            value={encoding}
            onChange={setEncoding}
            style={{ width: 220 }}
            data-testid="import-encoding"
            options={encodingChoices.map((e) => ({
              value: e,
              label: e === 'auto' ? t('imports.encoding.detected', { name: detected }) : encodingName[e],
            }))}
          />
        </Space>
      )}
      <Table
        size="small"
        pagination={false}
        rowKey="header"
        dataSource={run.headers.map((header) => ({ header }))}
        columns={[
          { title: t('imports.fileColumn'), dataIndex: 'header', width: '40%' },
          {
            title: t('imports.field'),
            render: (_, r) => (
              <Select
                showSearch
                optionFilterProp="label"
                style={{ width: 260 }}
                status={duplicated.has(r.header) ? 'error' : undefined}
                value={mapping[r.header] ?? ''}
                options={options}
                onChange={(v) => setMapping({ ...mapping, [r.header]: v || null })}
              />
            ),
          },
        ]}
      />
      {issues.length > 0 && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          message={t('imports.mappingIssues')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {issues.map((i) => (
                <li key={`${i.kind}-${i.kind === 'noKey' ? '' : i.field.key}`}>{issueText(i)}</li>
              ))}
            </ul>
          }
        />
      )}
      <Button
        type="primary"
        style={{ marginTop: 12 }}
        loading={busy}
        disabled={issues.length > 0}
        onClick={async () => {
          setBusy(true);
          try {
            await startDryRun(run.id, { encoding, mapping });
            onStarted();
          } catch (e) {
            message.error(apiErrorText(e, t));
          } finally {
            setBusy(false);
          }
        }}
      >
        {run.validatedAt ? t('imports.dryRunAgain') : t('imports.dryRun')}
      </Button>
    </Card>
  );
}
