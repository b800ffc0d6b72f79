import { PageContainer } from '@ant-design/pro-components';
import type { Notification } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, List, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { type TFunction, useT } from '../../i18n';
import { sd } from './api';

const kindColor = (kind: string) =>
  kind.includes('breach') || kind.includes('overdue') || kind.includes('escalation')
    ? 'red'
    : kind.includes('warning')
      ? 'orange'
      : 'blue';

const ALERT_KINDS = new Set([
  'sla.warning',
  'sla.breach',
  'sla.escalation',
  'sla.update_due',
  'work_order.assigned',
  'work_order.resolved',
  'work_order.overdue',
  'commitment.approval',
  'commitment.approved',
  'commitment.rejected',
  'commitment.overdue',
  'complaint.compensation_approval',
]);

/** The alert in the viewer's language from its kind and data (the stored title is the Chinese fallback). */
function alertText(t: TFunction, n: Notification): string {
  if (!ALERT_KINDS.has(n.kind)) return n.title;
  const d = (n.data ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  return t(`sd.alert.${n.kind}`, {
    ticketNo: str(d.ticketNo),
    metric: d.metric ? t(`sd.metric.${d.metric}`) : '',
    department: str(d.department),
    what: str(d.what),
  });
}

/** My alerts: SLA warnings, breaches and escalations, overdue commitments, approvals, finished work orders. */
export function NotificationsPage() {
  const t = useT();
  const navigate = useNavigate();
  const [unread, setUnread] = useState(true);
  const q = useQuery({
    queryKey: ['sd', 'notifications', unread],
    queryFn: () => sd.notifications({ unread: unread ? 'true' : undefined, limit: 100 }),
    refetchInterval: 30_000,
  });
  const open = async (n: Notification) => {
    if (!n.readAt) await sd.markRead(n.id);
    if (n.link) navigate(n.link);
    else await q.refetch();
  };
  return (
    <PageContainer
      title={
        <Space>
          {t('sd.note.title')}
          <Badge count={q.data?.unread ?? 0} />
        </Space>
      }
      extra={
        <Space>
          <Switch checked={unread} onChange={setUnread} /> {t('sd.note.unread')}
          <Button
            onClick={async () => {
              await sd.markAllRead();
              await q.refetch();
            }}
          >
            {t('sd.note.markAll')}
          </Button>
        </Space>
      }
    >
      <List
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        renderItem={(n) => (
          <List.Item
            actions={[
              <Button key="open" size="small" type="link" onClick={() => open(n)}>
                {t('sd.note.open')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                <Space>
                  <Tag color={kindColor(n.kind)}>{ALERT_KINDS.has(n.kind) ? t(`sd.alertKind.${n.kind}`) : n.kind}</Tag>
                  <span style={{ fontWeight: n.readAt ? 400 : 600 }}>{alertText(t, n)}</span>
                </Space>
              }
              description={formatDateTime(n.createdAt)}
            />
          </List.Item>
        )}
      />
    </PageContainer>
  );
}
