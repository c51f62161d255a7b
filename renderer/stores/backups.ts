// Backups: the list and the routine's settings, the age of the last verified backup (dashboard and
// header), and the one long backup job the screen follows at a time.
import { create } from 'zustand';
import type { Input } from '../../shared/contract';
import type { BackupCreated, BackupItem, BackupSettings, BackupSummary, BackupVerification, RestoreApplied } from '../../shared/contract/backups';
import type { JobOutcome } from '../../shared/contract/jobKinds';
import type { JobStatus } from '../../shared/contract/jobs';
import { call, errorMessage } from '../api/client';
import { cancelJob, runJob, type RunOutcome } from './jobs';

/** What the clerk confirmed in the restore dialog: another CRESS's backup, another desk's. */
export interface RestoreConfirmation {
  otherRegion: boolean;
  otherDesk: boolean;
}

/** What the clerk gave to open a backup: its passphrase, a recovery key file's handle. */
export interface BackupSecrets {
  passphrase: string | null;
  keyFile: string | null;
}

interface BackupsState {
  folder: string | null;
  items: BackupItem[] | null;
  settings: BackupSettings | null;
  summary: BackupSummary | null;
  error: string | null;
  /** The running job, shown with a progress bar. */
  job: JobStatus | null;
  load(): Promise<void>;
  loadSummary(): Promise<void>;
  /** `folder`: a folder dialog's handle, null for the default folder, absent to keep it. */
  saveSettings(patch: Partial<Pick<BackupSettings, 'keepLast' | 'intervalHours' | 'onClose'>> & { folder?: string | null }): Promise<void>;
  setPinned(item: BackupItem, pinned: boolean): Promise<void>;
  /** `forImplanta`: the copy Implanta may read, its database under the passphrase (not listed here). */
  create(passphrase: string | null, forImplanta?: boolean): Promise<JobOutcome<BackupCreated>>;
  /** `file`: a listed backup's path, or the handle of a file chosen with pickFile; `secrets`: what else may open its database. */
  verify(file: string, secrets: BackupSecrets): Promise<JobOutcome<BackupVerification>>;
  prepareRestore(file: string, secrets: BackupSecrets): Promise<RunOutcome<'backups:restorePrepare'>>;
  applyRestore(jobId: string, confirm: RestoreConfirmation): Promise<RestoreApplied>;
  discardRestore(jobId: string): Promise<void>;
  cancel(): Promise<void>;
}

/** What a second click answers while the first one's job still starts or runs: nothing happens. */
const ALREADY_RUNNING = { ok: false, cancelled: true, code: 'JOB_BUSY', message: '' } as const;

export const useBackups = create<BackupsState>()((set, get) => {
  // Marked before the job's first status arrives: a double click on Fazer backup or Restaurar would
  // otherwise make two backups, or prepare two store-sized copies of one.
  let running = false;

  /** Runs a job channel to its end, keeping its status for the progress bar; one at a time. */
  async function run<C extends 'backups:create' | 'backups:verify' | 'backups:restorePrepare'>(channel: C, input: Input<C>): Promise<RunOutcome<C>> {
    if (running) return ALREADY_RUNNING;
    running = true;
    try {
      return await runJob(channel, input, (status) => set({ job: status }));
    } finally {
      running = false;
      set({ job: null });
    }
  }

  return {
    folder: null,
    items: null,
    settings: null,
    summary: null,
    error: null,
    job: null,
    load: async () => {
      try {
        const [list, settings, summary] = await Promise.all([call('backups:list', {}), call('backups:settings', {}), call('backups:summary', {})]);
        set({ folder: list.folder, items: list.items, settings, summary, error: null });
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
    loadSummary: async () => {
      try {
        set({ summary: await call('backups:summary', {}) });
      } catch {
        /* the header simply shows nothing */
      }
    },
    saveSettings: async (patch) => {
      const settings = await call('backups:updateSettings', patch);
      set({ settings });
      await get().load();
    },
    setPinned: async (item, pinned) => {
      await call('backups:pin', { file: item.path, pinned });
      await get().load();
    },
    create: async (passphrase, forImplanta = false) => {
      const outcome = await run('backups:create', { passphrase, folder: null, trigger: 'manual', forImplanta });
      await get().load();
      return outcome;
    },
    verify: async (file, secrets) => {
      const outcome = await run('backups:verify', { file, passphrase: secrets.passphrase, keyFile: secrets.keyFile });
      await get().load();
      return outcome;
    },
    prepareRestore: (file, secrets) => run('backups:restorePrepare', { file, passphrase: secrets.passphrase, keyFile: secrets.keyFile }),
    applyRestore: async (jobId, confirm) => {
      const applied = await call('backups:restoreApply', { jobId, confirmOtherRegion: confirm.otherRegion, confirmOtherDesk: confirm.otherDesk });
      await get().load();
      return applied;
    },
    discardRestore: async (jobId) => {
      await call('backups:restoreDiscard', { jobId }).catch(() => undefined);
    },
    cancel: async () => {
      const job = get().job;
      if (job) await cancelJob(job.id);
    },
  };
});
