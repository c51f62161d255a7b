// `cress-desk registry …`: one professional, a search, the export for the council's main system
// (registryExport.ts), and the conflicts a registry load left between the main system and
// corrections still on their way to Implanta — list the open ones, resolve one.
import type { RegistryConflict } from '../../shared/contract/registry';
import { plural } from '../../shared/display/plural';
import { formatFieldValue } from '../../shared/display/values';
import { AppError } from '../../shared/errors';
import { fieldLabel } from '../../shared/fields';
import { renderers } from './output';
import { exportCommand } from './registryExport';
import { EXIT, PAGE_OPTION, isWholeNumber, pageOf, REASON_OPTION, UsageError, commandGroup, optionText, type CliContext, type CliModule, type CommandOutcome } from './types';

/** Conflicts read per call while listing them all. */
const PAGE_SIZE = 200;

function shown(field: string, value: string | null): string {
  const text = formatFieldValue(field, value, '');
  return text === '' ? '(empty)' : `“${text}”`;
}

/** One line per conflict: what the clerk needs to decide, and where it came from. */
export function conflictLine(
  c: Pick<RegistryConflict, 'field' | 'deskValue' | 'fileValue' | 'registrationNumber' | 'name'> & {
    id: number | null;
    row: number | null;
    importId?: number | null;
    correctionOutcome?: RegistryConflict['correctionOutcome'];
  },
): string {
  const origin = [c.importId != null ? `import ${c.importId}` : null, c.row !== null ? `row ${c.row}` : null].filter(Boolean).join(', ');
  const outcome = c.correctionOutcome ? `; the correction was ${c.correctionOutcome === 'rejected' ? 'rejected by Implanta' : 'cancelled'}, nothing goes to Implanta` : '';
  return `  ${c.id !== null ? `#${c.id} ` : ''}registration ${c.registrationNumber} (${c.name}), ${fieldLabel(c.field)}: desk ${shown(c.field, c.deskValue)}, file ${shown(c.field, c.fileValue)}${origin ? ` (${origin})` : ''}${outcome}`;
}

export const RESOLVE_HINT = 'Resolve with: cress-desk registry resolve ID --keep|--take-file --reason R';

async function show(context: CliContext): Promise<CommandOutcome> {
  const [key = ''] = context.args;
  const found = await context.call('registry:find', { key: key.trim() });
  if (!found) throw new AppError('PROFESSIONAL_NOT_FOUND', `Nenhum cadastro com CPF ou registro ${key}.`);
  const view = await context.call('registry:get', { id: found.id });
  const rejections = view.corrections.filter((c) => c.status === 'rejected' && c.resolvedAt === null);
  const result = { ...found, pendencies: view.pendencies, rejections, conflicts: view.conflicts };
  return { result, text: renderers.professional(result), exit: EXIT.ok };
}

async function search(context: CliContext): Promise<CommandOutcome> {
  const [text = ''] = context.args;
  const result = await context.call('registry:search', { text, page: pageOf(context) });
  return { result, text: renderers.search(result), exit: EXIT.ok };
}

async function listConflicts(context: CliContext): Promise<CommandOutcome> {
  const first = await context.call('registry:conflicts', { page: 0, pageSize: PAGE_SIZE });
  const { total } = first;
  const items: RegistryConflict[] = [...first.items];
  for (let page = 1; items.length < total; page++) {
    const found = await context.call('registry:conflicts', { page, pageSize: PAGE_SIZE });
    if (found.items.length === 0) break;
    items.push(...found.items);
  }
  const text =
    items.length === 0
      ? 'No open conflicts between registry loads and corrections.'
      : [`${plural(total, 'open conflict', 'open conflicts')} (choose for each):`, ...items.map(conflictLine), RESOLVE_HINT].join('\n');
  return { result: { total, items }, text, exit: EXIT.ok };
}

async function resolveConflict(context: CliContext): Promise<CommandOutcome> {
  const [id = ''] = context.args;
  if (!isWholeNumber(id)) throw new UsageError('the conflict ID must be a whole number (see: cress-desk registry conflicts)');
  const keep = context.values.keep === true;
  const takeFile = context.values.takeFile === true;
  if (keep === takeFile) throw new UsageError('choose one: --keep (the desk’s value stays) or --take-file (the main system’s value)');
  const reason = optionText(context, 'reason');
  if (reason === undefined) throw new UsageError('missing --reason');
  const result = await context.call('registry:resolveConflict', { id: Number(id), choice: keep ? 'kept' : 'file', reason });
  return { result, text: result.message, exit: EXIT.ok };
}

export const registryCli: CliModule = (program, action) => {
  const registry = commandGroup(program, 'registry', 'Professionals of the registry');
  registry.command('show').description('Show one professional (full CPF)').argument('<cpf-or-registration>', 'CPF or registration number').action(action(show));
  registry
    .command('search')
    .description('Search by CPF, registration number or name')
    .argument('<text>', 'part of a CPF, a registration number or a name')
    .option(...PAGE_OPTION)
    .action(action(search));
  registry
    .command('export')
    .description("Records changed on the desk and synced by Implanta, or whose DIP status Implanta reported, since the date, for the council's main system (columns of import registry)")
    .option('--since <dd/mm/aaaa>', 'the first day (Brasília) a correction was synced or a DIP status reported')
    .option('--out <file>', 'FILE.xlsx or FILE.csv')
    .action(action(exportCommand));
  registry.command('conflicts').description('Open conflicts between registry loads and corrections in flight').action(action(listConflicts));
  registry
    .command('resolve')
    .description("Keep the correction, or take the main system's value")
    .argument('<id>', 'the conflict number (see: cress-desk registry conflicts)')
    .option('--keep', 'the desk’s value stays (with its correction, when still on its way)')
    .option('--take-file', "the main system's value replaces it")
    .option(...REASON_OPTION)
    .action(action(resolveConflict));
};
