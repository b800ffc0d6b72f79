import type { MessageFile } from '../catalog';

// Localised reasons of the server's 400 details (`{ path, code, params }`, apps/server/src/platform/error-handler.ts),
// shown next to the field by src/forms.ts.
const messages: MessageFile = {
  'zh-CN': {
    'validation.server.required': '必填',
    'validation.server.invalid': '填写有误',
    'validation.server.invalid_type': '格式不正确',
    'validation.server.invalid_format': '格式不正确',
    'validation.server.invalid_value': '不是可选的值',
    'validation.server.too_small': '不能小于 {minimum}',
    'validation.server.too_small.string': '至少 {minimum} 个字符',
    'validation.server.too_small.array': '至少选择 {minimum} 项',
    'validation.server.too_big': '不能大于 {maximum}',
    'validation.server.too_big.string': '不能超过 {maximum} 个字符',
    'validation.server.too_big.array': '最多 {maximum} 项',
    'validation.server.unrecognized_keys': '包含未知字段',
    'validation.server.field': '{label}：{reason}',
    'validation.server.documentRequired': '请上传客户签字的书面确认文件',
  },
  en: {
    'validation.server.required': 'Required',
    'validation.server.invalid': 'Invalid value',
    'validation.server.invalid_type': 'Wrong format',
    'validation.server.invalid_format': 'Wrong format',
    'validation.server.invalid_value': 'Not one of the allowed values',
    'validation.server.too_small': 'At least {minimum}',
    'validation.server.too_small.string': 'At least {minimum} characters',
    'validation.server.too_small.array': 'Choose at least {minimum}',
    'validation.server.too_big': 'At most {maximum}',
    'validation.server.too_big.string': 'At most {maximum} characters',
    'validation.server.too_big.array': 'At most {maximum} items',
    'validation.server.unrecognized_keys': 'Contains unknown fields',
    'validation.server.field': '{label}: {reason}',
    'validation.server.documentRequired': "Upload the customer's signed written confirmation",
  },
};

export default messages;
