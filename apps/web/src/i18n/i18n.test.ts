import { describe, expect, it } from 'vitest';
import { catalogs, messageFiles, translate } from './catalog';
import { enumKey, enumValues } from './enums';

describe('i18n catalogs', () => {
  it('loads every messages/*.ts file', () => {
    expect(Object.keys(messageFiles)).toEqual(expect.arrayContaining(['common', 'enums', 'customers', 'admin']));
  });

  for (const [file, catalog] of Object.entries(messageFiles)) {
    it(`messages/${file}.ts has the same keys in zh-CN and en`, () => {
      const zh = Object.keys(catalog['zh-CN'] ?? {});
      const en = Object.keys(catalog.en ?? {});
      expect(
        zh.filter((k) => !en.includes(k)),
        'keys missing in en',
      ).toEqual([]);
      expect(
        en.filter((k) => !zh.includes(k)),
        'keys missing in zh-CN',
      ).toEqual([]);
    });
  }

  it('has the same keys in zh-CN and en across all files', () => {
    const zh = Object.keys(catalogs['zh-CN']);
    const en = Object.keys(catalogs.en);
    expect(zh.filter((k) => !(k in catalogs.en))).toEqual([]);
    expect(en.filter((k) => !(k in catalogs['zh-CN']))).toEqual([]);
  });

  it('has no empty messages and the same placeholders in both languages', () => {
    for (const [key, zh] of Object.entries(catalogs['zh-CN'])) {
      const en = catalogs.en[key] ?? '';
      expect(zh.trim(), `zh-CN ${key}`).not.toBe('');
      expect(en.trim(), `en ${key}`).not.toBe('');
      const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(vars(en), `placeholders of ${key}`).toEqual(vars(zh));
    }
  });

  it('labels every value of every contracts enum in both languages', () => {
    const missing: string[] = [];
    for (const [name, values] of Object.entries(enumValues)) {
      for (const value of values) {
        const key = enumKey(name as keyof typeof enumValues, value);
        if (!(key in catalogs['zh-CN'])) missing.push(`zh-CN ${key}`);
        if (!(key in catalogs.en)) missing.push(`en ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('translates with placeholders and falls back to the key', () => {
    expect(translate('zh-CN', 'enum.category.key_account')).toBe('大客户');
    expect(translate('en', 'enum.category.key_account')).toBe('Key account');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
    expect(translate('en', 'common.totalItems', { total: 42 })).toContain('42');
  });
});
