import type { MessageFile } from '../catalog';

// Approval authority (审批权限): approver amount limits per role x org level x kind, and the refusals they cause.
const messages: MessageFile = {
  'zh-CN': {
    'sd.approvals.title': '审批权限（金额上限）',
    'sd.approvals.hint':
      '各角色在各级组织可审批的最高金额。超出上限的审批将被拒绝，并自动提交上一级审批人；本人提出的承诺或赔偿不能由本人审批。',
    'sd.approvals.new': '新增权限',
    'sd.approvals.saved': '审批权限已保存',
    'sd.approvals.kind': '审批事项',
    'sd.approvals.kind.commitment': '客户承诺',
    'sd.approvals.kind.compensation': '投诉赔偿',
    'sd.approvals.role': '审批角色',
    'sd.approvals.orgLevel': '组织层级',
    'sd.approvals.anyLevel': '任意层级',
    'sd.approvals.max': '审批上限',
    'sd.approvals.maxYuan': '审批上限（元）',
    'sd.approvals.unlimited': '不限额',
    'sd.approvals.version': '版本',
    'sd.approvals.updatedAt': '更新时间',
    'error.approvals.own_proposal': '不能审批本人提出的申请（双人复核）',
    'error.approvals.over_limit': '金额超出您的审批权限（上限 {limitFen} 元），已提交上一级审批人',
  },
  en: {
    'sd.approvals.title': 'Approval authority (amount limits)',
    'sd.approvals.hint':
      'The largest amount each role at each org level may approve. Approvals above it are refused and sent to the next approver up the chain; nobody approves their own commitment or compensation.',
    'sd.approvals.new': 'New limit',
    'sd.approvals.saved': 'Approval limit saved',
    'sd.approvals.kind': 'Approval of',
    'sd.approvals.kind.commitment': 'Commitment',
    'sd.approvals.kind.compensation': 'Compensation',
    'sd.approvals.role': 'Approver role',
    'sd.approvals.orgLevel': 'Org level',
    'sd.approvals.anyLevel': 'Any level',
    'sd.approvals.max': 'Limit',
    'sd.approvals.maxYuan': 'Limit (yuan)',
    'sd.approvals.unlimited': 'Unlimited',
    'sd.approvals.version': 'Version',
    'sd.approvals.updatedAt': 'Updated',
    'error.approvals.own_proposal': 'You cannot approve your own proposal (four-eyes rule)',
    'error.approvals.over_limit':
      'The amount exceeds your approval limit ({limitFen} yuan); it has been sent to the next approver up the chain',
  },
};
export default messages;
