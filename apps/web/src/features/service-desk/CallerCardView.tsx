import { StarFilled } from '@ant-design/icons';
import type { CallerCard } from '@crm/contracts';
import { Card, Descriptions, Empty, Rate, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { dateTimeColumn, nameColumn, noWrap } from '../../components/columns';
import { formatFen } from '../../format';
import { useLocale, useT } from '../../i18n';
import { isOpenStatus, SlaCountdown, StatusTag, TierTag } from './ui';

/** The identified caller at a glance: who, class and tier, AM, entitlements, what is open, last bills. */
export function CallerCardView({ card }: { card: CallerCard }) {
  const t = useT();
  const { locale } = useLocale();
  const c = card.customer;
  if (!c) return <Empty description={t('sd.hotline.unknown')} />;
  const g = card.grading;
  // Privileges bound by a star level (星级服务: star3-star5), shown as tags beside the class entitlements.
  const starPrivileges = (card.privileges ?? []).filter((p) => /^star\d+$/.test(String(p.tier)));
  return (
    <Card
      size="small"
      data-testid="caller-card"
      title={
        <Space>
          <Link to={`/customers/${c.id}`}>{c.name}</Link>
          <Tag>{t(`sd.category.${c.category}`)}</Tag>
          <TierTag tier={g?.tier ?? null} />
          {g?.stars ? (
            <Tag color="orange" icon={<StarFilled />} data-testid="caller-stars">
              {t('sd.hotline.starTag', { n: g.stars })}
            </Tag>
          ) : null}
          {card.priorityHotline ? <Tag color="red">{t('sd.hotline.priority')}</Tag> : null}
          {g?.importance && <Tag color="volcano">{t(`sd.importance.${g.importance}`)}</Tag>}
        </Space>
      }
      extra={<Typography.Text type="secondary">{c.customerNo}</Typography.Text>}
    >
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={t('ux.caller.who')} span={3}>
          <Typography.Text strong data-testid="caller-who">
            {c.matchedContactName ?? c.name}
          </Typography.Text>{' '}
          <Typography.Text type="secondary">{t(`ux.caller.matchedBy.${c.matchedBy}`)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('sd.hotline.am')}>
          {c.accountManagerName ?? '—'}{' '}
          {c.accountManagerPhone && <Typography.Text type="secondary">{c.accountManagerPhone}</Typography.Text>}
        </Descriptions.Item>
        <Descriptions.Item label={t('sd.hotline.stars')}>
          {g?.stars ? <Rate disabled count={5} value={g.stars} style={{ fontSize: 12 }} /> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('sd.hotline.repairLimit')}>
          {card.repairLimitMinutes ? t('sd.hotline.minutes', { n: card.repairLimitMinutes }) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('sd.hotline.abc')}>{g?.abcClass ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('sd.hotline.entitlements')} span={2}>
          <Space wrap size={4}>
            {card.entitlements.map((e) => (
              <Tag key={e} color="blue">
                {t(`sd.ent.${e}`)}
              </Tag>
            ))}
          </Space>
        </Descriptions.Item>
        {starPrivileges.length > 0 ? (
          <Descriptions.Item label={t('sd.hotline.starPrivileges')} span={3}>
            <Space wrap size={4} data-testid="caller-star-privileges">
              {starPrivileges.map((p) => (
                <Tag key={p.code} color="gold">
                  {locale === 'en' ? p.nameEn : p.nameZh}
                  {p.code === 'points_multiplier' && p.value !== null ? ` ${p.value}%` : ''}
                  {p.allowance !== null && p.remaining !== null
                    ? ` · ${t('sd.hotline.remaining', { n: p.remaining })}`
                    : ''}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Typography.Title level={5}>{t('sd.hotline.openTickets')}</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={card.openTickets}
        columns={[
          {
            title: t('sd.field.ticketNo'),
            dataIndex: 'ticketNo',
            ...noWrap,
            render: (v, r) => <Link to={`/service-desk/tickets/${r.id}`}>{v}</Link>,
          },
          { title: t('sd.field.type'), dataIndex: 'type', render: (v) => t(`sd.type.${v}`) },
          { title: t('sd.field.title'), dataIndex: 'title', ellipsis: true },
          { title: t('sd.field.status'), dataIndex: 'status', ...noWrap, render: (v) => <StatusTag status={v} /> },
          {
            title: t('ux.sla.countdown'),
            dataIndex: 'resolutionDueAt',
            ...noWrap,
            render: (_, r) => (
              <SlaCountdown
                dueAt={r.resolutionDueAt}
                warnAt={r.resolutionWarnAt}
                state={r.resolutionClockState}
                open={isOpenStatus(r.status)}
              />
            ),
          },
          nameColumn(t('sd.field.owner'), 'ownerName'),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('sd.hotline.openCommitments')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={card.openCommitments}
        columns={[
          { title: t('sd.cm.what'), dataIndex: 'what', ellipsis: true },
          nameColumn(t('sd.cm.promiser'), 'promiserName'),
          dateTimeColumn(t('sd.cm.due'), 'dueAt'),
          {
            title: t('sd.field.status'),
            dataIndex: 'status',
            render: (v) => <Tag color={v === 'overdue' ? 'red' : 'blue'}>{t(`sd.cmStatus.${v}`)}</Tag>,
          },
        ]}
      />
      <Space align="start" size={24} style={{ marginTop: 12 }}>
        <div>
          <Typography.Title level={5}>{t('sd.hotline.lastBills')}</Typography.Title>
          {card.lastBills.map((b) => (
            <div key={b.period}>
              {b.period}：{formatFen(b.totalFen)}
              {b.arrearsFen > 0 && <Tag color="red">{formatFen(b.arrearsFen)}</Tag>}
            </div>
          ))}
        </div>
        <div>
          <Typography.Title level={5}>{t('sd.hotline.products')}</Typography.Title>
          <Typography.Text type="secondary" data-testid="caller-product-counts">
            {t('ux.caller.productCounts', {
              total: card.productCounts?.total ?? card.products.length,
              live: card.productCounts?.live ?? card.products.length,
            })}
          </Typography.Text>
          {card.products.slice(0, 6).map((p) => (
            <div key={p.id} style={{ whiteSpace: 'nowrap' }}>
              {p.serviceNumber} · {locale === 'en' ? p.offeringNameEn : p.offeringName}
            </div>
          ))}
          {(card.productCounts?.total ?? card.products.length) > 6 && (
            <Link to={`/customers/${c.id}?tab=products`}>
              {t('ux.caller.allProducts', { n: card.productCounts?.total ?? card.products.length })}
            </Link>
          )}
        </div>
      </Space>
    </Card>
  );
}
