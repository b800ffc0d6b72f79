import { PlusOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { type DiscountAuthority, discountFamilies, discountOrgLevels, roles } from '@crm/contracts';
import { Alert, App, Button, Checkbox, Form, InputNumber, Modal, Select, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { fenToYuan, formatDateTime, formatFen, yuanToFen } from '../../format';
import { apiErrorText } from '../../forms';
import { enumLabel, useT } from '../../i18n';
import { discApi, useAuthorityMatrix, useDiscMutation } from './api';
import { pct } from './shared';

type Cell = { role: string; orgLevel: string; productFamily: string };
type Row = { key: string; role: string; orgLevel: string; cells: Map<string, DiscountAuthority> };
type Values = {
  role: string;
  orgLevel: string;
  productFamily: string;
  maxPct: number;
  maxMonthly?: number;
  noCap: boolean;
};

/**
 * The discount authority matrix (优惠权限), administrators: per role and org level (rows) and product family
 * (columns) the largest discount and the largest amount per month. Every change is a new version of the cell,
 * audited. A family without its own cell uses the role's "all families" cell.
 */
export function AuthorityPage() {
  const t = useT();
  const { message } = App.useApp();
  const matrix = useAuthorityMatrix();
  const [editing, setEditing] = useState<Cell | 'new'>();
  const [form] = Form.useForm<Values>();
  const put = useDiscMutation(discApi.putAuthority);

  const rows = useMemo<Row[]>(() => {
    const byKey = new Map<string, Row>();
    for (const a of matrix.data ?? []) {
      const key = `${a.role}|${a.orgLevel}`;
      const row = byKey.get(key) ?? { key, role: a.role, orgLevel: a.orgLevel, cells: new Map() };
      row.cells.set(a.productFamily, a);
      byKey.set(key, row);
    }
    const levelOrder = (l: string) => discountOrgLevels.indexOf(l as (typeof discountOrgLevels)[number]);
    return [...byKey.values()].sort(
      (a, b) =>
        roles.indexOf(a.role as (typeof roles)[number]) - roles.indexOf(b.role as (typeof roles)[number]) ||
        levelOrder(b.orgLevel) - levelOrder(a.orgLevel),
    );
  }, [matrix.data]);

  const open = (cell: Cell | 'new') => {
    const existing =
      cell === 'new'
        ? undefined
        : matrix.data?.find(
            (a) => a.role === cell.role && a.orgLevel === cell.orgLevel && a.productFamily === cell.productFamily,
          );
    form.setFieldsValue(
      cell === 'new'
        ? { role: 'account_manager', orgLevel: 'any', productFamily: 'any', maxPct: 5, maxMonthly: 2000, noCap: false }
        : {
            ...cell,
            maxPct: (existing?.maxDiscountBp ?? 0) / 100,
            maxMonthly: existing?.maxMonthlyFen === null || !existing ? undefined : fenToYuan(existing.maxMonthlyFen),
            noCap: existing ? existing.maxMonthlyFen === null : false,
          },
    );
    setEditing(cell);
  };

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await put.mutateAsync({
        role: v.role,
        orgLevel: v.orgLevel,
        productFamily: v.productFamily,
        maxDiscountBp: Math.round(v.maxPct * 100),
        maxMonthlyFen: v.noCap ? null : yuanToFen(v.maxMonthly ?? 0),
      });
      message.success(t('disc.matrix.saved'));
      setEditing(undefined);
    } catch (err) {
      message.error(apiErrorText(err, t));
    }
  };

  const levelLabel = (l: string) => (l === 'any' ? t('disc.matrix.anyLevel') : enumLabel(t, 'orgLevel', l));
  const familyLabel = (f: string) => (f === 'any' ? t('disc.matrix.anyFamily') : enumLabel(t, 'productFamily', f));
  const noCap = Form.useWatch('noCap', form);

  return (
    <PageContainer
      title={t('disc.matrix.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          {t('disc.matrix.add')}
        </Button>
      }
    >
      <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('disc.matrix.help')} />
      <Table<Row>
        rowKey="key"
        size="middle"
        bordered
        loading={matrix.isLoading}
        pagination={false}
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          {
            title: t('disc.matrix.role'),
            fixed: 'left',
            onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
            render: (_, r) => (
              <span>
                {enumLabel(t, 'role', r.role)}
                <Typography.Text type="secondary"> · {levelLabel(r.orgLevel)}</Typography.Text>
              </span>
            ),
          },
          ...discountFamilies.map((f) => ({
            key: f,
            title: familyLabel(f),
            align: 'center' as const,
            onCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
            render: (_: unknown, r: Row) => {
              const a = r.cells.get(f);
              return (
                <Tooltip
                  title={
                    a
                      ? t('disc.matrix.versionInfo', { version: a.version, at: formatDateTime(a.updatedAt) })
                      : t('disc.matrix.inherits')
                  }
                >
                  <Button
                    type="link"
                    size="small"
                    onClick={() => open({ role: r.role, orgLevel: r.orgLevel, productFamily: f })}
                    data-testid={`cell-${r.role}-${r.orgLevel}-${f}`}
                  >
                    {a ? (
                      `${pct(a.maxDiscountBp)} / ${a.maxMonthlyFen === null ? t('disc.noCap') : formatFen(a.maxMonthlyFen, { decimals: false })}`
                    ) : (
                      <Typography.Text type="secondary">—</Typography.Text>
                    )}
                  </Button>
                </Tooltip>
              );
            },
          })),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('disc.matrix.auditHint')} <Link to="/admin/audit">{t('disc.matrix.auditLink')}</Link>
      </Typography.Paragraph>
      <Modal
        open={Boolean(editing)}
        title={t('disc.matrix.edit')}
        onCancel={() => setEditing(undefined)}
        onOk={save}
        confirmLoading={put.isPending}
        destroyOnClose
      >
        <Form form={form} layout="vertical">
          <Form.Item name="role" label={t('disc.matrix.role')} rules={[{ required: true }]}>
            <Select
              disabled={editing !== 'new'}
              options={roles.map((r) => ({ value: r, label: enumLabel(t, 'role', r) }))}
            />
          </Form.Item>
          <Form.Item name="orgLevel" label={t('disc.matrix.level')} rules={[{ required: true }]}>
            <Select
              disabled={editing !== 'new'}
              options={discountOrgLevels.map((l) => ({ value: l, label: levelLabel(l) }))}
            />
          </Form.Item>
          <Form.Item name="productFamily" label={t('disc.matrix.family')} rules={[{ required: true }]}>
            <Select
              disabled={editing !== 'new'}
              options={discountFamilies.map((f) => ({ value: f, label: familyLabel(f) }))}
            />
          </Form.Item>
          <Form.Item name="maxPct" label={t('disc.matrix.maxPct')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100} step={0.5} addonAfter="%" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="noCap" valuePropName="checked">
            <Checkbox>{t('disc.matrix.noCap')}</Checkbox>
          </Form.Item>
          {!noCap && (
            <Form.Item name="maxMonthly" label={t('disc.matrix.maxMonthly')} rules={[{ required: true }]}>
              <InputNumber min={0} addonAfter={t('disc.yuanPerMonth')} style={{ width: '100%' }} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </PageContainer>
  );
}
