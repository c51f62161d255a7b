// `cress-desk import …`: a spreadsheet import from a terminal, over the same channels and job as
// the Importar screen. Exit 1 when a row was rejected or the error report could not be saved (the
// import's summary is printed all the same, the warning on stderr); 3 when the file itself cannot
// be trusted.
import { basename, resolve } from 'node:path';
import { repeatedFileError } from '../../db/imports/history';
import { IMPORT_KINDS, isImportWarning, type ImportKind, type ImportSummary } from '../../shared/contract/imports';
import { formatCount } from '../../shared/display/numbers';
import { plural } from '../../shared/display/plural';
import { terminalSafe } from '../../shared/text';
import { conflictLine, RESOLVE_HINT } from './registry';
import { Argument } from 'commander';
import { EXIT, outputPath, runJob, type CliContext, type CliModule, type CommandOutcome } from './types';
import { AppError } from '../../shared/errors';

const KIND_WORDS: Record<ImportKind, string> = { corrections: 'corrections', registry: 'registry records', cep: 'CEP directory entries' };

function flag(context: CliContext, name: string): boolean {
  return context.values[name] === true;
}

function text(context: CliContext, name: string): string | undefined {
  const value = context.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** What the summary says happened, one line each. */
function summaryText(summary: ImportSummary, forced: boolean): string {
  const lines: string[] = [];
  // Rows that go in with a warning are in the report too: the counts say how many of each it holds.
  const warned = summary.warned > 0 ? ` (${formatCount(summary.warned)} with a warning)` : '';
  // A row in conflict is counted as accepted or unchanged: its own count keeps it from reading as nothing to look at.
  const inConflict = summary.rowsWithConflicts > 0 ? `, ${formatCount(summary.rowsWithConflicts)} with conflicts` : '';
  const action = summary.dryRun ? 'Checked (nothing written)' : summary.written ? 'Imported' : 'Nothing written (all or nothing)';
  lines.push(
    `${action}: ${summary.file}, sheet “${summary.sheet}” — ${plural(summary.rows, 'row', 'rows')}: ${formatCount(summary.accepted)} accepted${warned}, ${formatCount(summary.unchanged)} unchanged, ${formatCount(summary.rejected)} rejected${inConflict}.`,
  );
  // The command line has no step to associate columns: a column it did not read must not pass unseen.
  if (summary.unread.length > 0) {
    lines.push(`${summary.unread.length === 1 ? 'Column not read' : 'Columns not read'} (no field of this import has that name; see the import format): ${summary.unread.map((h) => `“${h}”`).join(', ')}.`);
  }
  if (summary.hiddenRows.count > 0) {
    const { count, first } = summary.hiddenRows;
    lines.push(`${plural(count, 'row is', 'rows are')} hidden in the spreadsheet (a filter, or hidden by hand: ${count === 1 ? 'row' : 'rows'} ${first.join(', ')}${count > first.length ? '…' : ''}) and ${count === 1 ? (summary.written ? 'was' : 'is') : summary.written ? 'were' : 'are'} read like the others.`);
  }
  if (summary.hiddenColumns.length > 0) {
    const one = summary.hiddenColumns.length === 1;
    const names = summary.hiddenColumns.map((c) => (c.header ? `${c.letter} (“${c.header}”)` : c.letter)).join(', ');
    lines.push(`${one ? 'Column' : 'Columns'} ${names} ${one ? 'is' : 'are'} hidden in the spreadsheet and ${summary.written ? (one ? 'was' : 'were') : one ? 'is' : 'are'} read like the others.`);
  }
  if (summary.written && summary.kind === 'corrections') lines.push(`${plural(summary.corrections, 'correction', 'corrections')} queued for Implanta (import ${summary.importId}).`);
  if (summary.kind === 'corrections' && summary.conflictsClosed > 0) {
    const closed = summary.written ? 'closed: the record now holds' : 'would be closed: the record would hold';
    lines.push(`${plural(summary.conflictsClosed, 'open conflict', 'open conflicts')} ${closed} the main system's value.`);
  }
  if (summary.kind === 'corrections' && summary.conflictsReopened > 0) {
    const opened = summary.written ? 'open again: the record no longer holds' : 'would be open again: the record would no longer hold';
    lines.push(`${plural(summary.conflictsReopened, 'conflict', 'conflicts')} with the main system ${opened} its value (cress-desk registry conflicts).`);
  }
  if (summary.written && summary.kind === 'registry') lines.push(`${plural(summary.inserted, 'record', 'records')} added, ${formatCount(summary.updated)} updated (import ${summary.importId}).`);
  if (summary.kind === 'registry') {
    if (summary.flagged > 0) lines.push(`${plural(summary.flagged, 'row loaded has', 'rows loaded have')} pendências to fix (defective data of the main system).`);
    if (summary.cleaned > 0) lines.push(`${plural(summary.cleaned, 'cell held', 'cells held')} invisible characters (zero-width, control or bidirectional), read without them.`);
    if (summary.kept > 0) lines.push(`${plural(summary.kept, 'row keeps', 'rows keep')} a value of the desk the main system has not caught up with (a correction, or the DIP status Implanta reported).`);
    if (summary.conflictsTotal > 0) {
      lines.push(
        `${plural(summary.conflictsTotal, 'conflict', 'conflicts')} with the desk's corrections — a third value while a correction is on its way to Implanta, another value than one Implanta applied from a correction, or the value of a correction Implanta rejected or the clerk cancelled (the desk kept its value):`,
      );
      for (const c of summary.conflicts) lines.push(conflictLine({ ...c, registrationNumber: c.registration }));
      const unlisted = summary.conflictsTotal - summary.conflicts.length;
      if (unlisted > 0) lines.push(`  … ${plural(unlisted, 'more conflict', 'more conflicts')} not listed (cress-desk registry conflicts).`);
      if (summary.written) lines.push(RESOLVE_HINT);
    }
    if (summary.conflictsClosed > 0) {
      const closed = summary.written ? 'closed' : 'would be closed';
      lines.push(`${plural(summary.conflictsClosed, 'open conflict', 'open conflicts')} ${closed}: the main system's value now agrees with the desk's, or it left the value in conflict.`);
    }
  }
  if (summary.written && summary.kind === 'cep') lines.push(`${plural(summary.corrections, 'CEP change', 'CEP changes')} queued for Implanta (import ${summary.importId}).`);
  const dip = summary.dipConsequences;
  if (dip.correct_dip_request > 0) lines.push(`${plural(dip.correct_dip_request, 'row changes', 'rows change')} a confirmed DIP request: Implanta must also correct the request.`);
  if (dip.new_card_required > 0) lines.push(`${plural(dip.new_card_required, 'row changes', 'rows change')} a DIP already in manufacture: a new card must be requested.`);
  for (const p of summary.dipPeople) lines.push(`  row ${p.row}: ${p.who}`);
  if (summary.previous && summary.dryRun) {
    lines.push(`This file was already imported (import ${summary.previous.id}); ${forced ? 'with --force it is written again.' : 'writing it again needs --force.'}`);
  }
  if (summary.errors.length > 0) {
    lines.push('Problems:');
    for (const e of summary.errors) {
      const note = isImportWarning(summary.kind, e.code) ? ` (warning: the row ${summary.written ? 'went' : 'goes'} in)` : '';
      lines.push(`  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message} [${e.code}]${note}`);
    }
    const unlisted = summary.errorsTotal - summary.errors.length;
    if (unlisted > 0) lines.push(`  … ${plural(unlisted, 'more problem', 'more problems')} not listed: --report FILE.xlsx lists every row.`);
  }
  if (summary.reportPath) {
    const held = summary.warned > 0 ? ` (${plural(summary.rejected, 'row', 'rows')} refused, ${formatCount(summary.warned)} with a warning)` : '';
    lines.push(`Error report: ${summary.reportPath}${held}`);
  }
  return lines.join('\n');
}

/** The same file again: on the command line, repeating it is --force (the screen's words ask to confirm). */
function onCommandLine(error: unknown): unknown {
  if (!(error instanceof AppError) || error.code !== 'IMPORT_REPEATED') return error;
  const previous = error.details as { id?: unknown; finishedAt?: unknown } | undefined;
  if (typeof previous?.id !== 'number' || typeof previous.finishedAt !== 'string') return error;
  return repeatedFileError({ id: previous.id, finishedAt: previous.finishedAt }, 'repita o comando com --force');
}

/** Problems (and registry conflicts) listed; the count says how many more, the report has them all. */
const LISTED_PROBLEMS = 2000;

async function importCommand(context: CliContext): Promise<CommandOutcome> {
  const [kind, file = ''] = context.args;
  const dryRun = flag(context, 'dryRun');
  const report = outputPath(context, 'report');
  // The report is a workbook: under another ending (erros.csv) Excel would refuse to open it.
  if (report && !/\.xlsx$/i.test(report)) {
    throw new AppError('INPUT_INVALID', `O relatório de erros é uma planilha .xlsx: dê a ele um nome terminado em .xlsx (recebido: ${basename(report)}). Nada foi importado.`);
  }
  const request = {
    path: resolve(file),
    name: basename(file),
    kind: kind as ImportKind,
    sheet: text(context, 'sheet') ?? '',
    mapping: null,
    allOrNothing: flag(context, 'allOrNothing'),
    reportPath: report ?? null,
    // As the app lists them: a file of a million wrong rows must not hold (and print) every one.
    errorLimit: LISTED_PROBLEMS,
    dipAcknowledged: flag(context, 'acceptDip'),
  };
  let summary: ImportSummary;
  try {
    summary = dryRun ? await runJob(context, 'imports:preview', request) : await runJob(context, 'imports:run', { ...request, force: flag(context, 'force') });
  } catch (error) {
    throw onCommandLine(error);
  }
  for (const warning of [summary.reportWarning, summary.checksWarning]) if (warning) context.io.err(terminalSafe(`cress-desk: warning: ${warning}`));
  return {
    result: {
      file: summary.file,
      sha256: summary.sha256,
      kind: summary.kind,
      rows: summary.rows,
      accepted: summary.accepted,
      warned: summary.warned,
      unchanged: summary.unchanged,
      rejected: summary.rejected,
      unread: summary.unread,
      ...(summary.hiddenRows.count > 0 ? { hiddenRows: summary.hiddenRows } : {}),
      ...(summary.hiddenColumns.length > 0 ? { hiddenColumns: summary.hiddenColumns } : {}),
      ...(summary.kind === 'registry' ? { rowsWithConflicts: summary.rowsWithConflicts } : {}),
      flagged: summary.flagged,
      kept: summary.kept,
      ...(summary.cleaned > 0 ? { cleaned: summary.cleaned } : {}),
      ...(summary.conflictsClosed > 0 ? { conflictsClosed: summary.conflictsClosed } : {}),
      ...(summary.conflictsReopened > 0 ? { conflictsReopened: summary.conflictsReopened } : {}),
      conflicts: summary.conflicts.map(({ row, registration, field, deskValue, fileValue }) => ({ row, registration, field, deskValue, fileValue })),
      errors: summary.errors.map(({ row, column, code, message }) => ({ row, column, code, message })),
      // The first problems are listed (LISTED_PROBLEMS): how many there are in all.
      errorsTotal: summary.errorsTotal,
      ...(summary.kind === 'registry' ? { conflictsTotal: summary.conflictsTotal } : {}),
      // The rows changing a confirmed DIP request or a card in manufacture, as the text lists them.
      ...(summary.dipPeople.length > 0 ? { dipRows: summary.dipPeople.map(({ row, who, consequence }) => ({ row, who, consequence })) } : {}),
      ...(summary.reportWarning ? { reportWarning: summary.reportWarning } : {}),
      ...(summary.checksWarning ? { checksWarning: summary.checksWarning } : {}),
    },
    text: summaryText(summary, flag(context, 'force')),
    exit: summary.rejected > 0 || summary.reportWarning ? EXIT.refused : EXIT.ok,
  };
}

export const importCli: CliModule = (program, action) => {
  program
    .command('import')
    .description(`Import a spreadsheet (.xlsx, .xlsm, .ods, .xls, .csv): ${Object.values(KIND_WORDS).join(', ')}`)
    .addArgument(new Argument('<kind>', 'what the file holds').choices(IMPORT_KINDS))
    .argument('<file>', 'the spreadsheet')
    .option('--sheet <name>', 'the sheet (default: the first visible sheet with a key column and rows)')
    .option('--dry-run', 'check the file, write nothing')
    .option('--all-or-nothing', 'write only when every row is valid')
    .option('--force', 'import a file already imported')
    .option('--accept-dip', 'go ahead when rows change data of a confirmed DIP request or a card in manufacture')
    .option('--report <out.xlsx>', 'save the rejected rows and those with a warning, with their row number, a Situação da linha column, an Erros column and the codes')
    .action(action(importCommand));
};
