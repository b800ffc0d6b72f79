import { PageContainer } from '@ant-design/pro-components';
import type { TicketDetail, TicketStatus } from '@crm/contracts';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  message,
  Result,
  Row,
  Space,
  Spin,
  Timeline,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { sd, useInvalidateDesk, useTicket } from './api';
import { KbPanel } from './KbPanel';
import { TicketAttachmentsCard } from './TicketAttachments';
import { CommitmentsCard, ComplaintCard, WorkOrdersCard } from './TicketPanels';
import { ClockTag, isOpenStatus, SlaCountdown, StatusTag, TierTag } from './ui';

const eventColor = (kind: string) =>
  kind.startsWith('sla_breach') || kind.includes('overdue') || kind === 'sla_escalation'
    ? 'red'
    : kind === 'sla_warning'
      ? 'orange'
      : kind === 'status'
        ? 'blue'
        : 'gray';

function Transitions({ ticket, onDone }: { ticket: TicketDetail; onDone: () => void }) {
  const t = useT();
  const [target, setTarget] = useState<TicketStatus | null>(null);
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await sd.transition(ticket.id, {
        status: target,
        reason: v.reason || undefined,
        customerConfirmed: v.customerConfirmed,
      });
      setTarget(null);
      form.resetFields();
      onDone();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  if (ticket.allowedTransitions.length === 0) return null;
  return (
    <>
      <Space wrap>
        {ticket.allowedTransitions.map((s) => (
          <Button key={s} onClick={() => setTarget(s)} data-testid={`to-${s}`}>
            {t('sd.detail.to', { status: t(`sd.status.${s}`) })}
          </Button>
        ))}
      </Space>
      <Modal
        open={Boolean(target)}
        title={target && t('sd.detail.to', { status: t(`sd.status.${target}`) })}
        onOk={submit}
        onCancel={() => setTarget(null)}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="reason" label={t('sd.field.reason')}>
            <Input.TextArea rows={2} />
          </Form.Item>
          {target === 'closed' && (
            <Form.Item name="customerConfirmed" valuePropName="checked">
              <Checkbox>{t('sd.detail.customerConfirmed')}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

/** One ticket: owner, SLA clocks (warning / breach colours), life-cycle actions, timeline, work orders, complaint. */
export function TicketDetailPage() {
  const t = useT();
  const { locale } = useLocale();
  const id = Number(useParams().id);
  const ticket = useTicket(id);
  const invalidate = useInvalidateDesk();
  const [note] = Form.useForm();
  if (ticket.isLoading) return <Spin style={{ margin: 48 }} />;
  if (!ticket.data) return <Result status="404" title={apiErrorText(ticket.error, t)} />;
  const d = ticket.data;
  const addNote = async (v: { text: string; toCustomer?: boolean }) => {
    try {
      await sd.note(d.id, { text: v.text, toCustomer: Boolean(v.toCustomer) });
      note.resetFields();
      await invalidate();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  return (
    <PageContainer
      title={`${d.ticketNo} ${d.title}`}
      subTitle={<StatusTag status={d.status} />}
      extra={<Transitions ticket={d} onDone={invalidate} />}
    >
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small">
              <Descriptions size="small" column={3}>
                <Descriptions.Item label={t('sd.field.customer')}>
                  {d.customerId === null ? (
                    t('sd.field.unidentifiedCaller')
                  ) : (
                    <Link to={`/customers/${d.customerId}`}>{d.customerName}</Link>
                  )}{' '}
                  <TierTag tier={d.tier} category={d.customerCategory} />
                </Descriptions.Item>
                <Descriptions.Item label={t('sd.field.owner')}>
                  <strong data-testid="ticket-owner">{d.ownerName}</strong>
                </Descriptions.Item>
                <Descriptions.Item label={t('sd.field.type')}>{t(`sd.type.${d.type}`)}</Descriptions.Item>
                <Descriptions.Item label={t('sd.field.channel')}>{t(`sd.channel.${d.channel}`)}</Descriptions.Item>
                <Descriptions.Item label={t('sd.field.severity')}>{t(`sd.severity.${d.severity}`)}</Descriptions.Item>
                <Descriptions.Item label={t('sd.field.category')}>
                  {(locale === 'en' ? d.categoryNameEn : d.categoryName) ?? '—'}
                </Descriptions.Item>
                <Descriptions.Item label={t('sd.field.product')}>{d.serviceNumber ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('sd.field.policy')}>{d.slaPolicyName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('sd.field.requestedResolution')}>
                  {formatDateTime(d.requestedResolutionAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t('sd.field.description')} span={3}>
                  {d.description || '—'}
                </Descriptions.Item>
              </Descriptions>
              <Space wrap style={{ marginTop: 8 }}>
                <span>{t('sd.detail.clocks')}:</span>
                {d.clocks.map((c) => (
                  <Space key={c.metric} size={2}>
                    <ClockTag clock={c} />
                    <SlaCountdown dueAt={c.dueAt} warnAt={c.warnAt} state={c.state} open={isOpenStatus(d.status)} />
                  </Space>
                ))}
              </Space>
            </Card>
            <TicketAttachmentsCard ticket={d} onChange={invalidate} />
            <WorkOrdersCard ticket={d} onChange={invalidate} />
            {d.complaint && <ComplaintCard ticket={d} onChange={invalidate} />}
            <CommitmentsCard ticket={d} />
            <Card size="small" title={t('sd.detail.timeline')}>
              <Timeline
                items={d.events.map((e) => ({
                  key: e.id,
                  color: eventColor(e.kind),
                  children: (
                    <div>
                      <strong>{t(`sd.event.${e.kind}`)}</strong> · {e.actorName} · {formatDateTime(e.at)}
                      {e.toStatus &&
                        ` · ${e.fromStatus ? `${t(`sd.status.${e.fromStatus}`)} → ` : ''}${t(`sd.status.${e.toStatus}`)}`}
                      {e.text && <div style={{ color: '#595959' }}>{e.text}</div>}
                    </div>
                  ),
                }))}
              />
              <Form form={note} layout="inline" onFinish={addNote}>
                <Form.Item name="text" rules={[{ required: true }]} style={{ flex: 1 }}>
                  <Input placeholder={t('sd.detail.note')} />
                </Form.Item>
                <Form.Item name="toCustomer" valuePropName="checked">
                  <Checkbox>{t('sd.detail.toCustomer')}</Checkbox>
                </Form.Item>
                <Button htmlType="submit">{t('sd.detail.note')}</Button>
              </Form>
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <KbPanel ticketId={d.id} height={640} />
        </Col>
      </Row>
    </PageContainer>
  );
}
