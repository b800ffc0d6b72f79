import { PlayCircleOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Progress, Space, Table, Tag, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import type { GradingRun, Page } from './api';
import { PeriodPicker } from './shared';

const statusColor = { queued: 'default', running: 'processing', succeeded: 'success', failed: 'error' } as const;

/** Start a grading of a period (a durable job) and follow the runs' progress. */
export function RunsPage() {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [period, setPeriod] = useState(dayjs().subtract(1, 'month').format('YYYY-MM'));
  const runs = useQuery({
    queryKey: ['grading', 'runs'],
    queryFn: () => api.get<Page<GradingRun>>('/api/grading/runs', { limit: 50 }),
    // poll while a run is queued or running
    refetchInterval: (q) =>
      q.state.data?.items.some((r) => r.status === 'queued' || r.status === 'running') ? 1500 : false,
  });
  const start = useMutation({
    mutationFn: () => api.post<GradingRun>('/api/grading/runs', { period }),
    onSuccess: () => {
      message.success(t('grading.runs.started'));
      qc.invalidateQueries({ queryKey: ['grading'] });
    },
    onError: (err) => message.error(err.message),
  });

  return (
    <PageContainer
      title={t('grading.runs.title')}
      subTitle={t('grading.runs.subtitle')}
      extra={
        can('grading.manage') ? (
          <Space>
            <PeriodPicker value={period} onChange={(p) => p && setPeriod(p)} />
            <Button
              type="primary"
              icon={<PlayCircleOutlined />}
              loading={start.isPending}
              onClick={() => start.mutate()}
            >
              {t('grading.runs.start')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Card>
        <Table<GradingRun>
          rowKey="id"
          size="middle"
          loading={runs.isLoading}
          dataSource={runs.data?.items ?? []}
          pagination={false}
          columns={[
            { title: '#', dataIndex: 'id', width: 70 },
            { title: t('grading.period'), dataIndex: 'period', width: 100 },
            {
              title: t('grading.rules.status'),
              dataIndex: 'status',
              width: 200,
              render: (_, r) =>
                r.status === 'running' || r.status === 'queued' ? (
                  <Space>
                    <Tag color={statusColor[r.status]}>{t(`grading.runs.status.${r.status}`)}</Tag>
                    <Progress
                      percent={r.progress?.total ? Math.round((100 * r.progress.done) / r.progress.total) : 0}
                      size="small"
                      style={{ width: 80 }}
                    />
                  </Space>
                ) : (
                  <Tooltip title={r.error}>
                    <Tag color={statusColor[r.status]}>{t(`grading.runs.status.${r.status}`)}</Tag>
                  </Tooltip>
                ),
            },
            {
              title: t('grading.runs.trigger'),
              dataIndex: 'trigger',
              width: 100,
              render: (v: string) => t(`grading.runs.trigger.${v}`),
            },
            {
              title: t('grading.runs.ruleSet'),
              dataIndex: 'ruleSetVersion',
              width: 100,
              render: (v: number | null) => (v ? `v${v}` : '—'),
            },
            {
              title: t('grading.runs.graded'),
              dataIndex: 'gradedCount',
              align: 'right',
              render: (v: number | null) => v?.toLocaleString() ?? '—',
            },
            {
              title: t('grading.runs.changed'),
              dataIndex: 'changedCount',
              align: 'right',
              render: (v: number | null) => v?.toLocaleString() ?? '—',
            },
            {
              title: t('grading.runs.duration'),
              dataIndex: 'durationMs',
              align: 'right',
              render: (v: number | null) => (v === null ? '—' : `${(v / 1000).toFixed(1)} s`),
            },
            {
              title: t('grading.runs.createdAt'),
              dataIndex: 'createdAt',
              width: 160,
              render: (v: string) => formatDateTime(v),
            },
          ]}
        />
      </Card>
    </PageContainer>
  );
}
