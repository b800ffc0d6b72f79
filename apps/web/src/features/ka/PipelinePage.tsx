import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import type { OpportunityDetail } from '@crm/contracts';
import {
  Button,
  Card,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Tag,
  TreeSelect,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { buildOrgTree, useOrgUnits } from '../../api/shared';
import { useAuth } from '../../auth';
import { NoWrap } from '../../components/columns';
import { formatDate, formatFen, yuanToFen } from '../../format';
import { enumOptions, useLocale, useT } from '../../i18n';
import { CustomerSelect } from '../customers/CustomerSelect';
import { useKaMutation, usePipeline } from './api';
import { AmPicker, stageColors } from './shared';

/** The pipeline board: one column per stage, per AM or per org unit. */
export function PipelinePage() {
  const t = useT();
  const { locale } = useLocale();
  const { can, user } = useAuth();
  const [ownerId, setOwnerId] = useState<number | undefined>();
  const [orgUnitId, setOrgUnitId] = useState<number | undefined>();
  const [creating, setCreating] = useState(false);
  const units = useOrgUnits();
  const q = usePipeline({ ownerId, orgUnitId });
  return (
    <PageContainer
      title={t('ka.pipeline.title')}
      extra={
        <Space wrap>
          <AmPicker value={ownerId} onChange={setOwnerId} />
          {user?.role !== 'account_manager' ? (
            <TreeSelect
              allowClear
              style={{ width: 200 }}
              placeholder={t('ka.pipeline.orgUnit')}
              treeDefaultExpandAll
              value={orgUnitId}
              onChange={(v) => setOrgUnitId(v ?? undefined)}
              treeData={buildOrgTree(units.data ?? [], locale)}
            />
          ) : null}
          {can('opportunities.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('ka.opp.new')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {/* Seven stage columns share the width (won and lost included) and fit 1440 px; narrower screens scroll. */}
      <div
        data-testid="pipeline-board"
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(7, minmax(140px, 1fr))',
          gap: 8,
          overflowX: 'auto',
          paddingBottom: 8,
        }}
      >
        {(q.data?.stages ?? []).map((s) => (
          <div key={s.stage} style={{ minWidth: 0 }} data-testid={`pipeline-stage-${s.stage}`}>
            <Card
              size="small"
              title={
                <div style={{ lineHeight: 1.3, padding: '4px 0' }}>
                  <Space size={4}>
                    <Tag color={stageColors[s.stage]} style={{ marginInlineEnd: 0 }}>
                      {t(`ka.stage.${s.stage}`)}
                    </Tag>
                    <Typography.Text type="secondary">{s.count}</Typography.Text>
                  </Space>
                  <div style={{ fontSize: 12, fontWeight: 'normal', whiteSpace: 'nowrap' }}>
                    <Typography.Text type="secondary">
                      {formatFen(s.weightedMonthlyFen, { decimals: false })}
                    </Typography.Text>
                  </div>
                </div>
              }
              styles={{
                header: { paddingInline: 8 },
                body: { background: '#f7f8fa', padding: 6, minHeight: 120 },
              }}
              loading={q.isLoading}
            >
              <Space direction="vertical" size={8} style={{ width: '100%' }}>
                {s.items.map((o) => (
                  <Card key={o.id} size="small" hoverable styles={{ body: { padding: 8 } }}>
                    <Link to={`/ka/opportunities/${o.id}`}>
                      <Typography.Text strong>{o.title}</Typography.Text>
                    </Link>
                    <div>
                      <Typography.Text type="secondary">{o.customerName}</Typography.Text>
                      {o.customerStatus === 'prospect' ? (
                        <Typography.Text type="warning"> · {t('ka.opp.prospect')}</Typography.Text>
                      ) : null}
                    </div>
                    <Space size={[8, 0]} wrap style={{ fontSize: 12 }}>
                      <NoWrap>
                        {t('ka.opp.monthly')} {formatFen(o.estMonthlyFen, { decimals: false })}
                      </NoWrap>
                      <NoWrap>{formatDate(o.expectedClose)}</NoWrap>
                      <NoWrap>{o.owner.displayName}</NoWrap>
                    </Space>
                  </Card>
                ))}
              </Space>
            </Card>
          </div>
        ))}
      </div>
      <NewOpportunityDrawer open={creating} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}

type NeedRow = { phase: string; item: string; quantity: number };

function NewOpportunityDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const [mode, setMode] = useState<'customer' | 'prospect'>('customer');
  const create = useKaMutation((body: unknown) => api.post<OpportunityDetail>('/api/ka/opportunities', body));
  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      ...(mode === 'customer'
        ? { customerId: v.customerId }
        : { prospect: { name: v.prospectName, industry: v.industry, organizationType: 'other' } }),
      title: v.title,
      estMonthlyFen: yuanToFen(v.estMonthly ?? 0),
      estOneTimeFen: yuanToFen(v.estOneTime ?? 0),
      expectedClose: v.expectedClose ? v.expectedClose.format('YYYY-MM-DD') : undefined,
      competitor: v.competitor || undefined,
      needs: ((v.needs ?? []) as NeedRow[]).filter((n) => n?.phase && n?.item && n?.quantity),
    };
    const res = await create.mutateAsync(body);
    form.resetFields();
    onClose();
    navigate(`/ka/opportunities/${res.id}`);
  };
  return (
    <Drawer
      title={t('ka.opp.new')}
      width={560}
      open={open}
      onClose={onClose}
      extra={
        <Button type="primary" loading={create.isPending} onClick={submit}>
          {t('common.save')}
        </Button>
      }
    >
      <Form form={form} layout="vertical">
        <Radio.Group value={mode} onChange={(e) => setMode(e.target.value)} style={{ marginBottom: 16 }}>
          <Radio.Button value="customer">{t('ka.opp.existingCustomer')}</Radio.Button>
          <Radio.Button value="prospect">{t('ka.opp.newProspect')}</Radio.Button>
        </Radio.Group>
        {mode === 'customer' ? (
          <Form.Item name="customerId" label={t('ka.customer')} rules={[{ required: true }]}>
            <CustomerSelect />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="prospectName" label={t('ka.opp.prospectName')} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="industry" label={t('ka.opp.industry')}>
              <Select allowClear options={enumOptions(t, 'industry')} />
            </Form.Item>
          </>
        )}
        <Form.Item name="title" label={t('ka.opp.titleLabel')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Space>
          <Form.Item name="estMonthly" label={t('ka.opp.estMonthlyYuan')}>
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="estOneTime" label={t('ka.opp.estOneTimeYuan')}>
            <InputNumber min={0} style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Space>
          <Form.Item name="expectedClose" label={t('ka.opp.expectedClose')}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="competitor" label={t('ka.opp.competitor')}>
            <Input maxLength={100} />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t('ka.opp.needs')}</Typography.Title>
        <Form.List name="needs">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'phase']}>
                    <Input placeholder={t('ka.opp.phase')} style={{ width: 120 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'item']}>
                    <Input placeholder={t('ka.opp.item')} style={{ width: 180 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'quantity']}>
                    <InputNumber min={1} placeholder={t('ka.opp.quantity')} />
                  </Form.Item>
                  <Button type="link" onClick={() => remove(f.name)}>
                    {t('common.delete')}
                  </Button>
                </Space>
              ))}
              <Button onClick={() => add()} icon={<PlusOutlined />}>
                {t('ka.opp.addNeed')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Drawer>
  );
}
