// Backups: the list and the routine's settings, the age of the last verified backup (dashboard and
// header), and the one long backup job the screen follows at a time.
import { create } from 'zustand';
import type { BackupCreated, BackupItem, BackupSettings, BackupSummary, BackupVerification, RestoreApplied, RestorePrepared } from '../../shared/contract/backups';
import type { JobStatus } from '../../shared/contract/jobs';
import { call, errorMessage } from '../api/client';
import { cancelJob, followJob } from './jobs';

/** A job's end, as the screen shows it. */
export type JobOutcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string; cancelled: boolean };

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
  create(passphrase: string | null): Promise<JobOutcome<BackupCreated>>;
  /** `file`: a listed backup's path, or the handle of a file chosen with pickFile. */
  verify(file: string, passphrase: string | null): Promise<JobOutcome<BackupVerification>>;
  prepareRestore(file: string, passphrase: string | null): Promise<JobOutcome<RestorePrepared> & { jobId?: string }>;
  applyRestore(jobId: string, confirmOtherRegion: boolean): Promise<RestoreApplied>;
  discardRestore(jobId: string): Promise<void>;
  cancel(): Promise<void>;
}

export const useBackups = create<BackupsState>()((set, get) => {
  /** Starts a job channel and follows it to its end, keeping its status for the progress bar. */
  async function run<T>(start: () => Promise<{ jobId: string }>): Promise<JobOutcome<T> & { jobId?: string }> {
    let jobId: string;
    try {
      ({ jobId } = await start());
    } catch (error) {
      return { ok: false, code: (error as { code?: string }).code ?? 'INTERNAL', message: errorMessage(error), cancelled: false };
    }
    const final = await followJob(jobId, (status) => set({ job: status }));
    set({ job: null });
    if (final.state === 'done') return { ok: true, value: final.result as T, jobId };
    return {
      ok: false,
      code: final.error?.code ?? 'INTERNAL',
      message: final.error?.message ?? 'A tarefa foi interrompida.',
      cancelled: final.state === 'cancelled',
      jobId,
    };
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
    create: async (passphrase) => {
      const outcome = await run<BackupCreated>(() => call('backups:create', { passphrase, folder: null, trigger: 'manual' }));
      await get().load();
      return outcome;
    },
    verify: async (file, passphrase) => {
      const outcome = await run<BackupVerification>(() => call('backups:verify', { file, passphrase }));
      await get().load();
      return outcome;
    },
    prepareRestore: (file, passphrase) => run<RestorePrepared>(() => call('backups:restorePrepare', { file, passphrase })),
    applyRestore: async (jobId, confirmOtherRegion) => {
      const applied = await call('backups:restoreApply', { jobId, confirmOtherRegion });
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
