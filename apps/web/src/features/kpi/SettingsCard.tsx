import type { KpiSettings } from '@crm/contracts';
import { kpiFigureKeys } from '@crm/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, InputNumber, message, Space } from 'antd';
import { useEffect } from 'react';
import { api } from '../../api/client';
import { apiErrorText } from '../../forms';
import { useT } from '../../i18n';

/** Managers: the weights of the month's figures (adding up to 100); targets and bonus table are kept as they are. */
export function KpiSettingsCard({ period }: { period: string }) {
  const t = useT();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['kpi', 'settings', period],
    queryFn: () => api.get<KpiSettings>('/api/kpi/settings', { period }),
  });
  const [form] = Form.useForm<Record<string, number>>();
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data.weights);
  }, [settings.data, form]);
  const save = async () => {
    if (!settings.data) return;
    const weights = await form.validateFields().catch(() => null);
    if (!weights) return;
    try {
      const { targets, bonusTable } = settings.data;
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
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" onClick={save}>
          {t('kpi.saveWeights')}
        </Button>
      </Space>
    </Card>
  );
}
