// `cress-desk registry export`: the records changed on the desk and synced by Implanta, or whose DIP
// status Implanta reported, since a date, as a file the council's main system (and `import registry`) reads, over the app's channel.
import { extname } from 'node:path';
import { plural } from '../../shared/display/plural';
import { AppError } from '../../shared/errors';
import { formatDateBr, parseDateBr } from '../../shared/rules/dates';
import { EXIT, UsageError, optionText, requiredOutputPath, type CliContext, type CommandOutcome } from './types';

/** `registry export --since dd/mm/aaaa --out FILE.xlsx|FILE.csv` (registered in registry.ts). */
export async function exportCommand(context: CliContext): Promise<CommandOutcome> {
  const sinceText = optionText(context, 'since');
  if (sinceText === undefined) throw new UsageError('missing --since dd/mm/aaaa');
  const since = parseDateBr(sinceText);
  if (!since.ok) throw new UsageError(`--since: ${since.message}`);
  const out = requiredOutputPath(context, 'FILE (.xlsx or .csv)');
  const extension = extname(out).toLowerCase();
  if (extension !== '.xlsx' && extension !== '.csv') throw new UsageError('--out must end in .xlsx or .csv');

  const result = await context.call('registry:export', { since: since.value, path: out, format: extension === '.csv' ? 'csv' : 'xlsx' }).catch((error: unknown) => {
    // The store's words speak of "a data inicial": on the command line that is what --since said.
    if (!(error instanceof AppError) || error.code !== 'DATE_INVALID') throw error;
    throw new AppError('DATE_INVALID', `--since ${sinceText.trim()}: ${error.message}`, { field: error.field, details: error.details });
  });
  const text =
    result.rows === 0
      ? `No record was changed on the desk and synced by Implanta, nor had its DIP status reported, since ${formatDateBr(since.value)}: ${result.path} holds the header row only.`
      : `Registry export: ${plural(result.rows, 'professional', 'professionals')} synced or with a DIP status reported by Implanta since ${formatDateBr(since.value)} in ${result.path}.`;
  // Fields left empty because a registry conflict waits for the clerk: said in the desk's own words.
  return { result, text: result.message ? `${text}\n${result.message}` : text, exit: EXIT.ok };
}
