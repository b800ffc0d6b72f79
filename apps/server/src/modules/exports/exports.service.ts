import { PassThrough, type Writable } from 'node:stream';
import { type BillExportQuery, type CustomerExportQuery, enumLabels, maskPersonalValue } from '@crm/contracts';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/client';
import type { RequestCtx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { countExportRows } from '../../platform/metrics';
import { recordExport } from '../audit/audit.service';
import { findOrgUnitForReference, getSubtreeIds } from '../org/org.service';
import { type Cell, csvLine, neutraliseCell } from './exports.models';
import {
  type BillExportRow,
  billExportCountSql,
  billExportSql,
  type CustomerExportRow,
  countRows,
  customerExportCountSql,
  customerExportSql,
  streamQuery,
  yieldToEventLoop,
} from './exports.queries';

export type Lang = 'zh' | 'en';
export type TableFormat = 'xlsx' | 'csv';
/** One column of an exported table: headers in both languages, the cell of a row, and Excel layout hints. */
export type TableColumn<T> = {
  zh: string;
  en: string;
  cell: (row: T, lang: Lang) => Cell;
  width?: number;
  numFmt?: string;
};

/** The one cell rule of every export writer (CSV / spreadsheet formula injection), for other modules' CSV files. */
export { csvCell, csvLine, neutraliseCell } from './exports.models';

/** Rows written to the .xlsx writer between two yields to the event loop (its XML serialisation is synchronous). */
const XLSX_ROWS_PER_SLICE = 50;

const drained = (out: Writable) =>
  out.writableNeedDrain ? new Promise<void>((resolve) => out.once('drain', resolve)) : Promise.resolve();

/**
 * Writes a table to `out` as .xlsx (exceljs streaming writer) or .csv (UTF-8 with BOM so Excel shows Chinese),
 * pulling rows from `produce` batch by batch; reusable by every list export and the import templates. Every text cell
 * goes through `neutraliseCell` (no formula injection), in both formats. Returns the number of data rows written.
 */
export async function writeTable<T>(opts: {
  format: TableFormat;
  lang: Lang;
  sheetName: string;
  columns: TableColumn<T>[];
  out: Writable;
  produce: (sink: (rows: T[]) => Promise<void>) => Promise<unknown>;
  /** Columns formatted as text in Excel (long digit strings such as ID numbers). */
  textColumns?: number[];
}): Promise<number> {
  const { columns, lang, out } = opts;
  let written = 0;
  const headers = columns.map((c) => (lang === 'zh' ? c.zh : c.en));
  if (opts.format === 'csv') {
    out.write(`\uFEFF${csvLine(headers)}\r\n`);
    await opts.produce(async (rows) => {
      written += rows.length;
      let text = '';
      for (const row of rows) text += `${csvLine(columns.map((c) => c.cell(row, lang)))}\r\n`;
      out.write(text);
      await drained(out);
    });
    out.end();
    return written;
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(opts.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({
    header: neutraliseCell(headers[i]),
    key: `k${i}`,
    width: c.width ?? Math.max(10, headers[i].length * 2 + 2),
    style: c.numFmt ? { numFmt: c.numFmt } : opts.textColumns?.includes(i) ? { numFmt: '@' } : undefined,
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  await opts.produce(async (rows) => {
    written += rows.length;
    for (let i = 0; i < rows.length; i++) {
      if (i > 0 && i % XLSX_ROWS_PER_SLICE === 0) await yieldToEventLoop();
      ws.addRow(columns.map((c) => neutraliseCell(c.cell(rows[i], lang)))).commit();
    }
    await drained(out);
  });
  ws.commit();
  await wb.commit();
  return written;
}

const label = (enumName: string, value: string | null, lang: Lang) =>
  value === null ? null : (enumLabels[enumName]?.[value]?.[lang] ?? value);
const yuan = (fen: number) => Math.round(fen) / 100;

export const customerColumns = (pii: boolean): TableColumn<CustomerExportRow>[] => [
  { zh: '客户编号', en: 'Customer no', cell: (r) => r.customerNo, width: 14 },
  { zh: '客户名称', en: 'Name', cell: (r) => r.name, width: 32 },
  { zh: '客户类型', en: 'Party type', cell: (r, l) => label('partyType', r.partyType, l) },
  { zh: '客户类别', en: 'Category', cell: (r, l) => label('category', r.category, l) },
  { zh: '公众客户子类', en: 'Public subtype', cell: (r, l) => label('publicSubtype', r.publicSubtype, l) },
  { zh: '客户状态', en: 'Status', cell: (r, l) => label('customerStatus', r.status, l) },
  { zh: '行业', en: 'Industry', cell: (r, l) => label('industry', r.industry, l), width: 18 },
  { zh: '单位性质', en: 'Organisation type', cell: (r, l) => label('organizationType', r.organizationType, l) },
  { zh: '统一社会信用代码', en: 'Credit code', cell: (r) => r.creditCode, width: 22 },
  { zh: '身份证号码', en: 'ID number', cell: (r) => maskPersonalValue('idNumber', r.idNumber, pii), width: 22 },
  { zh: '手机号码', en: 'Mobile', cell: (r) => maskPersonalValue('mobile', r.mobile, pii), width: 14 },
  { zh: '电子邮箱', en: 'Email', cell: (r) => r.email, width: 22 },
  { zh: '地址', en: 'Address', cell: (r) => r.address, width: 30 },
  { zh: '归属机构编码', en: 'Org unit code', cell: (r) => r.orgUnitCode },
  { zh: '归属机构', en: 'Org unit', cell: (r) => r.orgUnitName },
  { zh: '客户经理账号', en: 'Account manager', cell: (r) => r.accountManager },
  { zh: '客户经理', en: 'Account manager name', cell: (r) => r.accountManagerName },
  { zh: '入网日期', en: 'Since', cell: (r) => r.sinceDate, width: 12 },
  { zh: '外部编号', en: 'External ID', cell: (r) => r.externalId, width: 14 },
];

const money = '0.00';
export const billColumns: TableColumn<BillExportRow>[] = [
  { zh: '账户编号', en: 'Account no', cell: (r) => r.accountNo, width: 14 },
  { zh: '客户编号', en: 'Customer no', cell: (r) => r.customerNo, width: 14 },
  { zh: '客户名称', en: 'Customer name', cell: (r) => r.customerName, width: 30 },
  { zh: '账期', en: 'Period', cell: (r) => r.period },
  { zh: '本地通话费(元)', en: 'Local voice (yuan)', cell: (r) => yuan(r.localVoiceFen), numFmt: money },
  { zh: '长途通话费(元)', en: 'Long distance (yuan)', cell: (r) => yuan(r.longDistanceFen), numFmt: money },
  { zh: '国际通话费(元)', en: 'International (yuan)', cell: (r) => yuan(r.internationalFen), numFmt: money },
  { zh: '流量费(元)', en: 'Data (yuan)', cell: (r) => yuan(r.dataFen), numFmt: money },
  { zh: '增值业务费(元)', en: 'Value added (yuan)', cell: (r) => yuan(r.valueAddedFen), numFmt: money },
  { zh: '月租费(元)', en: 'Rental (yuan)', cell: (r) => yuan(r.rentalFen), numFmt: money },
  { zh: '应收合计(元)', en: 'Total (yuan)', cell: (r) => yuan(r.totalFen), numFmt: money },
  { zh: '已缴金额(元)', en: 'Paid (yuan)', cell: (r) => yuan(r.paidFen), numFmt: money },
  { zh: '欠费金额(元)', en: 'Arrears (yuan)', cell: (r) => yuan(r.arrearsFen), numFmt: money },
];

async function subtreeOf(ctx: RequestCtx, orgUnitId?: number): Promise<number[] | undefined> {
  if (!orgUnitId) return undefined;
  const unit = await findOrgUnitForReference({ db: ctx.db, id: orgUnitId });
  return unit ? getSubtreeIds({ db: ctx.db, path: unit.path }) : [];
}

const stamp = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');
export const fileNameOf = (base: string, format: TableFormat) => `${base}-${stamp()}.${format}`;

/** How a long export reads its rows: batch size, the row cap, and a callback after each batch (progress). */
export type ExportReading = {
  batchSize?: number;
  maxRows?: number;
  onRows?: (rowsDone: number) => Promise<void>;
  /** Where the rows are read (a streaming replica); the audit record is written through `ctx.db`. */
  readDb?: Db;
};

/** The context rows are read with: the user's, on `readDb` when one is given. */
const readingCtx = (ctx: RequestCtx, opts: ExportReading): RequestCtx =>
  opts.readDb ? { ...ctx, db: opts.readDb } : ctx;

const reading = (opts: ExportReading) => {
  let done = 0;
  return {
    limits: { batchSize: opts.batchSize, maxRows: opts.maxRows },
    sink:
      <T>(write: (rows: T[]) => Promise<void>) =>
      async (rows: T[]) => {
        await write(rows);
        done += rows.length;
        await opts.onRows?.(done);
      },
  };
};

export const tooManyRows = (rows: number, maxRows: number) =>
  new AppError(
    'exports.too_many_rows',
    400,
    `The export would hold ${rows} rows; at most ${maxRows} rows per export. Narrow the filters (e.g. a period or an org unit) and export in parts.`,
    [{ path: 'query', message: `at most ${maxRows} rows` }],
  );

/**
 * Counts the rows an export will hold, with its filters and the user's scope, before anything streams: input the
 * database refuses (a NUL byte in the search) answers 400 exactly like the list endpoint, and more than `maxRows`
 * rows answers `exports.too_many_rows`.
 */
export async function countExport(opts: {
  ctx: RequestCtx;
  kind: 'customers' | 'bills';
  query: CustomerExportQuery | BillExportQuery;
  maxRows: number;
}): Promise<number> {
  const { ctx, query } = opts;
  const filter = { ...query, orgUnitIds: await subtreeOf(ctx, query.orgUnitId) };
  const countSql =
    opts.kind === 'customers'
      ? customerExportCountSql(ctx.scope, filter as CustomerExportQuery)
      : billExportCountSql(ctx.scope, filter as BillExportQuery);
  const rows = await countRows(ctx.db, countSql);
  if (rows > opts.maxRows) throw tooManyRows(rows, opts.maxRows);
  return rows;
}

/** Streams the customers of the list view (filters and scope of the user; PII masked without `pii.read`). */
export async function exportCustomers(
  opts: {
    ctx: RequestCtx;
    query: CustomerExportQuery;
    out: Writable;
  } & ExportReading,
): Promise<void> {
  const { ctx, query } = opts;
  const read = reading(opts);
  const rctx = readingCtx(ctx, opts);
  const filter = { ...query, orgUnitIds: await subtreeOf(rctx, query.orgUnitId) };
  const rowsSql = customerExportSql(ctx.scope, filter);
  const written = await writeTable<CustomerExportRow>({
    format: query.format,
    lang: query.lang,
    sheetName: query.lang === 'zh' ? '客户' : 'Customers',
    columns: customerColumns(ctx.can('pii.read')),
    textColumns: [8, 9, 10],
    out: opts.out,
    produce: async (sink) => {
      const rowCount = await streamQuery(rctx.db, rowsSql, read.sink(sink), read.limits);
      await recordExport({
        db: ctx.db,
        actor: ctx.actor,
        entity: 'customer',
        filter: query,
        rowCount,
        masked: !ctx.can('pii.read'),
      });
      return rowCount;
    },
  });
  countExportRows('customers', query.format, written);
}

/** Streams the bills of visible customers (amounts in yuan, the columns of the bill import file). */
export async function exportBills(
  opts: { ctx: RequestCtx; query: BillExportQuery; out: Writable } & ExportReading,
): Promise<void> {
  const { ctx, query } = opts;
  const read = reading(opts);
  const rctx = readingCtx(ctx, opts);
  const filter = { ...query, orgUnitIds: await subtreeOf(rctx, query.orgUnitId) };
  const rowsSql = billExportSql(ctx.scope, filter);
  const written = await writeTable<BillExportRow>({
    format: query.format,
    lang: query.lang,
    sheetName: query.lang === 'zh' ? '账单' : 'Bills',
    columns: billColumns,
    out: opts.out,
    produce: (sink) => streamQuery(rctx.db, rowsSql, read.sink(sink), read.limits),
  });
  countExportRows('bills', query.format, written);
}

export const CONTENT_TYPES: Record<TableFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * Sends a file download whose body `write` streams into; an error after the first byte aborts the response (the
 * client sees a broken download rather than a silently truncated file).
 */
export function streamDownload(
  reply: FastifyReply,
  fileName: string,
  format: TableFormat,
  write: (out: Writable) => Promise<unknown>,
): FastifyReply {
  const out = new PassThrough();
  reply
    .header('content-type', CONTENT_TYPES[format])
    .header(
      'content-disposition',
      `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header('cache-control', 'no-store');
  write(out).catch((err) => {
    reply.log.error({ err }, 'export failed');
    out.destroy(err);
  });
  return reply.send(out);
}
