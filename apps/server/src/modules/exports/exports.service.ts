import { PassThrough, type Writable } from 'node:stream';
import { type BillExportQuery, type CustomerExportQuery, enumLabels, maskIdNumber, maskPhone } from '@crm/contracts';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { RequestCtx } from '../../platform/context';
import { countExportRows } from '../../platform/metrics';
import { findOrgUnitForReference, getSubtreeIds } from '../org/org.service';
import {
  type BillExportRow,
  billExportSql,
  type CustomerExportRow,
  customerExportSql,
  streamQuery,
} from './exports.queries';

export type Lang = 'zh' | 'en';
export type TableFormat = 'xlsx' | 'csv';
type Cell = string | number | null;
/** One column of an exported table: headers in both languages, the cell of a row, and Excel layout hints. */
export type TableColumn<T> = {
  zh: string;
  en: string;
  cell: (row: T, lang: Lang) => Cell;
  width?: number;
  numFmt?: string;
};

const csvCell = (v: Cell) => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

const drained = (out: Writable) =>
  out.writableNeedDrain ? new Promise<void>((resolve) => out.once('drain', resolve)) : Promise.resolve();

/**
 * Writes a table to `out` as .xlsx (exceljs streaming writer) or .csv (UTF-8 with BOM so Excel shows Chinese),
 * pulling rows from `produce` batch by batch; reusable by every list export and the import templates. Returns the
 * number of data rows written.
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
    out.write(`\uFEFF${headers.map(csvCell).join(',')}\r\n`);
    await opts.produce(async (rows) => {
      written += rows.length;
      let text = '';
      for (const row of rows) text += `${columns.map((c) => csvCell(c.cell(row, lang))).join(',')}\r\n`;
      out.write(text);
      await drained(out);
    });
    out.end();
    return written;
  }
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(opts.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c, i) => ({
    header: headers[i],
    key: `k${i}`,
    width: c.width ?? Math.max(10, headers[i].length * 2 + 2),
    style: c.numFmt ? { numFmt: c.numFmt } : opts.textColumns?.includes(i) ? { numFmt: '@' } : undefined,
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  await opts.produce(async (rows) => {
    written += rows.length;
    for (const row of rows) ws.addRow(columns.map((c) => c.cell(row, lang))).commit();
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
  { zh: '身份证号码', en: 'ID number', cell: (r) => (pii ? r.idNumber : maskIdNumber(r.idNumber)), width: 22 },
  { zh: '手机号码', en: 'Mobile', cell: (r) => (pii ? r.mobile : maskPhone(r.mobile)), width: 14 },
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

/** Streams the customers of the list view (filters and scope of the user; PII masked without `pii.read`). */
export async function exportCustomers(opts: {
  ctx: RequestCtx;
  query: CustomerExportQuery;
  out: Writable;
}): Promise<void> {
  const { ctx, query } = opts;
  const filter = { ...query, orgUnitIds: await subtreeOf(ctx, query.orgUnitId) };
  const rowsSql = customerExportSql(ctx.scope, filter);
  const written = await writeTable<CustomerExportRow>({
    format: query.format,
    lang: query.lang,
    sheetName: query.lang === 'zh' ? '客户' : 'Customers',
    columns: customerColumns(ctx.can('pii.read')),
    textColumns: [8, 9, 10],
    out: opts.out,
    produce: (sink) => streamQuery(ctx.db, rowsSql, sink),
  });
  countExportRows('customers', query.format, written);
}

/** Streams the bills of visible customers (amounts in yuan, the columns of the bill import file). */
export async function exportBills(opts: { ctx: RequestCtx; query: BillExportQuery; out: Writable }): Promise<void> {
  const { ctx, query } = opts;
  const filter = { ...query, orgUnitIds: await subtreeOf(ctx, query.orgUnitId) };
  const rowsSql = billExportSql(ctx.scope, filter);
  const written = await writeTable<BillExportRow>({
    format: query.format,
    lang: query.lang,
    sheetName: query.lang === 'zh' ? '账单' : 'Bills',
    columns: billColumns,
    out: opts.out,
    produce: (sink) => streamQuery(ctx.db, rowsSql, sink),
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
