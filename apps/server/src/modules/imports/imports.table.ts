import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One uploaded import file and its life: upload -> dry run (validated / invalid) -> commit (committed / failed). */
export const importRuns = pgTable(
  'import_runs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    entity: text('entity', { enum: ['customers', 'contacts', 'accounts', 'products', 'bills'] }).notNull(),
    fileName: text('file_name').notNull(),
    /** Path of the stored upload, relative to the imports directory. */
    storedName: text('stored_name').notNull(),
    fileSize: bigint('file_size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    format: text('format', { enum: ['csv', 'xlsx'] }).notNull(),
    encoding: text('encoding'),
    detectedEncoding: text('detected_encoding'),
    headers: jsonb('headers').$type<string[]>().notNull().default([]),
    /** Effective mapping file header -> field key (null: ignored). */
    mapping: jsonb('mapping').$type<Record<string, string | null>>().notNull().default({}),
    status: text('status', {
      enum: ['uploaded', 'validating', 'validated', 'invalid', 'committing', 'committed', 'failed'],
    })
      .notNull()
      .default('uploaded'),
    rows: integer('rows').notNull().default(0),
    inserts: integer('inserts').notNull().default(0),
    updates: integer('updates').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    errors: integer('errors').notNull().default(0),
    /** Rows staged by the last dry run (a commit re-stages the file when the staging rows are gone). */
    stagedRows: integer('staged_rows').notNull().default(0),
    /** Resume marker of a chunked commit: every staged row with row_no <= this value is committed. */
    committedThroughRow: integer('committed_through_row').notNull().default(0),
    committedRows: integer('committed_rows').notNull().default(0),
    preview: jsonb('preview').$type<Record<string, string | null>[]>().notNull().default([]),
    error: text('error'),
    jobId: bigint('job_id', { mode: 'number' }),
    createdBy: integer('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    phaseStartedAt: timestamp('phase_started_at', { withTimezone: true }),
    validatedAt: timestamp('validated_at', { withTimezone: true }),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    /** When the uploaded file was deleted (committed, or abandoned for IMPORT_FILE_DAYS); the run stays readable. */
    fileDeletedAt: timestamp('file_deleted_at', { withTimezone: true }),
  },
  (t) => [index('import_runs_created_idx').on(t.createdBy, t.createdAt), index('import_runs_at_idx').on(t.createdAt)],
);

/** Row-level errors of a dry run: file row number (header = row 1), column header, value and reason. */
export const importErrors = pgTable(
  'import_errors',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => importRuns.id, { onDelete: 'cascade' }),
    rowNo: integer('row_no').notNull(),
    column: text('column_name'),
    value: text('value'),
    reason: text('reason').notNull(),
  },
  (t) => [index('import_errors_run_idx').on(t.runId, t.rowNo)],
);

/**
 * Staging rows of an import (UNLOGGED: rebuilt from the stored file when lost after a crash). Generic text columns
 * c1..c20 hold the normalised values of the entity's fields in field order (see imports.sql.ts).
 */
export const importStaging = pgTable(
  'import_staging',
  {
    runId: integer('run_id').notNull(),
    rowNo: integer('row_no').notNull(),
    c1: text('c1'),
    c2: text('c2'),
    c3: text('c3'),
    c4: text('c4'),
    c5: text('c5'),
    c6: text('c6'),
    c7: text('c7'),
    c8: text('c8'),
    c9: text('c9'),
    c10: text('c10'),
    c11: text('c11'),
    c12: text('c12'),
    c13: text('c13'),
    c14: text('c14'),
    c15: text('c15'),
    c16: text('c16'),
    c17: text('c17'),
    c18: text('c18'),
    c19: text('c19'),
    c20: text('c20'),
  },
  (t) => [index('import_staging_run_row_idx').on(t.runId, t.rowNo)],
);
