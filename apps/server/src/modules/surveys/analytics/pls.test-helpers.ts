import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { PlsModelSpec } from './pls.models';

// The published R plspm results with the data in ../shared/data/survey/bank-plspm (read from there, never copied
// into the repository); tests skip when the folder is absent.
const dir = path.resolve(__dirname, '../../../../../../../shared/data/survey/bank-plspm');
export const present = existsSync(path.join(dir, 'satisfaction.csv'));

export const readCsv = (file: string) =>
  parse(readFileSync(path.join(dir, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];

/** The bank survey as numeric columns. */
export function bankData(): Record<string, number[]> {
  const rows = readCsv('satisfaction.csv');
  const cols: Record<string, number[]> = {};
  for (const key of Object.keys(rows[0])) cols[key] = rows.map((r) => Number(r[key]));
  return cols;
}

/** The ECSI-style model of R plspm's bank satisfaction example (its published results are the reference). */
export const bankModel: PlsModelSpec = {
  blocks: {
    IMAG: ['imag1', 'imag2', 'imag3', 'imag4', 'imag5'],
    EXPE: ['expe1', 'expe2', 'expe3', 'expe4', 'expe5'],
    QUAL: ['qual1', 'qual2', 'qual3', 'qual4', 'qual5'],
    VAL: ['val1', 'val2', 'val3', 'val4'],
    SAT: ['sat1', 'sat2', 'sat3', 'sat4'],
    LOY: ['loy1', 'loy2', 'loy3', 'loy4'],
  },
  paths: [
    ['IMAG', 'EXPE'],
    ['IMAG', 'SAT'],
    ['IMAG', 'LOY'],
    ['EXPE', 'QUAL'],
    ['EXPE', 'VAL'],
    ['EXPE', 'SAT'],
    ['QUAL', 'VAL'],
    ['QUAL', 'SAT'],
    ['VAL', 'SAT'],
    ['SAT', 'LOY'],
  ],
  csi: 'SAT',
};
