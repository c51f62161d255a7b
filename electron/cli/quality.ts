// `cress-desk quality …`: the Pendências worklist from a terminal, over the app's channels.
//   quality scan [--case X] [--code C]        checks every record again, then lists what it found
//   quality export --out FILE.xlsx|.csv [--case X] [--code C]
// With --json, `scan` prints {total, byCase, byCode, items: [{registration, cpf, case, code, field,
// message, suggestion}]} with every item (no paging).
import { extname } from 'node:path';
import { QUALITY_PAGE_MAX } from '../../shared/contract/quality';
import { ERROR_CODES } from '../../shared/errors';
import { formatCount } from '../../shared/display/numbers';
import { plural } from '../../shared/display/plural';
import { PENDENCY_CASE_LABELS, PENDENCY_CASES, PENDENCY_CODES, type PendencyCase } from '../../shared/rules/pendencyCases';
import { maskCpf } from '../../shared/rules/cpf';
import { EXIT, UsageError, commandGroup, commandsOf, optionText, requiredOutputPath, runJob, type CliContext, type CliModule, type CommandOutcome } from './types';

const CODES: readonly string[] = PENDENCY_CODES.map((c) => c.code);

function filters(context: CliContext): { case: PendencyCase | null; code: string | null } {
  const caseText = optionText(context, 'case')?.toUpperCase();
  if (caseText !== undefined && !(PENDENCY_CASES as readonly string[]).includes(caseText)) throw new UsageError(`--case takes one of ${PENDENCY_CASES.join(', ')}`);
  const code = optionText(context, 'code')?.toUpperCase();
  // A code no rule gives (a typo) would find nothing and say so as if the registry were clean.
  if (code !== undefined && !(ERROR_CODES as readonly string[]).includes(code)) {
    throw new UsageError(`--code ${code} is no pendência code; the rules give ${CODES.join(', ')} (and a field's VALUE_INVALID, VALUE_TOO_LONG…)`);
  }
  return { case: (caseText as PendencyCase | undefined) ?? null, code: code ?? null };
}

async function scan(context: CliContext): Promise<CommandOutcome> {
  const filter = filters(context);
  const { scanned, summary } = await runJob(context, 'quality:scan', {});
  // Every item: the command line pages through the channel (one page, but for a registry far bigger than a council's).
  const first = await context.call('quality:list', { ...filter, page: 0, pageSize: QUALITY_PAGE_MAX });
  const items = [...first.items];
  for (let page = 1; items.length < first.total; page++) items.push(...(await context.call('quality:list', { ...filter, page, pageSize: QUALITY_PAGE_MAX })).items);
  const result = {
    total: items.length,
    byCase: summary.byCase,
    byCode: summary.byCode,
    items: items.map((i) => ({ registration: i.registrationNumber, cpf: i.cpf, case: i.case, code: i.code, field: i.field, message: i.message, suggestion: i.suggestion })),
  };
  const lines = [
    `Checked ${plural(scanned, 'record', 'records')}: ${plural(summary.records, 'record has', 'records have')} pendências (${formatCount(summary.total)} in all).`,
    ...PENDENCY_CASES.filter((c) => summary.byCase[c] > 0).map((c) => `  ${PENDENCY_CASE_LABELS[c]}: ${formatCount(summary.byCase[c])}`),
  ];
  if (filter.case || filter.code) lines.push(`Matching ${[filter.case && `case ${filter.case}`, filter.code].filter(Boolean).join(', ')}: ${formatCount(items.length)}`);
  for (const item of items.slice(0, 50)) {
    lines.push(`  ${item.registrationNumber.padEnd(8)} ${maskCpf(item.cpf)}  ${item.case} ${item.code.padEnd(22)} ${item.message}${item.suggestion ? ` → ${item.suggestion}` : ''}`);
  }
  if (items.length > 50) lines.push(`  … and ${formatCount(items.length - 50)} more (use --json, or quality export --out FILE.xlsx).`);
  return { result, text: lines.join('\n'), exit: EXIT.ok };
}

async function exportFile(context: CliContext): Promise<CommandOutcome> {
  const out = requiredOutputPath(context, 'FILE (.xlsx or .csv)');
  const extension = extname(out).toLowerCase();
  if (extension !== '.xlsx' && extension !== '.csv') throw new UsageError('--out must end in .xlsx or .csv');
  const result = await context.call('quality:export', { ...filters(context), path: out, format: extension === '.csv' ? 'csv' : 'xlsx' });
  const text = `Pendências: ${plural(result.rows, 'record', 'records')} in ${result.path}. Fill in the corrections (and the reason and evidence columns), then: import corrections ${out}`;
  return { result, text, exit: EXIT.ok };
}

const CASE_OPTION = ['--case <X>', `only the notice's case X (${PENDENCY_CASES.join(', ')})`] as const;
const CODE_OPTION = ['--code <C>', 'only the pendência code C (e.g. EMAIL_TYPO)'] as const;

export const qualityCli: CliModule = (program, action) => {
  const command = commandsOf(commandGroup(program, 'quality', 'The Pendências worklist: records that will fail when the professional re-registers'));
  command('scan', 'Check every record again and list its pendências').option(...CASE_OPTION).option(...CODE_OPTION).action(action(scan));
  command('export', 'Write the records with pendências to correct (a corrections import reads the file back)')
    .requiredOption('--out <file>', 'the .xlsx or .csv file to write (never over an existing one)')
    .option(...CASE_OPTION)
    .option(...CODE_OPTION)
    .action(action(exportFile));
};
