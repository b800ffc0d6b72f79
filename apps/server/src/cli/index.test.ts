import { billExportQuery, customerExportQuery } from '@crm/contracts';
import { describe, expect, it } from 'vitest';
import { CliError, exportQuery, parseCli } from './index';

describe('CLI arguments', () => {
  it('reads export filters as values (they used to become booleans and stray positionals)', () => {
    const { values, positionals } = parseCli([
      'export',
      'customers',
      '--out',
      '/tmp/c.xlsx',
      '--category',
      'key_account',
      '--search',
      '南京',
    ]);
    expect(positionals).toEqual(['export', 'customers']);
    const query = exportQuery('customers', customerExportQuery, values);
    expect(query).toMatchObject({ category: 'key_account', search: '南京', format: 'xlsx', lang: 'zh' });
    const bills = parseCli(['export', 'bills', '--out', 'b.csv', '--format', 'csv', '--periodFrom', '2026-01']);
    expect(exportQuery('bills', billExportQuery, bills.values)).toMatchObject({ periodFrom: '2026-01', format: 'csv' });
  });

  it('rejects unknown options, filters of the other entity and invalid values with a readable message', () => {
    expect(() => parseCli(['export', 'customers', '--out', 'c.csv', '--categroy', 'public'])).toThrow(CliError);
    const { values } = parseCli(['export', 'customers', '--out', 'c.csv', '--periodFrom', '2026-01']);
    expect(() => exportQuery('customers', customerExportQuery, values)).toThrow(
      'not a filter of customers exports: --periodFrom',
    );
    const pdf = parseCli(['export', 'customers', '--out', 'c.pdf', '--format', 'pdf']);
    expect(() => exportQuery('customers', customerExportQuery, pdf.values)).toThrow(/^--format: /);
  });
});
