import type { MessageFile } from '../catalog';

// Alerts of discount requests and investment evaluation steps (the notifications page and the header bell).
const messages: MessageFile = {
  'zh-CN': {
    'sd.alertKind.discount.approval': '优惠审批',
    'sd.alertKind.discount.decided': '优惠审批结果',
    'sd.alertKind.investment.step': '投资效益评估',
    'sd.alert.discount.approval': '优惠申请待您审批：优惠幅度 {discount}%',
    'sd.alert.discount.approved': '优惠申请已批准，新价格已生效',
    'sd.alert.discount.rejected': '优惠申请被驳回',
    'sd.alert.investment.submitted': '投资效益评估待审核：{project}（第 {version} 版）',
    'sd.alert.investment.reviewed': '投资效益评估待财务审批：{project}（第 {version} 版）',
    'sd.alert.investment.approved': '投资效益评估已批准：{project}（第 {version} 版）',
    'sd.alert.investment.rejected': '投资效益评估被驳回：{project}（第 {version} 版）',
    'sd.alert.investment.draft': '投资效益评估被退回修改：{project}（第 {version} 版）',
  },
  en: {
    'sd.alertKind.discount.approval': 'Discount approval',
    'sd.alertKind.discount.decided': 'Discount decision',
    'sd.alertKind.investment.step': 'Investment evaluation',
    'sd.alert.discount.approval': 'A discount request waits for your approval: {discount}% off',
    'sd.alert.discount.approved': 'Your discount request was approved; the new price applies now',
    'sd.alert.discount.rejected': 'Your discount request was rejected',
    'sd.alert.investment.submitted': 'Investment evaluation to review: {project} (version {version})',
    'sd.alert.investment.reviewed': 'Investment evaluation for finance approval: {project} (version {version})',
    'sd.alert.investment.approved': 'Investment evaluation approved: {project} (version {version})',
    'sd.alert.investment.rejected': 'Investment evaluation rejected: {project} (version {version})',
    'sd.alert.investment.draft': 'Investment evaluation returned for changes: {project} (version {version})',
  },
};

export default messages;
