// `cress-desk batch …`: batches for Implanta from a terminal, over the same channels as the app.
import { join, resolve } from 'node:path';
import type { BatchSummary } from '../shared/contract';
import { formatCount } from '../shared/display/numbers';
import { plural } from '../shared/display/plural';
import { BATCH_STATES, type BatchState } from '../shared/domain';
import { AppError } from '../shared/errors';
import { formatDateTimeBr, parseDateBr } from '../shared/rules/dates';
import { EXIT, runJob, UsageError, type CliContext, type CliModule, type CommandOutcome, optionText, passphraseFromFile } from './cliTypes';

const STATE_WORDS: Record<BatchState, string> = {
  open: 'open (under review)',
  sealed: 'sealed',
  exported: 'exported',
  sent: 'sent',
  acknowledged: 'acknowledged',
  cancelled: 'cancelled',
};

function argument(context: CliContext, what: string): string {
  const value = context.args[0];
  if (value === undefined) throw new UsageError(`missing ${what} argument`);
  if (context.args.length > 1) throw new UsageError(`unexpected argument: ${context.args[1]}`);
  return value;
}

const text = optionText;

/** A batch by number (2026-0001), file name, External-Identifier or id. */
async function resolveBatch(context: CliContext): Promise<BatchSummary> {
  const key = argument(context, 'batch ID');
  const batch = await context.call('batches:find', { key });
  if (!batch) throw new AppError('BATCH_NOT_FOUND', `Nenhum lote ${key} nesta mesa.`);
  return batch;
}

const passphrase = passphraseFromFile;

/** `dd/mm/aaaa hh:mm` (this computer's time) or an ISO date-time. */
function dateTime(value: string): string {
  const match = /^(\d{1,2}\/\d{1,2}\/\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(value.trim());
  if (match) {
    const date = parseDateBr(match[1] as string);
    if (!date.ok) throw new AppError('DATE_INVALID', date.message, { field: 'sentAt' });
    const [y, m, d] = date.value.split('-').map(Number) as [number, number, number];
    return new Date(y, m - 1, d, Number(match[2] ?? 0), Number(match[3] ?? 0)).toISOString();
  }
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) throw new UsageError('--at must be "dd/mm/aaaa hh:mm" or an ISO date-time');
  return parsed.toISOString();
}

function describe(b: BatchSummary): string {
  const c = b.counts;
  const lines = [
    `Batch ${b.number} (${b.fileName}) — ${STATE_WORDS[b.state]}${b.overdue ? ', OVERDUE' : ''}`,
    `  ${plural(c.corrections, 'correction', 'corrections')}, ${plural(c.cepChanges, 'CEP change', 'CEP changes')}, ${plural(c.dipRequests, 'DIP request', 'DIP requests')} to correct`,
  ];
  if (b.sentAt) lines.push(`  sent ${formatDateTimeBr(b.sentAt)}, answer due ${formatDateTimeBr(b.dueAt)}; ${formatCount(c.unanswered)} unanswered`);
  if (c.statuses.synced + c.statuses.rejected > 0) {
    const toFix = c.statuses.rejected > 0 ? ` (${formatCount(c.unresolvedRejections)} still to fix)` : '';
    lines.push(`  ${formatCount(c.statuses.synced)} synced, ${formatCount(c.statuses.rejected)} rejected${toFix}`);
  }
  return lines.join('\n');
}

function outcome(result: unknown, text: string, exit: number = EXIT.ok): CommandOutcome {
  return { result, text, exit };
}

export const batchCli: CliModule = {
  options: {
    out: { type: 'string' },
    'passphrase-file': { type: 'string' },
    at: { type: 'string' },
    'overdue-hours': { type: 'string' },
    state: { type: 'string' },
  },
  usage: `  batch create                           Put every pending correction and CEP change in a new batch
  batch seal ID | batch cancel ID        Seal it for good, or cancel it (its items go back to pending)
  batch remove ID ITEM                   Take one item (its id, a UUID) out of an open batch: it is pending again
  batch export ID --out DIR [--passphrase-file F]
                                         Write DIR/CRESS09-lote-2026-0001.zip (AES-256 with F)
  batch mark-sent ID [--at "dd/mm/aaaa hh:mm"] [--overdue-hours N]
  batch ack FILE                         Import Implanta's answer (JSON, CSV or xlsx)
  batch verify FILE [--passphrase-file F]
                                         Check a package (exit 3 when it is not valid)
  batch list [--state S]                 ID is the number (2026-0001), the file name or the id`,
  commands: {
    'batch create': async (context) => {
      if (context.args.length > 0) throw new UsageError(`unexpected argument: ${context.args[0]}`);
      const batch = await context.call('batches:create', {});
      return outcome(batch, `Created ${describe(batch)}\nReview it, then: cress-desk batch seal ${batch.number}`);
    },
    'batch seal': async (context) => {
      const batch = await context.call('batches:seal', { id: (await resolveBatch(context)).id });
      return outcome(batch, `Sealed ${describe(batch)}`);
    },
    'batch cancel': async (context) => {
      const batch = await context.call('batches:cancel', { id: (await resolveBatch(context)).id });
      return outcome(batch, `Cancelled batch ${batch.number}: its corrections are pending again.`);
    },
    'batch remove': async (context) => {
      const [key, item] = context.args;
      if (key === undefined || item === undefined) throw new UsageError('usage: batch remove ID ITEM');
      if (context.args.length > 2) throw new UsageError(`unexpected argument: ${context.args[2]}`);
      const removed = await context.call('batches:removeItem', { batch: key, uuid: item });
      const what = removed.kind === 'cep' ? 'CEP change' : 'correction';
      return outcome(removed, `Removed ${what} ${removed.uuid} from batch ${removed.batch.number}: it is pending again and goes into the next batch.\n${describe(removed.batch)}`);
    },
    'batch export': async (context) => {
      const out = text(context, 'out');
      if (out === undefined) throw new UsageError('missing --out DIR');
      const batch = await resolveBatch(context);
      const result = await runJob(context, 'batches:export', { id: batch.id, path: join(resolve(out), batch.fileName), passphrase: passphrase(context), replace: false });
      return outcome(
        { file: result.path, sha256: result.sha256, bytes: result.bytes, encrypted: result.encrypted, batch: result.batch },
        `Package written: ${result.path} (${formatCount(result.bytes)} bytes${result.encrypted ? ', AES-256' : ''})\nSHA-256 ${result.sha256}`,
      );
    },
    'batch mark-sent': async (context) => {
      const batch = await resolveBatch(context);
      const at = text(context, 'at');
      const hours = text(context, 'overdue-hours');
      if (hours !== undefined && !/^\d+$/.test(hours)) throw new UsageError('--overdue-hours must be a whole number');
      const sent = await context.call('batches:markSent', {
        id: batch.id,
        ...(at !== undefined ? { sentAt: dateTime(at) } : {}),
        ...(hours !== undefined ? { overdueHours: Number(hours) } : {}),
      });
      return outcome(sent, `Marked as sent: ${describe(sent)}`);
    },
    'batch ack': async (context) => {
      const file = resolve(argument(context, 'FILE'));
      const result = await runJob(context, 'batches:acknowledge', { path: file, fileName: file.split(/[\\/]/).pop() });
      const registryOnly = result.registryOnly > 0 ? ` (${formatCount(result.registryOnly)} to the registry only, DIP request not corrected)` : '';
      const dip = [
        result.dipUpdated > 0 ? `DIP status updated for ${plural(result.dipUpdated, 'professional', 'professionals')}.` : '',
        result.dipStale > 0
          ? `${plural(result.dipStale, 'DIP status', 'DIP statuses')} older than what the desk knew ${result.dipStale === 1 ? 'was' : 'were'} left as ${result.dipStale === 1 ? 'it was' : 'they were'}.`
          : '',
      ].filter(Boolean);
      return outcome(
        result,
        [
          `Acknowledgement of batch ${result.batch.number} imported: ${formatCount(result.applied)} synced${registryOnly}, ${formatCount(result.rejected)} rejected, ` +
            `${formatCount(result.unchanged)} already answered, ${formatCount(result.unanswered)} still unanswered.`,
          ...dip,
        ].join('\n'),
      );
    },
    'batch verify': async (context) => {
      const file = resolve(argument(context, 'FILE'));
      const result = await runJob(context, 'batches:verify', { path: file, passphrase: passphrase(context) });
      const report = result.valid
        ? `Package valid: batch ${result.batch?.number} of ${result.batch?.sourceOrganization}, Schema-Version ${result.schemaVersion}${result.encrypted ? ' (AES-256)' : ''}\nSHA-256 ${result.sha256}${result.signature ? `\n${result.signature.message}` : ''}`
        : `PACKAGE NOT VALID: ${result.file}\n${result.problems.map((p) => `  - ${p.message}`).join('\n')}`;
      return outcome(result, report, result.valid ? EXIT.ok : EXIT.integrity);
    },
    'batch list': async (context) => {
      const state = text(context, 'state');
      if (state !== undefined && !(BATCH_STATES as readonly string[]).includes(state)) throw new UsageError(`--state must be one of ${BATCH_STATES.join(', ')}`);
      const page = await context.call('batches:list', { ...(state ? { state: state as BatchState } : {}), page: 0, pageSize: 200 });
      const listing = page.items.length === 0 ? 'No batch yet (cress-desk batch create).' : page.items.map(describe).join('\n');
      return outcome(page, `${listing}${page.total > page.items.length ? `\n… ${plural(page.total - page.items.length, 'older batch', 'older batches')} not shown.` : ''}`);
    },
  },
};
