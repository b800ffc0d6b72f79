// External survey data (CSV / xlsx from a market-research firm) imported into a wave: the columns are mapped to the
// questionnaire's answers, a dry run reports every bad value by row and column, a commit stores the valid rows as
// the wave's answers (where every index reads them), and a re-import of the same respondent key updates the answer
// in place instead of adding one.

import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { RequestCtx } from '../../../platform/context';
import { badRequest, conflict } from '../../../platform/errors';
import { recordAudit } from '../../audit/audit.service';
import * as srepo from '../surveys.repository';
import { importTargets, proposeMapping, rowToAnswers, sameAnswers } from './wave-imports.models';
import * as repo from './waves.repository';
import { requireVisibleWave, storeWaveAnswer } from './waves.service';

export const WAVE_IMPORT_MAX_ROWS = 20_000;
const MAX_REPORTED = 1000;

export type WaveImportInput = {
  fileName: string;
  contentBase64: string;
  /** Answer target (question code, or code.importance / code.performance ...) -> column header. */
  mapping?: Record<string, string>;
  respondentKeyColumn?: string;
  customerNoColumn?: string;
  commit: boolean;
};

export type RowProblem = { row: number; column: string; message: string };

type Table = { headers: string[]; rows: { rowNo: number; cells: string[] }[] };

function decodeCsv(buf: Buffer): string {
  const utf8 = new TextDecoder('utf-8').decode(buf);
  // Files saved by Excel on Chinese Windows are GB18030 (GBK); UTF-8 decoding shows replacement characters then.
  return utf8.includes('\uFFFD') ? new TextDecoder('gb18030').decode(buf) : utf8;
}

const cellText = (v: ExcelJS.CellValue | undefined): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  if ('text' in v) return String(v.text);
  return '';
};

/** The file's header row and data rows (row numbers as a spreadsheet shows them: the header is row 1). */
export async function readTable(fileName: string, buf: Buffer): Promise<Table> {
  const lower = fileName.toLowerCase();
  let all: { rowNo: number; cells: string[] }[];
  if (lower.endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(buf as unknown as ArrayBuffer);
    } catch {
      throw badRequest('surveys.import_unreadable', 'file: not a readable .xlsx workbook', [
        { path: 'contentBase64', message: 'not a readable .xlsx workbook' },
      ]);
    }
    const ws = wb.worksheets[0];
    all = [];
    ws?.eachRow({ includeEmpty: false }, (row, rowNo) => {
      const values = row.values as ExcelJS.CellValue[];
      all.push({ rowNo, cells: values.slice(1).map((v) => cellText(v)) });
    });
  } else if (lower.endsWith('.csv')) {
    let records: string[][];
    try {
      records = parse(decodeCsv(buf), { bom: true, relax_column_count: true, skip_empty_lines: false });
    } catch (e) {
      throw badRequest('surveys.import_unreadable', `file: not a readable CSV (${(e as Error).message})`, [
        { path: 'contentBase64', message: 'not a readable CSV file' },
      ]);
    }
    all = records.map((cells, i) => ({ rowNo: i + 1, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  } else
    throw badRequest('surveys.import_format', 'fileName: a .csv or .xlsx file', [
      { path: 'fileName', message: 'must end in .csv or .xlsx' },
    ]);
  if (all.length === 0)
    throw badRequest('surveys.import_empty', 'file: no header row', [{ path: 'contentBase64', message: 'empty file' }]);
  if (all.length - 1 > WAVE_IMPORT_MAX_ROWS)
    throw badRequest('surveys.import_too_large', `file: more than ${WAVE_IMPORT_MAX_ROWS} rows`, [
      { path: 'contentBase64', message: `at most ${WAVE_IMPORT_MAX_ROWS} rows` },
    ]);
  return { headers: all[0].cells.map((h) => h.trim()), rows: all.slice(1) };
}

const pickColumn = (headers: string[], given: string | undefined, guesses: string[]) =>
  given ?? headers.find((h) => guesses.includes(h.trim().toLowerCase()));

/** Dry run (commit: false) or commit of a file into an open wave; the report is the same for both. */
export async function importIntoWave(opts: { ctx: RequestCtx; waveId: number; input: WaveImportInput; now?: Date }) {
  const { ctx, input } = opts;
  const now = opts.now ?? new Date();
  const wave0 = await requireVisibleWave(ctx, ctx.db, opts.waveId);
  const questionnaire = (await srepo.findQuestionnaire(ctx.db, wave0.questionnaireId))!;
  const table = await readTable(input.fileName, Buffer.from(input.contentBase64, 'base64'));
  const { headers } = table;
  const targets = importTargets(questionnaire.questions);
  const mapping = input.mapping ?? proposeMapping(questionnaire.questions, headers);
  const respondentKeyColumn = pickColumn(headers, input.respondentKeyColumn, [
    'respondent_key',
    'respondent',
    '受访者编号',
  ]);
  const customerNoColumn =
    pickColumn(headers, input.customerNoColumn, ['customer_no', '客户编号']) ?? respondentKeyColumn;
  const fieldProblems: { path: string; message: string }[] = [];
  for (const [target, column] of Object.entries(mapping)) {
    if (!targets.some((t) => t.key === target))
      fieldProblems.push({ path: `mapping.${target}`, message: 'not an answer of the questionnaire' });
    else if (!headers.includes(column))
      fieldProblems.push({ path: `mapping.${target}`, message: `no column "${column}" in the file` });
  }
  if (!respondentKeyColumn || !headers.includes(respondentKeyColumn))
    fieldProblems.push({ path: 'respondentKeyColumn', message: 'name the column holding the respondent key' });
  if (customerNoColumn && !headers.includes(customerNoColumn))
    fieldProblems.push({ path: 'customerNoColumn', message: `no column "${customerNoColumn}" in the file` });
  if (fieldProblems.length)
    throw badRequest('validation.invalid', `Invalid ${fieldProblems.map((p) => p.path).join(', ')}`, fieldProblems);
  if (input.commit && Object.keys(mapping).length === 0)
    throw badRequest('validation.invalid', 'mapping: map at least one column', [
      { path: 'mapping', message: 'map at least one column to an answer' },
    ]);

  const col = new Map(headers.map((h, i) => [h, i]));
  const cell = (cells: string[], column: string) => cells[col.get(column)!] ?? '';
  const customerNos = [...new Set(table.rows.map((r) => cell(r.cells, customerNoColumn!).trim()).filter(Boolean))];
  const customers = await repo.customersByNo(ctx.db, ctx.scope, customerNos);

  const problems: RowProblem[] = [];
  const valid: {
    rowNo: number;
    key: string;
    customerId: number;
    answers: ReturnType<typeof rowToAnswers>['answers'];
  }[] = [];
  const seenKeys = new Map<string, number>();
  for (const r of table.rows) {
    const before = problems.length;
    const key = cell(r.cells, respondentKeyColumn!).trim();
    if (!key) problems.push({ row: r.rowNo, column: respondentKeyColumn!, message: 'respondent key missing' });
    else if (key.length > 100)
      problems.push({ row: r.rowNo, column: respondentKeyColumn!, message: 'respondent key longer than 100' });
    else if (seenKeys.has(key))
      problems.push({
        row: r.rowNo,
        column: respondentKeyColumn!,
        message: `respondent key repeats row ${seenKeys.get(key)}`,
      });
    else seenKeys.set(key, r.rowNo);
    const no = cell(r.cells, customerNoColumn!).trim();
    const customerId = customers.get(no);
    if (!customerId)
      problems.push({
        row: r.rowNo,
        column: customerNoColumn!,
        message: no ? `no customer ${no} in your scope` : 'customer number missing',
      });
    const parsed = rowToAnswers(questionnaire.questions, mapping, (c) => cell(r.cells, c));
    for (const p of parsed.problems) problems.push({ row: r.rowNo, column: p.column, message: p.message });
    if (Object.keys(parsed.answers).length === 0 && parsed.problems.length === 0)
      problems.push({ row: r.rowNo, column: '', message: 'no answers in this row' });
    if (problems.length === before)
      valid.push({ rowNo: r.rowNo, key, customerId: customerId!, answers: parsed.answers });
  }

  const messageIdOf = (key: string) => `import:${wave0.id}:${key}`;
  let inserts = 0;
  let updates = 0;
  let unchanged = 0;
  const classify = async (db: typeof ctx.db | Parameters<Parameters<typeof ctx.db.transaction>[0]>[0]) => {
    const kinds: ('insert' | 'update' | 'unchanged')[] = [];
    for (const v of valid) {
      const existing = await srepo.findResponseByMessage(db, messageIdOf(v.key));
      kinds.push(!existing ? 'insert' : sameAnswers(existing.answers, v.answers) ? 'unchanged' : 'update');
    }
    inserts = kinds.filter((k) => k === 'insert').length;
    updates = kinds.filter((k) => k === 'update').length;
    unchanged = kinds.filter((k) => k === 'unchanged').length;
    return kinds;
  };

  if (!input.commit) await classify(ctx.db);
  else
    await ctx.db.transaction(async (tx) => {
      const wave = await requireVisibleWave(ctx, tx, opts.waveId, true);
      if (wave.status !== 'open') throw conflict('surveys.wave_closed', 'The wave is closed');
      const kinds = await classify(tx);
      for (const [i, v] of valid.entries()) {
        if (kinds[i] === 'unchanged') continue;
        const { invitationId } = await storeWaveAnswer(tx, {
          waveId: wave.id,
          questionnaire,
          customerId: v.customerId,
          answers: v.answers,
          messageId: messageIdOf(v.key),
          source: 'import',
          now,
        });
        const member = await repo.findMemberOfCustomer(tx, wave.id, v.customerId);
        if (!member)
          await repo.insertMember(tx, {
            waveId: wave.id,
            customerId: v.customerId,
            status: 'answered',
            source: 'import',
            invitationId,
            respondentKey: v.key,
            updatedAt: now,
          });
        else if (member.status !== 'answered' || member.respondentKey !== v.key)
          await repo.updateMember(tx, member.id, {
            status: 'answered',
            invitationId: member.status === 'answered' ? member.invitationId : invitationId,
            respondentKey: v.key,
            updatedAt: now,
          });
      }
      await recordAudit({
        tx,
        actor: ctx.actor,
        action: 'import',
        entity: 'survey_wave',
        entityId: wave.id,
        before: null,
        after: {
          fileName: input.fileName,
          rows: table.rows.length,
          inserts,
          updates,
          unchanged,
          badRows: table.rows.length - valid.length,
        },
      });
    });

  return {
    committed: input.commit,
    headers,
    mapping,
    respondentKeyColumn: respondentKeyColumn!,
    customerNoColumn: customerNoColumn!,
    targets: targets.map((t) => t.key),
    rows: table.rows.length,
    valid: valid.length,
    badRows: table.rows.length - valid.length,
    inserts,
    updates,
    unchanged,
    problems: problems.slice(0, MAX_REPORTED),
    problemsTotal: problems.length,
  };
}
