import { PageContainer } from '@ant-design/pro-components';
import type { CalendarEntry } from '@crm/contracts';
import { Badge, Button, Calendar, Card, Col, List, Row, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { formatDate } from '../../format';
import { useT } from '../../i18n';
import { useCalendar, useKaMutation } from './api';
import { ClubEvents } from './ClubEvents';
import { AmPicker } from './shared';

const kindColors: Record<string, string> = {
  birthday: 'magenta',
  anniversary: 'gold',
  contract_expiry: 'red',
  price_review: 'volcano',
  line_check: 'cyan',
  club_event: 'purple',
  task: 'blue',
};

/** The care calendar of an AM: birthdays, anniversaries, contract expiry, price reviews, line checks, club events. */
export function CalendarPage() {
  const t = useT();
  const { can } = useAuth();
  const [amId, setAmId] = useState<number | undefined>();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [selected, setSelected] = useState<Dayjs>(dayjs());
  const from = month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD');
  const to = month.endOf('month').add(7, 'day').format('YYYY-MM-DD');
  const q = useCalendar(from, to, amId);
  const byDate = new Map<string, CalendarEntry[]>();
  for (const e of q.data ?? []) byDate.set(e.date, [...(byDate.get(e.date) ?? []), e]);
  const makeTask = useKaMutation((e: CalendarEntry) =>
    api.post('/api/ka/tasks', {
      title: `${t(`ka.cal.${e.kind}`)}: ${e.customerName ?? ''} ${e.subject}`.slice(0, 300),
      dueDate: e.date,
      customerId: e.customerId ?? undefined,
      source: 'calendar',
      sourceKey: e.key,
    }),
  );
  const day = byDate.get(selected.format('YYYY-MM-DD')) ?? [];
  return (
    <PageContainer title={t('ka.calendar.title')} extra={<AmPicker value={amId} onChange={setAmId} />}>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card size="small" loading={q.isLoading && !q.data}>
            <Calendar
              value={selected}
              onSelect={(d) => setSelected(d)}
              onPanelChange={(d) => setMonth(d)}
              cellRender={(d, info) => {
                if (info.type !== 'date') return info.originNode;
                const list = byDate.get(d.format('YYYY-MM-DD')) ?? [];
                return (
                  <div>
                    {list.slice(0, 3).map((e) => (
                      <div
                        key={e.key}
                        style={{ fontSize: 11, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
                      >
                        <Badge
                          color={kindColors[e.kind]}
                          text={<span style={{ fontSize: 11 }}>{e.customerName ?? e.subject}</span>}
                        />
                      </div>
                    ))}
                    {list.length > 3 ? (
                      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                        +{list.length - 3}
                      </Typography.Text>
                    ) : null}
                  </div>
                );
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={formatDate(selected.format('YYYY-MM-DD'))}>
            <List
              dataSource={day}
              locale={{ emptyText: t('common.noData') }}
              renderItem={(e) => (
                <List.Item
                  actions={[
                    e.taskId ? (
                      <Tag key="t" color="green">
                        {t('ka.calendar.planned')}
                      </Tag>
                    ) : can('ka.write') && e.kind !== 'task' ? (
                      <Button key="t" size="small" onClick={() => makeTask.mutate(e)} loading={makeTask.isPending}>
                        {t('ka.calendar.toTask')}
                      </Button>
                    ) : null,
                  ]}
                >
                  <Space direction="vertical" size={0}>
                    <Space size={4}>
                      <Tag color={kindColors[e.kind]}>{t(`ka.cal.${e.kind}`)}</Tag>
                      <Typography.Text strong>{e.customerName}</Typography.Text>
                    </Space>
                    <Typography.Text>{calendarDetail(t, e)}</Typography.Text>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
          <div style={{ height: 16 }} />
          <ClubEvents month={month} />
        </Col>
      </Row>
    </PageContainer>
  );
}

function calendarDetail(t: (k: string, v?: Record<string, string | number>) => string, e: CalendarEntry) {
  const d = e.detail;
  switch (e.kind) {
    case 'anniversary':
      return t('ka.cal.detail.anniversary', { years: Number(d.years) });
    case 'contract_expiry':
      return t('ka.cal.detail.contract_expiry', { no: e.subject, days: Number(d.daysBefore), end: String(d.endDate) });
    case 'price_review':
      return t('ka.cal.detail.price_review', { line: e.subject, days: Number(d.daysOverdue ?? 0) });
    case 'club_event':
      return `${e.subject}${d.status ? ` · ${t(`ka.invite.${d.status}`)}` : ''}`;
    default:
      return e.subject;
  }
}
