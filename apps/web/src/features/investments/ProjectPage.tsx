import { PageContainer } from '@ant-design/pro-components';
import type { InvestmentEvaluation } from '@crm/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Modal,
  Row,
  Space,
  Statistic,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useAuth } from '../../auth';
import { NoWrap } from '../../components/columns';
import { formatDateTime, formatFen } from '../../format';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { invApi, useInvMutation, useProject, useRealised } from './api';
import { CashFlowChart } from './CashFlowChart';
import { EvaluationEditor } from './EvaluationEditor';
import { InvStatusTag, nowrap, paybackText, percentBp } from './shared';

type Act = { kind: 'forward' | 'return' | 'approve' | 'reject'; evaluationId: number };

/**
 * One investment project: every evaluation version (S5: the rejected first and the approved second stay visible),
 * compared side by side, the selected version's figures, cash-flow chart and approval steps with reasons, the
 * actions of the signed-in user's step, and the realised payback (billed revenue against the plan).
 */
export function ProjectPage() {
  const t = useT();
  const { id } = useParams();
  const projectId = Number(id);
  const { can, user } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const project = useProject(projectId);
  const evaluations = project.data?.evaluations ?? [];
  const hasApproved = evaluations.some((e) => e.status === 'approved');
  const realised = useRealised(projectId, hasApproved);
  const [selected, setSelected] = useState<number>();
  const [editing, setEditing] = useState(false);
  const [act, setAct] = useState<Act>();
  const [note, setNote] = useState('');

  useEffect(() => {
    if (params.get('edit') === '1' && project.data) {
      setEditing(true);
      setParams({}, { replace: true });
    }
  }, [params, project.data, setParams]);

  const byVersion = Number(params.get('version')) || undefined;
  const current: InvestmentEvaluation | undefined =
    evaluations.find((e) => e.id === selected) ??
    evaluations.find((e) => e.version === byVersion) ??
    evaluations[evaluations.length - 1];
  const latest = evaluations[evaluations.length - 1];
  const pending = evaluations.some((e) => e.status === 'submitted' || e.status === 'reviewed');

  const submit = useInvMutation((evaluationId: number) => invApi.submit(evaluationId));
  const step = useInvMutation(async (a: Act & { note?: string }) =>
    a.kind === 'forward' || a.kind === 'return'
      ? invApi.review(a.evaluationId, a.kind, a.note)
      : invApi.decide(a.evaluationId, a.kind, a.note),
  );
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      message.success(t(ok));
      return true;
    } catch (err) {
      message.error(apiErrorText(err, t));
      return false;
    }
  };

  const compareSeries = useMemo(
    () =>
      evaluations.map((e) => ({
        name: `${t('inv.versionN', { n: e.version })} · ${t(`inv.status.${e.status}`)}`,
        cumulative: e.cashFlow.map((m) => m.cumulativeFen),
      })),
    [evaluations, t],
  );

  if (project.isError) return <Empty description={t('common.error.notFound')} />;
  const p = project.data;
  const mine = current && user && current.createdBy === user.id;

  const actions = current && (
    <Space>
      {current.status === 'draft' && can('investments.write') && (
        <Button type="primary" onClick={() => run(() => submit.mutateAsync(current.id), 'inv.submitted')}>
          {t('inv.action.submit')}
        </Button>
      )}
      {current.status === 'submitted' && can('investments.review') && !mine && (
        <>
          <Button type="primary" onClick={() => setAct({ kind: 'forward', evaluationId: current.id })}>
            {t('inv.action.forward')}
          </Button>
          <Button onClick={() => setAct({ kind: 'return', evaluationId: current.id })}>{t('inv.action.return')}</Button>
        </>
      )}
      {current.status === 'reviewed' && can('investments.approve') && !mine && (
        <>
          <Button
            type="primary"
            disabled={!current.rulePasses}
            title={current.rulePasses ? undefined : t('inv.approveBlocked')}
            onClick={() => setAct({ kind: 'approve', evaluationId: current.id })}
          >
            {t('inv.action.approve')}
          </Button>
          <Button danger onClick={() => setAct({ kind: 'reject', evaluationId: current.id })}>
            {t('inv.action.reject')}
          </Button>
        </>
      )}
    </Space>
  );

  const stepsOf = (e: InvestmentEvaluation) => {
    const decided = e.status === 'approved' || e.status === 'rejected';
    const returned = e.status === 'draft' && e.reviewedAt !== null;
    const current = { draft: 0, submitted: 1, reviewed: 2, approved: 3, rejected: 3 }[e.status];
    // "徐东 · 2026-10-27 06:55", the time on one line; the submit step has no name of its own.
    const who = (name: string | null, at: string | null) =>
      at ? (
        <>
          {name ? `${name} · ` : ''}
          <NoWrap>{formatDateTime(at)}</NoWrap>
        </>
      ) : undefined;
    return (
      <Steps
        size="small"
        current={current}
        status={e.status === 'rejected' ? 'error' : decided ? 'finish' : 'process'}
        items={[
          { title: t('inv.stepDraft'), description: who(e.createdByName, e.createdAt) },
          {
            title: t('inv.stepSubmitted'),
            description: who(null, e.submittedAt),
          },
          {
            title: returned ? t('inv.stepReturned') : t('inv.stepReviewed'),
            status: returned ? 'error' : undefined,
            description: (
              <>
                {who(e.reviewedByName, e.reviewedAt)}
                {e.reviewNote && <div>“{e.reviewNote}”</div>}
              </>
            ),
          },
          {
            title:
              e.status === 'rejected'
                ? t('inv.stepRejected')
                : e.status === 'approved'
                  ? t('inv.stepApproved')
                  : t('inv.stepDecision', { level: t(`inv.level.${e.approverLevel}`) }),
            description: (
              <>
                {who(e.decidedByName, e.decidedAt)}
                {e.decisionReason && <div>“{e.decisionReason}”</div>}
              </>
            ),
          },
        ]}
      />
    );
  };

  return (
    <PageContainer
      loading={project.isLoading}
      title={p?.name}
      subTitle={
        p && (
          <Space split="·">
            <Link to={`/customers/${p.customerId}`}>{p.customerName}</Link>
            {p.opportunityId && <Link to={`/ka/opportunities/${p.opportunityId}`}>{t('inv.opportunityLink')}</Link>}
            {p.ownerName && <span>{t('inv.ownerIs', { name: p.ownerName })}</span>}
          </Space>
        )
      }
      extra={
        can('investments.write') && (
          <Button
            type="primary"
            disabled={pending}
            title={pending ? t('inv.pendingBlocks') : undefined}
            onClick={() => setEditing(true)}
          >
            {evaluations.length === 0 ? t('inv.firstEvaluation') : t('inv.newVersion')}
          </Button>
        )
      }
    >
      {p?.description && <Typography.Paragraph type="secondary">{p.description}</Typography.Paragraph>}
      {evaluations.length === 0 ? (
        <Empty description={t('inv.noEvaluations')} />
      ) : (
        <>
          <Card title={t('inv.versions')} style={{ marginBottom: 16 }} size="small">
            <Table<InvestmentEvaluation>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={evaluations}
              rowClassName={(r) => (r.id === current?.id ? 'ant-table-row-selected' : '')}
              onRow={(r) => ({ onClick: () => setSelected(r.id), style: { cursor: 'pointer' } })}
              scroll={{ x: 'max-content' }}
              columns={[
                {
                  title: t('inv.version'),
                  dataIndex: 'version',
                  ...nowrap,
                  render: (v: number) => t('inv.versionN', { n: v }),
                },
                {
                  title: t('inv.status'),
                  dataIndex: 'status',
                  render: (s: InvestmentEvaluation['status']) => <InvStatusTag status={s} />,
                },
                {
                  title: t('inv.capital'),
                  dataIndex: 'capitalFen',
                  align: 'right',
                  ...nowrap,
                  render: (v: number) => formatFen(v),
                },
                {
                  title: t('inv.opex'),
                  dataIndex: 'opexFen',
                  align: 'right',
                  ...nowrap,
                  render: (v: number) => formatFen(v),
                },
                {
                  title: t('inv.totalRevenue'),
                  dataIndex: 'totalRevenueFen',
                  align: 'right',
                  ...nowrap,
                  render: (v: number) => formatFen(v),
                },
                {
                  title: t('inv.surplus'),
                  dataIndex: 'surplusFen',
                  align: 'right',
                  ...nowrap,
                  render: (v: number) => (
                    <Typography.Text type={v < 0 ? 'danger' : undefined}>{formatFen(v)}</Typography.Text>
                  ),
                },
                {
                  title: t('inv.payback'),
                  ...nowrap,
                  render: (_, e) =>
                    `${paybackText(t, e.paybackMonth)} / ${t('inv.monthsN', { n: e.input.termMonths })}`,
                },
                {
                  title: t('inv.npv'),
                  dataIndex: 'npvFen',
                  align: 'right',
                  ...nowrap,
                  render: (v: number) => formatFen(v),
                },
                { title: t('inv.irr'), dataIndex: 'irrBp', ...nowrap, render: (v: number | null) => percentBp(v, t) },
                {
                  title: t('inv.rule'),
                  ...nowrap,
                  render: (_, e) => (
                    <Tag color={e.rulePasses ? 'green' : 'red'}>
                      {t(e.rulePasses ? 'inv.rule.ok' : 'inv.rule.fails')}
                    </Tag>
                  ),
                },
                {
                  title: t('inv.createdAt'),
                  dataIndex: 'createdAt',
                  ...nowrap,
                  render: (v: string) => formatDateTime(v),
                },
                {
                  title: t('inv.decisionReason'),
                  render: (_, e) => e.decisionReason ?? e.reviewNote ?? '',
                },
              ]}
            />
          </Card>
          {current && (
            <Card
              title={`${t('inv.versionN', { n: current.version })} · ${t(`inv.status.${current.status}`)}`}
              extra={actions}
              style={{ marginBottom: 16 }}
            >
              {!current.rulePasses && (
                <Alert
                  type="error"
                  showIcon
                  style={{ marginBottom: 12 }}
                  message={t('inv.ruleFailsTitle')}
                  description={current.ruleReasons.map((r) => t(`inv.reason.${r}`)).join('；')}
                />
              )}
              {stepsOf(current)}
              <Row gutter={24} style={{ marginTop: 20 }}>
                <Col span={9}>
                  <Descriptions size="small" column={1} bordered>
                    {current.input.capital.map((c) => (
                      <Descriptions.Item
                        key={`${c.kind}-${c.label}-${c.amountFen}`}
                        label={t('common.labelValue', { label: t(`inv.kind.${c.kind}`), value: c.label })}
                      >
                        {formatFen(c.amountFen)}
                      </Descriptions.Item>
                    ))}
                    <Descriptions.Item label={t('inv.editor.yearlyOpex')}>
                      {formatFen(current.input.yearlyOpexFen)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('inv.editor.oneOffRevenue')}>
                      {formatFen(current.input.oneOffRevenueFen)}
                    </Descriptions.Item>
                    <Descriptions.Item
                      label={
                        current.input.termRevenueFen !== undefined ? t('inv.editor.term') : t('inv.editor.monthly')
                      }
                    >
                      {formatFen(current.input.termRevenueFen ?? current.input.monthlyRevenueFen ?? 0)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('inv.editor.termMonths')}>
                      {t('inv.monthsN', { n: current.input.termMonths })}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('inv.editor.discountRate')}>
                      {(current.input.discountRateBp / 100).toFixed(2)}%
                    </Descriptions.Item>
                    <Descriptions.Item label={t('inv.approverLevel')}>
                      {t(`inv.level.${current.approverLevel}`)}
                    </Descriptions.Item>
                  </Descriptions>
                </Col>
                <Col span={15}>
                  <Typography.Text strong>{t('inv.cashFlow')}</Typography.Text>
                  <CashFlowChart
                    series={[
                      {
                        name: t('inv.chart.cumulative'),
                        cumulative: current.cashFlow.map((m) => m.cumulativeFen),
                        net: current.cashFlow.map((m) => m.netFen),
                      },
                    ]}
                  />
                </Col>
              </Row>
            </Card>
          )}
          {evaluations.length > 1 && (
            <Card title={t('inv.compare')} style={{ marginBottom: 16 }}>
              <CashFlowChart series={compareSeries} height={280} />
            </Card>
          )}
          {hasApproved && realised.data && (
            <Card title={t('inv.realised')} style={{ marginBottom: 16 }}>
              <Row gutter={24} style={{ marginBottom: 12 }}>
                <Col span={6}>
                  <Statistic title={t('inv.realised.start')} value={realised.data.startPeriod ?? '—'} />
                </Col>
                <Col span={6}>
                  <Statistic title={t('inv.realised.actual')} value={formatFen(realised.data.actualRevenueFen)} />
                </Col>
                <Col span={6}>
                  <Statistic
                    title={t('inv.realised.planned')}
                    value={formatFen(realised.data.plannedRevenueToDateFen)}
                  />
                </Col>
                <Col span={6}>
                  <Statistic
                    title={t('inv.realised.payback')}
                    value={
                      realised.data.realisedPaybackMonth === null
                        ? t('inv.notYetRecovered')
                        : t('inv.monthN', { n: realised.data.realisedPaybackMonth })
                    }
                  />
                </Col>
              </Row>
              {realised.data.months.length === 0 ? (
                <Empty description={t('inv.realised.noBills')} />
              ) : (
                <CashFlowChart
                  firstMonth={realised.data.months[0]?.month ?? 1}
                  series={[
                    {
                      name: t('inv.realised.planLine'),
                      cumulative: realised.data.months.map((m) => m.plannedCumulativeFen),
                    },
                    {
                      name: t('inv.realised.actualLine'),
                      cumulative: realised.data.months.map((m) => m.actualCumulativeFen),
                    },
                  ]}
                />
              )}
            </Card>
          )}
        </>
      )}
      {p && <EvaluationEditor projectId={p.id} base={latest} open={editing} onClose={() => setEditing(false)} />}
      <Modal
        open={Boolean(act)}
        title={act ? t(`inv.action.${act.kind}`) : ''}
        okText={act ? t(`inv.action.${act.kind}`) : ''}
        okButtonProps={{ danger: act?.kind === 'reject', disabled: act?.kind === 'reject' && !note.trim() }}
        confirmLoading={step.isPending}
        onCancel={() => {
          setAct(undefined);
          setNote('');
        }}
        onOk={async () => {
          if (!act) return;
          const ok = await run(() => step.mutateAsync({ ...act, note: note.trim() || undefined }), 'inv.stepDone');
          if (ok) {
            setAct(undefined);
            setNote('');
          }
        }}
        destroyOnClose
      >
        <Typography.Paragraph type="secondary">
          {act?.kind === 'reject' ? t('inv.reasonRequired') : t('inv.noteOptional')}
        </Typography.Paragraph>
        <Input.TextArea rows={4} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </PageContainer>
  );
}
