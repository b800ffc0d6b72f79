import {
  DrawerForm,
  ProFormDatePicker,
  ProFormDependency,
  ProFormRadio,
  ProFormSelect,
  ProFormText,
  ProFormTextArea,
  ProFormTreeSelect,
} from '@ant-design/pro-components';
import type { CustomerCreate, CustomerDetail, CustomerUpdate } from '@crm/contracts';
import { Alert, App, Col, Divider, Form } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, api, newIdempotencyKey } from '../../api/client';
import { buildOrgTree, useAccountManagers, useOrgUnits } from '../../api/shared';
import { useAuth } from '../../auth';
import { applyServerErrors, changedFields, compact, rules } from '../../forms';
import { enumOptions, useLocale, useT } from '../../i18n';
import { CustomerSelect } from './CustomerSelect';

type Values = { [field: string]: string | number | null | undefined };

const editable = [
  'name',
  'category',
  'publicSubtype',
  'status',
  'creditCode',
  'idNumber',
  'mobile',
  'email',
  'address',
  'orgUnitId',
  'accountManagerId',
  'industry',
  'coverageLevel',
  'organizationType',
  'sinceDate',
  'referredByCustomerId',
  'parentCustomerId',
  'externalId',
  'occupation',
  'ageBand',
  'incomeBand',
  'notes',
] as const;
const orgOnly = ['creditCode', 'industry', 'coverageLevel', 'organizationType', 'parentCustomerId'];
const individualOnly = ['idNumber', 'occupation', 'ageBand', 'incomeBand'];

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Edit this customer; create a new one when absent. */
  customer?: CustomerDetail;
  onSaved?: (customer: CustomerDetail) => void;
};

export function CustomerFormDrawer({ open, onOpenChange, customer, onSaved }: Props) {
  const t = useT();
  const { locale } = useLocale();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string[]>([]);
  const idempotencyKey = useRef(newIdempotencyKey());
  const orgUnits = useOrgUnits();
  const managers = useAccountManagers();
  const orgTree = useMemo(() => buildOrgTree(orgUnits.data ?? [], locale), [orgUnits.data, locale]);
  const editing = Boolean(customer);

  const initialValues = useMemo<Values>(
    () =>
      customer
        ? Object.fromEntries([['partyType', customer.partyType], ...editable.map((f) => [f, customer[f] ?? undefined])])
        : {
            partyType: 'organization',
            category: 'key_account',
            status: 'active',
            orgUnitId: user?.orgUnitId,
            accountManagerId: user?.role === 'account_manager' ? user.id : undefined,
          },
    [customer, user],
  );

  useEffect(() => {
    if (!open) return;
    idempotencyKey.current = newIdempotencyKey();
    setFormError([]);
    form.resetFields();
    form.setFieldsValue(initialValues);
  }, [open, form, initialValues]);

  const onFinish = async (values: Values) => {
    setFormError([]);
    const partyType = values.partyType ?? customer?.partyType ?? 'organization';
    const drop = partyType === 'organization' ? individualOnly : orgOnly;
    const scoped = Object.fromEntries(Object.entries(values).filter(([k]) => !drop.includes(k)));
    if (scoped.category !== 'public') scoped.publicSubtype = undefined;
    if (typeof scoped.creditCode === 'string') scoped.creditCode = scoped.creditCode.trim().toUpperCase();
    if (typeof scoped.idNumber === 'string') scoped.idNumber = scoped.idNumber.trim().toUpperCase();
    try {
      let saved: CustomerDetail;
      if (customer) {
        const body: CustomerUpdate = changedFields(customer as Record<string, unknown>, scoped, editable);
        if (Object.keys(body).length === 0) {
          onOpenChange(false);
          return true;
        }
        saved = await api.patch<CustomerDetail>(`/api/customers/${customer.id}`, body);
      } else {
        const body = { ...compact(scoped), partyType } as CustomerCreate;
        saved = await api.post<CustomerDetail>('/api/customers', body, { idempotencyKey: idempotencyKey.current });
      }
      message.success(t(customer ? 'common.saved' : 'customers.form.created', { name: saved.name }));
      idempotencyKey.current = newIdempotencyKey();
      onSaved?.(saved);
      return true;
    } catch (err) {
      // The server releases a key whose request failed; a network error keeps it so a retry is deduplicated.
      if (err instanceof ApiError && err.status !== 0) idempotencyKey.current = newIdempotencyKey();
      setFormError(applyServerErrors(form, err, t));
      return false;
    }
  };

  const selectPlaceholder = t('common.select.placeholder');

  return (
    <DrawerForm<Values>
      form={form}
      title={editing ? t('customers.form.editTitle', { name: customer?.name ?? '' }) : t('customers.form.createTitle')}
      open={open}
      onOpenChange={onOpenChange}
      width={760}
      layout="vertical"
      grid
      rowProps={{ gutter: 16 }}
      colProps={{ span: 12 }}
      drawerProps={{ destroyOnHidden: true, maskClosable: false }}
      submitter={{ searchConfig: { submitText: t('common.save'), resetText: t('common.cancel') } }}
      onFinish={onFinish}
      data-testid="customer-form"
    >
      {formError.length ? (
        <Alert type="error" showIcon style={{ marginBottom: 16, width: '100%' }} message={formError.join('; ')} />
      ) : null}
      <ProFormRadio.Group
        name="partyType"
        label={t('customers.field.partyType')}
        radioType="button"
        disabled={editing}
        colProps={{ span: 24 }}
        options={enumOptions(t, 'partyType')}
        fieldProps={{
          onChange: (e) => {
            if (e.target.value === 'individual' && form.getFieldValue('category') === 'key_account')
              form.setFieldValue('category', 'public');
          },
        }}
      />
      <ProFormText
        name="name"
        label={t('customers.field.name')}
        colProps={{ span: 24 }}
        rules={[rules.required(t, t('customers.field.name')), rules.max(t, 200)]}
      />
      <ProFormDependency name={['partyType', 'category']}>
        {({ partyType, category }) => (
          <>
            <ProFormSelect
              name="category"
              label={t('customers.field.category')}
              rules={[rules.required(t, t('customers.field.category'))]}
              options={enumOptions(t, 'category', partyType === 'individual' ? ['business', 'public'] : undefined)}
              placeholder={selectPlaceholder}
            />
            <ProFormSelect
              name="status"
              label={t('customers.field.status')}
              options={enumOptions(t, 'customerStatus')}
              placeholder={selectPlaceholder}
            />
            {category === 'public' ? (
              <ProFormSelect
                name="publicSubtype"
                label={t('customers.field.publicSubtype')}
                options={enumOptions(t, 'publicSubtype')}
                placeholder={selectPlaceholder}
              />
            ) : null}
            <Divider orientation="left" plain style={{ margin: '4px 0 12px' }}>
              {t(partyType === 'individual' ? 'customers.form.section.individual' : 'customers.form.section.org')}
            </Divider>
            {partyType === 'individual' ? (
              <>
                <ProFormText
                  name="idNumber"
                  label={t('customers.field.idNumber')}
                  rules={[rules.idNumber(t)]}
                  fieldProps={{ maxLength: 18 }}
                />
                <ProFormText name="occupation" label={t('customers.field.occupation')} rules={[rules.max(t, 64)]} />
                <ProFormText name="ageBand" label={t('customers.field.ageBand')} rules={[rules.max(t, 16)]} />
                <ProFormText name="incomeBand" label={t('customers.field.incomeBand')} rules={[rules.max(t, 16)]} />
              </>
            ) : (
              <>
                <ProFormText
                  name="creditCode"
                  label={t('customers.field.creditCode')}
                  rules={[rules.creditCode(t)]}
                  fieldProps={{ maxLength: 18 }}
                />
                <ProFormSelect
                  name="organizationType"
                  label={t('customers.field.organizationType')}
                  options={enumOptions(t, 'organizationType')}
                  placeholder={selectPlaceholder}
                />
                <ProFormSelect
                  name="industry"
                  label={t('customers.field.industry')}
                  options={enumOptions(t, 'industry')}
                  placeholder={selectPlaceholder}
                  showSearch
                />
                <ProFormSelect
                  name="coverageLevel"
                  label={t('customers.field.coverageLevel')}
                  options={enumOptions(t, 'coverageLevel')}
                  placeholder={selectPlaceholder}
                />
                <Col span={12}>
                  <Form.Item name="parentCustomerId" label={t('customers.field.parent')}>
                    <CustomerSelect excludeId={customer?.id} initialLabel={customer?.parentName ?? undefined} />
                  </Form.Item>
                </Col>
              </>
            )}
          </>
        )}
      </ProFormDependency>
      <Divider orientation="left" plain style={{ margin: '4px 0 12px' }}>
        {t('customers.form.section.contact')}
      </Divider>
      <ProFormText
        name="mobile"
        label={t('customers.field.mobile')}
        rules={[rules.mobile(t)]}
        fieldProps={{ maxLength: 11 }}
      />
      <ProFormText name="email" label={t('customers.field.email')} rules={[rules.email(t)]} />
      <ProFormText
        name="address"
        label={t('customers.field.address')}
        colProps={{ span: 24 }}
        rules={[rules.max(t, 300)]}
      />
      <Divider orientation="left" plain style={{ margin: '4px 0 12px' }}>
        {t('customers.form.section.management')}
      </Divider>
      <ProFormTreeSelect
        name="orgUnitId"
        label={t('customers.field.orgUnit')}
        placeholder={selectPlaceholder}
        fieldProps={{ treeData: orgTree, treeDefaultExpandAll: true, showSearch: true, treeNodeFilterProp: 'title' }}
      />
      <ProFormSelect
        name="accountManagerId"
        label={t('customers.field.accountManager')}
        placeholder={selectPlaceholder}
        showSearch
        options={(managers.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.orgUnitName})` }))}
      />
      <ProFormDatePicker
        name="sinceDate"
        label={t('customers.field.sinceDate')}
        fieldProps={{ style: { width: '100%' } }}
      />
      <ProFormText name="externalId" label={t('customers.field.externalId')} rules={[rules.max(t, 64)]} />
      <Col span={12}>
        <Form.Item name="referredByCustomerId" label={t('customers.field.referredBy')}>
          <CustomerSelect excludeId={customer?.id} initialLabel={customer?.referredByName ?? undefined} />
        </Form.Item>
      </Col>
      <ProFormTextArea
        name="notes"
        label={t('customers.field.notes')}
        colProps={{ span: 24 }}
        fieldProps={{ rows: 3, maxLength: 2000, showCount: true }}
      />
    </DrawerForm>
  );
}
