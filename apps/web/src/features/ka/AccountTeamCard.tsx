import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { kaTeamRoles } from '@crm/contracts';
import { Button, Card, Form, Input, List, Modal, Popconfirm, Radio, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useAccountManagers } from '../../api/shared';
import { useAuth } from '../../auth';
import { formatDateTime } from '../../format';
import { useT } from '../../i18n';
import { type AccountTeam, useAccountTeam, useKaMutation, useStaff } from './api';

type TeamRole = (typeof kaTeamRoles)[number];
/** Team changes also share / show the customer elsewhere (portfolio, 360 shares). */
const ALSO = [['customers']] as const;

/** The account team (AM, backup AM, technical support) and the AM assignment history. For the customer 360 page. */
export function CustomerAccountTeamCard({ customerId }: { customerId: number }) {
  const t = useT();
  const { can } = useAuth();
  const q = useAccountTeam(customerId);
  const [assigning, setAssigning] = useState(false);
  const [adding, setAdding] = useState(false);
  const team = q.data;
  return (
    <Card
      size="small"
      loading={q.isLoading}
      title={t('ka.team.title')}
      extra={
        <Space size={4}>
          {can('ka.write') ? (
            <Button size="small" icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="team-add">
              {t('ka.team.addMember')}
            </Button>
          ) : null}
          {can('ka.assign') ? (
            <Button size="small" onClick={() => setAssigning(true)}>
              {team?.accountManager ? t('ka.team.transfer') : t('ka.team.assign')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {team ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <TeamMembers team={team} />
          <List
            size="small"
            header={<Typography.Text type="secondary">{t('ka.team.history')}</Typography.Text>}
            dataSource={team.assignments}
            locale={{ emptyText: t('common.noData') }}
            renderItem={(a) => (
              <List.Item>
                <Space direction="vertical" size={0}>
                  <span>
                    {a.fromUser?.displayName ?? '—'} → {a.toUser.displayName}
                  </span>
                  <Typography.Text type="secondary">
                    {formatDateTime(a.assignedAt)} · {a.assignedByName} · {a.reason}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Space>
      ) : null}
      {assigning ? <AssignAmModal customerId={customerId} onClose={() => setAssigning(false)} /> : null}
      {adding && team ? <AddMemberModal team={team} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}

/** The AM and the members by role; members can be removed by users who may change the account. */
function TeamMembers({ team }: { team: AccountTeam }) {
  const t = useT();
  const { can } = useAuth();
  const remove = useKaMutation(
    (m: { userId: number; role: TeamRole }) =>
      api.delete(`/api/ka/customers/${team.customerId}/team/${m.userId}/${m.role}`),
    { also: ALSO },
  );
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Tag color="blue">
        {t('ka.team.am')}: {team.accountManager?.displayName ?? '—'}
      </Tag>
      {team.members.length === 0 ? (
        <Typography.Text type="secondary">{t('ka.team.noMembers')}</Typography.Text>
      ) : (
        team.members.map((m) => (
          <Space key={`${m.userId}-${m.role}`} size={4} data-testid={`team-member-${m.userId}-${m.role}`}>
            <Tag color={m.role === 'backup_am' ? 'geekblue' : 'cyan'}>{t(`ka.team.role.${m.role}`)}</Tag>
            <span>{m.displayName}</span>
            {can('ka.write') ? (
              <Popconfirm
                title={t('ka.team.removeConfirm', { name: m.displayName, role: t(`ka.team.role.${m.role}`) })}
                onConfirm={() => remove.mutateAsync({ userId: m.userId, role: m.role })}
              >
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('ka.team.remove')}
                  title={t('ka.team.remove')}
                />
              </Popconfirm>
            ) : null}
          </Space>
        ))
      )}
    </Space>
  );
}

/** Adds a technical support engineer (any staff of the customer's branch) or a backup AM (an account manager). */
function AddMemberModal({ team, onClose }: { team: AccountTeam; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ role: TeamRole; userId: number }>();
  const role = Form.useWatch('role', form) ?? 'technical_support';
  const [input, setInput] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(input.trim()), 300);
    return () => clearTimeout(timer);
  }, [input]);
  const staff = useStaff({ role: role === 'backup_am' ? 'account_manager' : undefined, search: search || undefined });
  const taken = new Set(team.members.filter((m) => m.role === role).map((m) => m.userId));
  if (role === 'backup_am' && team.accountManager) taken.add(team.accountManager.id);
  const add = useKaMutation(
    (body: { role: TeamRole; userId: number }) => api.post(`/api/ka/customers/${team.customerId}/team`, body),
    { also: ALSO },
  );
  return (
    <Modal
      open
      title={t('ka.team.addMember')}
      onCancel={onClose}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'team-add-ok' }}
      onOk={async () => {
        await add.mutateAsync(await form.validateFields());
        onClose();
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ role: 'technical_support' }}>
        <Form.Item name="role" label={t('ka.team.memberRole')}>
          <Radio.Group
            onChange={() => form.setFieldValue('userId', undefined)}
            options={kaTeamRoles.map((r) => ({ value: r, label: t(`ka.team.role.${r}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="userId"
          label={t('ka.team.member')}
          rules={[{ required: true, message: t('ka.team.pickMember') }]}
          extra={role === 'backup_am' ? t('ka.team.backupHint') : t('ka.team.supportHint')}
        >
          <Select
            showSearch
            filterOption={false}
            onSearch={setInput}
            loading={staff.isFetching}
            placeholder={t('ka.team.searchStaff')}
            data-testid="team-user"
            options={(staff.data ?? []).map((u) => ({
              value: u.id,
              disabled: taken.has(u.id),
              label: `${u.displayName} (${u.username} · ${t(`enum.role.${u.role}`)} · ${u.orgUnitName})`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AssignAmModal({ customerId, onClose }: { customerId: number; onClose: () => void }) {
  const t = useT();
  const ams = useAccountManagers();
  const [form] = Form.useForm();
  const assign = useKaMutation((body: unknown) => api.post(`/api/ka/customers/${customerId}/assign`, body), {
    also: ALSO,
  });
  return (
    <Modal
      open
      title={t('ka.team.transfer')}
      onCancel={onClose}
      confirmLoading={assign.isPending}
      onOk={async () => {
        await assign.mutateAsync(await form.validateFields());
        onClose();
      }}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="toUserId" label={t('ka.team.newAm')} rules={[{ required: true }]}>
          <Select options={(ams.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))} />
        </Form.Item>
        <Form.Item name="reason" label={t('ka.team.reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
