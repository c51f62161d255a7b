// `cress-desk backup …`: database backups from a terminal, over the same channels as the app.
//   backup create [--out DIR] [--passphrase-file F] [--for-implanta]
//   backup verify FILE [--passphrase-file F] [--key-file K]            exit 3 when the file fails verification
//   backup restore FILE [--passphrase-file F] [--key-file K] [--yes [--other-region] [--other-desk]]   exit 3 when the file fails verification
//   backup list
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { loteRetiredByRestore, type BackupItem, type BackupVerification, type RestoreApplied, type RestorePrepared } from '../../shared/contract/backups';
import { becameDeskSentence, otherDeskRefusal, otherDeskSentence } from '../../shared/display/desks';
import { formatCount, formatFileSize } from '../../shared/display/numbers';
import { plural } from '../../shared/display/plural';
import { AppError } from '../../shared/errors';
import { formatDateTimeBr } from '../../shared/rules/dates';
import { table } from './output';
import {
  EXIT,
  PASSPHRASE_OPTION,
  commandGroup,
  commandsOf,
  runJob,
  UsageError,
  waitForJob,
  type CliContext,
  type CliModule,
  type CommandOutcome,
  optionText,
  outputPath,
  passphraseFromFile,
  withFilePassphrase,
} from './types';

const text = optionText;

function fileArgument(context: CliContext): string {
  const given = context.args[0] ?? '';
  // An empty name (a script's variable left unset) would name the folder the command runs in.
  if (given.trim() === '') throw new UsageError('o nome do arquivo veio vazio: informe o arquivo do backup');
  return resolve(given);
}

const passphrase = passphraseFromFile;

/** `--key-file`: a recovery key file, for a backup made with another desk's key. */
function keyFile(context: CliContext): string | null {
  const file = text(context, 'keyFile');
  if (file === undefined) return null;
  if (file.trim() === '') throw new UsageError('--key-file sem caminho: informe o arquivo da chave de recuperação');
  return resolve(file);
}

const UNLOCKED: Record<NonNullable<BackupVerification['unlockedWith']>, string> = {
  desk: "this desk's key",
  recoveryKey: 'the recovery key file given',
  passphrase: 'the passphrase (a copy made for Implanta)',
  plain: 'no key (a plain copy made by an older version)',
};

function countsLine(counts: Record<string, number> | null): string {
  if (!counts) return '';
  const main = ['professionals', 'corrections', 'cep_directory', 'audit_log'].filter((t) => t in counts);
  return main.map((t) => `${t} ${formatCount(counts[t] ?? 0)}`).join(', ');
}

/** The shortest passphrase of a new backup, as the window asks for it (a copy for Implanta needs more: db/backups/create.ts). */
const BACKUP_PASSPHRASE_MIN = 8;

/** The passphrase of a new backup: one shorter than the window takes is refused, naming its file. */
function newBackupPassphrase(context: CliContext): string | null {
  const value = passphrase(context);
  if (value === null || value.length >= BACKUP_PASSPHRASE_MIN) return value;
  const file = resolve(text(context, 'passphraseFile') ?? '');
  throw new AppError(
    'INPUT_INVALID',
    `A senha no arquivo "${file}" tem ${formatCount(value.length)} caracteres: a de um backup precisa de pelo menos ${BACKUP_PASSPHRASE_MIN} caracteres (ela protege os dados quando o arquivo sai do computador). Nada foi gravado.`,
    { details: { path: file } },
  );
}

async function create(context: CliContext): Promise<CommandOutcome> {
  const folder = outputPath(context) ?? null;
  const forImplanta = context.values.forImplanta === true;
  if (forImplanta && context.values.passphraseFile === undefined) throw new UsageError('--for-implanta needs --passphrase-file: the passphrase agreed with Implanta');
  // A copy for Implanta has its own, longer, minimum (db/backups/create.ts).
  const secret = forImplanta ? passphrase(context) : newBackupPassphrase(context);
  const created = await runJob(context, 'backups:create', { folder, passphrase: secret, trigger: 'cli', forImplanta });
  const lines = [
    forImplanta
      ? `Copy for Implanta created and verified: ${created.file} (${formatFileSize(created.bytes)}); the zip (AES-256) and the database inside (SQLCipher 4) open with the passphrase`
      : `Backup created and verified: ${created.file} (${formatFileSize(created.bytes)})${created.encrypted ? ', encrypted (AES-256)' : ''}`,
    `  sha256 ${created.sha256}`,
    `  ${countsLine(created.counts)}`,
  ];
  if (created.warning) lines.push(`  Atenção: ${created.warning}`);
  if (created.removed.length > 0) lines.push(`  Removed ${plural(created.removed.length, 'older backup', 'older backups')} to keep the configured number.`);
  return { result: created, text: lines.join('\n'), exit: EXIT.ok };
}

/** A lote package (LOTE_PACKAGE) or a zip of other files (NOT_A_BACKUP): no backup at all. */
const NOT_A_BACKUP_CODES = new Set(['NOT_A_BACKUP', 'LOTE_PACKAGE']);

/** An intact backup whose database no key given opens is not called invalid: the key is what is missing. */
function heading(verification: BackupVerification): string {
  if (verification.problems.every((p) => p.code === 'DB_KEY')) return 'BACKUP NOT OPENED (its key is missing)';
  // A lote package or a zip of other files is no backup at all, not a damaged one.
  if (verification.problems.every((p) => NOT_A_BACKUP_CODES.has(p.code))) return 'NOT A BACKUP';
  return 'BACKUP INVALID';
}

/** What the command line takes for a backup made with another desk's key (the message names no option). */
const KEY_FILE_HINT = 'On the command line, give the recovery key file of the desk that made it: --key-file FILE (written on that desk by cress-desk key export).';

/** The hint, when no key file was given and the key is what is missing. */
function keyFileHint(context: CliContext, keyMissing: boolean): string | null {
  return keyMissing && text(context, 'keyFile') === undefined ? KEY_FILE_HINT : null;
}

/** A lote package given where a backup goes: the window sends the clerk to Lotes, a terminal to the command that checks it. */
const LOTE_PACKAGE_HINT = 'A lote package is checked with: cress-desk batch verify FILE';

/** The hint for what was refused: a key file when the key is missing, the lote command for a lote package. */
function verifyHint(context: CliContext, verification: BackupVerification): string | null {
  if (verification.problems.some((p) => p.code === 'LOTE_PACKAGE')) return LOTE_PACKAGE_HINT;
  return keyFileHint(context, verification.problems.some((p) => p.code === 'DB_KEY'));
}

async function verify(context: CliContext): Promise<CommandOutcome> {
  const file = fileArgument(context);
  const verification = await withFilePassphrase(context, (secret) => runJob(context, 'backups:verify', { file, passphrase: secret, keyFile: keyFile(context) }));
  const unlocked = verification.unlockedWith ? `\n  database opened with ${UNLOCKED[verification.unlockedWith]}` : '';
  // Said in the text and in the JSON document alike: a script run by the council's IT needs it as much.
  const hint = verification.valid ? null : verifyHint(context, verification);
  const text = verification.valid
    ? `Backup valid: ${file}\n  region ${verification.region}, schema ${verification.schemaVersion}${verification.encrypted ? ', encrypted' : ''}${unlocked}\n  ${countsLine(verification.counts)}${verification.signature ? `\n  ${verification.signature.message}` : ''}`
    : [`${heading(verification)}: ${file}`, ...verification.problems.map((p) => `  - ${p.message} [${p.code}]`), hint ?? ''].filter(Boolean).join('\n');
  return { result: hint ? { ...verification, hint } : verification, text, exit: verification.valid ? EXIT.ok : EXIT.integrity };
}

/** A copy made for Implanta leaves the council's casework out (db/backups/implantaCopy.ts). */
const IMPLANTA_COPY = 'It is a copy made for Implanta: the council’s atendimentos (with their attachments) are not in it';

/** What brings a lote back to sent, from the step a restore took it back to (a sealed lote exports the same bytes again). */
const AGAIN: Record<string, string> = { sent: '', exported: 'mark it sent again, then ', sealed: 'export it again (the same package) and mark it sent, then ' };

/** How many of Implanta's answers to a lote still sent in the backup came after the backup was made (0: none, or another step). */
function answersUndone(lote: RestoreApplied['undoneLotes'][number]): number {
  return lote.state === 'sent' && lote.stateNow === 'sent' ? (lote.answered ?? 0) - (lote.answeredNow ?? 0) : 0;
}

/** Lotes Implanta may hold that the restored data no longer has at that step (db/batches/undoneLotes.ts). */
function undoneLotesLines(lotes: RestoreApplied['undoneLotes']): string[] {
  if (lotes.length === 0) return [];
  const step = { exported: 'exported', sent: 'sent', acknowledged: 'answered' } as const;
  const gone = lotes.filter(loteRetiredByRestore);
  return [
    `  ${plural(lotes.length, 'batch had left this desk and is', 'batches had left this desk and are')} not in the restored data as ${lotes.length === 1 ? 'it was' : 'they were'}: Implanta may already have applied ${lotes.length === 1 ? 'it' : 'them'}.`,
    ...lotes.map((lote) => {
      const when = lote.sentAt ? `sent ${formatDateTimeBr(lote.sentAt)}` : '';
      const facts = `${[lote.state === 'sent' ? '' : step[lote.state], when].filter(Boolean).join(', ')}, ${plural(lote.items, 'item', 'items')}`;
      // Still in the backup at an earlier step, it is the same lote and package: its answer is taken again once it is marked sent.
      const lost = answersUndone(lote);
      const now = lost > 0
        ? `${formatCount(lost)} of Implanta's answers to it came after the backup and ${lost === 1 ? 'is' : 'are'} undone: the same batch, still sent; import Implanta's answer again`
        : lote.stateNow === 'cancelled'
          ? 'under review in the backup: cancelled here, so no other package leaves under its number'
          : lote.stateNow
          ? `back to ${lote.stateNow}: the same batch; ${AGAIN[lote.stateNow] ?? AGAIN.exported}import Implanta's answer again`
          : 'not in the backup; its number is not given to a new batch';
      return `    Batch ${lote.number} (${facts}): ${now}`;
    }),
    gone.length > 0
      ? `    Corrections of ${gone.length === 1 ? 'a batch' : 'batches'} not in the backup (or cancelled by the restore) that the backup holds are pending again: check with Implanta what it applied before sending them in a new batch.`
      : '',
  ].filter(Boolean);
}

/** CEP changes and atendimentos saved after the backup: ` N CEP changes and M atendimentos saved since then are …` ('' when none). */
function otherWorkSentence(other: RestorePrepared['otherAfter'], where: string): string {
  const parts = [other.cepChanges > 0 ? plural(other.cepChanges, 'CEP change', 'CEP changes') : '', other.contacts > 0 ? plural(other.contacts, 'atendimento', 'atendimentos') : ''].filter(Boolean);
  return parts.length === 0 ? '' : ` ${parts.join(' and ')} saved since the backup ${other.cepChanges + other.contacts === 1 ? 'is' : 'are'} ${where}.`;
}

/** Asks on the terminal; without one, the clerk must say --yes. */
/** The answer typed on the terminal; null when no person is at one (then only --yes confirms). */
async function confirm(question: string): Promise<boolean | null> {
  if (!process.stdin.isTTY) return null;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^(s|sim|y|yes)$/i.test((await rl.question(`${question} [s/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** A refusal of another region's or desk's backup, saying which option confirms it on the command line. */
function refusalWithOption(error: AppError, prepared: RestorePrepared): AppError {
  if (error.code === 'BACKUP_OTHER_REGION') {
    return new AppError(
      'BACKUP_OTHER_REGION',
      `Este backup é do CRESS ${prepared.region}ª Região, e esta mesa é do CRESS ${prepared.currentRegion}ª Região: nada foi alterado. Para restaurar assim mesmo, use --other-region.`,
    );
  }
  if (error.code === 'BACKUP_OTHER_DESK' && prepared.desk && prepared.currentDesk) {
    return new AppError(
      'BACKUP_OTHER_DESK',
      `${otherDeskRefusal(prepared.desk, prepared.currentDesk)}: nada foi alterado. Para restaurar assim mesmo, use --other-desk.`,
    );
  }
  return error;
}

async function restore(context: CliContext): Promise<CommandOutcome> {
  const file = fileArgument(context);
  const { jobId, prepared } = await withFilePassphrase(context, async (secret) => {
    const started = await context.call('backups:restorePrepare', { file, passphrase: secret, keyFile: keyFile(context) });
    return { jobId: started.jobId, prepared: await waitForJob(context, 'backups:restorePrepare', started.jobId) };
  }).catch((error: unknown) => {
    const hint = error instanceof AppError ? keyFileHint(context, error.code === 'STORE_KEY') : null;
    throw hint && error instanceof AppError ? new AppError(error.code, `${error.message} ${hint}`, { field: error.field, details: error.details }) : error;
  });
  const yes = context.values.yes === true;
  let applied;
  try {
    if (!yes) {
      const otherRegion = prepared.otherRegion ? ` It is a backup of CRESS region ${prepared.region}, not of this desk's region ${prepared.currentRegion}.` : '';
      // Another desk of this CRESS: both are named, whether or not this one must confirm it.
      const otherDesk = prepared.deskChanges && !prepared.otherRegion && prepared.desk && prepared.currentDesk ? ` ${otherDeskSentence(prepared.desk, prepared.currentDesk)}` : '';
      const other = `${otherRegion}${otherDesk}`;
      const implanta = prepared.implantaCopy ? ` ${IMPLANTA_COPY}.` : '';
      const undone = prepared.undoneLotes.length > 0
        ? ` It undoes ${prepared.undoneLotes.map((lote) => `batch ${lote.number}`).join(', ')}, which left this desk after the backup: Implanta may already have applied ${prepared.undoneLotes.length === 1 ? 'it' : 'them'}.`
        : '';
      const reviewed = prepared.undoneLotes.filter((lote) => lote.stateNow === 'open');
      const cancels = reviewed.length > 0 ? ` In the backup, ${reviewed.map((lote) => `batch ${lote.number}`).join(', ')} ${reviewed.length === 1 ? 'is' : 'are'} still under review: the restore cancels ${reviewed.length === 1 ? 'it' : 'them'}, ${reviewed.length === 1 ? 'its' : 'their'} corrections pending again.` : '';
      const made = prepared.createdAt ? ` It was made on ${formatDateTimeBr(prepared.createdAt)}.` : '';
      const after = prepared.correctionsAfter;
      const dropped = after.count > 0 && after.latest
        ? ` ${plural(after.count, 'correction', 'corrections')} saved here since then (the latest on ${formatDateTimeBr(after.latest)}) ${after.count === 1 ? 'is' : 'are'} not in it and leave${after.count === 1 ? 's' : ''} the desk.`
        : '';
      const back = prepared.cancelledAfter;
      const comeBack = back.count > 0 && back.latest
        ? ` ${plural(back.count, 'correction', 'corrections')} cancelled here since then (or whose import was undone; the latest on ${formatDateTimeBr(back.latest)}) ${back.count === 1 ? 'is' : 'are'} pending in it and would go to Implanta again.`
        : '';
      const question = `Restore ${file}?${made} The current data is replaced (and kept aside).${dropped}${otherWorkSentence(prepared.otherAfter, 'not in it and leave the desk')}${comeBack}${other}${implanta}${undone}${cancels}`;
      const answer = await confirm(question);
      if (answer === null) throw new UsageError(`restoring replaces this desk's data: confirm with --yes.${other}`);
      // Declined at the terminal: a choice, not a mistake of usage.
      if (!answer) throw new AppError('JOB_CANCELLED', 'Nada foi restaurado: a restauração não foi confirmada.');
    }
    // Asked on the terminal, the question named the other region or desk; --yes alone covers neither.
    applied = await context.call('backups:restoreApply', {
      jobId,
      confirmOtherRegion: !yes || context.values.otherRegion === true,
      confirmOtherDesk: !yes || context.values.otherDesk === true,
    });
  } catch (error) {
    // Not confirmed, or refused (another region, the store in use…): the prepared copy is not left beside the store.
    await context.call('backups:restoreDiscard', { jobId }).catch(() => undefined);
    throw error instanceof AppError ? refusalWithOption(error, prepared) : error;
  }
  const text = [
    `Restored ${file}${prepared.createdAt ? ` (made ${formatDateTimeBr(prepared.createdAt)})` : ''}.`,
    `  The data as it was before is kept in ${applied.previousStore}`,
    prepared.correctionsAfter.count > 0 ? `  ${plural(prepared.correctionsAfter.count, 'correction', 'corrections')} saved after the backup ${prepared.correctionsAfter.count === 1 ? 'is' : 'are'} only in that file now.` : '',
    otherWorkSentence(prepared.otherAfter, 'only in that file now').replace(/^ /, '  '),
    prepared.cancelledAfter.count > 0
      ? `  ${plural(prepared.cancelledAfter.count, 'correction', 'corrections')} cancelled after the backup ${prepared.cancelledAfter.count === 1 ? 'is' : 'are'} pending again: cancel ${prepared.cancelledAfter.count === 1 ? 'it' : 'them'} again before the next batch (corrections list --status pending).`
      : '',
    prepared.otherRegion ? `  It was a backup of CRESS region ${prepared.region}: this desk is now of region ${prepared.region}.` : '',
    // Also a desk only set up, which was not asked: it is told which desk it is now.
    prepared.deskChanges && prepared.desk ? `  Atenção: ${becameDeskSentence(prepared.desk)}` : '',
    prepared.implantaCopy ? `  It was ${IMPLANTA_COPY.replace(/^It is /, '')}; those of before are kept in ${applied.previousStore}.` : '',
    prepared.migratedFrom !== null ? `  Updated from schema ${prepared.migratedFrom} to ${applied.schemaVersion}.` : '',
    `  ${countsLine(applied.counts)}`,
    ...undoneLotesLines(applied.undoneLotes),
  ]
    .filter(Boolean)
    .join('\n');
  const desks = { otherDesk: prepared.otherDesk, deskChanges: prepared.deskChanges, desk: prepared.desk, previousDesk: prepared.currentDesk };
  return { result: { ...applied, correctionsAfter: prepared.correctionsAfter.count, cancelledAfter: prepared.cancelledAfter.count, otherAfter: prepared.otherAfter, otherRegion: prepared.otherRegion, ...desks, migratedFrom: prepared.migratedFrom, implantaCopy: prepared.implantaCopy }, text, exit: EXIT.ok };
}

/** Who made the backup, as far as this desk's catalogue knows. */
function origin(item: BackupItem): string {
  if (item.trigger === null) return 'not made by this desk, not catalogued';
  if (item.trigger === 'found') return 'not made by this desk, catalogued when checked or pinned';
  // Known by its bytes: the clerk gave the file another name since.
  if (item.renamedFrom) return `made by this desk, renamed from ${item.renamedFrom}`;
  return 'made by this desk';
}

function listLine(item: BackupItem, folder: string): string[] {
  const verified = item.changed ? 'CHANGED: no longer the file this desk wrote' : item.verified === null ? 'not verified' : item.verified ? 'verified' : 'FAILED';
  // A backup of another folder (a pendrive, an --out) is named by its whole path.
  const name = dirname(item.path) === resolve(folder) ? item.fileName : item.path;
  return [formatDateTimeBr(item.createdAt), formatFileSize(item.bytes), verified, item.encrypted ? 'encrypted' : '', item.pinned ? 'pinned' : '', origin(item), name];
}

async function list(context: CliContext): Promise<CommandOutcome> {
  const result = await context.call('backups:list', {});
  if (result.items.length === 0) return { result, text: `No backups in ${result.folder}.`, exit: EXIT.ok };
  // The backup folder of the settings may not be there yet (no backup ever made into it).
  const heading = existsSync(result.folder)
    ? `Backups this desk made (in any folder) and backup files found in ${result.folder}:`
    : `Backups this desk made (in any folder); the backup folder ${result.folder} does not exist.`;
  return { result, text: `${heading}\n${table(result.items.map((item) => listLine(item, result.folder)))}`, exit: EXIT.ok };
}

const KEY_FILE = ['--key-file <f>', 'a recovery key file (`key export`), for a backup made with another desk’s key'] as const;

export const backupCli: CliModule = (program, action) => {
  const command = commandsOf(commandGroup(program, 'backup', 'Backups of the store'));
  /** A command that opens a backup: the file, its passphrase, another desk's key. */
  const opening = (name: string, description: string) => command(name, description).argument('<file>', 'the backup').option(...PASSPHRASE_OPTION).option(...KEY_FILE);
  command('create', 'Back up the store (verified zip, AES-256 with a passphrase)')
    .option('--out <dir>', 'the folder (default: the backup folder of the settings)')
    .option(...PASSPHRASE_OPTION)
    .option('--for-implanta', 'a copy for Implanta to read: its database encrypted with the passphrase instead of this desk’s key (needs --passphrase-file)')
    .action(action(create));
  opening('verify', 'Check a backup (exit 3 when it fails)').action(action(verify));
  opening('restore', 'Replace the store with a verified backup (the current one is kept aside)')
    .option('--yes', 'confirm without asking')
    .option('--other-region', 'with --yes: restore it even if it is a backup of another CRESS region')
    .option('--other-desk', 'with --yes: restore it even if it is a backup of another desk of this CRESS (another seccional, or a desk set up apart)')
    .action(action(restore));
  command('list', 'Backups this desk made, and backup files found in the backup folder').action(action(list));
};
