import { describe, expect, it } from 'vitest';
import { checkAttachment, safeFileName } from './ka-files.models';

describe('attachments', () => {
  const pdf = Buffer.from('%PDF-1.4 building plan').toString('base64');
  it('accepts a real PDF and cleans its name', () => {
    const r = checkAttachment({ fileName: '../../etc/平面图.pdf', contentType: 'application/pdf', contentBase64: pdf });
    expect(r.fileName).toBe('平面图.pdf');
    expect(r.bytes.length).toBeGreaterThan(0);
  });
  it('refuses unknown types, mismatched extensions and disguised content', () => {
    expect(() =>
      checkAttachment({ fileName: 'x.exe', contentType: 'application/x-msdownload', contentBase64: pdf }),
    ).toThrow(/not accepted/);
    expect(() => checkAttachment({ fileName: 'plan.png', contentType: 'application/pdf', contentBase64: pdf })).toThrow(
      /extension/,
    );
    const html = Buffer.from('<html>').toString('base64');
    expect(() =>
      checkAttachment({ fileName: 'plan.pdf', contentType: 'application/pdf', contentBase64: html }),
    ).toThrow(/content/);
  });
  it('refuses files over 10 MB', () => {
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x25).toString('base64');
    expect(() => checkAttachment({ fileName: 'a.txt', contentType: 'text/plain', contentBase64: big })).toThrow(
      /bytes/,
    );
  });
  it('keeps file names free of header-breaking characters', () => {
    expect(safeFileName('a"b\r\n.pdf')).toBe('a_b__.pdf');
    expect(safeFileName('...')).toBe('file');
  });
});
