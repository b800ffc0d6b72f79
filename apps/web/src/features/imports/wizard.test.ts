import { importFields } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { encodingChoice, mappingIssues, previewCell } from './wizard';

const field = (entity: keyof typeof importFields, key: string) => {
  const f = importFields[entity].find((x) => x.key === key);
  if (!f) throw new Error(key);
  return f;
};

describe('import wizard helpers', () => {
  it('finds missing required fields, fields mapped twice and a customer file without a key', () => {
    const ok = mappingIssues('bills', { 账号: 'accountNo', 账期: 'period', 合计: 'total' });
    expect(ok).toEqual([]);
    const issues = mappingIssues('bills', { 账号: 'accountNo', 合计: 'total', 应收: 'total' });
    expect(issues.map((i) => [i.kind, i.kind === 'noKey' ? null : i.field.key])).toEqual([
      ['missing', 'period'],
      ['duplicate', 'total'],
    ]);
    const customers = mappingIssues('customers', { 名称: 'name', 类别: 'category' });
    expect(customers.map((i) => i.kind)).toEqual(['noKey']);
  });

  it('shows enum labels and amounts in yuan in the preview', () => {
    expect(previewCell(field('customers', 'category'), 'key_account', 'zh')).toBe('大客户');
    expect(previewCell(field('customers', 'category'), 'key_account', 'en')).toBe('Key account');
    expect(previewCell(field('bills', 'total'), '325851', 'zh')).toBe('3,258.51');
    expect(previewCell(field('bills', 'total'), '0', 'en')).toBe('0.00');
    expect(previewCell(field('bills', 'accountNo'), 'A-1', 'zh')).toBe('A-1');
    expect(previewCell(field('bills', 'paid'), null, 'zh')).toBe('');
  });

  it('shows the detected encoding as "auto" and a chosen one as chosen', () => {
    expect(encodingChoice({ encoding: 'gb18030', detectedEncoding: 'gb18030' })).toBe('auto');
    expect(encodingChoice({ encoding: null, detectedEncoding: null })).toBe('auto');
    expect(encodingChoice({ encoding: 'gbk', detectedEncoding: 'utf8' })).toBe('gbk');
  });
});
