import { PhoneOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import type { CallerCard, QueuedCall } from '@crm/contracts';
import { Alert, Button, Card, Col, Form, Input, message, Radio, Row, Space, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';
import { AgentStartPanel } from './AgentStartPanel';
import { sd } from './api';
import { CallerCardView } from './CallerCardView';
import { KbPanel } from './KbPanel';
import { TicketForm } from './TicketForm';

/** The hotline agent's screen: identify the caller (or take the next queued call), see the card, open a ticket. */
export function HotlinePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const [phone, setPhone] = useState(params.get('phone') ?? '');
  const [card, setCard] = useState<CallerCard | null>(null);
  const [call, setCall] = useState<QueuedCall | null>(null);
  const [loading, setLoading] = useState(false);

  const identify = async (value: string) => {
    if (!value.trim()) return;
    setLoading(true);
    try {
      setCard(await sd.caller(value));
      setParams({ phone: value }, { replace: true });
    } catch (err) {
      message.error(apiErrorText(err, t));
    } finally {
      setLoading(false);
    }
  };
  const answerNext = async () => {
    try {
      const next = await sd.answerNext();
      if (!next) return message.info(t('sd.hotline.noCall'));
      setCall(next.call);
      setCard(next.card);
      setPhone(next.call.phone);
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  const register = async (v: { name: string; partyType: string; category: string }) => {
    try {
      setCard(await sd.register({ ...v, phone }));
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };

  // Identify once when opened with ?phone= (a CTI screen-pop link).
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on the first render
  useEffect(() => {
    const initial = params.get('phone');
    if (initial) void identify(initial);
  }, []);

  return (
    <PageContainer title={t('sd.hotline.title')}>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card size="small">
              <Space wrap>
                <Input.Search
                  prefix={<PhoneOutlined />}
                  placeholder={t('sd.hotline.phone')}
                  value={phone}
                  onChange={(e) => setPhone(e.target.value)}
                  onSearch={identify}
                  enterButton={t('sd.hotline.lookup')}
                  style={{ width: 360 }}
                  data-testid="caller-phone"
                />
                <Button onClick={answerNext}>{t('sd.hotline.answerNext')}</Button>
              </Space>
            </Card>
            {!card && !loading ? <AgentStartPanel onAnswer={answerNext} /> : null}
            <Spin spinning={loading}>
              {card && !card.identified && (
                <Card size="small" title={t('sd.hotline.register')}>
                  <Alert
                    type="warning"
                    showIcon
                    message={`${t('sd.hotline.unknown')}: ${card.phone}`}
                    style={{ marginBottom: 12 }}
                  />
                  <Form
                    layout="inline"
                    onFinish={register}
                    initialValues={{ partyType: 'individual', category: 'public' }}
                  >
                    <Form.Item name="name" rules={[{ required: true }]}>
                      <Input placeholder={t('sd.hotline.name')} />
                    </Form.Item>
                    <Form.Item name="partyType">
                      <Radio.Group
                        options={[
                          { value: 'individual', label: t('sd.hotline.partyType.individual') },
                          { value: 'organization', label: t('sd.hotline.partyType.organization') },
                        ]}
                      />
                    </Form.Item>
                    <Form.Item name="category">
                      <Radio.Group
                        options={[
                          { value: 'public', label: t('sd.category.public') },
                          { value: 'business', label: t('sd.category.business') },
                        ]}
                      />
                    </Form.Item>
                    <Button type="primary" htmlType="submit">
                      {t('sd.hotline.register')}
                    </Button>
                  </Form>
                </Card>
              )}
              {card?.identified && <CallerCardView card={card} />}
            </Spin>
            {card?.identified && <TicketForm card={card} callId={call?.id} />}
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <KbPanel height={720} />
        </Col>
      </Row>
    </PageContainer>
  );
}
