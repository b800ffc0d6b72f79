import type { MessageFile } from '../catalog';

// Service-desk presentation: SLA countdowns, priority bands, caller card, KB tags, work-order filter, pipeline.
const messages: MessageFile = {
  'zh-CN': {
    'ux.sla.left': '剩余 {d}',
    'ux.sla.overdue': '已超时 {d}',
    'ux.sla.paused': '计时暂停',
    'ux.sla.countdown': '时限倒计时',
    'ux.priority.p1': '特急',
    'ux.priority.p2': '紧急',
    'ux.priority.p3': '较高',
    'ux.priority.p4': '普通',
    'ux.priority.value': '优先级分值 {n}',
    'ux.caller.who': '来电人',
    'ux.caller.matchedBy.party_mobile': '（客户本人手机）',
    'ux.caller.matchedBy.contact': '（客户联系人）',
    'ux.caller.matchedBy.service_number': '（业务号码）',
    'ux.caller.productCounts': '共 {total} 个产品，在用 {live} 个',
    'ux.caller.allProducts': '查看全部 {n} 个产品',
    'ux.wo.unfinished': '未完成',
    'ux.wo.all': '全部',
    'ux.wo.finishedHiddenN': '已隐藏 {n} 张已完成或已取消的工单',
    'ux.wo.showAll': '显示全部',
  },
  en: {
    'ux.sla.left': '{d} left',
    'ux.sla.overdue': 'overdue {d}',
    'ux.sla.paused': 'clock paused',
    'ux.sla.countdown': 'Time left',
    'ux.priority.p1': 'Critical',
    'ux.priority.p2': 'Urgent',
    'ux.priority.p3': 'High',
    'ux.priority.p4': 'Normal',
    'ux.priority.value': 'Priority score {n}',
    'ux.caller.who': 'Caller',
    'ux.caller.matchedBy.party_mobile': "(customer's own mobile)",
    'ux.caller.matchedBy.contact': '(customer contact)',
    'ux.caller.matchedBy.service_number': '(service number)',
    'ux.caller.productCounts': '{total} products, {live} in use',
    'ux.caller.allProducts': 'All {n} products',
    'ux.wo.unfinished': 'Unfinished',
    'ux.wo.all': 'All',
    'ux.wo.finishedHiddenN': 'Finished or cancelled work orders hidden: {n}',
    'ux.wo.showAll': 'Show all',
  },
};

export default messages;
