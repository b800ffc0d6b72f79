import { auditFieldKind, type TimelineEntry, type TimelinePage } from '@crm/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Rate, Space, Statistic, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../../api/client';
import { useAuditLabels, useFieldLabel } from '../../../components/AuditChanges';
import { formatDate, formatDateTime, formatFen } from '../../../format';
import { type TFunction, useLocale, useT } from '../../../i18n';
import { ChurnHeadline } from '../../churn/ChurnHeadline';
import { customerHeadlineQuery } from '../api';

/** Translated `prefix.value`, or the value itself when the catalogue has no label. */
const lbl = (t: TFunction, prefix: string, value: unknown) => {
  if (value === null || value === undefined || value === '') return '—';
  const key = `${prefix}.${String(value)}`;
  const text = t(key);
  return text === key ? String(value) : text;
};

/** Message namespace of each kind's status values. */
const statusPrefix: Record<string, string> = {
  ticket: 'sd.status',
  work_order: 'sd.woStatus',
  commitment: 'sd.cmStatus',
  warning: 'ka.warningStatus',
  opportunity: 'ka.stage',
  order: 'ka.orderStatus',
  survey: 'surveys.status',
  bill: 'timeline.billStatus',
};

/** Where a link target opens in the web app. */
export function timelineHref(link: TimelineEntry['link']): string {
  const c = link.customerId;
  switch (link.to) {
    case 'ticket':
      return `/service-desk/tickets/${link.id}`;
    case 'commitment':
      return '/service-desk/commitments';
    case 'warning':
      return `/ka/warnings?customerId=${c}`;
    case 'opportunity':
      return `/ka/opportunities/${link.id}`;
    case 'order':
      return `/ka/orders/${link.id}`;
    case 'ka_customer':
      return `/ka/accounts/${link.id}`;
    case 'customer_interactions':
      return `/customers/${c}?tab=interactions`;
    case 'customer_surveys':
      return `/customers/${c}?tab=surveys`;
    case 'customer_bills':
      return `/customers/${c}?tab=bills`;
    case 'customer_history':
      return `/customers/${c}?tab=history`;
    default:
      return `/customers/${c}`;
  }
}

function useTitle() {
  const t = useT();
  const audit = useAuditLabels();
  const field = useFieldLabel();
  const { locale } = useLocale();
  return (e: TimelineEntry): string => {
    const p = e.title.params;
    const s = (v: unknown) => (v === null || v === undefined ? '—' : String(v));
    const vars: Record<string, string> = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, s(v)]));
    switch (e.kind) {
      case 'work_order':
        if (locale === 'en' && p.departmentEn) vars.department = s(p.departmentEn);
        break;
      case 'ticket':
        Object.assign(vars, { type: lbl(t, 'sd.type', p.type), channel: lbl(t, 'sd.channel', p.channel) });
        break;
      case 'commitment':
        Object.assign(vars, { type: lbl(t, 'sd.cmType', p.type), dueAt: formatDate(s(p.dueAt)) });
        break;
      case 'warning':
        Object.assign(vars, { rule: lbl(t, 'ka.rule', p.rule), severity: lbl(t, 'ka.severity', p.severity) });
        break;
      case 'opportunity':
        vars.stage = lbl(t, 'ka.stage', p.stage);
        break;
      case 'visit':
        vars.channel = lbl(t, 'ka.visit.channel', p.channel);
        break;
      case 'interaction':
        Object.assign(vars, {
          channel: lbl(t, 'enum.channel', p.channel),
          direction: lbl(t, 'enum.direction', p.direction),
        });
        break;
      case 'survey':
        Object.assign(vars, {
          trigger: lbl(t, 'surveys.trigger', p.trigger),
          channel: lbl(t, 'surveys.channel', p.channel),
        });
        break;
      case 'bill':
        Object.assign(vars, { total: formatFen(Number(p.totalFen)), arrears: formatFen(Number(p.arrearsFen)) });
        break;
      case 'change': {
        const entity = s(p.entity);
        const fields = (Array.isArray(p.fields) ? p.fields : []).filter((f) => auditFieldKind(String(f)) !== 'hidden');
        Object.assign(vars, {
          action: audit.action(s(p.action)),
          entity: audit.entity(entity),
          fields: fields.length ? fields.map((f) => field(f, entity)).join(t('common.listSep')) : '—',
        });
        break;
      }
    }
    // A points movement's action already names points ("账单积分"), so the entity is not repeated.
    const code = e.kind === 'change' && s(p.entity) === 'loyalty_points' ? 'change.recordedAction' : e.title.code;
    const key = `timeline.title.${code}`;
    const text = t(key, vars);
    return text === key ? t('timeline.title.unknown', { kind: lbl(t, 'timeline.kind', e.kind) }) : text;
  };
}

/** The customer's activity across modules, newest first, filtered by kind, with links to each record. */
export function TimelineTab({ customerId }: { customerId: number }) {
  const t = useT();
  const audit = useAuditLabels();
  const title = useTitle();
  const [kinds, setKinds] = useState<string[]>([]);
  const q = useInfiniteQuery({
    queryKey: ['customers', 'timeline', customerId, kinds],
    queryFn: ({ pageParam }) =>
      api.get<TimelinePage>(`/api/customers/${customerId}/timeline`, {
        kinds: kinds.join(',') || undefined,
        cursor: pageParam || undefined,
        limit: 30,
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const available = q.data?.pages[0]?.kinds ?? [];
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  const toggle = (k: string, on: boolean) => setKinds((ks) => (on ? [...ks, k] : ks.filter((x) => x !== k)));
  return (
    <Card data-testid="timeline">
      <Space wrap style={{ marginBottom: 16 }}>
        <Tag.CheckableTag checked={kinds.length === 0} onChange={() => setKinds([])}>
          {t('timeline.filter.all')}
        </Tag.CheckableTag>
        {available.map((k) => (
          <Tag.CheckableTag key={k} checked={kinds.includes(k)} onChange={(on) => toggle(k, on)}>
            {lbl(t, 'timeline.kind', k)}
          </Tag.CheckableTag>
        ))}
      </Space>
      {!q.isLoading && items.length === 0 ? (
        <Empty description={t('timeline.empty')} />
      ) : (
        <Timeline
          items={items.map((e) => ({
            key: e.key,
            children: (
              <div data-testid="timeline-entry">
                <Space size={8} wrap>
                  <Typography.Text type="secondary" className="crm-num" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(e.at)}
                  </Typography.Text>
                  <Tag bordered={false}>{lbl(t, 'timeline.kind', e.kind)}</Tag>
                  {e.status ? <Tag>{lbl(t, statusPrefix[e.kind] ?? `timeline.status.${e.kind}`, e.status)}</Tag> : null}
                  {e.actor ? (
                    <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                      {audit.actor({
                        actorUserId: e.actor.id,
                        actorName: e.actor.displayName,
                        actorDisplayName: e.actor.displayName,
                      })}
                    </Typography.Text>
                  ) : null}
                  <Link to={timelineHref(e.link)}>{t('timeline.open')}</Link>
                </Space>
                <div>{title(e)}</div>
              </div>
            ),
          }))}
        />
      )}
      {q.hasNextPage ? (
        <Button loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
          {t('timeline.loadMore')}
        </Button>
      ) : items.length ? (
        <Typography.Text type="secondary">{t('timeline.end')}</Typography.Text>
      ) : null}
    </Card>
  );
}

/** What matters now: tier and stars, AM, open warnings, tickets and commitments, churn risk and satisfaction. */
export function HeadlineStrip({ customerId }: { customerId: number }) {
  const t = useT();
  const { data } = useQuery(customerHeadlineQuery(customerId));
  if (!data) return null;
  return (
    <Space size={32} wrap data-testid="headline" style={{ marginBottom: 8 }}>
      <Statistic
        title={t('headline.tier')}
        valueRender={() => (
          <Space size={4}>
            {lbl(t, 'ka.tier', data.tier)}
            {data.stars ? <Rate disabled count={5} value={data.stars} style={{ fontSize: 12 }} /> : null}
          </Space>
        )}
      />
      <Statistic
        title={t('headline.am')}
        value={data.accountManager?.displayName ?? t('customers.360.noAccountManager')}
      />
      <Link to={`/ka/warnings?customerId=${customerId}`}>
        <Statistic title={t('headline.warnings')} value={data.openWarnings} />
      </Link>
      <Link to={`/customers/${customerId}?tab=timeline`}>
        <Statistic title={t('headline.tickets')} value={data.openTickets} />
      </Link>
      <Statistic
        title={t('headline.commitments')}
        value={data.openCommitments}
        suffix={
          data.overdueCommitments ? (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('headline.overdue', { n: data.overdueCommitments })}
            </Typography.Text>
          ) : null
        }
      />
      {data.churnRisk ? <ChurnHeadline customerId={customerId} risk={data.churnRisk} /> : null}
      {data.satisfaction ? (
        <Statistic
          title={t(data.satisfaction.measure === 'csat' ? 'headline.satisfaction' : 'headline.recommend')}
          value={data.satisfaction.score}
          suffix={data.satisfaction.measure === 'csat' ? '/ 5' : '/ 10'}
        />
      ) : null}
    </Space>
  );
}
