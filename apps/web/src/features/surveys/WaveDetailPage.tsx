import { PageContainer } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  message,
  Popconfirm,
  Radio,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth';
import { nameColumn } from '../../components/columns';
import { formatDateTime } from '../../format';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { ForbiddenPage, NotFoundPage } from '../../pages/ResultPages';
import { type ImportReport, type Question, useWave, useWaveMembers, type WaveMember, wavesApi } from './waves-api';

const memberColor: Record<string, string> = {
  pending: 'blue',
  answered: 'green',
  refused: 'red',
  non_response: 'default',
};

function ScriptQuestion({ q, locale }: { q: Question; locale: string }) {
  const t = useT();
  const label = locale === 'zh-CN' ? q.zh : q.en;
  const opts = (q.options ?? []).map((o) => ({ value: o.code, label: locale === 'zh-CN' ? o.zh : o.en }));
  const rules = q.required ? [{ required: true }] : [];
  if (q.type === 'attribute' || q.type === 'expectation_pair') {
    const [a, b] = q.type === 'attribute' ? ['importance', 'performance'] : ['expected', 'perceived'];
    return (
      <Form.Item label={label} required={q.required}>
        <Space>
          <Form.Item name={[q.code, a]} noStyle>
            <InputNumber min={1} max={10} addonBefore={t(`surveys.call.${a}`)} />
          </Form.Item>
          <Form.Item name={[q.code, b]} noStyle>
            <InputNumber min={1} max={10} addonBefore={t(`surveys.call.${b}`)} />
          </Form.Item>
        </Space>
      </Form.Item>
    );
  }
  return (
    <Form.Item name={q.code} label={label} rules={rules}>
      {q.type === 'recommend' || q.type === 'csat' || q.type === 'rating' ? (
        <Radio.Group
          options={Array.from({ length: q.type === 'recommend' ? 11 : q.type === 'csat' ? 5 : 10 }, (_, i) =>
            q.type === 'recommend' ? i : i + 1,
          ).map((n) => ({ value: n, label: String(n) }))}
          optionType="button"
        />
      ) : q.type === 'single_choice' ? (
        <Radio.Group options={opts} />
      ) : q.type === 'multiple_choice' ? (
        <Checkbox.Group options={opts} />
      ) : (
        <Input.TextArea rows={2} maxLength={2000} />
      )}
    </Form.Item>
  );
}

/**
 * A wave: figures, the call list (mine or all), the phone-script call screen, external file import, closing. Readers
 * of satisfaction (surveys.read: marketing, managers) see the figures and the whole call list; calling, importing and
 * closing belong to the quality department (surveys.manage), calls to the assigned caller.
 */
export function WaveDetailPage() {
  const t = useT();
  const { locale } = useLocale();
  const { can, user } = useAuth();
  const manages = can('surveys.manage');
  const id = Number(useParams().id);
  const queryClient = useQueryClient();
  const wave = useWave(id);
  const [mine, setMine] = useState(manages);
  const members = useWaveMembers(id, mine);
  const [calling, setCalling] = useState<WaveMember | null>(null);
  const [outcome, setOutcome] = useState<string>('answered');
  const [form] = Form.useForm();
  const [importing, setImporting] = useState(false);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [report, setReport] = useState<ImportReport | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['surveys', 'waves'] });
  const w = wave.data;

  const saveCall = async () => {
    if (!calling) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const { note, ...answers } = v;
    const clean = Object.fromEntries(
      Object.entries(answers).filter(
        ([, x]) => x !== undefined && x !== null && x !== '' && !(Array.isArray(x) && x.length === 0),
      ),
    );
    try {
      await wavesApi.recordCall(id, calling.id, {
        outcome,
        note: note || null,
        answers: outcome === 'answered' ? clean : null,
      });
      message.success(t('surveys.call.saved'));
      setCalling(null);
      await refresh();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };

  const runImport = async (commit: boolean) => {
    if (!file) return;
    try {
      const r = await wavesApi.importFile(id, {
        fileName: file.name,
        contentBase64: file.base64,
        mapping: Object.keys(mapping).length ? mapping : undefined,
        commit,
      });
      setReport(r);
      setMapping(r.mapping);
      if (commit) {
        message.success(t('surveys.import.committed', { n: r.inserts + r.updates }));
        await refresh();
      }
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };

  if (wave.error instanceof ApiError && wave.error.status === 403) return <ForbiddenPage />;
  if (wave.error instanceof ApiError && wave.error.status === 404)
    return <NotFoundPage message={t('surveys.wave.notFound')} />;
  const callsFor = (m: WaveMember) =>
    manages && w?.status === 'open' && m.status === 'pending' && (m.assigneeId === user?.id || user?.role === 'admin');

  return (
    <PageContainer
      loading={wave.isLoading}
      title={w?.name}
      subTitle={
        w
          ? `${w.quarter} · ${locale === 'zh-CN' ? w.questionnaire.titleZh : w.questionnaire.titleEn} v${w.questionnaire.version}`
          : ''
      }
      extra={
        manages &&
        w?.status === 'open' && (
          <Space>
            <Button
              onClick={() => {
                setImporting(true);
                setReport(null);
                setFile(null);
                setMapping({});
              }}
            >
              {t('surveys.import.open')}
            </Button>
            <Popconfirm
              title={t('surveys.wave.confirmClose')}
              onConfirm={async () => {
                try {
                  await wavesApi.closeWave(id);
                  await refresh();
                } catch (err) {
                  message.error(apiErrorText(err, t));
                }
              }}
            >
              <Button danger>{t('surveys.wave.close')}</Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {w && (
        <Card style={{ marginBottom: 16 }}>
          <Space size={48} wrap>
            <Statistic title={t('surveys.wave.members')} value={w.figures.members} />
            <Statistic title={t('surveys.wave.answered')} value={w.figures.answered} />
            <Statistic title={t('surveys.wave.refused')} value={w.figures.refused} />
            <Statistic title={t('surveys.wave.nonResponse')} value={w.figures.nonResponse} />
            <Statistic title={t('surveys.wave.attempts')} value={w.figures.attempts} />
            <Statistic
              title={t('surveys.wave.responseRate')}
              value={(w.figures.responseRate * 100).toFixed(1)}
              suffix="%"
            />
            <Statistic
              title={t('surveys.wave.csatMean')}
              value={w.indices.csatN ? w.indices.csatMean.toFixed(2) : '-'}
            />
            <Statistic title="NPS" value={w.indices.npsN ? w.indices.nps.toFixed(1) : '-'} />
          </Space>
        </Card>
      )}
      <Card
        title={t('surveys.wave.callList')}
        extra={
          manages && (
            <Segmented
              value={mine ? 'mine' : 'all'}
              onChange={(v) => setMine(v === 'mine')}
              options={[
                { value: 'mine', label: t('surveys.wave.mine') },
                { value: 'all', label: t('surveys.wave.all') },
              ]}
            />
          )
        }
      >
        <Table<WaveMember>
          rowKey="id"
          size="small"
          loading={members.isLoading}
          dataSource={members.data ?? []}
          columns={[
            { title: t('surveys.wave.customer'), render: (_, m) => `${m.customerName} (${m.customerNo})` },
            { title: t('surveys.wave.phone'), dataIndex: 'phone' },
            {
              title: t('surveys.wave.tier'),
              dataIndex: 'tier',
              render: (x: string | null) => (x ? t(`ka.tier.${x}`) : '-'),
            },
            nameColumn(t('surveys.wave.assignee'), 'assigneeName'),
            {
              title: t('surveys.wave.status'),
              dataIndex: 'status',
              render: (s: string) => <Tag color={memberColor[s]}>{t(`surveys.member.${s}`)}</Tag>,
            },
            { title: t('surveys.wave.attempts'), dataIndex: 'attempts' },
            {
              title: t('surveys.wave.lastOutcome'),
              render: (_, m) =>
                m.lastOutcome ? `${t(`surveys.outcome.${m.lastOutcome}`)} ${formatDateTime(m.lastAttemptAt)}` : '-',
            },
            {
              title: t('common.actions'),
              render: (_, m) =>
                callsFor(m) && (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() => {
                      setCalling(m);
                      setOutcome('answered');
                      form.resetFields();
                    }}
                  >
                    {t('surveys.call.start')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={calling !== null}
        title={calling ? t('surveys.call.title', { name: calling.customerName }) : ''}
        onCancel={() => setCalling(null)}
        onOk={saveCall}
        width={720}
        destroyOnHidden
      >
        {calling && w && (
          <>
            <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
              <Descriptions.Item label={t('surveys.wave.phone')}>{calling.phone ?? '-'}</Descriptions.Item>
              <Descriptions.Item label={t('surveys.wave.attempts')}>{calling.attempts}</Descriptions.Item>
            </Descriptions>
            <Form.Item label={t('surveys.call.outcome')}>
              <Segmented
                value={outcome}
                onChange={(v) => setOutcome(String(v))}
                options={['answered', 'no_answer', 'busy', 'refused'].map((o) => ({
                  value: o,
                  label: t(`surveys.outcome.${o}`),
                }))}
              />
            </Form.Item>
            <Form form={form} layout="vertical">
              {outcome === 'answered' &&
                w.questionnaire.questions.map((q) => <ScriptQuestion key={q.code} q={q} locale={locale} />)}
              <Form.Item name="note" label={t('surveys.call.note')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </Form>
          </>
        )}
      </Modal>
      <Modal
        open={importing}
        title={t('surveys.import.title')}
        onCancel={() => setImporting(false)}
        footer={[
          <Button key="dry" disabled={!file} onClick={() => runImport(false)}>
            {t('surveys.import.dryRun')}
          </Button>,
          <Button key="commit" type="primary" disabled={!report || report.committed} onClick={() => runImport(true)}>
            {t('surveys.import.commit')}
          </Button>,
        ]}
        width={800}
      >
        <Upload
          accept=".csv,.xlsx"
          maxCount={1}
          beforeUpload={(f) => {
            const reader = new FileReader();
            reader.onload = () => {
              const url = String(reader.result);
              setFile({ name: f.name, base64: url.slice(url.indexOf(',') + 1) });
              setReport(null);
              setMapping({});
            };
            reader.readAsDataURL(f);
            return false;
          }}
        >
          <Button>{t('surveys.import.choose')}</Button>
        </Upload>
        {report && (
          <>
            <Table
              size="small"
              style={{ marginTop: 12 }}
              pagination={false}
              rowKey="target"
              dataSource={report.targets.map((target) => ({ target }))}
              columns={[
                { title: t('surveys.import.target'), dataIndex: 'target' },
                {
                  title: t('surveys.import.column'),
                  render: (_, r: { target: string }) => (
                    <Select
                      allowClear
                      style={{ width: 240 }}
                      value={mapping[r.target]}
                      options={report.headers.map((h) => ({ value: h, label: h }))}
                      onChange={(v) =>
                        setMapping((m) => {
                          const next = { ...m };
                          if (v) next[r.target] = v;
                          else delete next[r.target];
                          return next;
                        })
                      }
                    />
                  ),
                },
              ]}
            />
            <Alert
              style={{ marginTop: 12 }}
              type={report.badRows ? 'warning' : 'success'}
              message={t('surveys.import.summary', {
                rows: report.rows,
                valid: report.valid,
                bad: report.badRows,
                inserts: report.inserts,
                updates: report.updates,
                unchanged: report.unchanged,
              })}
            />
            {report.problems.length > 0 && (
              <Table
                size="small"
                rowKey={(p) => `${p.row}:${p.column}:${p.message}`}
                dataSource={report.problems}
                pagination={{ pageSize: 10 }}
                columns={[
                  { title: t('surveys.import.row'), dataIndex: 'row' },
                  { title: t('surveys.import.column'), dataIndex: 'column' },
                  { title: t('surveys.import.problem'), dataIndex: 'message' },
                ]}
              />
            )}
          </>
        )}
      </Modal>
    </PageContainer>
  );
}
