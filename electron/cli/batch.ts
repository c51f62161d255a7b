// `cress-desk batch …`: batches for Implanta from a terminal, over the same channels as the app.
import { join, resolve } from 'node:path';
import type { AckResult, BatchSummary, MixedAddress, OutOfOrder, SealedOnRejected, VerifyResult } from '../../shared/contract';
import { formatCount } from '../../shared/display/numbers';
import { plural } from '../../shared/display/plural';
import { BATCH_STATES, type BatchState } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { formatDateTimeBr, parseDateBr } from '../../shared/rules/dates';
import { formatCep } from '../../shared/rules/cep';
import { Option } from 'commander';
import { instantOfBrasiliaTime } from '../../db/batches/clock';
import { ackSheetLines } from './batchAckSheets';
import { EXIT, PASSPHRASE_OPTION, commandGroup, commandsOf, runJob, UsageError, wholeNumberIn, type CliContext, type CliModule, type CommandOutcome, type Handler, optionText, passphraseFromFile, requiredOutputPath, withFilePassphrase } from './types';

const STATE_WORDS: Record<BatchState, string> = {
  open: 'open (under review)',
  sealed: 'sealed',
  exported: 'exported',
  sent: 'sent',
  acknowledged: 'acknowledged',
  cancelled: 'cancelled',
};

/** The lote named on the command line; an empty one (a script's variable left unset) is wrong usage. */
function argument(context: CliContext): string {
  const key = (context.args[0] ?? '').trim();
  if (key === '') throw new UsageError('give the lote: its number (2026-0001), its package file name or its identifier');
  return key;
}

const text = optionText;

/** A batch by number (2026-0001), file name, External-Identifier or id. */
async function resolveBatch(context: CliContext): Promise<BatchSummary> {
  const key = argument(context);
  const batch = await context.call('batches:find', { key });
  if (!batch) throw new AppError('BATCH_NOT_FOUND', `Nenhum lote ${key} nesta mesa.`);
  return batch;
}

const passphrase = passphraseFromFile;

/** `dd/mm/aaaa hh:mm` (this computer's time) or an ISO date or date-time. */
function dateTime(value: string): string {
  const match = /^(\d{1,2}\/\d{1,2}\/\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(value.trim());
  if (match) {
    const date = parseDateBr(match[1] as string);
    if (!date.ok) throw new AppError('DATE_INVALID', `--at ${value.trim()}: ${date.message}`, { field: 'sentAt' });
    const [hours, minutes] = [Number(match[2] ?? 0), Number(match[3] ?? 0)];
    // 25:00 would otherwise be taken for 01:00 of the next day.
    if (hours > 23 || minutes > 59) throw new AppError('DATE_INVALID', `--at ${value.trim()}: hora inválida: use hh:mm, de 00:00 a 23:59.`, { field: 'sentAt' });
    const [y, m, d] = date.value.split('-').map(Number) as [number, number, number];
    return new Date(y, m - 1, d, hours, minutes).toISOString();
  }
  // An ISO date or date-time without a zone is Brasília time, as the store reads it.
  const parsed = instantOfBrasiliaTime(value.trim());
  if (Number.isNaN(parsed.getTime())) throw new UsageError('--at must be "dd/mm/aaaa hh:mm" or an ISO date-time');
  return parsed.toISOString();
}

function describe(b: BatchSummary): string {
  const c = b.counts;
  const lines = [
    `Batch ${b.number} (${b.fileName}) — ${STATE_WORDS[b.state]}${b.overdue ? ', OVERDUE' : ''}`,
    `  ${plural(c.corrections, 'correction', 'corrections')}, ${plural(c.cepChanges, 'CEP change', 'CEP changes')}, ${plural(c.dipRequests, 'DIP request', 'DIP requests')} to correct`,
  ];
  for (const lote of b.undoneBefore ?? []) {
    const sent = lote.sentAt ? `sent ${formatDateTimeBr(lote.sentAt)}` : 'exported';
    lines.push(
      `  Warning: batch ${lote.number} (${sent}) was undone by a restore (${formatDateTimeBr(lote.restoredAt)}): its corrections that are here again may already be applied by Implanta; check with Implanta what it applied before sending this batch.`,
    );
  }
  // Records whose corrections wait for a later lote: the store's words say why (db/batches/heldBack.ts).
  for (const held of b.heldBack ?? []) {
    lines.push(`  Held back (${plural(held.corrections, 'correction', 'corrections')} still pending): ${held.registrationNumber} ${held.name}: ${held.message}`);
  }
  if (b.sentAt) lines.push(`  sent ${formatDateTimeBr(b.sentAt)}, answer due ${formatDateTimeBr(b.dueAt)}; ${formatCount(c.unanswered)} unanswered`);
  if (c.statuses.synced + c.statuses.rejected > 0) {
    const toFix = c.statuses.rejected > 0 ? ` (${formatCount(c.unresolvedRejections)} still to fix)` : '';
    lines.push(`  ${formatCount(c.statuses.synced)} synced, ${formatCount(c.statuses.rejected)} rejected${toFix}`);
  }
  return lines.join('\n');
}

/** Corrections answered as applied after a newer one of their field: Implanta may hold the older value. */
function outOfOrderLines(items: readonly OutOfOrder[]): string[] {
  if (items.length === 0) return [];
  return [
    `${plural(items.length, 'older correction was', 'older corrections were')} answered as applied after a newer one of the same field: Implanta may now hold the older value. The desk keeps the newer value; confirm with Implanta which value stayed:`,
    ...items.map((i) => `  ${i.registrationNumber} ${i.name}, ${i.fieldLabel}: "${i.appliedValue}" answered after "${i.newerValue}" (batch ${i.newerBatchNumber})`),
  ];
}

/** Later corrections, in sealed lotes, whose old value Implanta just rejected. */
function sealedOnRejectedLines(items: readonly SealedOnRejected[]): string[] {
  if (items.length === 0) return [];
  return [
    `${plural(items.length, 'correction in a sealed batch starts', 'corrections in sealed batches start')} from a value Implanta just rejected: Implanta may reject ${items.length === 1 ? 'it' : 'them'} for the old value. Watch ${items.length === 1 ? 'its answer' : 'their answers'}:`,
    ...items.map((i) => `  ${i.registrationNumber} ${i.name}, ${i.fieldLabel}: batch ${i.batchNumber} sends "${i.carriedOldValue}" -> "${i.newValue}"; Implanta holds "${i.implantaValue}"`),
  ];
}

/** Rejections answered again with another reason: the first answer stands, and the clerk is told. */
function otherMessageLines(items: AckResult['otherMessages'], format: AckResult['format']): string[] {
  if (items.length === 0) return [];
  return [
    `${plural(items.length, 'rejection already answered comes', 'rejections already answered come')} again with another reason; the first answer stands:`,
    ...items.map((i) => `  ${format === 'json' ? 'item' : `${i.sheet === undefined ? '' : `sheet “${i.sheet}”, `}line`} ${i.line}: "${i.file}" (kept: "${i.kept ?? 'no reason'}")`),
  ];
}

/** CEP changes a spreadsheet answer cannot hold: the package's corrections.csv does not list them. */
function cepsUnansweredLines(ceps: readonly string[]): string[] {
  if (ceps.length === 0) return [];
  return [
    `The spreadsheet does not answer ${plural(ceps.length, 'CEP change', 'CEP changes')} of this batch (${ceps.map(formatCep).join(', ')}): the package lists them only in data/cep.jsonl, not in corrections.csv. Ask Implanta for their answer (as JSON, or a sheet with the ids of cep.jsonl).`,
  ];
}

/** A spreadsheet answer (it names no batch) taken as a batch made after a restore undid another that carried its corrections. */
function mayAnswerUndoneLines(result: AckResult): string[] {
  return (result.mayAnswerUndone ?? []).map((lote) => {
    const sent = lote.sentAt ? `sent ${formatDateTimeBr(lote.sentAt)}` : 'exported';
    return `Warning: the spreadsheet names no batch and was taken as batch ${result.batch.number}'s answer, but it may be Implanta's answer to batch ${lote.number} (${sent}), undone by a restore (${formatDateTimeBr(lote.restoredAt)}), whose corrections are in batch ${result.batch.number} again: check with Implanta which batch it answers.`;
  });
}

/** Addresses saved together that Implanta applied in part: the record holds a mixed address. */
function mixedAddressLines(items: readonly MixedAddress[]): string[] {
  if (items.length === 0) return [];
  return [
    `${plural(items.length, 'address saved together is', 'addresses saved together are')} now mixed (Implanta applied part and rejected part); check ${items.length === 1 ? 'it' : 'them'}:`,
    ...items.map((i) => `  ${i.registrationNumber} ${i.name}: ${i.message}`),
  ];
}

function outcome(result: unknown, text: string, exit: number = EXIT.ok): CommandOutcome {
  return { result, text, exit };
}

/** Each command's handler, by its word. */
/** After Implanta's answer changed corrections: how many atendimentos now have news for their professional. */
async function toTell(context: CliContext, answered: number): Promise<string[]> {
  if (answered === 0) return [];
  const { toNotify } = await context.call('contacts:counts', {});
  return toNotify > 0 ? [`${plural(toNotify, 'atendimento', 'atendimentos')} to tell the professional about: contact list --to-notify.`] : [];
}

const handlers = {
  create: async (context) => {
    const batch = await context.call('batches:create', {});
    return outcome(batch, `Created ${describe(batch)}\nReview it, then: cress-desk batch seal ${batch.number}`);
  },
  seal: async (context) => {
    const batch = await context.call('batches:seal', { id: (await resolveBatch(context)).id });
    return outcome(batch, `Sealed ${describe(batch)}`);
  },
  cancel: async (context) => {
    const batch = await context.call('batches:cancel', { id: (await resolveBatch(context)).id });
    return outcome(batch, `Cancelled batch ${batch.number}: its corrections are pending again.`);
  },
  remove: async (context) => {
    const item = (context.args[1] ?? '').trim();
    if (item === '') throw new UsageError('give the item: its id (a UUID)');
    const removed = await context.call('batches:removeItem', { batch: argument(context), uuid: item });
    const what = removed.kind === 'cep' ? 'CEP change' : 'correction';
    return outcome(removed, `Removed ${what} ${removed.uuid} from batch ${removed.batch.number}: it is pending again and goes into the next batch.\n${describe(removed.batch)}`);
  },
  export: async (context) => {
    const folder = requiredOutputPath(context, 'DIR');
    const batch = await resolveBatch(context);
    const result = await runJob(context, 'batches:export', { id: batch.id, path: join(folder, batch.fileName), passphrase: passphrase(context), replace: false });
    return outcome(
      { file: result.path, sha256: result.sha256, bytes: result.bytes, encrypted: result.encrypted, batch: result.batch },
      `Package written: ${result.path} (${formatCount(result.bytes)} bytes${result.encrypted ? ', AES-256' : ''})\nSHA-256 ${result.sha256}`,
    );
  },
  'mark-sent': async (context) => {
    const hours = wholeNumberIn(context.values.overdueHours, 'overdue-hours', 1, 8760);
    const batch = await resolveBatch(context);
    const at = text(context, 'at');
    const sent = await context
      .call('batches:markSent', {
        id: batch.id,
        ...(at !== undefined ? { sentAt: dateTime(at) } : {}),
        ...(hours !== undefined ? { overdueHours: hours } : {}),
      })
      .catch((error: unknown) => {
        // The store's words speak of "a data de envio": on the command line that is what --at said.
        if (at === undefined || !(error instanceof AppError) || error.code !== 'DATE_INVALID') throw error;
        throw new AppError('DATE_INVALID', `--at ${at.trim()}: ${error.message}`, { field: error.field, details: error.details });
      });
    return outcome(sent, `Marked as sent: ${describe(sent)}`);
  },
  ack: async (context) => {
    const file = resolve(argument(context));
    const result = await runJob(context, 'batches:acknowledge', { path: file, fileName: file.split(/[\\/]/).pop() });
    const registryOnly = result.registryOnly > 0 ? ` (${formatCount(result.registryOnly)} to the registry only, DIP request not corrected)` : '';
    const dip = [
      result.dipUpdated > 0 ? `DIP status updated for ${plural(result.dipUpdated, 'professional', 'professionals')}.` : '',
      result.dipStale > 0
        ? `${plural(result.dipStale, 'DIP status', 'DIP statuses')} older than what the desk knew ${result.dipStale === 1 ? 'was' : 'were'} left as ${result.dipStale === 1 ? 'it was' : 'they were'}.`
        : '',
      ...outOfOrderLines(result.outOfOrder),
      ...mixedAddressLines(result.mixedAddresses),
      ...sealedOnRejectedLines(result.sealedOnRejected),
      ...otherMessageLines(result.otherMessages, result.format),
      ...cepsUnansweredLines(result.unansweredCeps),
      ...mayAnswerUndoneLines(result),
      ...ackSheetLines(result),
    ].filter(Boolean);
    return outcome(
      result,
      [
        `Acknowledgement of batch ${result.batch.number} imported: ${formatCount(result.applied)} synced${registryOnly}, ${formatCount(result.rejected)} rejected, ` +
          `${formatCount(result.unchanged)} already answered, ${formatCount(result.unanswered)} still unanswered.`,
        ...dip,
        ...(await toTell(context, result.applied + result.rejected)),
      ].join('\n'),
    );
  },
  verify: async (context) => {
    const file = resolve(argument(context));
    const result = await withFilePassphrase(context, (secret) => runJob(context, 'batches:verify', { path: file, passphrase: secret }));
    const report = result.valid
      ? `Package valid: batch ${result.batch?.number} of ${result.batch?.sourceOrganization}, Schema-Version ${result.schemaVersion}${result.encrypted ? ' (AES-256)' : ''}\nSHA-256 ${result.sha256}${result.signature ? `\n${result.signature.message}` : ''}`
      : notValidReport(result);
    // Sound, but of a lote this desk no longer holds as it left: told, the exit stays that of the check.
    const warnings = (result.warnings ?? []).map((w) => `Atenção: ${w.message}`);
    return outcome(result, [report, ...warnings].join('\n'), result.valid ? EXIT.ok : EXIT.integrity);
  },
  list: async (context) => {
    const state = context.values.state as BatchState | undefined;
    const page = await context.call('batches:list', { ...(state ? { state } : {}), page: 0, pageSize: 200 });
    const listing = page.items.length === 0 ? 'No batch yet (cress-desk batch create).' : page.items.map(describe).join('\n');
    return outcome(page, `${listing}${page.total > page.items.length ? `\n… ${plural(page.total - page.items.length, 'older batch', 'older batches')} not shown.` : ''}`);
  },
} satisfies Record<string, Handler>;

/** A package that failed its check; a desk's backup given here is sent to the command that checks it. */
function notValidReport(result: VerifyResult): string {
  const backup = result.problems.some((p) => p.code === 'NOT_A_LOTE_PACKAGE');
  const lines = [`${backup ? 'NOT A LOTE PACKAGE' : 'PACKAGE NOT VALID'}: ${result.file}`, ...result.problems.map((p) => `  - ${p.message}`)];
  if (backup) lines.push('A backup is checked with: cress-desk backup verify FILE');
  return lines.join('\n');
}

const ID = ['<id>', 'the batch: its number (2026-0001), its file name or its id'] as const;

export const batchCli: CliModule = (program, action) => {
  const command = commandsOf(commandGroup(program, 'batch', 'Batches (lotes) for Implanta'));
  command('create', 'Put every pending correction and CEP change in a new batch').action(action(handlers.create));
  command('seal', 'Seal a batch for good').argument(...ID).action(action(handlers.seal));
  command('cancel', 'Cancel a batch (its items go back to pending)').argument(...ID).action(action(handlers.cancel));
  command('remove', 'Take one item out of an open batch: it is pending again')
    .argument(...ID)
    .argument('<item>', 'the item (its id, a UUID)')
    .action(action(handlers.remove));
  command('export', 'Write DIR/CRESS09-lote-2026-0001.zip (AES-256 with a passphrase)')
    .argument(...ID)
    .requiredOption('--out <dir>', 'the folder')
    .option(...PASSPHRASE_OPTION)
    .action(action(handlers.export));
  command('mark-sent', 'Mark a batch as sent to Implanta: the answer time starts')
    .argument(...ID)
    .option('--at <"dd/mm/aaaa hh:mm">', 'when it was sent, on this computer\'s clock, as the window reads it (default: now)')
    .option('--overdue-hours <n>', 'hours until the answer is overdue')
    .action(action(handlers['mark-sent']));
  command('ack', "Import Implanta's answer (JSON, CSV or xlsx)").argument('<file>', 'the answer').action(action(handlers.ack));
  command('verify', 'Check a package (exit 3 when it is not valid)').argument('<file>', 'the package').option(...PASSPHRASE_OPTION).action(action(handlers.verify));
  command('list', 'Batches, newest first')
    .addOption(new Option('--state <s>', 'only this state').choices(BATCH_STATES))
    .action(action(handlers.list));
};
