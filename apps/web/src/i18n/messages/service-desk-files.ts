import type { MessageFile } from '../catalog';

// Service desk messages (part 3): ticket attachments, the header notification bell, SLA policy recompute.
const messages: MessageFile = {
  'zh-CN': {
    'sd.att.title': '附件',
    'sd.att.upload': '上传附件',
    'sd.att.hint': '支持 PDF、PNG、JPG、DWG、ZIP、DOCX、XLSX、TXT，单个文件不超过 10 MB',
    'sd.att.reference': '外部链接',
    'sd.att.uploaded': '已上传 {name}',
    'sd.att.formFiles': '附件（受理后上传）',
    'sd.att.choose': '选择文件',
    'sd.att.partial': '工单已受理，但 {n} 个附件上传失败，请在工单详情页重新上传',
    'sd.att.tooLarge': '{name} 超过 10 MB',
    'sd.event.attachment': '上传附件',
    'sd.event.updated': '修改工单',
    'sd.event.sla_recomputed': 'SLA 时限重算',
    'sd.admin.recomputing': '已保存。该策略下未结工单的时限正在按新目标重新计算。',
    'bell.title': '消息提醒',
    'bell.unread': '{n} 条未读',
    'bell.empty': '暂无未读消息',
    'bell.markAll': '全部已读',
    'bell.viewAll': '查看全部消息',
  },
  en: {
    'sd.att.title': 'Attachments',
    'sd.att.upload': 'Upload',
    'sd.att.hint': 'PDF, PNG, JPG, DWG, ZIP, DOCX, XLSX or TXT, up to 10 MB each',
    'sd.att.reference': 'external link',
    'sd.att.uploaded': '{name} uploaded',
    'sd.att.formFiles': 'Attachments (uploaded when the ticket is opened)',
    'sd.att.choose': 'Choose files',
    'sd.att.partial':
      'The ticket was opened, but {n} attachment(s) failed to upload; upload them again on the ticket page',
    'sd.att.tooLarge': '{name} is larger than 10 MB',
    'sd.event.attachment': 'Attachment added',
    'sd.event.updated': 'Ticket edited',
    'sd.event.sla_recomputed': 'SLA recomputed',
    'sd.admin.recomputing': 'Saved. The due times of open tickets on this policy are being recomputed.',
    'bell.title': 'Alerts',
    'bell.unread': '{n} unread',
    'bell.empty': 'No unread alerts',
    'bell.markAll': 'Mark all read',
    'bell.viewAll': 'All alerts',
  },
};

export default messages;
