import { Button, Card, Col, Form, Input, List, message, Row, Select } from 'antd';
import { apiErrorText } from '../../forms';
import { useLocale, useT } from '../../i18n';
import { sd, useDepartments, useInvalidateDesk, useTicketCategories } from './api';

/** The departments work orders are routed to, and the configurable ticket taxonomy. */
export function TaxonomyCard() {
  const t = useT();
  const { locale } = useLocale();
  const departments = useDepartments();
  const categories = useTicketCategories();
  const invalidate = useInvalidateDesk();
  const [deptForm] = Form.useForm();
  const [catForm] = Form.useForm();
  const run = async (fn: () => Promise<unknown>, form: ReturnType<typeof Form.useForm>[0]) => {
    try {
      await fn();
      form.resetFields();
      await invalidate();
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };
  const name = (zh: string, en: string | null) => (locale === 'en' ? (en ?? zh) : zh);
  const parents = (categories.data ?? []).filter((c) => !c.parentId);
  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('sd.admin.departments')}>
          <List
            size="small"
            dataSource={departments.data ?? []}
            renderItem={(d) => (
              <List.Item>
                {name(d.name, d.nameEn)} <code>{d.code}</code>
              </List.Item>
            )}
          />
          <Form form={deptForm} layout="inline" onFinish={(v) => run(() => sd.createDepartment(v), deptForm)}>
            <Form.Item name="code" rules={[{ required: true, pattern: /^[a-z0-9_]{2,32}$/ }]}>
              <Input placeholder="code" style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="name" rules={[{ required: true }]}>
              <Input placeholder={t('sd.admin.name')} style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="nameEn">
              <Input placeholder="English" style={{ width: 140 }} />
            </Form.Item>
            <Button htmlType="submit">{t('sd.admin.add')}</Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('sd.admin.categories')}>
          <List
            size="small"
            dataSource={parents}
            renderItem={(p) => (
              <List.Item>
                <div>
                  <strong>{name(p.nameZh, p.nameEn)}</strong>：
                  {(categories.data ?? [])
                    .filter((c) => c.parentId === p.id)
                    .map((c) => name(c.nameZh, c.nameEn))
                    .join(' · ')}
                </div>
              </List.Item>
            )}
          />
          <Form form={catForm} layout="inline" onFinish={(v) => run(() => sd.createCategory(v), catForm)}>
            <Form.Item name="parentId">
              <Select
                allowClear
                style={{ width: 120 }}
                options={parents.map((p) => ({ value: p.id, label: name(p.nameZh, p.nameEn) }))}
              />
            </Form.Item>
            <Form.Item name="code" rules={[{ required: true }]}>
              <Input placeholder="code" style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="nameZh" rules={[{ required: true }]}>
              <Input placeholder="中文" style={{ width: 110 }} />
            </Form.Item>
            <Form.Item name="nameEn" rules={[{ required: true }]}>
              <Input placeholder="English" style={{ width: 110 }} />
            </Form.Item>
            <Button htmlType="submit">{t('sd.admin.add')}</Button>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}
