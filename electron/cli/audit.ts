// `cress-desk audit …`: the signed audit trail — check its chain and the data against it, export a
// period for the data-protection officer, and `new-key --yes` when the key that signs it is lost for
// good: a new one starts signing it, recorded in the trail, and `audit verify` says from where the
// entries before it are checked by SHA-256 only. Only from a terminal: the desk's key is its user's business.
import { extname } from 'node:path';
import { replaceLostKey } from '../../db/audit';
import { AppError } from '../../shared/errors';
import { formatDateBr, parseDateBr } from '../../shared/rules/dates';
import { renderers } from './output';
import { EXIT, UsageError, commandGroup, commandsOf, optionText, requiredOutputPath, type CliContext, type CliModule } from './types';

/** A `dd/mm/aaaa` option as an ISO date. */
function day(context: CliContext, name: 'from' | 'to'): string {
  const parsed = parseDateBr(optionText(context, name) ?? '');
  if (!parsed.ok) throw new UsageError(`--${name}: ${parsed.message}`);
  return parsed.value;
}

export const auditCli: CliModule = (program, action) => {
  const command = commandsOf(commandGroup(program, 'audit', 'The signed audit trail'));
  command('verify', "Check the audit trail's signed chain and the data against it (exit 3 when it fails)")
    .action(
      action(async (context) => {
        const result = await context.call('audit:verify', {});
        return { result, text: renderers.audit(result), exit: result.ok ? EXIT.ok : EXIT.integrity };
      }),
    );
  command('export', 'The trail of a period for the data-protection officer')
    .requiredOption('--from <dd/mm/aaaa>', 'the first day')
    .requiredOption('--to <dd/mm/aaaa>', 'the last day')
    .requiredOption('--out <file>', 'FILE.xlsx (never over an existing file)')
    .action(
      action(async (context) => {
        const out = requiredOutputPath(context, 'FILE.xlsx');
        // The export is always a workbook: another name would hide xlsx bytes behind a lie.
        if (extname(out).toLowerCase() !== '.xlsx') throw new UsageError('--out must end in .xlsx: the audit export is an Excel workbook');
        const [from, to] = [day(context, 'from'), day(context, 'to')];
        if (from > to) {
          throw new AppError('DATE_INVALID', `--from ${formatDateBr(from)} é posterior a --to ${formatDateBr(to)}: o período termina antes de começar. Nada foi gravado.`);
        }
        const result = await context.call('audit:export', { from, to, path: out });
        return { result, text: renderers.auditExport(result), exit: EXIT.ok };
      }),
    );
  command('new-key', 'Start a new audit key when the old one is lost for good (recorded; earlier entries are then checked by SHA-256 only)')
    .option('--yes', 'confirm')
    .action(
      action(async (context) => {
        if (context.values.yes !== true) throw new UsageError('audit new-key replaces the key that signs the audit trail: confirm with --yes');
        const result = replaceLostKey(context.desk.store.db, new Date().toISOString());
        return { result, text: `New audit key ${result.keyId} signs the trail from now on (the previous key ${result.previousKeyId ?? '—'} is no longer needed here).`, exit: EXIT.ok };
      }),
    );
};
