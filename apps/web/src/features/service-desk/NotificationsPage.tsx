import { PageContainer } from '@ant-design/pro-components';
import type { Notification } from '@crm/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, List, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n';
import { sd } from './api';
import { alertText, kindColor, kindLabel } from './notification-text';

/** My alerts: SLA warnings, breaches and escalations, overdue commitments, approvals, finished work orders. */
export function NotificationsPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [unread, setUnread] = useState(true);
  const q = useQuery({
    queryKey: ['sd', 'notifications', unread],
    queryFn: () => sd.notifications({ unread: unread ? 'true' : undefined, limit: 100 }),
    refetchInterval: 30_000,
  });
  const qc = useQueryClient();
  const open = async (n: Notification) => {
    if (!n.readAt) await sd.markRead(n.id);
    void qc.invalidateQueries({ queryKey: ['notifications'] });
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
              void qc.invalidateQueries({ queryKey: ['notifications'] });
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
                  <Tag color={kindColor(n.kind)}>{kindLabel(t, n.kind)}</Tag>
                  <span style={{ fontWeight: n.readAt ? 400 : 600 }}>{alertText(t, n, locale)}</span>
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
