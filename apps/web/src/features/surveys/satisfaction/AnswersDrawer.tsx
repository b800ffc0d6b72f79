import { Drawer, Result, Table, Tag } from 'antd';
import { formatDateTime } from '../../../format';
import { apiErrorText } from '../../../forms';
import { useT } from '../../../i18n';
import { type AnswersQuery, useAnswers } from '../analytics-api';
import { CustomerLink } from '../CustomerName';
import { reasonText } from '../labels';
import { nowrap, segLabel } from './shared';

/** The answers behind a cell, 20 a page; the number is masked for roles without personal data. */
export function AnswersDrawer({
  query,
  onChange,
}: {
  query: AnswersQuery | null;
  onChange: (q: AnswersQuery | null) => void;
}) {
  const t = useT();
  const q = useAnswers(query);
  return (
    <Drawer width={960} open={query !== null} onClose={() => onChange(null)} title={t('surveys.sat.answers')}>
      {q.error ? (
        <Result status="error" subTitle={apiErrorText(q.error, t)} />
      ) : (
        <Table
          size="small"
          rowKey="invitationId"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={{
            pageSize: 20,
            total: q.data?.total ?? 0,
            current: query ? query.offset / 20 + 1 : 1,
            showSizeChanger: false,
            onChange: (page) => query && onChange({ ...query, offset: (page - 1) * 20 }),
          }}
          columns={[
            {
              title: t('surveys.sat.answeredAt'),
              dataIndex: 'answeredAt',
              render: (v) => formatDateTime(v),
              onCell: () => ({ style: nowrap }),
            },
            {
              title: t('surveys.sat.customer'),
              key: 'customer',
              render: (_, a) => <CustomerLink customerId={a.customerId} name={a.customerName} />,
              onCell: () => ({ style: nowrap }),
            },
            { title: t('surveys.sat.phone'), dataIndex: 'phone', onCell: () => ({ style: nowrap }) },
            {
              title: t('surveys.sat.channel'),
              dataIndex: 'channel',
              render: (v) => segLabel(t, 'channel', v),
              onCell: () => ({ style: nowrap }),
            },
            { title: 'CSAT', dataIndex: 'csat', align: 'right' },
            {
              title: t('surveys.sat.recommend'),
              dataIndex: 'recommend',
              align: 'right',
              onHeaderCell: () => ({ style: nowrap }),
            },
            {
              title: t('surveys.sat.reasons'),
              key: 'reasons',
              render: (_, a) =>
                a.dissatisfied ? (
                  a.reasons.map((r) => (
                    <Tag key={r} color="red">
                      {reasonText(t, r)}
                    </Tag>
                  ))
                ) : (
                  <Tag color="green">{t('surveys.sat.satisfied')}</Tag>
                ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
