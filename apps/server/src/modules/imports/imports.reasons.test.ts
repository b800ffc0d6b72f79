import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importReasonZh } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { normaliseRow } from './imports.models';

/** Every reason literal the import checks can produce (imports.models.ts and the set-based checks in SQL). */
function reasonLiterals(): string[] {
  const read = (f: string) => readFileSync(path.join(__dirname, f), 'utf8');
  const modelsText = read('imports.models.ts');
  const models = [
    ...modelsText.matchAll(/reason: '([^']+)'/g),
    ...modelsText.matchAll(/fail\('\w+', '([^']+)'\)/g),
  ].map((m) => m[1]);
  // `'duplicate of row ' || st.d1`: a prefix completed by a row number.
  const sql = [...read('imports.upsert.repository.ts').matchAll(/reason: sql`'([^']+)'( \|\|)?/g)].map((m) =>
    m[2] ? `${m[1]}12` : m[1],
  );
  return [...models, ...sql, 'required'];
}

describe('import error reasons in Chinese', () => {
  it('translates every reason the checks can produce', () => {
    const reasons = reasonLiterals();
    expect(reasons.length).toBeGreaterThan(25);
    const untranslated = reasons.filter((r) => !r.includes('${') && importReasonZh(r) === r);
    expect(untranslated).toEqual([]);
  });

  it('translates the reasons with numbers', () => {
    expect(importReasonZh('duplicate of row 12')).toBe('与第 12 行重复');
    expect(importReasonZh('longer than 64 characters')).toBe('超过 64 个字符');
    const { errors } = normaliseRow('bills', ['A-1', '2024-13'], new Date('2024-12-01T00:00:00Z'));
    expect(errors.map((e) => importReasonZh(e.reason))).toEqual(['不是有效账期（YYYY-MM）']);
    expect(importReasonZh('something new')).toBe('something new');
  });
});
