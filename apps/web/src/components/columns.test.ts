import { describe, expect, it } from 'vitest';
import { dateColumn, dateTimeColumn, nameColumn } from './columns';

describe('shared table columns', () => {
  it('format dates in Asia/Shanghai and keep them on one line', () => {
    const c = dateTimeColumn('创建时间', 'createdAt');
    expect(c.render(null, { createdAt: '2026-12-06T16:05:00Z' })).toBe('2026-12-07 00:05');
    expect(c.onCell().style).toEqual({ whiteSpace: 'nowrap' });
    expect(c.onHeaderCell().style).toEqual({ whiteSpace: 'nowrap' });
    expect(dateColumn('日期', 'd').render(null, { d: '2026-12-07' })).toBe('2026-12-07');
    expect(c.width).toBeGreaterThanOrEqual(140);
  });
  it('show a name on one line and a dash when there is none', () => {
    const c = nameColumn('处理人', 'assigneeName');
    expect(c.render(null, { assigneeName: '许国宁' })).toBe('许国宁');
    expect(c.render(null, { assigneeName: null })).toBe('—');
    expect(c.onCell().style.whiteSpace).toBe('nowrap');
  });
});
