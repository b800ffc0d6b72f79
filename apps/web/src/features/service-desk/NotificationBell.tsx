import { BellOutlined } from '@ant-design/icons';
import type { Notification } from '@crm/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, List, Popover, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { useLocale, useT } from '../../i18n';
import { sd } from './api';
import { alertText, kindColor, kindLabel } from './notification-text';

const POLL_MS = 30_000;

/**
 * The header bell: the unread count (one cheap request every 30 s while the tab is visible) and, on click, the latest
 * alerts; opening one marks it read and follows its link.
 */
export function NotificationBell() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const count = useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: sd.unreadCount,
    refetchInterval: POLL_MS,
    staleTime: 0,
  });
  const unread = count.data?.unread ?? 0;
  const latest = useQuery({
    queryKey: ['notifications', 'latest', unread],
    queryFn: () => sd.notifications({ limit: 8 }),
    enabled: open,
    staleTime: 0,
  });
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['notifications'] }),
      qc.invalidateQueries({ queryKey: ['sd', 'notifications'] }),
    ]);
  const openOne = async (n: Notification) => {
    setOpen(false);
    if (!n.readAt) await sd.markRead(n.id);
    void refresh();
    if (n.link) navigate(n.link);
  };
  const markAll = async () => {
    await sd.markAllRead();
    await refresh();
  };
  const panel = (
    <div style={{ width: 360 }} data-testid="notification-panel">
      <List<Notification>
        size="small"
        loading={latest.isLoading}
        dataSource={latest.data?.items ?? []}
        locale={{ emptyText: t('bell.empty') }}
        renderItem={(n) => (
          <List.Item style={{ cursor: 'pointer', paddingInline: 4 }} onClick={() => void openOne(n)}>
            <List.Item.Meta
              title={
                <Space size={4} align="start">
                  <Tag color={kindColor(n.kind)} style={{ marginInlineEnd: 0 }}>
                    {kindLabel(t, n.kind)}
                  </Tag>
                  <Typography.Text
                    type={n.readAt ? 'secondary' : undefined}
                    style={{ fontSize: 13, fontWeight: n.readAt ? 400 : 600 }}
                  >
                    {alertText(t, n, locale)}
                  </Typography.Text>
                </Space>
              }
              description={<span style={{ fontSize: 12 }}>{formatDateTime(n.createdAt)}</span>}
            />
          </List.Item>
        )}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', paddingTop: 8, borderTop: '1px solid #f0f0f0' }}>
        <Button size="small" type="link" disabled={unread === 0} onClick={() => void markAll()}>
          {t('bell.markAll')}
        </Button>
        <Link to="/notifications" onClick={() => setOpen(false)}>
          {t('bell.viewAll')}
        </Link>
      </div>
    </div>
  );
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <Space>
          {t('bell.title')}
          {unread > 0 && <Typography.Text type="secondary">{t('bell.unread', { n: unread })}</Typography.Text>}
        </Space>
      }
      content={panel}
    >
      <Badge count={unread} size="small" overflowCount={99} offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined />} aria-label={t('bell.title')} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
