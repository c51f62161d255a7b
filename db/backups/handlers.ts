// The backup channels of the handler table (merged into db/handlers.ts).
import type { Handlers } from '../../shared/contract';
import { restorePreparedSchema, type RestorePrepared } from '../../shared/contract/backups';
import { AppError } from '../../shared/errors';
import type { JobRunner } from '../jobs/runner';
import type { Store } from '../open';
import { appendOperatorAudit, requireSettings } from '../settings';
import { getBackupSettings, lastBackupAt, listBackups, setPinned, updateBackupSettings } from './catalog';
import { backupDue, backupSummary } from './routine';
import { applyRestore, checkApplicable, discardPrepared } from './restore';
import { requireWritableStore, writeTransaction } from '../storeLock';

type BackupChannel = Extract<keyof Handlers, `backups:${string}`>;

export interface BackupHandlerOptions {
  clock: () => Date;
  jobs: JobRunner;
  appVersion: string;
  withStoreClosed?: <T>(fn: (path: string) => T) => T;
}

/** The result of a finished restorePrepare job, or why there is none. */
function preparedOf(jobs: JobRunner, jobId: string): RestorePrepared {
  const status = jobs.status(jobId);
  const parsed = restorePreparedSchema.safeParse(status.result);
  if (status.kind !== 'backups:restorePrepare' || status.state !== 'done' || !parsed.success) {
    throw new AppError('BACKUP_RESTORE_NOT_READY', 'Esta restauração não está pronta: verifique o backup antes de restaurar.');
  }
  return parsed.data;
}

export function backupHandlers(store: Store, options: BackupHandlerOptions): Pick<Handlers, BackupChannel> {
  const { db } = store;
  const { clock, jobs } = options;
  const startCreate = (input: { passphrase: string | null; folder: string | null; trigger: 'manual' | 'auto' | 'close' | 'cli'; forImplanta: boolean }) => {
    requireSettings(db);
    return jobs.start('backups:create', { ...input, appVersion: options.appVersion });
  };
  // One prepared restore at a time: each is a copy as large as the store, and a second one (a
  // double click, a restore started again without an answer to the first) would stay beside the
  // store for as long as the desk runs.
  let preparedJob: string | null = null;
  const discardEarlierPrepared = () => {
    if (preparedJob === null) return;
    let status: ReturnType<JobRunner['status']>;
    try {
      status = jobs.status(preparedJob);
    } catch {
      preparedJob = null;
      return;
    }
    if (status.state === 'running') throw new AppError('BACKUP_RESTORE_BUSY', 'Uma restauração já está sendo preparada: aguarde o fim dela antes de começar outra.');
    const parsed = restorePreparedSchema.safeParse(status.result);
    if (status.state === 'done' && parsed.success) discardPrepared(store.path, parsed.data.preparedPath);
    preparedJob = null;
  };
  return {
    'backups:list': async () => {
      const { folder } = getBackupSettings(db);
      return { folder, items: await listBackups(db, folder) };
    },
    'backups:summary': async () => backupSummary(await listBackups(db, getBackupSettings(db).folder), clock()),
    'backups:settings': () => getBackupSettings(db),
    'backups:updateSettings': (input) =>
      writeTransaction(db, () => {
        const before = getBackupSettings(db);
        const after = updateBackupSettings(db, input, clock().toISOString());
        appendOperatorAudit(db, clock().toISOString(), { action: 'backup.settings', entity: 'backup_settings', entityId: null, detail: { before, after } });
        return after;
      }),
    // A backup someone asked for takes the data out of the desk: only with an operator signed in
    // (shared/contract/sessions.ts), whom the trail names. The routine's (`backups:auto`) is made
    // with nobody there, as `sistema`.
    'backups:create': (input) => ({ jobId: startCreate(input) }),
    'backups:auto': ({ trigger }) => {
      if (jobs.busy()) return { jobId: null, reason: 'Outra tarefa está em andamento.' };
      const { due, reason } = backupDue(getBackupSettings(db), lastBackupAt(db), trigger, clock());
      return { jobId: due ? startCreate({ passphrase: null, folder: null, trigger, forImplanta: false }) : null, reason };
    },
    'backups:verify': (input) => ({ jobId: jobs.start('backups:verify', input) }),
    'backups:restorePrepare': (input) => {
      // A store that may not be written is refused before a copy of the backup is made beside it.
      requireWritableStore(store.path);
      discardEarlierPrepared();
      preparedJob = jobs.start('backups:restorePrepare', input);
      return { jobId: preparedJob };
    },
    'backups:restoreApply': ({ jobId, confirmOtherRegion, confirmOtherDesk }) => {
      const prepared = preparedOf(jobs, jobId);
      if (!options.withStoreClosed) throw new Error('restore needs a desk that can close its store');
      const operator = requireSettings(db).operator;
      const now = clock();
      checkApplicable(store.path, { prepared, confirmOtherRegion, confirmOtherDesk });
      return options.withStoreClosed((path) => applyRestore(path, { prepared, confirmOtherRegion, confirmOtherDesk, operator, now }));
    },
    'backups:restoreDiscard': ({ jobId }) => {
      let prepared: RestorePrepared;
      try {
        prepared = preparedOf(jobs, jobId);
      } catch {
        return { discarded: false };
      }
      return { discarded: discardPrepared(store.path, prepared.preparedPath) };
    },
    'backups:pin': async ({ file, pinned }) => {
      const item = await setPinned(db, file, pinned);
      if (!item) throw new AppError('BACKUP_NOT_FOUND', `O arquivo "${file}" não foi encontrado ou não é um backup do CRESS Desk.`);
      appendOperatorAudit(db, clock().toISOString(), { action: pinned ? 'backup.pin' : 'backup.unpin', entity: 'backup', entityId: item.fileName, detail: { file: item.path } });
      return item;
    },
  };
}
