import { describe, expect, it } from 'vitest';
import { DatasetError, encodeTable, inferSchema, parseCsv, selectRows } from './churn.dataset.models';

const csv = `plan,minutes,calls,Churn
gold,120.5,3,False
basic,80,1,True
gold,,2,False
"silver, new",95,0,True
`;

describe('churn data sets', () => {
  it('reads a CSV with a header, quotes and missing values, detecting numeric and categorical columns', () => {
    const table = parseCsv(csv);
    expect(table.columns).toEqual(['plan', 'minutes', 'calls', 'Churn']);
    expect(table.rows[3][0]).toBe('silver, new');
    const schema = inferSchema(table, { target: 'Churn' });
    expect(schema.positive).toBe('True');
    expect(schema.features).toEqual([
      { name: 'plan', kind: 'categorical', levels: ['basic', 'gold', 'silver, new'] },
      { name: 'minutes', kind: 'numeric' },
      { name: 'calls', kind: 'numeric' },
    ]);
    const { matrix, labels } = encodeTable(schema, table);
    expect(Array.from(labels)).toEqual([0, 1, 0, 1]);
    expect(matrix.columns.map((c) => c.name)).toEqual([
      'plan=basic',
      'plan=gold',
      'plan=silver, new',
      'minutes',
      'calls',
    ]);
    expect(Array.from(matrix.data.subarray(0, 5))).toEqual([0, 1, 0, 120.5, 3]);
    expect(matrix.data[2 * 5 + 3]).toBeNaN();
    expect(Array.from(selectRows(matrix, [1]).data)).toEqual([1, 0, 0, 80, 1]);
  });

  it('reads the headerless ", "-separated MLC layout with "True."/"False." labels', () => {
    const table = parseCsv('KS, 128, no, False.\nOH, 107, yes, True.\nNJ, 137, no, False.\n', { header: false });
    expect(table.columns).toEqual(['col1', 'col2', 'col3', 'col4']);
    const schema = inferSchema(table, { target: '4' });
    expect(schema.target).toBe('col4');
    expect(schema.positive).toBe('True.');
    expect(Array.from(encodeTable(schema, table).labels)).toEqual([0, 1, 0]);
  });

  it('encodes other rows with the training levels only (an unseen level is all zeros)', () => {
    const schema = inferSchema(parseCsv(csv), { target: 'Churn' });
    const { matrix } = encodeTable(schema, parseCsv('plan,minutes,calls,Churn\nplatinum,10,1,False\n'));
    expect(Array.from(matrix.data)).toEqual([0, 0, 0, 10, 1]);
  });

  it('leaves out identifier-like columns (a phone number per row)', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 3},555-${1000 + i},${i % 2 ? 'yes' : 'no'}`);
    const schema = inferSchema(parseCsv(`x,phone,left\n${rows.join('\n')}`), { target: 'left' });
    expect(schema.ignored).toEqual(['phone']);
    expect(schema.features.map((f) => f.name)).toEqual(['x']);
  });

  it('names the problem of a bad file', () => {
    expect(() => parseCsv('')).toThrow('empty file');
    expect(() => parseCsv('a,b,Churn\n')).toThrow('empty file: a header row but no data rows');
    expect(() => inferSchema(parseCsv(csv), { target: 'churned' })).toThrow('target column "churned" not found');
    expect(() => inferSchema(parseCsv('a,Churn\n1,no\n2,no\n'), { target: 'Churn' })).toThrow(
      'target column "Churn" is constant (no)',
    );
    expect(() => inferSchema(parseCsv(csv), { target: 'Churn', numeric: ['plan'] })).toThrow(
      'column "plan" is numeric but data row 1 has text "gold"',
    );
    expect(() => inferSchema(parseCsv('a,status\n1,open\n2,closed\n'), { target: 'status' })).toThrow(
      'name the positive one (--positive)',
    );
    expect(() => parseCsv('a,b\n1,2,3\n')).toThrow('row 2 has 3 fields, the header has 2');
    expect(new DatasetError('x')).toBeInstanceOf(Error);
  });

  it('reports text in a numeric column of the rows being scored', () => {
    const schema = inferSchema(parseCsv(csv), { target: 'Churn' });
    expect(() => encodeTable(schema, parseCsv('plan,minutes,calls,Churn\ngold,lots,1,False\n'))).toThrow(
      'column "minutes" is numeric but row 1 has text "lots"',
    );
  });

  it('takes an explicit positive value among several labels', () => {
    const table = parseCsv('a,status\n1,open\n2,closed\n3,ported\n');
    const schema = inferSchema(table, { target: 'status', positive: 'ported' });
    expect(Array.from(encodeTable(schema, table).labels)).toEqual([0, 0, 1]);
  });
});
