import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { autoMapping, mappingProblems, normalisePeriod, normaliseRow, yuanToFen } from './imports.models';
import { detectEncoding, readRows } from './imports.reader';

describe('import value rules', () => {
  it('reads yuan amounts exactly as fen', () => {
    expect(yuanToFen('12.34')).toBe(1234);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('1,234.50')).toBe(123450);
    expect(yuanToFen('￥8')).toBe(800);
    expect(yuanToFen('-1')).toBeUndefined();
    expect(yuanToFen('1.234')).toBeUndefined();
    expect(yuanToFen('abc')).toBeUndefined();
  });

  it('normalises billing periods', () => {
    expect(normalisePeriod('2025-06')).toBe('2025-06');
    expect(normalisePeriod('202506')).toBe('2025-06');
    expect(normalisePeriod('2025/6')).toBe('2025-06');
    expect(normalisePeriod('2025年6月')).toBe('2025-06');
    expect(normalisePeriod('2025-06-01')).toBe('2025-06');
    expect(normalisePeriod('2025-13')).toBeUndefined();
  });

  it('maps Chinese, English and alias headers, and names missing required columns', () => {
    expect(autoMapping('bills', ['账号', 'Period', '合计', '备注'])).toEqual({
      账号: 'accountNo',
      Period: 'period',
      合计: 'total',
      备注: null,
    });
    expect(mappingProblems('bills', { 账号: 'accountNo' })).toEqual(['required column 账期 / Period is missing']);
  });

  it('fills bill defaults and validates China identifiers', () => {
    const bill = normaliseRow('bills', ['A1', '2024-01', '1.00', undefined, undefined, '2', undefined, '30']);
    expect(bill.errors).toEqual([]);
    expect(bill.values).toEqual(['A1', '2024-01', '100', '0', '0', '200', '0', '3000', '3300', '0', '3300']);
    const bad = normaliseRow('customers', ['', '91320100MA1XXXXX0I', '', '', 'x', '大客户']);
    expect(bad.errors.map((e) => e.field)).toEqual(['creditCode']);
    expect(normaliseRow('bills', ['A1', '2999-01']).errors[0].reason).toBe('period in the future');
  });
});

describe('CSV reader', () => {
  it('parses quotes, embedded commas and newlines, CRLF and a BOM, numbering rows like a spreadsheet', async () => {
    const file = path.join(tmpdir(), `crm-csv-${Date.now()}.csv`);
    writeFileSync(file, '\uFEFFa,b\r\n"x, y","multi\nline"\r\n\r\n"q""uote",2\r\n');
    const rows = [];
    for await (const batch of readRows(file, 'csv', await detectEncoding(file))) rows.push(...batch);
    expect(rows).toEqual([
      { rowNo: 1, cells: ['a', 'b'] },
      { rowNo: 2, cells: ['x, y', 'multi\nline'] },
      { rowNo: 4, cells: ['q"uote', '2'] },
    ]);
  });

  it('detects GBK and reads it', async () => {
    const file = path.join(tmpdir(), `crm-gbk-${Date.now()}.csv`);
    writeFileSync(file, iconv.encode('客户名称\t手机\n张三\t13800138000\n', 'gbk'));
    expect(await detectEncoding(file)).toBe('gb18030');
    const rows = [];
    for await (const batch of readRows(file, 'csv', 'gb18030')) rows.push(...batch);
    expect(rows[1].cells).toEqual(['张三', '13800138000']);
  });
});
