import { PlusOutlined } from '@ant-design/icons';
import {
  ModalForm,
  ProFormDateTimePicker,
  ProFormRadio,
  ProFormSelect,
  ProFormTextArea,
} from '@ant-design/pro-components';
import type { Interaction } from '@crm/contracts';
import { Button, Card, Empty, Space, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useAuth } from '../../../auth';
import { EnumTag } from '../../../components/EnumTag';
import { formatDateTime } from '../../../format';
import { rules } from '../../../forms';
import { enumLabel, enumOptions, useT } from '../../../i18n';
import { useCreate } from './useCreate';

type Props = { customerId: number; interactions: Interaction[]; onChanged: () => Promise<void> };
type Values = { channel: string; direction: string; summary: string; occurredAt?: Dayjs };

const channelColor: Record<string, string> = { visit: 'green', phone: 'blue', counter: 'orange', wechat: 'cyan' };

export function InteractionsTab({ customerId, interactions, onChanged }: Props) {
  const t = useT();
  const { can } = useAuth();
  const { form, submit } = useCreate<Values>(`/api/customers/${customerId}/interactions`, onChanged);
  const sorted = [...interactions].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));

  return (
    <Card
      title={t('interactions.title')}
      extra={
        can('interactions.write') ? (
          <ModalForm<Values>
            form={form}
            title={t('interactions.add')}
            trigger={
              <Button type="primary" icon={<PlusOutlined />}>
                {t('interactions.add')}
              </Button>
            }
            initialValues={{ channel: 'phone', direction: 'outbound' }}
            modalProps={{ destroyOnHidden: true, maskClosable: false }}
            submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
            dateFormatter={false}
            onFinish={({ occurredAt, summary, ...values }) =>
              submit({
                ...values,
                summary: summary.trim(),
                occurredAt: occurredAt ? dayjs(occurredAt).format() : undefined,
              })
            }
          >
            <ProFormSelect name="channel" label={t('interactions.field.channel')} options={enumOptions(t, 'channel')} />
            <ProFormRadio.Group
              name="direction"
              label={t('interactions.field.direction')}
              radioType="button"
              options={enumOptions(t, 'direction')}
            />
            <ProFormDateTimePicker
              name="occurredAt"
              label={t('interactions.field.occurredAt')}
              placeholder={t('interactions.occurredAt.now')}
              fieldProps={{ style: { width: '100%' }, format: 'YYYY-MM-DD HH:mm', showTime: { format: 'HH:mm' } }}
            />
            <ProFormTextArea
              name="summary"
              label={t('interactions.field.summary')}
              fieldProps={{ rows: 4, maxLength: 2000, showCount: true }}
              rules={[rules.required(t, t('interactions.field.summary'))]}
            />
          </ModalForm>
        ) : null
      }
    >
      {sorted.length === 0 ? (
        <Empty description={t('interactions.empty')} />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={sorted.map((i) => ({
            key: i.id,
            color: channelColor[i.channel] ?? 'gray',
            children: (
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space size={8} wrap>
                  <Typography.Text strong className="crm-num">
                    {formatDateTime(i.occurredAt)}
                  </Typography.Text>
                  <EnumTag name="channel" value={i.channel} />
                  <Typography.Text type="secondary">{enumLabel(t, 'direction', i.direction)}</Typography.Text>
                  {i.userName ? <Typography.Text type="secondary">· {i.userName}</Typography.Text> : null}
                </Space>
                <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{i.summary}</Typography.Paragraph>
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}
