import type { MessageFile } from '../catalog';

// The investment approval policy editor (投资审批政策).
const messages: MessageFile = {
  'zh-CN': {
    'menu.investmentPolicy': '投资审批政策',
    'inv.policy.title': '投资审批政策',
    'inv.policy.help':
      '保存即生成新版本并记入审计日志；此后新建的评估版本按新政策计算，已有的评估保持其计算时的政策版本。',
    'inv.policy.version': '当前版本',
    'inv.policy.defaults': '系统默认（未修改）',
    'inv.policy.updatedAt': '修改时间',
    'inv.policy.rule': '审批规则',
    'inv.policy.ruleBase': '基本规则：合同期内收入须收回全部投资与运维成本（回收期不超过合同期）。以下为附加条件。',
    'inv.policy.minSurplus': '最低盈余',
    'inv.policy.minSurplusHint': '合同期总收入减总成本须不低于此金额',
    'inv.policy.minSurplusRequired': '请填写最低盈余（可为 0）',
    'inv.policy.positiveNpv': '要求净现值（NPV）大于 0',
    'inv.policy.tiers': '投资额分档与审批层级',
    'inv.policy.tiersHint': '按资本性投资额从小到大分档，每档指定最低审批层级；最后一档不设上限。',
    'inv.policy.band': '第 {n} 档',
    'inv.policy.upTo': '不超过',
    'inv.policy.unbounded': '以上全部金额',
    'inv.policy.maxRequired': '请填写本档上限（大于 0）',
    'inv.policy.ascending': '本档上限须高于上一档',
    'inv.policy.levelRequired': '请选择审批层级',
    'inv.policy.oneTier': '至少需要一档',
    'inv.policy.addTier': '添加分档',
    'inv.policy.saved': '投资审批政策已保存为新版本',
  },
  en: {
    'menu.investmentPolicy': 'Investment policy',
    'inv.policy.title': 'Investment approval policy',
    'inv.policy.help':
      'Each save is a new version, recorded in the audit log; evaluations created from now on use it, existing ones keep the version they were computed with.',
    'inv.policy.version': 'Version',
    'inv.policy.defaults': 'System defaults (never changed)',
    'inv.policy.updatedAt': 'Changed at',
    'inv.policy.rule': 'Approval rule',
    'inv.policy.ruleBase':
      'Base rule: the contract recovers the whole investment and running cost within its term. Extra conditions:',
    'inv.policy.minSurplus': 'Minimum surplus',
    'inv.policy.minSurplusHint': 'Total revenue minus total cost over the term must reach this amount',
    'inv.policy.minSurplusRequired': 'Enter the minimum surplus (0 is allowed)',
    'inv.policy.positiveNpv': 'Require a positive NPV',
    'inv.policy.tiers': 'Capital bands and approver level',
    'inv.policy.tiersHint':
      'Bands of capital investment in ascending order, each with its lowest approver level; the last has no upper bound.',
    'inv.policy.band': 'Band {n}',
    'inv.policy.upTo': 'Up to',
    'inv.policy.unbounded': 'Every larger amount',
    'inv.policy.maxRequired': "Enter the band's upper bound (above 0)",
    'inv.policy.ascending': "The upper bound must be above the previous band's",
    'inv.policy.levelRequired': 'Choose the approver level',
    'inv.policy.oneTier': 'At least one band is needed',
    'inv.policy.addTier': 'Add a band',
    'inv.policy.saved': 'The investment policy is saved as a new version',
  },
};
export default messages;
