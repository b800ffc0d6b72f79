import { DrawerForm } from '@ant-design/pro-components';
import { campaignChannels } from '@crm/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Switch,
  Tag,
  TimePicker,
} from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, newIdempotencyKey } from '../../api/client';
import { useAgents } from '../../api/shared';
import { applyServerErrors, rules } from '../../forms';
import { type TFunction, useT } from '../../i18n';
import { type Campaign, campaignsApi } from './api';
import {
  type CampaignFormValues,
  createBodyOf,
  formValuesOf,
  offerChoices,
  serverFieldsOfPlan,
  TEMPLATE_VARIABLES,
  unknownTemplateVariables,
  updateBodyOf,
} from './campaign-form';

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The draft campaign whose plan is edited; a new campaign when absent. */
  campaign?: Campaign;
  onSaved: (c: Campaign) => void;
};

const range = (t: TFunction, label: string, min: number, max: number): Rule => ({
  validator: (_r, v: unknown) =>
    v === null || v === undefined || (typeof v === 'number' && v >= min && v <= max)
      ? Promise.resolve()
      : Promise.reject(new Error(t('campaigns.form.range', { label, min, max }))),
});
const chosen = (t: TFunction, label: string): Rule => ({
  required: true,
  message: t('campaigns.form.choose', { label }),
});

/** A number field with its allowed range checked next to it (and required). */
function NumberItem(props: {
  name: keyof CampaignFormValues;
  label: string;
  min: number;
  max: number;
  unit?: string;
  precision?: number;
}) {
  const t = useT();
  const { name, label, min, max, unit, precision = 0 } = props;
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[{ required: true, message: t('validation.required', { label }) }, range(t, label, min, max)]}
    >
      <InputNumber style={{ width: '100%' }} precision={precision} addonAfter={unit} />
    </Form.Item>
  );
}

/**
 * Creates a campaign (Idempotency-Key per attempt) or edits a draft's plan (until launch): segment, offer, the
 * segment plan (hold-out, exclusions, frequency cap), the communication plan (channels, agents, start, quiet hours,
 * template) and the measurement (window, costs, value months). Field errors show next to their fields.
 */
export function CampaignFormDrawer({ open, onOpenChange, campaign, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CampaignFormValues>();
  const [formError, setFormError] = useState<string[]>([]);
  const key = useRef(newIdempotencyKey());
  const segments = useQuery({ queryKey: ['campaigns', 'segments'], queryFn: campaignsApi.segments, enabled: open });
  const offers = useQuery({ queryKey: ['campaigns', 'offers'], queryFn: campaignsApi.offers, enabled: open });
  const agents = useAgents(open);
  const channels = Form.useWatch('channels', form) ?? [];
  const offerId = Form.useWatch('offerId', form);
  const today = dayjs().format('YYYY-MM-DD');
  const choices = useMemo(() => offerChoices(offers.data ?? [], today), [offers.data, today]);
  const pendingChosen = choices.find((o) => o.value === offerId)?.status === 'pending';

  useEffect(() => {
    if (!open) return;
    key.current = newIdempotencyKey();
    setFormError([]);
    form.resetFields();
    form.setFieldsValue(formValuesOf(campaign));
  }, [open, form, campaign]);

  const onFinish = async (values: CampaignFormValues) => {
    setFormError([]);
    try {
      let saved: Campaign;
      if (campaign) {
        const body = updateBodyOf(campaign, values);
        if (Object.keys(body).length === 0) return true;
        saved = await campaignsApi.update(campaign.id, body);
      } else {
        saved = await campaignsApi.create(createBodyOf(values), key.current);
        key.current = newIdempotencyKey();
      }
      message.success(t(campaign ? 'common.saved' : 'campaigns.form.created', { name: saved.name }));
      onSaved(saved);
      return true;
    } catch (err) {
      // A failed request releases its key on the server; a network error keeps it so a retry is deduplicated.
      if (err instanceof ApiError && err.status !== 0) key.current = newIdempotencyKey();
      setFormError(applyServerErrors(form, err, t, serverFieldsOfPlan()));
      return false;
    }
  };

  const l = (k: string) => t(`campaigns.form.${k}`);
  const yuan = t('campaigns.form.yuan');
  const section = (k: string) => (
    <Divider orientation="left" plain style={{ margin: '4px 0 12px' }}>
      {l(k)}
    </Divider>
  );
  return (
    <DrawerForm<CampaignFormValues>
      form={form}
      title={campaign ? t('campaigns.form.editTitle', { name: campaign.name }) : l('createTitle')}
      open={open}
      onOpenChange={onOpenChange}
      width={820}
      layout="vertical"
      // The pickers' dayjs values reach onFinish as they are (campaign-form turns them into the plan's strings).
      dateFormatter={false}
      drawerProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
      onFinish={onFinish}
    >
      {formError.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={formError.join('；')} />
      )}
      {section('basics')}
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="name" label={l('name')} rules={[rules.required(t, l('name')), rules.max(t, 100)]}>
            <Input data-testid="campaign-name" maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="segmentId"
            label={l('segment')}
            rules={[chosen(t, l('segment'))]}
            extra={campaign ? l('segmentFixed') : undefined}
          >
            <Select
              disabled={Boolean(campaign)}
              showSearch
              optionFilterProp="label"
              placeholder={t('common.select.placeholder')}
              loading={segments.isLoading}
              options={(segments.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（v${s.version}）` }))}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="offerId" label={l('offer')} extra={l('offerHint')}>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={l('noOffer')}
              loading={offers.isLoading}
              options={choices.map((o) => ({
                value: o.value,
                label: o.name,
                disabled: o.expired,
                title: o.name,
              }))}
              optionRender={(opt) => {
                const o = choices.find((c) => c.value === opt.value);
                return (
                  <Space size={4}>
                    <span>{opt.label}</span>
                    {o?.status === 'pending' && <Tag color="gold">{t('campaigns.offers.status.pending')}</Tag>}
                    {o?.expired && <Tag>{l('offerExpired')}</Tag>}
                  </Space>
                );
              }}
            />
          </Form.Item>
        </Col>
        {pendingChosen && (
          <Col span={24}>
            <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('campaigns.offer.pendingWarning')} />
          </Col>
        )}
      </Row>
      {section('segmentPlan')}
      <Row gutter={16}>
        <Col span={8}>
          <NumberItem name="controlPct" label={l('controlPct')} min={0} max={50} unit="%" />
        </Col>
        <Col span={8}>
          <NumberItem name="recentContactDays" label={l('recentContactDays')} min={0} max={365} unit={l('days')} />
        </Col>
        <Col span={8}>
          <Form.Item name="excludeOpenComplaints" label={l('excludeOpenComplaints')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col span={8}>
          <NumberItem
            name="frequencyCapContacts"
            label={l('frequencyCapContacts')}
            min={0}
            max={100}
            unit={l('times')}
          />
        </Col>
        <Col span={8}>
          <NumberItem name="frequencyCapDays" label={l('frequencyCapDays')} min={1} max={365} unit={l('days')} />
        </Col>
        <Col span={8} style={{ paddingTop: 30 }}>
          <span style={{ color: 'rgba(0,0,0,0.45)' }}>{l('frequencyCapHint')}</span>
        </Col>
      </Row>
      {section('communication')}
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="channels" label={l('channels')} extra={l('channelsHint')}>
            <Checkbox.Group options={campaignChannels.map((c) => ({ value: c, label: t(`campaigns.channel.${c}`) }))} />
          </Form.Item>
        </Col>
        {channels.includes('outbound_call') && (
          <Col span={24}>
            <Form.Item
              name="agentIds"
              label={l('agents')}
              rules={[{ required: true, type: 'array', min: 1, message: l('agentsRequired') }]}
            >
              <Select
                mode="multiple"
                optionFilterProp="label"
                placeholder={t('common.select.placeholder')}
                loading={agents.isLoading}
                options={(agents.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
              />
            </Form.Item>
          </Col>
        )}
        <Col span={8}>
          <Form.Item name="startAt" label={l('startAt')} extra={l('startAtHint')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="quietStart" label={l('quietStart')} rules={[chosen(t, l('quietStart'))]}>
            <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="quietEnd" label={l('quietEnd')} rules={[chosen(t, l('quietEnd'))]} extra={l('quietHint')}>
            <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="template"
            label={l('template')}
            extra={t('campaigns.form.templateHint', { vars: TEMPLATE_VARIABLES.map((v) => `{${v}}`).join(' ') })}
            rules={[
              rules.max(t, 500),
              {
                validator: (_r, v: string | undefined) => {
                  const unknown = unknownTemplateVariables(v ?? '');
                  return unknown.length
                    ? Promise.reject(
                        new Error(
                          t('campaigns.form.templateUnknown', { vars: unknown.map((x) => `{${x}}`).join(' ') }),
                        ),
                      )
                    : Promise.resolve();
                },
              },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Col>
      </Row>
      {section('measurement')}
      <Row gutter={16}>
        <Col span={6}>
          <NumberItem
            name="conversionWindowDays"
            label={l('conversionWindowDays')}
            min={1}
            max={365}
            unit={l('days')}
          />
        </Col>
        <Col span={6}>
          <NumberItem name="valueMonths" label={l('valueMonths')} min={1} max={60} unit={l('months')} />
        </Col>
        <Col span={6}>
          <NumberItem
            name="costPerContactYuan"
            label={l('costPerContact')}
            min={0}
            max={1e10}
            unit={yuan}
            precision={2}
          />
        </Col>
        <Col span={6}>
          <NumberItem name="fixedCostYuan" label={l('fixedCost')} min={0} max={1e10} unit={yuan} precision={2} />
        </Col>
      </Row>
    </DrawerForm>
  );
}
