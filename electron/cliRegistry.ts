// `cress-desk registry …` commands of their own module: the conflicts a registry load left between
// the council's main system and corrections still on their way to Implanta — list the open ones,
// resolve one. Each command is an entry of `commands`; more registry commands join the table.
import type { RegistryConflict } from '../shared/contract/registry';
import { plural } from '../shared/display/plural';
import { formatFieldValue } from '../shared/display/values';
import { fieldLabel } from '../shared/fields';
import { EXIT, UsageError, optionText, type CliContext, type CliModule, type CommandOutcome } from './cliTypes';

/** Conflicts read per call while listing them all. */
const PAGE_SIZE = 200;

function shown(field: string, value: string | null): string {
  const text = formatFieldValue(field, value, '');
  return text === '' ? '(empty)' : `“${text}”`;
}

/** One line per conflict: what the clerk needs to decide, and where it came from. */
export function conflictLine(c: Pick<RegistryConflict, 'field' | 'deskValue' | 'fileValue' | 'registrationNumber' | 'name'> & { id: number | null; row: number | null; importId?: number | null }): string {
  const origin = [c.importId != null ? `import ${c.importId}` : null, c.row !== null ? `row ${c.row}` : null].filter(Boolean).join(', ');
  return `  ${c.id !== null ? `#${c.id} ` : ''}registration ${c.registrationNumber} (${c.name}), ${fieldLabel(c.field)}: desk ${shown(c.field, c.deskValue)}, file ${shown(c.field, c.fileValue)}${origin ? ` (${origin})` : ''}`;
}

export const RESOLVE_HINT = 'Resolve with: cress-desk registry resolve ID --keep|--take-file --reason R';

function noArguments(context: CliContext): void {
  if (context.args.length > 0) throw new UsageError(`unexpected argument: ${context.args[0]}`);
}

async function listConflicts(context: CliContext): Promise<CommandOutcome> {
  noArguments(context);
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
      : [`${plural(total, 'open conflict', 'open conflicts')} (the desk kept its correction; choose for each):`, ...items.map(conflictLine), RESOLVE_HINT].join('\n');
  return { result: { total, items }, text, exit: EXIT.ok };
}

async function resolveConflict(context: CliContext): Promise<CommandOutcome> {
  const [id, extra] = context.args;
  if (id === undefined) throw new UsageError('missing conflict ID argument');
  if (extra !== undefined) throw new UsageError(`unexpected argument: ${extra}`);
  if (!/^\d+$/.test(id)) throw new UsageError('the conflict ID must be a whole number (see: cress-desk registry conflicts)');
  const keep = context.values.keep === true;
  const takeFile = context.values['take-file'] === true;
  if (keep === takeFile) throw new UsageError('choose one: --keep (the correction stays) or --take-file (the main system’s value)');
  const reason = optionText(context, 'reason');
  if (reason === undefined) throw new UsageError('missing --reason');
  const result = await context.call('registry:resolveConflict', { id: Number(id), choice: keep ? 'kept' : 'file', reason });
  return { result, text: result.message, exit: EXIT.ok };
}

export const registryCli: CliModule = {
  options: {
    keep: { type: 'boolean' },
    'take-file': { type: 'boolean' },
    reason: { type: 'string' },
  },
  commands: {
    'registry conflicts': listConflicts,
    'registry resolve': resolveConflict,
  },
  usage: `  registry conflicts                     Open conflicts between registry loads and corrections in flight
  registry resolve ID --keep|--take-file --reason R
                                         Keep the correction, or take the main system's value`,
};
