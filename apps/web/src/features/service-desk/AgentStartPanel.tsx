import type { QueuedCall, TicketSummary } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, List, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { sd } from './api';

/**
 * What an agent sees before a number is typed: the calls waiting (answer one from here) and the agent's own open
 * tickets by resolution due time.
 */
export function AgentStartPanel({ onAnswer }: { onAnswer: () => void }) {
  const t = useT();
  const queue = useQuery({ queryKey: ['sd', 'queue'], queryFn: sd.queue, refetchInterval: 15_000 });
  const mine = useQuery({
    queryKey: ['sd', 'tickets', 'mine-open'],
    queryFn: () => sd.tickets({ mine: 'true', open: 'true', limit: 50 }),
  });
  const tickets = [...(mine.data?.items ?? [])].sort((a, b) =>
    (a.resolutionDueAt ?? '9999').localeCompare(b.resolutionDueAt ?? '9999'),
  );
  return (
    <Row gutter={16} data-testid="agent-start">
      <Col xs={24} xxl={10}>
        <Card
          size="small"
          title={t('home.agent.queue')}
          extra={
            queue.data?.length ? (
              <Button size="small" type="primary" onClick={onAnswer}>
                {t('sd.hotline.answerNext')}
              </Button>
            ) : null
          }
          loading={queue.isLoading}
          style={{ marginBottom: 16 }}
        >
          <List<QueuedCall>
            size="small"
            dataSource={queue.data ?? []}
            locale={{ emptyText: t('home.agent.queue.none') }}
            renderItem={(c) => (
              <List.Item>
                <Space size={8} wrap>
                  <Typography.Text className="crm-num" style={{ whiteSpace: 'nowrap' }}>
                    {c.phone}
                  </Typography.Text>
                  <span>{c.customerName ?? t('sd.hotline.unknown')}</span>
                  {c.tier ? <Tag color="gold">{t(`sd.tier.${c.tier}`)}</Tag> : null}
                  <Tag>{t(`sd.type.${c.intent}`)}</Tag>
                  <Typography.Text type="secondary" className="crm-num" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(c.arrivedAt)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} xxl={14}>
        <Card size="small" title={t('home.agent.myTickets')} loading={mine.isLoading}>
          <List<TicketSummary>
            size="small"
            dataSource={tickets}
            locale={{ emptyText: t('home.agent.myTickets.none') }}
            renderItem={(k) => (
              <List.Item>
                <Space size={8} wrap>
                  <Link to={`/service-desk/tickets/${k.id}`} className="crm-num" style={{ whiteSpace: 'nowrap' }}>
                    {k.ticketNo}
                  </Link>
                  <Tag>{t(`sd.status.${k.status}`)}</Tag>
                  <span>{k.title}</span>
                  <Typography.Text type="secondary">{k.customerName ?? '—'}</Typography.Text>
                  {k.resolutionDueAt ? (
                    <Typography.Text type="secondary" className="crm-num" style={{ whiteSpace: 'nowrap' }}>
                      {t('home.agent.due')} {formatDateTime(k.resolutionDueAt)}
                    </Typography.Text>
                  ) : null}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}
