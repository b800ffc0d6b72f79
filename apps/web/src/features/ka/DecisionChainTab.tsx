import type { DecisionChain } from '@crm/contracts';
import { Button, Card, Col, Form, List, Row, Select, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { EChart, type EChartsOption } from '../../components/EChart';
import { formatDate } from '../../format';
import { useT } from '../../i18n';
import { useDecisionChain, useKaMutation } from './api';

// The decision chain of a key account: contacts as a map (role, influence, attitude, relationships).

const attitudeColors: Record<string, string> = {
  supporter: '#36b37e',
  neutral: '#1456f0',
  opponent: '#f5222d',
  unknown: '#a0a0a0',
};
const influenceSize: Record<string, number> = { high: 64, medium: 46, low: 32 };

export function ChainTab({ customerId }: { customerId: number }) {
  const t = useT();
  const q = useDecisionChain(customerId);
  const { can } = useAuth();
  const [form] = Form.useForm();
  const profile = useKaMutation((v: { contactId: number; influence: string }) =>
    api.patch(`/api/ka/customers/${customerId}/contacts/${v.contactId}/profile`, { influence: v.influence }),
  );
  const relate = useKaMutation((body: unknown) => api.post(`/api/ka/customers/${customerId}/relationships`, body));
  const contacts = (q.data?.nodes ?? []).map((n) => ({ value: n.contactId, label: n.name }));
  return (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        <Card size="small" title={t('ka.chain.map')} loading={q.isLoading}>
          {can('ka.write') ? (
            <Form
              form={form}
              layout="inline"
              style={{ marginBottom: 8 }}
              onFinish={async (v) => {
                await relate.mutateAsync(v);
                form.resetFields();
              }}
            >
              <Form.Item name="fromContactId" rules={[{ required: true, message: '' }]}>
                <Select placeholder={t('ka.chain.from')} style={{ width: 130 }} options={contacts} />
              </Form.Item>
              <Form.Item name="kind" rules={[{ required: true, message: '' }]}>
                <Select
                  placeholder={t('ka.chain.relation')}
                  style={{ width: 130 }}
                  options={['reports_to', 'influences', 'close_to', 'conflicts_with'].map((k) => ({
                    value: k,
                    label: t(`ka.chain.rel.${k}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name="toContactId" rules={[{ required: true, message: '' }]}>
                <Select placeholder={t('ka.chain.to')} style={{ width: 130 }} options={contacts} />
              </Form.Item>
              <Button htmlType="submit" loading={relate.isPending}>
                {t('ka.chain.addRelation')}
              </Button>
            </Form>
          ) : null}
          {q.data ? <ChainGraph chain={q.data} /> : null}
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('ka.chain.contacts')}>
          <List
            size="small"
            dataSource={q.data?.nodes ?? []}
            renderItem={(n) => (
              <List.Item>
                <Space direction="vertical" size={0}>
                  <Space size={4}>
                    <Typography.Text strong>{n.name}</Typography.Text>
                    <Typography.Text type="secondary">{n.title}</Typography.Text>
                  </Space>
                  <Space size={4} wrap>
                    {n.decisionRole ? <Tag>{t(`enum.decisionRole.${n.decisionRole}`)}</Tag> : null}
                    <Tag color={attitudeColors[n.attitude ?? 'unknown']}>
                      {t(`enum.attitude.${n.attitude ?? 'unknown'}`)}
                    </Tag>
                    {can('ka.write') ? (
                      <Select
                        size="small"
                        value={n.influence}
                        style={{ width: 120 }}
                        onChange={(influence) => profile.mutate({ contactId: n.contactId, influence })}
                        options={['high', 'medium', 'low'].map((i) => ({
                          value: i,
                          label: t(`ka.chain.influence.${i}`),
                        }))}
                      />
                    ) : (
                      <Tag>{t(`ka.chain.influence.${n.influence}`)}</Tag>
                    )}
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('ka.chain.lastVisit')}: {formatDate(n.lastVisitAt)}
                    {n.ourContact ? ` · ${t('ka.chain.ourContact')}: ${n.ourContact.displayName}` : ''}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Col>
    </Row>
  );
}

function ChainGraph({ chain }: { chain: DecisionChain }) {
  const t = useT();
  const option = useMemo<EChartsOption>(
    () => ({
      tooltip: {},
      legend: { data: ['supporter', 'neutral', 'opponent', 'unknown'].map((a) => t(`enum.attitude.${a}`)), bottom: 0 },
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          force: { repulsion: 320, edgeLength: 140 },
          categories: ['supporter', 'neutral', 'opponent', 'unknown'].map((a) => ({
            name: t(`enum.attitude.${a}`),
            itemStyle: { color: attitudeColors[a] },
          })),
          label: { show: true, position: 'bottom', formatter: '{b}' },
          edgeSymbol: ['none', 'arrow'],
          edgeLabel: {
            show: true,
            formatter: (p) => {
              const kind = (p.data as { kind?: string } | null)?.kind;
              return kind ? t(`ka.chain.rel.${kind}`) : '';
            },
            fontSize: 11,
          },
          data: chain.nodes.map((n) => ({
            id: String(n.contactId),
            name: n.name,
            symbolSize: influenceSize[n.influence],
            category: ['supporter', 'neutral', 'opponent', 'unknown'].indexOf(n.attitude ?? 'unknown'),
            value: n.decisionRole ? t(`enum.decisionRole.${n.decisionRole}`) : '',
          })),
          links: chain.edges.map((e) => ({
            source: String(e.fromContactId),
            target: String(e.toContactId),
            kind: e.kind,
          })),
        },
      ],
    }),
    [chain, t],
  );
  return <EChart option={option} height={420} />;
}
