import { DislikeOutlined, LikeOutlined } from '@ant-design/icons';
import type { KbArticle } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Input, List, message, Space, Typography } from 'antd';
import { useState } from 'react';
import { EmptyHint } from '../../components/EmptyHint';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { sd } from './api';
import { KbTags } from './KbTags';

/**
 * Knowledge search beside the ticket screen: all terms, articles in the UI language, use an answer (counted), vote.
 * On a ticket, before anything is typed, it lists the articles suggested for the ticket's text, most relevant first.
 */
export function KbPanel({ ticketId, height }: { ticketId?: number; height?: number }) {
  const t = useT();
  const { locale } = useLocale();
  const [q, setQ] = useState('');
  const [used, setUsed] = useState<Set<number>>(new Set());
  const suggesting = ticketId !== undefined && q === '';
  const result = useQuery({
    queryKey: ['sd', 'kb', 'panel', q, locale, suggesting ? ticketId : null],
    queryFn: () =>
      suggesting && ticketId !== undefined
        ? sd.kbSuggestions({ ticketId, locale, limit: 8 })
        : sd.kb({ q: q || undefined, locale, limit: 8 }),
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
      {suggesting ? (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }} data-testid="kb-suggested">
          {t('sd.kb.suggested')}
        </Typography.Text>
      ) : null}
      <List
        loading={result.isLoading}
        locale={{
          emptyText: <EmptyHint description={suggesting ? t('sd.kb.noSuggestions') : t('sd.kb.noResults')} />,
        }}
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
