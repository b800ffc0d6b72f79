import type { SegmentDefinition } from '@crm/contracts';
import { segmentDefinition } from '@crm/contracts';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { compileDefinition, depthOf, segmentFrom } from './segments.queries';

// The compiled SQL of a condition tree: anti-joins for "at most", parties joined only when needed, every value bound.

const dialect = new PgDialect();
const o = { lastPeriod: '2026-11', today: '2026-12-05' };
const render = (def: SegmentDefinition) => dialect.sqlToQuery(segmentFrom(def, { kind: 'all' }, o));

describe('segment SQL', () => {
  it('writes "at most" spend as a not-exists anti-join, never not in', () => {
    const q = render({ op: 'and', children: [{ field: 'monthlySpend', op: 'lte', valueFen: 30_000, months: 3 }] });
    expect(q.sql).toMatch(/not exists \(select 1 from \(select b\.customer_id from bills b/);
    expect(q.sql).not.toMatch(/not in/i);
    expect(q.params).toEqual(expect.arrayContaining(['2026-09', '2026-11', 90_000]));
  });

  it('joins the person only when a condition reads age, occupation or income', () => {
    const spendOnly = render({ op: 'and', children: [{ field: 'category', values: ['key_account'] }] });
    expect(spendOnly.sql).not.toContain('join parties');
    const person = render({
      op: 'or',
      children: [{ op: 'and', children: [{ field: 'occupation', values: ['teacher'] }] }],
    });
    expect(person.sql).toContain('join parties p on p.id = c.party_id');
    expect(person.params).toContain('{"teacher"}');
  });

  it('reads churn risk from the latest succeeded run and satisfaction from the latest answer in the window', () => {
    const q = render({
      op: 'and',
      children: [
        { field: 'churnRisk', op: 'gte', pct: 60 },
        { field: 'satisfaction', measure: 'nps', op: 'lte', value: 6, months: 6 },
      ],
    });
    expect(q.sql).toContain("r.status = 'succeeded'");
    expect(q.sql).toContain('distinct on (i.customer_id)');
    expect(q.sql).toContain('r.recommend');
    expect(q.params).toEqual(expect.arrayContaining([60, 6, '2026-06-01']));
  });

  it('nests groups three levels deep with the right and/or, and the schema refuses a fourth', () => {
    const def = segmentDefinition.parse({
      op: 'or',
      children: [
        { field: 'category', values: ['business'] },
        {
          op: 'and',
          children: [
            { field: 'industry', values: ['finance'] },
            {
              op: 'or',
              children: [
                { field: 'abc', values: ['A'] },
                { field: 'stars', op: 'gte', value: 4 },
              ],
            },
          ],
        },
      ],
    });
    expect(depthOf(def)).toBe(3);
    const text = dialect.sqlToQuery(compileDefinition(def, o)).sql.replace(/\s+/g, ' ');
    expect(text).toMatch(
      /^c\.status = 'active' and \(c\.category = any\(.*\) or \(c\.industry = any\(.*\) and \(c\.id in .* or c\.id in .*\)\)\)$/,
    );
    const four = segmentDefinition.safeParse({
      op: 'and',
      children: [{ op: 'and', children: [{ op: 'and', children: [{ op: 'and', children: [] }] }] }],
    });
    expect(four.success).toBe(false);
    expect(four.error?.issues.some((i) => i.path.join('.') === 'children.0.children.0.children.0.children')).toBe(true);
  });
});
