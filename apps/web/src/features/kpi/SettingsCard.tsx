import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { KpiBonusBand, KpiSettings } from '@crm/contracts';
import { kpiFigureKeys } from '@crm/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, InputNumber, message, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';

/**
 * Managers: the weights of the month's figures (adding up to 100) and the score -> bonus coefficient table (from
 * the lowest band up); targets are kept as they are. Saved as a new version effective from the month.
 */
export function KpiSettingsCard({ period }: { period: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['kpi', 'settings', period],
    queryFn: () => api.get<KpiSettings>('/api/kpi/settings', { period }),
  });
  const [form] = Form.useForm<Record<string, number>>();
  const [bonusForm] = Form.useForm<{ bands: KpiBonusBand[] }>();
  useEffect(() => {
    if (settings.data) {
      form.setFieldsValue(settings.data.weights);
      bonusForm.setFieldsValue({ bands: [...settings.data.bonusTable].sort((a, b) => a.minScore - b.minScore) });
    }
  }, [settings.data, form, bonusForm]);
  const save = async () => {
    if (!settings.data) return;
    const weights = await form.validateFields().catch(() => null);
    const bonus = await bonusForm.validateFields().catch(() => null);
    if (!weights || !bonus) return;
    try {
      const { targets } = settings.data;
      const bonusTable = [...bonus.bands].sort((a, b) => a.minScore - b.minScore);
      await api.put('/api/kpi/settings', { effectiveFrom: period, weights, targets, bonusTable });
      message.success(t('kpi.settingsSaved'));
      queryClient.invalidateQueries({ queryKey: ['kpi'] });
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  return (
    <Card title={t('kpi.settings')} style={{ marginTop: 16 }} loading={settings.isLoading}>
      <Form form={form} layout="inline">
        {kpiFigureKeys.map((k) => (
          <Form.Item key={k} name={k} label={t(`kpi.figure.${k}`)} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} />
          </Form.Item>
        ))}
      </Form>
      <Typography.Title level={5} style={{ marginTop: 20 }}>
        {t('kpi.bonusTable')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('kpi.bonusHint')}</Typography.Paragraph>
      <Form form={bonusForm}>
        <Form.List name="bands">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[f.name, 'minScore']} rules={[{ required: true }]}>
                    <InputNumber min={0} max={1000} addonBefore={t('kpi.bonusMinScore')} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'coefficient']} rules={[{ required: true }]}>
                    <InputNumber
                      min={0}
                      max={10}
                      step={0.05}
                      addonBefore={t('kpi.coefficient')}
                      style={{ width: 200 }}
                    />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    disabled={fields.length <= 1}
                    onClick={() => remove(f.name)}
                    aria-label={t('common.delete')}
                  />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add({ minScore: 0, coefficient: 1 })}>
                {t('kpi.bonusAdd')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" onClick={save}>
          {t('kpi.saveSettings')}
        </Button>
      </Space>
    </Card>
  );
}
