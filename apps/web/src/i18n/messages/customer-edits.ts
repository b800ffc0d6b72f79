import type { MessageFile } from '../catalog';

// Editing the customer 360's billing accounts, products and contracts (row edit modals and product quick actions).
const messages: MessageFile = {
  'zh-CN': {
    'accounts.edit': '编辑账户',
    'accounts.editTitle': '编辑账户 {accountNo}',
    'accounts.status.hint': '销户后该账户不能再新增产品',
    'products.edit': '编辑产品',
    'products.editTitle': '编辑产品 {number}',
    'products.endDate.hint': '拆机且未填写截止日期时，记为今天',
    'products.suspend': '暂停',
    'products.suspend.confirm': '确定暂停业务号码 {number}？',
    'products.resume': '恢复',
    'products.resume.confirm': '确定恢复业务号码 {number}？',
    'products.terminate': '拆机',
    'products.terminate.confirm': '确定拆机业务号码 {number}？',
    'products.terminate.hint': '拆机后不能恢复；截止日期为空或晚于今天的，记为今天',
    'contracts.edit': '编辑合同',
    'contracts.editTitle': '编辑合同 {contractNo}',
    'contracts.field.endDate': '到期日期',
    'contracts.endDate.hint': '修改生效日期或期限时，到期日期自动重算（除非同时修改到期日期）',
  },
  en: {
    'accounts.edit': 'Edit account',
    'accounts.editTitle': 'Edit account {accountNo}',
    'accounts.status.hint': 'A closed account takes no new products',
    'products.edit': 'Edit product',
    'products.editTitle': 'Edit product {number}',
    'products.endDate.hint': 'Terminating without an end date ends the product today',
    'products.suspend': 'Suspend',
    'products.suspend.confirm': 'Suspend service number {number}?',
    'products.resume': 'Resume',
    'products.resume.confirm': 'Resume service number {number}?',
    'products.terminate': 'Terminate',
    'products.terminate.confirm': 'Terminate service number {number}?',
    'products.terminate.hint': 'A terminated product cannot be resumed; it ends today unless it already ended',
    'contracts.edit': 'Edit contract',
    'contracts.editTitle': 'Edit contract {contractNo}',
    'contracts.field.endDate': 'End date',
    'contracts.endDate.hint': 'A new start date or term recomputes the end date unless you change it too',
  },
};

export default messages;
