// `cress-desk import …`: a spreadsheet import from a terminal, over the same channels and job as
// the Importar screen. Exit 1 when a row was rejected; 3 when the file itself cannot be trusted.
import { basename, resolve } from 'node:path';
import { IMPORT_KINDS, type ImportKind, type ImportSummary } from '../shared/contract/imports';
import { formatCount } from '../shared/display/numbers';
import { plural } from '../shared/display/plural';
import { conflictLine, RESOLVE_HINT } from './cliRegistry';
import { EXIT, runJob, UsageError, type CliContext, type CliModule, type CommandOutcome } from './cliTypes';

const KIND_WORDS: Record<ImportKind, string> = { corrections: 'corrections', registry: 'registry records', cep: 'CEP directory entries' };

function flag(context: CliContext, name: string): boolean {
  return context.values[name] === true;
}

function text(context: CliContext, name: string): string | undefined {
  const value = context.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** What the summary says happened, one line each. */
function summaryText(summary: ImportSummary): string {
  const lines: string[] = [];
  const action = summary.dryRun ? 'Checked (nothing written)' : summary.written ? 'Imported' : 'Nothing written (all or nothing)';
  lines.push(
    `${action}: ${summary.file}, sheet “${summary.sheet}” — ${plural(summary.rows, 'row', 'rows')}: ${formatCount(summary.accepted)} accepted, ${formatCount(summary.unchanged)} unchanged, ${formatCount(summary.rejected)} rejected.`,
  );
  if (summary.written && summary.kind === 'corrections') lines.push(`${plural(summary.corrections, 'correction', 'corrections')} queued for Implanta (import ${summary.importId}).`);
  if (summary.written && summary.kind === 'registry') lines.push(`${plural(summary.inserted, 'record', 'records')} added, ${formatCount(summary.updated)} updated (import ${summary.importId}).`);
  if (summary.kind === 'registry') {
    if (summary.flagged > 0) lines.push(`${plural(summary.flagged, 'row loaded has', 'rows loaded have')} pendências to fix (defective data of the main system).`);
    if (summary.kept > 0) lines.push(`${plural(summary.kept, 'row keeps', 'rows keep')} a correction of the desk the main system has not caught up with.`);
    if (summary.conflictsTotal > 0) {
      lines.push(`${plural(summary.conflictsTotal, 'conflict', 'conflicts')}: a third value for a field with a correction on its way to Implanta (the desk kept its value):`);
      for (const c of summary.conflicts) lines.push(conflictLine({ ...c, registrationNumber: c.registration }));
      if (summary.written) lines.push(RESOLVE_HINT);
    }
  }
  if (summary.written && summary.kind === 'cep') lines.push(`${plural(summary.corrections, 'CEP change', 'CEP changes')} queued for Implanta (import ${summary.importId}).`);
  const dip = summary.dipConsequences;
  if (dip.correct_dip_request > 0) lines.push(`${plural(dip.correct_dip_request, 'row changes', 'rows change')} a confirmed DIP request: Implanta must also correct the request.`);
  if (dip.new_card_required > 0) lines.push(`${plural(dip.new_card_required, 'row changes', 'rows change')} a DIP already in manufacture: a new card must be requested.`);
  if (summary.previous && summary.dryRun) lines.push(`This file was already imported (import ${summary.previous.id}); writing it again needs --force.`);
  if (summary.errors.length > 0) {
    lines.push('Problems:');
    for (const e of summary.errors) lines.push(`  row ${e.row}${e.column ? `, ${e.column}` : ''}: ${e.message} [${e.code}]`);
  }
  if (summary.reportPath) lines.push(`Error report: ${summary.reportPath}`);
  return lines.join('\n');
}

async function importCommand(context: CliContext): Promise<CommandOutcome> {
  const [kind, file, extra] = context.args;
  if (kind === undefined || !(IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`import needs a kind: ${IMPORT_KINDS.join(', ')}`);
  }
  if (file === undefined) throw new UsageError('missing FILE argument');
  if (extra !== undefined) throw new UsageError(`unexpected argument: ${extra}`);
  const dryRun = flag(context, 'dry-run');
  const report = text(context, 'report');
  const request = {
    path: resolve(file),
    name: basename(file),
    kind: kind as ImportKind,
    sheet: text(context, 'sheet') ?? '',
    mapping: null,
    allOrNothing: flag(context, 'all-or-nothing'),
    reportPath: report ? resolve(report) : null,
    errorLimit: null,
  };
  const summary = dryRun ? await runJob(context, 'imports:preview', request) : await runJob(context, 'imports:run', { ...request, force: flag(context, 'force') });
  return {
    result: {
      file: summary.file,
      sha256: summary.sha256,
      kind: summary.kind,
      rows: summary.rows,
      accepted: summary.accepted,
      unchanged: summary.unchanged,
      rejected: summary.rejected,
      flagged: summary.flagged,
      kept: summary.kept,
      conflicts: summary.conflicts.map(({ row, registration, field, deskValue, fileValue }) => ({ row, registration, field, deskValue, fileValue })),
      errors: summary.errors.map(({ row, column, code, message }) => ({ row, column, code, message })),
    },
    text: summaryText(summary),
    exit: summary.rejected > 0 ? EXIT.refused : EXIT.ok,
  };
}

export const importCli: CliModule = {
  options: {
    sheet: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'all-or-nothing': { type: 'boolean' },
    force: { type: 'boolean' },
    report: { type: 'string' },
  },
  commands: { import: importCommand },
  usage: `  import corrections|registry|cep FILE [--sheet NAME] [--dry-run] [--all-or-nothing] [--force] [--report OUT.xlsx]
                                         Import a spreadsheet (.xlsx, .xlsm, .ods, .xls, .csv): ${Object.values(KIND_WORDS).join(', ')}`,
};
