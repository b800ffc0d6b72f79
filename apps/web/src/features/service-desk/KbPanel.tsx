import { DislikeOutlined, LikeOutlined } from '@ant-design/icons';
import type { KbArticle } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, List, message, Space, Typography } from 'antd';
import { useState } from 'react';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { sd } from './api';
import { KbTags } from './KbTags';

/** Knowledge search beside the ticket screen: all terms, articles in the UI language, use an answer (counted), vote. */
export function KbPanel({ ticketId, height }: { ticketId?: number; height?: number }) {
  const t = useT();
  const { locale } = useLocale();
  const [q, setQ] = useState('');
  const [used, setUsed] = useState<Set<number>>(new Set());
  const result = useQuery({
    queryKey: ['sd', 'kb', 'panel', q, locale],
    queryFn: () => sd.kb({ q: q || undefined, locale, limit: 8 }),
  });
  const act = async (fn: () => Promise<KbArticle>, done?: () => void) => {
    try {
      await fn();
      done?.();
      await result.refetch();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  return (
    <Card title={t('sd.kb.title')} size="small" styles={{ body: { maxHeight: height, overflow: 'auto' } }}>
      <Input.Search allowClear placeholder={t('sd.kb.search')} onSearch={setQ} data-testid="kb-search" />
      <List
        loading={result.isLoading}
        dataSource={result.data?.items ?? []}
        renderItem={(a) => (
          <List.Item key={a.id}>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Typography.Text strong>{a.title}</Typography.Text>
              <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ marginBottom: 0 }}>
                {a.body}
              </Typography.Paragraph>
              <Space wrap size={4}>
                <KbTags tags={a.productTags} />
                <Typography.Text type="secondary">{t('sd.kb.usage', { n: a.usageCount })}</Typography.Text>
                <Button
                  size="small"
                  type={used.has(a.id) ? 'default' : 'primary'}
                  disabled={used.has(a.id)}
                  onClick={() =>
                    act(
                      () => sd.recordUse(a.id, ticketId),
                      () => setUsed(new Set(used).add(a.id)),
                    )
                  }
                >
                  {used.has(a.id) ? t('sd.kb.used') : t('sd.kb.use')}
                </Button>
                <Button size="small" icon={<LikeOutlined />} onClick={() => act(() => sd.vote(a.id, true))}>
                  {a.helpfulCount}
                </Button>
                <Button size="small" icon={<DislikeOutlined />} onClick={() => act(() => sd.vote(a.id, false))}>
                  {a.notHelpfulCount}
                </Button>
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
