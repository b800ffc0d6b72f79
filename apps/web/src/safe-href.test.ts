import { describe, expect, it } from 'vitest';
import { safeHref } from './safe-href';

describe('safeHref', () => {
  it('keeps http(s) links and download paths of this server', () => {
    expect(safeHref('https://img.example.com/a.png')).toBe('https://img.example.com/a.png');
    expect(safeHref(' http://example.com/x?y=1 ')).toBe('http://example.com/x?y=1');
    expect(safeHref('/api/service-desk/tickets/1/attachments/2')).toBe('/api/service-desk/tickets/1/attachments/2');
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example.com/x',
    '/\\evil.example.com',
    'relative/path',
    '',
    null,
    undefined,
  ])('refuses %j', (url) => {
    expect(safeHref(url)).toBeUndefined();
  });
});
