// Bulk import from spreadsheets: the kinds, the columns each kind can fill, and the channels.
// Inspecting, previewing, writing, undoing and the error report run as jobs (poll `jobs:status`).
import { z } from 'zod';
import { FIELD_NAMES, FIELDS, type FieldName } from '../fields';
import { filePathSchema, pageInput, pageOf, sha256Schema, typedLine } from './common';
import { jobStartedSchema } from './jobs';
import { conflictValuesShape, correctionOutcomeSchema } from './registry';

export const IMPORT_KINDS = ['corrections', 'registry', 'cep'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  corrections: 'Correções de cadastros',
  registry: 'Cadastro (carga do sistema do Regional)',
  cep: 'Diretório de CEPs',
};

/** Where a column's values go: a catalogue field, the registration number, or a row's context. */
export type ImportTarget = FieldName | 'registrationNumber' | 'dipStatus' | 'reason' | 'evidence';

export const IMPORT_TARGETS: Record<ImportKind, readonly ImportTarget[]> = {
  corrections: ['registrationNumber', ...FIELD_NAMES, 'reason', 'evidence'],
  registry: ['registrationNumber', ...FIELD_NAMES, 'dipStatus'],
  cep: ['cep', 'street', 'district', 'city', 'uf', 'reason'],
};

export const ALL_IMPORT_TARGETS = ['registrationNumber', ...FIELD_NAMES, 'dipStatus', 'reason', 'evidence'] as [ImportTarget, ...ImportTarget[]];

export function importTargetLabel(target: ImportTarget): string {
  switch (target) {
    case 'registrationNumber':
      return 'Registro';
    case 'dipStatus':
      return 'Situação do DIP';
    case 'reason':
      return 'Motivo';
    case 'evidence':
      return 'Documento comprobatório';
    default:
      return FIELDS[target].label;
  }
}

/**
 * The error report's own columns, around the file's: the row it came from, the problems in words,
 * their codes. An import of the report ignores them, and its preview does not show them.
 */
export const REPORT_COLUMNS = { row: 'Linha original', situation: 'Situação da linha', errors: 'Erros', codes: 'Código do erro' } as const;
/** Problems with which a row of any kind still goes in (a warning, not a refusal): the rest refuse their row. */
const WARNING_CODES: readonly string[] = ['EMAIL_SHARED', 'VALUE_REFUSED_BEFORE'];
/**
 * The pendências the correction form warns of as a value is typed, said on a corrections row that
 * goes in all the same (db/imports/kinds/corrections.ts says only these). None of them refuses a
 * corrections row (a CEP outside the UF does: CEP_UF_MISMATCH is no warning); a CEP import refuses
 * a row for CITY_UNKNOWN: what a code means depends on the kind.
 */
export const FORM_WARNING_CODES: readonly string[] = ['EMAIL_TYPO', 'EMAIL_MISSING', 'NAME_SUSPECT', 'CITY_UNKNOWN', 'BIRTHPLACE_UNKNOWN'];
/** Whether a problem of an import of `kind` lets its row go in (a warning). */
export function isImportWarning(kind: string, code: string): boolean {
  return WARNING_CODES.includes(code) || (kind === 'corrections' && FORM_WARNING_CODES.includes(code));
}
export const REPORT_HEADERS: readonly string[] = Object.values(REPORT_COLUMNS);

export const SPREADSHEET_FORMATS = ['xlsx', 'xlsm', 'ods', 'xls', 'csv'] as const;
export type SpreadsheetFormat = (typeof SPREADSHEET_FORMATS)[number];

const targetSchema = z.enum(ALL_IMPORT_TARGETS);
/** One entry per column of the header row: the target it fills, or null to ignore it. */
export const importMappingSchema = z.array(targetSchema.nullable()).max(1024);
export type ImportMapping = z.infer<typeof importMappingSchema>;

const fileInput = { path: filePathSchema, name: z.string().min(1).max(255) };

/** The longest default reason an import records (as a correction's reason). */
export const IMPORT_REASON_MAX = 500;

export const importRequestSchema = z
  .object({
    ...fileInput,
    kind: z.enum(IMPORT_KINDS),
    /** '' picks the first visible sheet whose headers fit the kind. */
    sheet: z.string().max(255).default(''),
    /** Null uses the mapping remembered for these headers, or the one proposed from them. */
    mapping: importMappingSchema.nullable().default(null),
    allOrNothing: z.boolean().default(false),
    /** Reason recorded on rows whose "Motivo" cell is empty (a default names the file). */
    reason: typedLine(IMPORT_REASON_MAX).nullable().default(null),
    /** Write the error report here at the end (command line, or a report from the preview). */
    reportPath: filePathSchema.nullable().default(null),
    /** How many errors and rows to return (the screen needs a few; the command line all). */
    errorLimit: z.number().int().min(0).nullable().default(2000),
    /** The SHA-256 the clerk was shown (inspect/preview): a file that no longer has it is refused. */
    expectedSha256: sha256Schema.nullable().default(null),
    /**
     * The clerk read, in the preview, whose DIP the import touches and what that means. A written
     * import that touches one is refused without it (DIP_CONFIRMATION_REQUIRED), as the form asks.
     */
    dipAcknowledged: z.boolean().default(false),
  })
  .strict();
export type ImportRequest = z.input<typeof importRequestSchema>;

const countsShape = {
  rows: z.number().int(),
  accepted: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
};

export const importErrorSchema = z.object({
  /** As the clerk sees it in the spreadsheet (the header is usually row 1). */
  row: z.number().int(),
  /** The column's header ('' when the problem is the whole row). */
  column: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const ROW_STATUSES = ['accepted', 'unchanged', 'rejected'] as const;
export type RowStatus = (typeof ROW_STATUSES)[number];

/** A data row as the preview shows it: its cells, what became of it, and which cells are wrong. */
export const previewRowSchema = z.object({
  row: z.number().int(),
  status: z.enum(ROW_STATUSES),
  cells: z.array(z.string()),
  /** Indexes of the cells named by an error. */
  badColumns: z.array(z.number().int()),
  errors: z.array(importErrorSchema),
  changes: z.number().int(),
  /** Who the row is about, "Ana Paula Ferreira (registro 10001)", when the record was found. */
  who: z.string().nullable().default(null),
  /** Each field the row changes, as people read it: label, value now, value after. */
  diff: z.array(z.object({ field: z.string(), from: z.string(), to: z.string() })).default([]),
  /** A registry load's row that adds a record the desk did not have ("Novo cadastro"). */
  created: z.boolean().default(false),
});
export type PreviewRow = z.infer<typeof previewRowSchema>;

export const previousImportSchema = z.object({ id: z.number().int(), kind: z.enum(IMPORT_KINDS), finishedAt: z.string() });

/**
 * A registry row that brought a third value for a field whose correction is still on its way to
 * Implanta: the desk kept its value and the clerk chooses (registry:resolveConflict). Values are
 * as corrections store them (`mother`: JSON of the name and the flag).
 */
export const importConflictSchema = z.object({
  /** The stored conflict (null in a preview, which stores nothing). */
  id: z.number().int().nullable(),
  row: z.number().int(),
  registration: z.string(),
  name: z.string(),
  ...conflictValuesShape,
  correctionOutcome: correctionOutcomeSchema,
});
export type ImportConflict = z.infer<typeof importConflictSchema>;

export const importSummarySchema = z.object({
  importId: z.number().int().nullable(),
  dryRun: z.boolean(),
  /** False for a preview, and for "all or nothing" with a rejected row. */
  written: z.boolean(),
  file: z.string(),
  sha256: z.string(),
  kind: z.enum(IMPORT_KINDS),
  sheet: z.string(),
  format: z.enum(SPREADSHEET_FORMATS),
  allOrNothing: z.boolean(),
  /** Headers of the columns the import did not read (not associated with a field), but the desk's own report columns. */
  unread: z.array(z.string()).default([]),
  /** Data rows hidden in the spreadsheet (filtered out or hidden by hand), read like the others: how many, and the first. */
  hiddenRows: z.object({ count: z.number().int(), first: z.array(z.number().int()) }).default({ count: 0, first: [] }),
  /**
   * Columns the import reads (associated with a field) that are hidden in the spreadsheet, read like
   * the others: each by its letter and header, as the clerk finds it (“coluna B (E-mail)”).
   */
  hiddenColumns: z.array(z.object({ letter: z.string(), header: z.string() })).default([]),
  ...countsShape,
  /** Corrections queued (corrections), records inserted/updated (registry), CEPs saved (cep). */
  corrections: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  /** Registry: rows loaded (or unchanged) whose record has at least one pendência. */
  flagged: z.number().int(),
  /** Registry: rows where the desk kept its value of a field the main system has not caught up with. */
  kept: z.number().int(),
  /** Registry: conflicts found (fields), and the first of them (up to the error limit). */
  conflictsTotal: z.number().int(),
  /** Registry: rows with at least one conflict (counted among the accepted or unchanged). */
  rowsWithConflicts: z.number().int(),
  conflicts: z.array(importConflictSchema),
  /**
   * Registry: conflicts open before the load that it closed without a choice — the main system left
   * the value in conflict, or its value now agrees with the record's.
   */
  conflictsClosed: z.number().int().default(0),
  /**
   * Corrections: conflicts with the main system an earlier correction had closed that the rows open
   * again, taking the record off the main system's value.
   */
  conflictsReopened: z.number().int().default(0),
  /** Registry: cells whose invisible characters (zero-width, controls, bidirectional) were dropped. */
  cleaned: z.number().int().default(0),
  /** Rows written (or to be written) with a warning: accepted, and listed with the problems (EMAIL_SHARED). */
  warned: z.number().int().default(0),
  dipConsequences: z.object({ correct_dip_request: z.number().int(), new_card_required: z.number().int() }),
  /** The professionals whose DIP the import touches, by name (up to the error limit). */
  dipPeople: z.array(z.object({ row: z.number().int(), who: z.string(), consequence: z.enum(['correct_dip_request', 'new_card_required']) })).default([]),
  headers: z.array(z.string()),
  errors: z.array(importErrorSchema),
  errorsTotal: z.number().int(),
  /** The first rows and the rejected ones (up to the limit), for the preview table. */
  sample: z.array(previewRowSchema),
  previous: previousImportSchema.nullable(),
  /** Where the error report was saved; null when none was asked for, or it could not be saved. */
  reportPath: z.string().nullable(),
  /** Why the error report asked for could not be saved (the import stands as `written` says), in Portuguese. */
  reportWarning: z.string().nullable().default(null),
  /** Set when the check of the pendências after the write could not finish: the import is written, the next open checks the registry whole. */
  checksWarning: z.string().nullable().default(null),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;

export const sheetInfoSchema = z.object({
  name: z.string(),
  hidden: z.boolean(),
  headers: z.array(z.string()),
  /** Row number of the header (the first row that is not blank), null for an empty sheet. */
  headerRow: z.number().int().nullable(),
  /** Per column, a few values of its first rows (shown under the header when mapping). */
  samples: z.array(z.array(z.string())),
  /** A header and no row under it (blank rows aside): nothing to import from this sheet. */
  headerOnly: z.boolean().default(false),
  /** Mapping proposed from the headers, per kind (a remembered one when the clerk set it before). */
  mappings: z.object({ corrections: importMappingSchema, registry: importMappingSchema, cep: importMappingSchema }),
  remembered: z.object({ corrections: z.boolean(), registry: z.boolean(), cep: z.boolean() }),
});
export type SheetInfo = z.infer<typeof sheetInfoSchema>;

export const inspectResultSchema = z.object({
  file: z.string(),
  format: z.enum(SPREADSHEET_FORMATS),
  size: z.number().int(),
  sha256: z.string(),
  sheets: z.array(sheetInfoSchema),
  /** Earlier imports of this very file (same SHA-256) still in force. */
  previous: z.array(previousImportSchema),
});
export type InspectResult = z.infer<typeof inspectResultSchema>;

export const IMPORT_STATES = ['done', 'undone'] as const;

export const importRecordSchema = z.object({
  id: z.number().int(),
  kind: z.enum(IMPORT_KINDS),
  fileName: z.string(),
  sha256: z.string(),
  sheet: z.string(),
  operator: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  ...countsShape,
  flagged: z.number().int(),
  kept: z.number().int(),
  conflicts: z.number().int(),
  allOrNothing: z.boolean(),
  forced: z.boolean(),
  state: z.enum(IMPORT_STATES),
  undoneAt: z.string().nullable(),
  /** Corrections (or CEP changes) this import queued and still holds. */
  corrections: z.number().int(),
  /** Why it cannot be undone now (null when it can). */
  undoBlocker: z.string().nullable(),
  /** Rows its error report holds: those refused and those written with a warning. */
  reportRows: z.number().int().default(0),
});
export type ImportRecord = z.infer<typeof importRecordSchema>;

export const undoResultSchema = z.object({ id: z.number().int(), restoredRecords: z.number().int(), removedChanges: z.number().int() });
export type UndoResult = z.infer<typeof undoResultSchema>;

export const reportResultSchema = z.object({ path: z.string(), rows: z.number().int() });
export type ReportResult = z.infer<typeof reportResultSchema>;

export const importsContract = {
  /** Reads the file's sheets and headers and proposes a mapping (job; result: InspectResult). */
  'imports:inspect': { input: z.object(fileInput).strict(), output: jobStartedSchema },
  /** Runs every rule without writing (job; result: ImportSummary). */
  'imports:preview': { input: importRequestSchema, output: jobStartedSchema },
  /** Writes (job; result: ImportSummary). Refuses a file already imported unless `force`. */
  'imports:run': { input: importRequestSchema.extend({ force: z.boolean().default(false) }).strict(), output: jobStartedSchema },
  'imports:list': { input: z.object({ ...pageInput }).strict(), output: pageOf(importRecordSchema) },
  'imports:errors': { input: z.object({ id: z.number().int(), ...pageInput }).strict(), output: pageOf(importErrorSchema) },
  /** Undoes a whole import (job; result: UndoResult). */
  'imports:undo': { input: z.object({ id: z.number().int() }).strict(), output: jobStartedSchema },
  /** Writes the error report .xlsx of a finished import (job; result: ReportResult). */
  'imports:report': { input: z.object({ id: z.number().int(), path: filePathSchema }).strict(), output: jobStartedSchema },
} as const;
