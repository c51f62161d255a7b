// Spreadsheet imports: one row per import written, each rejected row's problems, and the column
// mappings remembered for the next file.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { IMPORT_KINDS, IMPORT_STATES } from '../../shared/contract/imports';
import { inVocabulary } from './checks';
import { rowId, rowOf, updatedAt } from './columns';

/** Spreadsheet imports (corrections, registry, CEP directory): one row per import written. */
export const imports = sqliteTable(
  'imports',
  {
    id: rowId(),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    sheet: text('sheet').notNull(),
    format: text('format').notNull(),
    /** JSON: the header row as read, and the column → target mapping used. */
    headers: text('headers').notNull(),
    mapping: text('mapping').notNull(),
    operator: text('operator').notNull(),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at').notNull(),
    rows: integer('rows').notNull(),
    accepted: integer('accepted').notNull(),
    unchanged: integer('unchanged').notNull(),
    rejected: integer('rejected').notNull(),
    /** Registry loads: rows loaded with a pendência, rows where a correction in flight was kept, conflicts. */
    flagged: integer('flagged').notNull().default(0),
    kept: integer('kept').notNull().default(0),
    conflicts: integer('conflicts').notNull().default(0),
    allOrNothing: integer('all_or_nothing').notNull().default(0),
    forced: integer('forced').notNull().default(0),
    state: text('state').notNull().default('done'),
    undoneAt: text('undone_at'),
  },
  (t) => [
    index('imports_sha256_idx').on(t.sha256, t.kind),
    inVocabulary('imports', 'kind', IMPORT_KINDS),
    inVocabulary('imports', 'state', IMPORT_STATES),
    check('imports_counts', sql.raw('rows = accepted + unchanged + rejected')),
  ],
);

/** Each problem of a rejected row, with the row's cells (on its first problem) for the error report. */
export const importErrors = sqliteTable(
  'import_errors',
  {
    id: rowId(),
    importId: rowOf('import_id', () => imports.id),
    row: integer('row').notNull(),
    column: text('column').notNull(),
    code: text('code').notNull(),
    message: text('message').notNull(),
    /** JSON array of the row's cells as read. */
    rawRow: text('raw_row'),
  },
  (t) => [index('import_errors_import_idx').on(t.importId, t.row)],
);

/** The column mapping a clerk chose, remembered for the next file with the same headers. */
export const importMappings = sqliteTable('import_mappings', {
  key: text('key').primaryKey(),
  kind: text('kind').notNull(),
  headers: text('headers').notNull(),
  mapping: text('mapping').notNull(),
  updatedAt: updatedAt(),
});
