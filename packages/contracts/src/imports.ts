// Bulk data in and out: the import file formats (fields with Chinese and English headers) and the import API DTOs.
import { z } from 'zod';
import { pageOf, pageQuery } from './common';
import { customerListQuery } from './customers';

export const importEntities = ['customers', 'contacts', 'accounts', 'products', 'bills'] as const;
export type ImportEntity = (typeof importEntities)[number];

/**
 * How a file value is read: `text`, an enum of @crm/contracts (code or Chinese label), `yuan` (amount in yuan with up
 * to 2 decimals, stored as fen), `int`, `date` (YYYY-MM-DD), `period` (YYYY-MM), `mobile`, `phone`, `creditCode`,
 * `idNumber`, `email`.
 */
export type ImportFieldKind =
  | 'text'
  | 'enum'
  | 'yuan'
  | 'int'
  | 'date'
  | 'period'
  | 'mobile'
  | 'phone'
  | 'creditCode'
  | 'idNumber'
  | 'email';

export type ImportField = {
  key: string;
  zh: string;
  en: string;
  kind: ImportFieldKind;
  required?: boolean;
  /** The enum name of `enum` fields (server: `enumLabelsZh`). */
  enumName?: string;
  max?: number;
  /** Other header spellings that map to this field automatically. */
  aliases?: string[];
  example?: string;
};

const customerRef: ImportField = {
  key: 'customerRef',
  zh: '客户标识',
  en: 'Customer',
  kind: 'text',
  required: true,
  max: 64,
  aliases: ['客户编号', 'customer no', 'customerNo', '证件号码'],
  example: 'C0000000001',
};

/** The columns of each import file, in template order. The first keys are the natural keys of the entity. */
export const importFields: Record<ImportEntity, ImportField[]> = {
  customers: [
    { key: 'externalId', zh: '外部编号', en: 'External ID', kind: 'text', max: 64, example: 'BSS-10001' },
    { key: 'creditCode', zh: '统一社会信用代码', en: 'Credit code', kind: 'creditCode', example: '91320000MA1MXXXX0X' },
    { key: 'idNumber', zh: '身份证号码', en: 'ID number', kind: 'idNumber', aliases: ['证件号码'] },
    { key: 'partyType', zh: '客户类型', en: 'Party type', kind: 'enum', enumName: 'partyType', example: '单位' },
    {
      key: 'name',
      zh: '客户名称',
      en: 'Name',
      kind: 'text',
      required: true,
      max: 200,
      aliases: ['名称', '姓名'],
      example: '南京某某科技有限公司',
    },
    {
      key: 'category',
      zh: '客户类别',
      en: 'Category',
      kind: 'enum',
      enumName: 'category',
      required: true,
      example: '大客户',
    },
    { key: 'publicSubtype', zh: '公众客户子类', en: 'Public subtype', kind: 'enum', enumName: 'publicSubtype' },
    { key: 'status', zh: '客户状态', en: 'Status', kind: 'enum', enumName: 'customerStatus', example: '在网' },
    { key: 'mobile', zh: '手机号码', en: 'Mobile', kind: 'mobile', aliases: ['手机'], example: '13912345678' },
    { key: 'email', zh: '电子邮箱', en: 'Email', kind: 'email', aliases: ['邮箱'] },
    { key: 'address', zh: '地址', en: 'Address', kind: 'text', max: 300 },
    { key: 'industry', zh: '行业', en: 'Industry', kind: 'enum', enumName: 'industry', example: '电子制造与IT服务' },
    { key: 'coverageLevel', zh: '覆盖级别', en: 'Coverage level', kind: 'enum', enumName: 'coverageLevel' },
    { key: 'organizationType', zh: '单位性质', en: 'Organisation type', kind: 'enum', enumName: 'organizationType' },
    { key: 'orgUnitCode', zh: '归属机构编码', en: 'Org unit code', kind: 'text', max: 64, aliases: ['机构编码'] },
    { key: 'accountManager', zh: '客户经理账号', en: 'Account manager', kind: 'text', max: 64, aliases: ['客户经理'] },
    { key: 'sinceDate', zh: '入网日期', en: 'Since', kind: 'date', example: '2020-01-15' },
    { key: 'notes', zh: '备注', en: 'Notes', kind: 'text', max: 2000 },
  ],
  contacts: [
    customerRef,
    { key: 'name', zh: '联系人姓名', en: 'Contact name', kind: 'text', required: true, max: 64, aliases: ['姓名'] },
    { key: 'title', zh: '职务', en: 'Title', kind: 'text', max: 64 },
    { key: 'mobile', zh: '手机号码', en: 'Mobile', kind: 'mobile', aliases: ['手机'] },
    { key: 'phone', zh: '固定电话', en: 'Phone', kind: 'phone', aliases: ['电话'] },
    { key: 'email', zh: '电子邮箱', en: 'Email', kind: 'email', aliases: ['邮箱'] },
    { key: 'birthday', zh: '生日', en: 'Birthday', kind: 'date' },
    { key: 'decisionRole', zh: '决策角色', en: 'Decision role', kind: 'enum', enumName: 'decisionRole' },
    { key: 'attitude', zh: '态度', en: 'Attitude', kind: 'enum', enumName: 'attitude' },
    { key: 'notes', zh: '备注', en: 'Notes', kind: 'text', max: 2000 },
  ],
  accounts: [
    {
      key: 'accountNo',
      zh: '账户编号',
      en: 'Account no',
      kind: 'text',
      required: true,
      max: 32,
      aliases: ['账号'],
      example: 'A0000000001',
    },
    customerRef,
    { key: 'name', zh: '账户名称', en: 'Account name', kind: 'text', required: true, max: 200 },
    {
      key: 'paymentMethod',
      zh: '付费方式',
      en: 'Payment method',
      kind: 'enum',
      enumName: 'paymentMethod',
      example: '现金',
    },
    { key: 'billCycleDay', zh: '账单日', en: 'Bill cycle day', kind: 'int', example: '1' },
    { key: 'status', zh: '账户状态', en: 'Status', kind: 'enum', enumName: 'accountStatus' },
  ],
  products: [
    {
      key: 'serviceNumber',
      zh: '服务号码',
      en: 'Service number',
      kind: 'text',
      required: true,
      max: 64,
      aliases: ['号码'],
    },
    { key: 'accountNo', zh: '账户编号', en: 'Account no', kind: 'text', required: true, max: 32, aliases: ['账号'] },
    { key: 'offeringCode', zh: '产品编码', en: 'Offering code', kind: 'text', required: true, max: 64 },
    { key: 'startDate', zh: '开通日期', en: 'Start date', kind: 'date', required: true, example: '2024-01-01' },
    { key: 'endDate', zh: '截止日期', en: 'End date', kind: 'date' },
    { key: 'monthly', zh: '月租(元)', en: 'Monthly (yuan)', kind: 'yuan', aliases: ['月租'] },
    { key: 'status', zh: '产品状态', en: 'Status', kind: 'enum', enumName: 'productStatus' },
  ],
  bills: [
    {
      key: 'accountNo',
      zh: '账户编号',
      en: 'Account no',
      kind: 'text',
      required: true,
      max: 32,
      aliases: ['账号'],
      example: 'A0000000001',
    },
    {
      key: 'period',
      zh: '账期',
      en: 'Period',
      kind: 'period',
      required: true,
      aliases: ['计费账期', '账单月份'],
      example: '2025-06',
    },
    { key: 'localVoice', zh: '本地通话费(元)', en: 'Local voice (yuan)', kind: 'yuan', aliases: ['本地通话费'] },
    { key: 'longDistance', zh: '长途通话费(元)', en: 'Long distance (yuan)', kind: 'yuan', aliases: ['长途费'] },
    { key: 'international', zh: '国际通话费(元)', en: 'International (yuan)', kind: 'yuan', aliases: ['国际费'] },
    { key: 'data', zh: '流量费(元)', en: 'Data (yuan)', kind: 'yuan', aliases: ['流量费'] },
    { key: 'valueAdded', zh: '增值业务费(元)', en: 'Value added (yuan)', kind: 'yuan', aliases: ['增值业务费'] },
    { key: 'rental', zh: '月租费(元)', en: 'Rental (yuan)', kind: 'yuan', aliases: ['月租费'] },
    {
      key: 'total',
      zh: '应收合计(元)',
      en: 'Total (yuan)',
      kind: 'yuan',
      aliases: ['应收合计', '合计'],
      example: '3580.50',
    },
    { key: 'paid', zh: '已缴金额(元)', en: 'Paid (yuan)', kind: 'yuan', aliases: ['已缴金额'] },
    { key: 'arrears', zh: '欠费金额(元)', en: 'Arrears (yuan)', kind: 'yuan', aliases: ['欠费金额'] },
  ],
};

export const importEncodings = ['auto', 'utf8', 'gbk', 'gb18030', 'utf16le'] as const;
export type ImportEncoding = (typeof importEncodings)[number];
export const importStatuses = [
  'uploaded',
  'validating',
  'validated',
  'invalid',
  'committing',
  'committed',
  'failed',
] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** File header -> field key (null: ignore the column). Headers not named keep their automatic mapping. */
export const importMapping = z.record(z.string().max(200), z.string().max(64).nullable());
export type ImportMapping = z.infer<typeof importMapping>;

export const importDryRunRequest = z.object({
  encoding: z.enum(importEncodings).default('auto'),
  mapping: importMapping.optional(),
});
export type ImportDryRunRequest = z.infer<typeof importDryRunRequest>;

export const importCounts = z.object({
  rows: z.number().int(),
  inserts: z.number().int(),
  updates: z.number().int(),
  unchanged: z.number().int(),
  errors: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCounts>;

export const importRun = z.object({
  id: z.number().int(),
  entity: z.enum(importEntities),
  fileName: z.string(),
  fileSize: z.number().int(),
  format: z.enum(['csv', 'xlsx']),
  encoding: z.string().nullable(),
  detectedEncoding: z.string().nullable(),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string().nullable()),
  status: z.enum(importStatuses),
  counts: importCounts,
  committedRows: z.number().int(),
  preview: z.array(z.record(z.string(), z.string().nullable())),
  error: z.string().nullable(),
  jobId: z.number().int().nullable(),
  progress: z
    .object({ done: z.number(), total: z.number().nullable(), rowsPerSecond: z.number().nullable() })
    .nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  validatedAt: z.string().nullable(),
  committedAt: z.string().nullable(),
});
export type ImportRun = z.infer<typeof importRun>;

export const importRunPage = pageOf(importRun);
export const importListQuery = pageQuery.extend({ entity: z.enum(importEntities).optional() });

export const importError = z.object({
  rowNo: z.number().int(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
});
export type ImportError = z.infer<typeof importError>;
export const importErrorPage = pageOf(importError);

export const exportFormats = ['xlsx', 'csv'] as const;
export const exportLang = z.enum(['zh', 'en']).default('zh');
export const exportParams = z.object({ format: z.enum(exportFormats).default('xlsx'), lang: exportLang });

/** GET /api/customers/export: the list filters of GET /api/customers (no paging) plus format and language. */
export const customerExportQuery = customerListQuery.omit({ limit: true, offset: true }).extend(exportParams.shape);
export type CustomerExportQuery = z.infer<typeof customerExportQuery>;

/** GET /api/bills/export: bills of visible customers, by period range, customer and account. */
export const billExportQuery = exportParams.extend({
  periodFrom: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  periodTo: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
  customerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  accountNo: z.string().trim().max(32).optional(),
  category: customerListQuery.shape.category,
  orgUnitId: customerListQuery.shape.orgUnitId,
});
export type BillExportQuery = z.infer<typeof billExportQuery>;

export const exportKinds = ['customers', 'bills'] as const;
export type ExportKind = (typeof exportKinds)[number];
export const exportJobStatuses = ['queued', 'running', 'succeeded', 'failed', 'expired'] as const;

/**
 * A file export running as a durable job (POST /api/exports/customers or /bills with the filters of the list, then
 * GET /api/exports/{id} for progress; `downloadUrl` once the file is written, for the user who started it).
 */
export const exportJob = z.object({
  id: z.number().int(),
  kind: z.enum(exportKinds),
  format: z.enum(exportFormats),
  status: z.enum(exportJobStatuses),
  rowsDone: z.number().int(),
  rowsTotal: z.number().int().nullable(),
  fileName: z.string(),
  sizeBytes: z.number().int().nullable(),
  downloadUrl: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export type ExportJob = z.infer<typeof exportJob>;
