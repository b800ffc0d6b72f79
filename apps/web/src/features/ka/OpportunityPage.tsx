import { PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import type { OpportunityDetail } from '@crm/contracts';
import { opportunityStages } from '@crm/contracts';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Row,
  Select,
  Space,
  Steps,
  Table,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useAuth } from '../../auth';
import { dateColumn } from '../../components/columns';
import { formatDate, formatDateTime, formatFen } from '../../format';
import { useT } from '../../i18n';
import { fileToBase64, useKaMutation, useOpportunity } from './api';
import { OpportunityEditButton } from './OpportunityEditModal';
import { OptionsComparison } from './OptionsComparison';
import { StageTag } from './shared';

/** One opportunity: stage, needs by phase, attachments, progress notes and the solution options. */
export function OpportunityPage() {
  const t = useT();
  const id = Number(useParams().id);
  const q = useOpportunity(id);
  const o = q.data;
  const { can } = useAuth();
  const writable = can('opportunities.write') && o && o.stage !== 'won';
  return (
    <PageContainer
      loading={q.isLoading}
      title={o?.title}
      subTitle={o ? <Link to={`/ka/accounts/${o.customerId}`}>{o.customerName}</Link> : null}
      tags={o ? <StageTag stage={o.stage} /> : undefined}
      extra={
        o && writable ? (
          <Space>
            <OpportunityEditButton o={o} />
            <StageControl o={o} />
          </Space>
        ) : null
      }
      onBack={() => history.back()}
    >
      {o ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Card size="small">
            <Steps
              size="small"
              current={Math.max(0, opportunityStages.indexOf(o.stage === 'lost' ? 'negotiation' : o.stage))}
              status={o.stage === 'lost' ? 'error' : o.stage === 'won' ? 'finish' : 'process'}
              items={opportunityStages.filter((s) => s !== 'lost').map((s) => ({ title: t(`ka.stage.${s}`) }))}
            />
            <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 16 }}>
              <Descriptions.Item label={t('ka.opp.owner')}>{o.owner.displayName}</Descriptions.Item>
              <Descriptions.Item label={t('ka.opp.monthly')}>{formatFen(o.estMonthlyFen)}</Descriptions.Item>
              <Descriptions.Item label={t('ka.opp.oneTime')}>{formatFen(o.estOneTimeFen)}</Descriptions.Item>
              <Descriptions.Item label={t('ka.opp.expectedClose')}>{formatDate(o.expectedClose)}</Descriptions.Item>
              <Descriptions.Item label={t('ka.opp.competitor')}>{o.competitor ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('ka.opp.probability')}>{o.probability}%</Descriptions.Item>
              {o.description ? (
                <Descriptions.Item label={t('ka.oppEdit.description')} span="filled">
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{o.description}</Typography.Text>
                </Descriptions.Item>
              ) : null}
              {o.lostReason ? (
                <Descriptions.Item label={t('ka.opp.lostReason')}>{o.lostReason}</Descriptions.Item>
              ) : null}
              {o.orderId ? (
                <Descriptions.Item label={t('ka.order')}>
                  <Link to={`/ka/orders/${o.orderId}`}>{t('ka.opp.viewOrder')}</Link>
                </Descriptions.Item>
              ) : null}
            </Descriptions>
          </Card>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Needs o={o} writable={Boolean(writable)} />
            </Col>
            <Col xs={24} xl={12}>
              <Attachments o={o} writable={Boolean(writable)} />
            </Col>
          </Row>
          <OptionsComparison o={o} writable={Boolean(writable) && o.stage !== 'lost'} />
          <Notes o={o} writable={can('opportunities.write')} />
        </Space>
      ) : null}
    </PageContainer>
  );
}

function StageControl({ o }: { o: OpportunityDetail }) {
  const t = useT();
  const [lost, setLost] = useState(false);
  const [form] = Form.useForm();
  const change = useKaMutation((body: unknown) => api.post(`/api/ka/opportunities/${o.id}/stage`, body));
  const stages = opportunityStages.filter((s) => s !== 'won' && s !== o.stage);
  return (
    <Space>
      <Select
        style={{ width: 160 }}
        placeholder={t('ka.opp.moveTo')}
        value={null}
        options={stages.map((s) => ({ value: s, label: t(`ka.stage.${s}`) }))}
        onChange={(stage) => (stage === 'lost' ? setLost(true) : change.mutate({ stage }))}
      />
      <Modal
        title={t('ka.opp.markLost')}
        open={lost}
        onCancel={() => setLost(false)}
        confirmLoading={change.isPending}
        onOk={async () => {
          const v = await form.validateFields();
          await change.mutateAsync({ stage: 'lost', ...v });
          setLost(false);
        }}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="lostReason" label={t('ka.opp.lostReason')} rules={[{ required: true }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
          <Form.Item name="competitor" label={t('ka.opp.competitor')}>
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

function Needs({ o, writable }: { o: OpportunityDetail; writable: boolean }) {
  const t = useT();
  const [form] = Form.useForm();
  const add = useKaMutation((body: unknown) => api.post(`/api/ka/opportunities/${o.id}/needs`, body));
  const remove = useKaMutation((needId: number) => api.delete(`/api/ka/opportunities/${o.id}/needs/${needId}`));
  return (
    <Card size="small" title={t('ka.opp.needs')}>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={o.needs}
        columns={[
          { title: t('ka.opp.phase'), dataIndex: 'phase' },
          { title: t('ka.opp.item'), dataIndex: 'item' },
          { title: t('ka.opp.quantity'), dataIndex: 'quantity', align: 'right' },
          dateColumn(t('ka.opp.neededBy'), 'neededBy'),
          ...(writable
            ? [
                {
                  key: 'x',
                  render: (_: unknown, r: { id: number }) => (
                    <Button type="link" size="small" onClick={() => remove.mutate(r.id)}>
                      {t('common.delete')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {writable ? (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 8 }}
          onFinish={async (v) => {
            await add.mutateAsync({ ...v, quantity: Number(v.quantity) });
            form.resetFields();
          }}
        >
          <Form.Item name="phase" rules={[{ required: true, message: '' }]}>
            <Input placeholder={t('ka.opp.phase')} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="item" rules={[{ required: true, message: '' }]}>
            <Input placeholder={t('ka.opp.item')} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="quantity" rules={[{ required: true, message: '' }]}>
            <Input type="number" min={1} placeholder={t('ka.opp.quantity')} style={{ width: 90 }} />
          </Form.Item>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} />
        </Form>
      ) : null}
    </Card>
  );
}

function Attachments({ o, writable }: { o: OpportunityDetail; writable: boolean }) {
  const t = useT();
  const upload = useKaMutation(async (file: File) =>
    api.post(`/api/ka/opportunities/${o.id}/attachments`, {
      fileName: file.name,
      contentType: file.type || 'application/octet-stream',
      contentBase64: await fileToBase64(file),
    }),
  );
  return (
    <Card
      size="small"
      title={t('ka.opp.attachments')}
      extra={
        writable ? (
          <Upload
            showUploadList={false}
            accept=".pdf,.png,.jpg,.jpeg,.dwg,.zip,.docx,.xlsx,.txt"
            beforeUpload={(file) => {
              upload.mutate(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>
              {t('ka.opp.upload')}
            </Button>
          </Upload>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('ka.opp.uploadHint')}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={o.attachments}
        locale={{ emptyText: t('common.noData') }}
        renderItem={(a) => (
          <List.Item extra={<Typography.Text type="secondary">{Math.ceil(a.sizeBytes / 1024)} KB</Typography.Text>}>
            <Space>
              <PaperClipOutlined />
              <a href={`/api/ka/opportunities/${o.id}/attachments/${a.id}`} download={a.fileName}>
                {a.fileName}
              </a>
              <Typography.Text type="secondary">
                {a.uploadedByName} · {formatDateTime(a.uploadedAt)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

function Notes({ o, writable }: { o: OpportunityDetail; writable: boolean }) {
  const t = useT();
  const [form] = Form.useForm();
  const add = useKaMutation((body: unknown) => api.post(`/api/ka/opportunities/${o.id}/notes`, body));
  return (
    <Card size="small" title={t('ka.opp.notes')}>
      {writable ? (
        <Form
          form={form}
          layout="inline"
          style={{ marginBottom: 12 }}
          onFinish={async (v) => {
            await add.mutateAsync(v);
            form.resetFields();
          }}
        >
          <Form.Item name="body" rules={[{ required: true, message: '' }]} style={{ flex: 1 }}>
            <Input placeholder={t('ka.opp.notePlaceholder')} />
          </Form.Item>
          <Form.Item name="forwardedTo">
            <Select
              allowClear
              placeholder={t('ka.opp.forwardTo')}
              style={{ width: 160 }}
              options={['business', 'network', 'billing'].map((d) => ({ value: d, label: t(`ka.dept.${d}`) }))}
            />
          </Form.Item>
          <Button htmlType="submit" type="primary" loading={add.isPending}>
            {t('ka.opp.addNote')}
          </Button>
        </Form>
      ) : null}
      <List
        size="small"
        dataSource={o.notes}
        locale={{ emptyText: t('common.noData') }}
        renderItem={(n) => (
          <List.Item>
            <List.Item.Meta
              title={
                <Space size={6}>
                  <span>{n.authorName}</span>
                  <Typography.Text type="secondary">{formatDateTime(n.createdAt)}</Typography.Text>
                  {n.forwardedTo ? (
                    <Typography.Text type="warning">→ {t(`ka.dept.${n.forwardedTo}`)}</Typography.Text>
                  ) : null}
                </Space>
              }
              description={n.body}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
