// The import job: read the sheet as a stream, check every row, write the valid ones — all or
// nothing (its writing side, writer/), so Cancelar, a failure, "all or nothing" and a preview
// leave the store exactly as it was. A corrections import is written in short steps — while it is
// read, unless it may yet write nothing — so the counter never waits on it (writer/stagedWriter.ts); registry and
// CEP imports write in one transaction. A preview runs the very same code and writes nothing.
// Corrections are checked in the store's order when their order does not matter (storeOrder.ts);
// what the clerk is shown still follows the file's rows.
import type { Database } from 'better-sqlite3';
import { basename } from 'node:path';
import type { ImportError, ImportKind, ImportMapping, ImportSummary, PreviewRow } from '../../shared/contract/imports';
import { AppError } from '../../shared/errors';
import { CHECKING_CACHE_KIB, openJobConnection, WRITING_CACHE_KIB } from '../connections';
import { jobCancelled } from '../jobs/cancel';
import type { JobContext } from '../jobs/types';
import { requireSettings } from '../settings';
import { ColumnMap } from './columns';
import { checkMapping, unreadHeaders } from './headers';
import { monthFirstColumns } from './monthFirstDates';
import { previousImports, repeatedFileError } from './history';
import { refuseFileBeingWritten } from './writer/reservations';
import { CepProcessor } from './kinds/cep';
import { CorrectionsProcessor } from './kinds/corrections';
import { RegistryProcessor } from './kinds/registry';
import { rejected, type KindProcessor, type ProcessorContext } from './kinds/types';
import { mappingFor } from './mappings';
import { openCopied, type CopiedSpreadsheet } from './readers/privateCopy';
import { checkSaveDestination } from '../saveDestination';
import { isBlankRow, type RawRow, type SpreadsheetSource } from './readers/source';
import { checkAfterWrite } from './afterWrite';
import { inReadSnapshot } from './readSnapshot';
import { saveImportReport, type ReportRow } from './report';
import { detach, FirstByRow, RowsInStoreOrder } from './storeOrder';
import { chooseSheet, readHeader, titleAboveHeader } from './sheets';
import { uuidV7Sequence } from './uuid';
import { openWriterLink, writerScript, type WriterLink } from './writer/link';
import { OP_ERROR } from './writer/ops';
import { dipNotAcknowledged, hiddenMappedColumns, leaveOutStale, type RowsOutcome } from './outcome';

export interface ImportJobInput {
  path: string;
  name: string;
  kind: ImportKind;
  sheet: string;
  mapping: ImportMapping | null;
  allOrNothing: boolean;
  reason: string | null;
  reportPath: string | null;
  errorLimit: number | null;
  dryRun: boolean;
  force: boolean;
  /** The SHA-256 the clerk was shown (inspect/preview); the file must still have it. */
  expectedSha256?: string | null;
  /** The clerk ticked, in the preview, that the rows touching a DIP were read (see the contract). */
  dipAcknowledged?: boolean;
}

/** Rows shown in the preview whatever their outcome (the rejected ones are added up to the limit). */
const SAMPLE_ROWS = 100;
/** Hidden rows named in the summary (the count says how many more). */
const HIDDEN_ROWS_NAMED = 10;
/** How often the loop reports progress and looks at Cancelar. */
const CHECK_EVERY = 256;
/** Rows handed to a kind together (it looks their records up at once). */
const WINDOW = 256;

const PROCESSORS: Record<ImportKind, new (context: ProcessorContext) => KindProcessor> = {
  corrections: CorrectionsProcessor,
  registry: RegistryProcessor,
  cep: CepProcessor,
};

function fileNameOf(name: string): string {
  return basename(name.replace(/\\/g, '/')).slice(0, 255);
}

export function runImport(input: ImportJobInput, context: JobContext): ImportSummary {
  const fileName = fileNameOf(input.name);
  // A report that could not be saved at the end would come after the rows were written: its place is checked first.
  if (input.reportPath) checkSaveDestination(input.reportPath);
  context.progress({ phase: 'open', label: 'Abrindo a planilha…', done: 0, total: null });
  // Rows are read from a private copy, hashed as it is made (readers/privateCopy.ts).
  const source = openCopied(input.path, fileName, input.expectedSha256 ?? null);
  try {
    // Corrections, the big monthly files, write in a thread of their own when the app is built;
    // this connection then only looks records up.
    // (Only in WAL mode, where reading goes on beside a writer — the desk's stores always are.)
    const script = input.kind === 'corrections' ? writerScript() : null;
    const db = openJobConnection(context.storePath, script ? CHECKING_CACHE_KIB : WRITING_CACHE_KIB);
    try {
      const wal = db.pragma('journal_mode', { simple: true }) === 'wal';
      return importFrom(source, db, { ...input, name: fileName }, context, wal ? script : null);
    } finally {
      db.close();
    }
  } finally {
    source.close();
  }
}

function importFrom(source: CopiedSpreadsheet, db: Database, input: ImportJobInput, context: JobContext, writer: string | null): ImportSummary {
  const settings = requireSettings(db);
  const sha256 = source.sha256;
  const previous = previousImports(db, sha256, input.kind)[0] ?? null;
  if (previous && !input.dryRun && !input.force) throw repeatedFileError(previous);
  if (!input.dryRun && !input.force) refuseFileBeingWritten(db, input.kind, sha256);

  const sheet = chooseSheet(source, input.sheet, input.kind);
  const header = readHeader(source, sheet);
  if (header.row === null) throw new AppError('FILE_UNREADABLE', `A aba “${sheet}” está vazia: não há cabeçalho nem linhas para importar.`);
  const found = input.mapping === null ? mappingFor(db, input.kind, header.headers) : null;
  const mapping = found?.mapping ?? (input.mapping as ImportMapping);
  try {
    checkMapping(input.kind, header.headers, mapping, { fromHeaders: input.mapping === null, guessed: found?.remembered === false });
  } catch (error) {
    throw (input.mapping === null ? titleAboveHeader(source, sheet, header) : null) ?? error;
  }
  const columns = new ColumnMap(header.headers, mapping, input.mapping === null);
  columns.monthFirst = monthFirstColumns(source, sheet, header.row, columns);
  columns.widthIsTheHeaders = source.format === 'csv';

  const startedAt = context.nowIso();
  const forced = Boolean(previous) && input.force;
  const link = openWriterLink(db, context.storePath, { staged: input.kind === 'corrections', script: writer });
  try {
    // Written whatever its rows say: the import can be written while it is read (writer/).
    const writeWhileReading = !input.dryRun && !input.allOrNothing;
    const importId = link.begin({
      kind: input.kind,
      fileName: input.name,
      sha256,
      sheet,
      format: source.format,
      headers: header.headers,
      mapping,
      operator: settings.operator,
      startedAt,
      allOrNothing: input.allOrNothing,
      forced,
      refuseRepeat: !input.dryRun && !input.force,
    }, writeWhileReading);
    const processor = new PROCESSORS[input.kind]({
      db,
      link,
      importId,
      now: startedAt,
      operator: settings.operator,
      fileName: input.name,
      defaultReason: (input.reason?.trim() || `Importação da planilha ${input.name}`).slice(0, 500),
      columns,
      uuid: uuidV7Sequence(Date.parse(startedAt)),
      conflictLimit: input.errorLimit ?? Number.POSITIVE_INFINITY,
      allOrNothing: input.allOrNothing,
    });
    // Rows written on the writer's own connection: this one only reads, a window at a time (readSnapshot.ts).
    const outcome = processRows(source, sheet, header.row, processor, columns, link, link.writesElsewhere ? db : null, input, context);
    processor.flush();

    const written = !input.dryRun && !(input.allOrNothing && outcome.counts.rejected > 0);
    if (written && outcome.dip.correct_dip_request + outcome.dip.new_card_required > 0 && input.dipAcknowledged !== true) throw dipNotAcknowledged(outcome.dipPeople.map((p) => p.row));
    const totals = processor.totals();
    const finishedAt = context.nowIso();
    if (written) context.progress({ phase: 'commit', label: 'Gravando no arquivo de dados…', done: outcome.counts.rows, total: outcome.counts.rows });
    const tallies = { flagged: totals.flagged, kept: totals.kept, conflicts: totals.conflicts };
    source.assertUnchanged(); // a file saved again while it was read is refused before the commit
    const finished = link.finish({
      written,
      // A preview remembers the columns the clerk chose (the window's mapping), not those it found by itself.
      rememberMapping: input.dryRun && input.mapping !== null,
      counts: outcome.counts,
      tallies,
      finishedAt,
      auditDetail: {
        kind: input.kind,
        fileName: input.name,
        sha256,
        sheet,
        ...outcome.counts,
        ...totals,
        dipConsequences: outcome.dip,
        allOrNothing: input.allOrNothing,
        forced,
      },
      mapping: { kind: input.kind, headers: header.headers, mapping },
    });
    leaveOutStale(outcome, totals, finished.stale);
    const checksWarning = written && finished.importId !== null ? checkAfterWrite(context, input.kind, finished.importId) : null;

    let reportWarning: string | null = null;
    if (input.reportPath) {
      context.progress({ phase: 'report', label: 'Gerando o relatório de erros…', done: 0, total: null });
      reportWarning = saveImportReport(input.kind, input.reportPath, header.headers, outcome.reportRows, written ? finished.importId : null);
    }
    return {
      importId: written ? finished.importId : null,
      dryRun: input.dryRun,
      written,
      file: input.name,
      sha256,
      kind: input.kind,
      sheet,
      format: source.format,
      allOrNothing: input.allOrNothing,
      unread: unreadHeaders(header.headers, mapping),
      hiddenRows: outcome.hiddenRows,
      hiddenColumns: hiddenMappedColumns(source.hiddenColumns(sheet), header.headers, mapping),
      ...outcome.counts,
      corrections: totals.corrections,
      inserted: totals.inserted,
      updated: totals.updated,
      flagged: totals.flagged,
      kept: totals.kept,
      conflictsTotal: totals.conflicts,
      rowsWithConflicts: totals.rowsWithConflicts ?? 0,
      // A registry load closes conflicts as it reads; a corrections import as its rows are written
      // (its check only foresees them: what the writing closed is the count once written).
      conflictsClosed: input.kind === 'corrections' && written ? finished.conflictsClosed : (totals.conflictsClosed ?? 0),
      // Foreseen as the rows are checked; the writing opens them again row by row, as it closes others.
      conflictsReopened: totals.conflictsReopened ?? 0,
      cleaned: totals.cleaned ?? 0,
      // A preview stored nothing: its conflicts have no number to resolve them by.
      conflicts: (processor.conflictList?.() ?? []).map((c) => (written ? c : { ...c, id: null })),
      warned: outcome.warned.size,
      dipConsequences: outcome.dip,
      dipPeople: outcome.dipPeople,
      headers: header.headers,
      errors: outcome.errors,
      errorsTotal: outcome.errorsTotal,
      sample: outcome.sample,
      previous,
      reportPath: reportWarning ? null : input.reportPath,
      reportWarning,
      checksWarning,
    };
  } catch (error) {
    link.abort(error instanceof AppError && error.code === 'JOB_CANCELLED' ? 'cancelled' : 'failed');
    throw error;
  } finally {
    link.close();
  }
}

/** Where the header with no row under it is: a CSV has no sheets ("abas"), only the file. */
function headerOnlyWhere(format: SpreadsheetSource['format'], sheet: string, fileName: string): string {
  return format === 'csv' ? `O arquivo “${fileName}”` : `A aba “${sheet}”`;
}

function processRows(
  source: SpreadsheetSource,
  sheet: string,
  headerRow: number,
  processor: KindProcessor,
  columns: ColumnMap,
  link: WriterLink,
  snapshot: Database | null,
  input: ImportJobInput,
  context: JobContext,
): RowsOutcome {
  const limit = input.errorLimit ?? Number.POSITIVE_INFINITY;
  const counts = { rows: 0, accepted: 0, unchanged: 0, rejected: 0 };
  const dip = { correct_dip_request: 0, new_card_required: 0 };
  // Rows may be checked in the store's order (storeOrder.ts): what is listed is still the file's first rows.
  const dipPeople = new FirstByRow<ImportSummary['dipPeople'][number]>(limit);
  const errors = new FirstByRow<ImportError>(limit);
  let errorsTotal = 0;
  const warned = new Set<number>();
  const firstRows: PreviewRow[] = [];
  const rejectedRows = new FirstByRow<PreviewRow>(limit);
  const reportRows: ReportRow[] = [];
  const estimate = source.rowEstimate(sheet);
  let read = 0;
  const recordsOf = processor.storeOrder?.() ?? null;
  // A kind that reads ahead sees the whole file first; its rows are then checked in file order (no record to sort by).
  const ordered = recordsOf ? new RowsInStoreOrder(recordsOf) : processor.readAhead ? new RowsInStoreOrder((rows) => rows.map(() => null)) : null;

  const report = () => {
    const { done, total } = source.progress;
    const expected = estimate ?? (done > 0 && total > 0 ? Math.round((read * total) / done) : null);
    const written = input.dryRun ? '' : ` · ${counts.accepted.toLocaleString('pt-BR')} gravadas`;
    context.progress({
      phase: input.dryRun ? 'check' : 'write',
      label: `${read.toLocaleString('pt-BR')} lidas · ${counts.rows.toLocaleString('pt-BR')} conferidas${written}`,
      // Reading first, then checking in the store's order: each is half the way.
      done: ordered ? Math.round((read + counts.rows) / 2) : read,
      total: expected === null ? null : Math.max(expected, read),
    });
  };

  /** `ordinal`: the row's place among the file's data rows (0: the first). */
  const handle = (raw: RawRow, ordinal: number) => {
    counts.rows++;
    link.atRow(raw.row);
    // A failed formula, or a date a month-first column may hold swapped, refuses the row whatever its kind (columns.ts).
    const refusedCells = columns.refusedCells(raw.cells);
    const outcome = refusedCells.length > 0 ? rejected([...refusedCells]) : processor.process(raw);
    counts[outcome.status]++;
    if (outcome.dipConsequence !== 'none') {
      // Written only once the clerk read, in the preview, whose DIP this touches (as the form asks);
      // refused at the first such row, unless "all or nothing" may yet write nothing (checked at the end).
      if (!input.dryRun && !input.allOrNothing && input.dipAcknowledged !== true) throw dipNotAcknowledged([raw.row]);
      dip[outcome.dipConsequence]++;
      dipPeople.add({ row: raw.row, who: outcome.who ?? '', consequence: outcome.dipConsequence });
    }

    const rowErrors = outcome.issues.map((issue) => columns.toError(raw.row, issue));
    if (rowErrors.length > 0) {
      errorsTotal += rowErrors.length;
      rowErrors.forEach((error, index) => {
        errors.add(error);
        // The row's cells go with its first problem: the error report is rebuilt from them later.
        link.add([OP_ERROR, error.row, error.column, error.code, error.message, index === 0 ? JSON.stringify(raw.cells) : null]);
      });
      if (input.reportPath) reportRows.push({ row: raw.row, cells: detach(raw.cells), errors: rowErrors });
      if (outcome.status !== 'rejected') warned.add(raw.row);
    }
    // The preview shows the first rows whatever their outcome, then the rejected ones and those with
    // a warning (a row that goes in with a pendência) up to the limit.
    const inSample = ordinal < SAMPLE_ROWS;
    if (!inSample && outcome.status !== 'rejected' && rowErrors.length === 0) return;
    const previewRow: PreviewRow = {
      row: raw.row,
      status: outcome.status,
      cells: detach(raw.cells.slice(0, Math.max(columns.headers.length, 1))),
      badColumns: [...new Set(outcome.issues.map((i) => i.column).filter((c): c is number => c !== null))],
      errors: rowErrors,
      changes: outcome.changes,
      who: outcome.who ?? null,
      diff: outcome.diff ?? [],
      created: outcome.created ?? false,
    };
    if (inSample) firstRows.push(previewRow);
    else rejectedRows.add(previewRow);
  };
  // Rows go through in windows, so a kind can look up the records of a whole window at once.
  let window: RawRow[] = [];
  let ordinals: number[] = [];
  // The record each row of the window was about when read, when the rows come in the store's order.
  let records: (number | null)[] | null = null;
  const take = (raw: RawRow, ordinal: number, record?: number | null) => {
    window.push(raw);
    ordinals.push(ordinal);
    if (record !== undefined) (records ??= []).push(record);
    if (window.length === WINDOW) drain();
  };
  const drain = () => {
    inReadSnapshot(snapshot, () => {
      processor.prefetch?.(window, records);
      window.forEach((raw, i) => {
        if (i % CHECK_EVERY === 0 && context.cancelled()) throw jobCancelled();
        handle(raw, ordinals[i] as number);
      });
    });
    window = [];
    ordinals = [];
    records = null;
  };
  let dataRows = 0;
  const hiddenRows = { count: 0, first: [] as number[] };
  for (const raw of source.rows(sheet)) {
    read++;
    if (read % CHECK_EVERY === 0) {
      if (context.cancelled()) throw jobCancelled();
      report();
    }
    if (raw.row <= headerRow || isBlankRow(raw.cells)) continue;
    if (raw.hidden && hiddenRows.count++ < HIDDEN_ROWS_NAMED) hiddenRows.first.push(raw.row);
    // A row refused for a failed formula states nothing the rows around it may count on.
    if (processor.readAhead && columns.refusedCells(raw.cells).length === 0) processor.readAhead(raw);
    if (ordered) ordered.add(raw);
    else take(raw, dataRows);
    dataRows++;
  }
  if (ordered) {
    let handed = 0;
    for (const { raw, ordinal, record } of ordered.inOrder()) {
      take(raw, ordinal, recordsOf ? record : undefined);
      if (++handed % (WINDOW * 16) === 0) report();
    }
  }
  drain();
  report();
  if (context.cancelled()) throw jobCancelled();
  if (counts.rows === 0) throw new AppError('FILE_UNREADABLE', `${headerOnlyWhere(source.format, sheet, input.name)} só tem o cabeçalho: não há linhas para importar.`);
  const sample = [...firstRows, ...rejectedRows.list()].sort((a, b) => a.row - b.row);
  reportRows.sort((a, b) => a.row - b.row);
  return { counts, dip, dipPeople: dipPeople.list(), errors: errors.list(), errorsTotal, warned, sample, reportRows, hiddenRows };
}
