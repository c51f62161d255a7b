// A spreadsheet's write goes on when the page reloads (the window's Ctrl+R, a renderer crash, the
// browser's reload) or while another tab of the same desk looks: nothing on the main side lists the
// jobs that run, so the write's job id is kept in the browser's storage, and Importar, when it
// opens, follows that job and shows its end as if the clerk had stayed.
import { create } from 'zustand';
import type { PickedFile } from '../../shared/contract/channels';
import type { ImportKind, ImportMapping } from '../../shared/contract/imports';
import { jobOutcome } from '../../shared/contract/jobKinds';
import type { JobStatus } from '../../shared/contract/jobs';
import { call, ClientError } from '../api/client';
import { useImports } from './imports';
import { followJob, watchJobs, type StartedJob } from './jobs';

/** Shared by every tab of the desk: only the job's id, nothing of the file or its people. */
const SHARED_KEY = 'cress-desk-import-write';
/** This tab's own (it survives a reload): what the write was asked with, for its summary's report. */
const TAB_KEY = 'cress-desk-import-write-request';

export interface KeptPlace {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What the wizard held when Gravar was pressed (the summary of an import not written reports from it). */
interface KeptRequest {
  jobId: string;
  file: PickedFile;
  kind: ImportKind;
  sheet: string;
  mapping: ImportMapping;
  reason: string;
  allOrNothing: boolean;
}

function browserPlace(name: 'localStorage' | 'sessionStorage'): KeptPlace | null {
  try {
    return typeof window === 'undefined' ? null : window[name];
  } catch {
    // Storage refused (a locked-down browser): a reload then loses sight of the write, as before.
    return null;
  }
}

let places: { shared: KeptPlace | null; tab: KeptPlace | null } = { shared: browserPlace('localStorage'), tab: browserPlace('sessionStorage') };

/** Where the write's id is kept (the tests give places of their own). */
export function keepWritesIn(shared: KeptPlace | null, tab: KeptPlace | null): void {
  places = { shared, tab };
}

function read<T>(place: KeptPlace | null, key: string): T | null {
  try {
    const text = place?.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function write(place: KeptPlace | null, key: string, value: unknown): void {
  try {
    place?.setItem(key, JSON.stringify(value));
  } catch {
    // Full or refused: the write goes on all the same, only a reload will not find it.
  }
}

function remove(place: KeptPlace | null, key: string): void {
  try {
    place?.removeItem(key);
  } catch {
    // Nothing to do: an id left behind is dropped at the next look (the job is then unknown or ended).
  }
}

/** The write kept for the desk, if any. */
export function keptWrite(): string | null {
  return read<{ jobId: string }>(places.shared, SHARED_KEY)?.jobId ?? null;
}

/** The write's end was shown (or it is unknown): nobody needs to find it again. */
function forget(jobId: string): void {
  if (keptWrite() === jobId) remove(places.shared, SHARED_KEY);
  if (read<KeptRequest>(places.tab, TAB_KEY)?.jobId === jobId) remove(places.tab, TAB_KEY);
}

/** Jobs this page follows already (its own writes, or one found again): never followed twice. */
const followed = new Set<string>();

function keep(job: StartedJob): void {
  followed.add(job.jobId);
  if (job.channel !== 'imports:run') return;
  const { input, jobId } = job;
  write(places.shared, SHARED_KEY, { jobId });
  const request: KeptRequest = {
    jobId,
    file: { handle: input.path, name: input.name },
    kind: input.kind,
    sheet: input.sheet ?? '',
    mapping: input.mapping ?? [],
    reason: input.reason ?? '',
    allOrNothing: input.allOrNothing ?? false,
  };
  write(places.tab, TAB_KEY, request);
}

watchJobs({
  started(job) {
    keep(job);
    if (job.channel === 'imports:run') useImportResume.setState({ writing: job.jobId });
  },
  ended(job, final) {
    followed.delete(job.jobId);
    if (job.channel !== 'imports:run') return;
    if (useImportResume.getState().writing === job.jobId) useImportResume.setState({ writing: null });
    // The store that started it shows its end (also on coming back to Importar).
    if (final) forget(job.jobId);
  },
});

interface ResumeState {
  /** A write this page follows (its own or one found again): the history gets its row only at its end. */
  writing: string | null;
  /** The write found again, while it runs: its file's name when this tab started it. */
  following: { jobId: string; fileName: string | null; here: boolean } | null;
  /** A write found again that ended cancelled. */
  cancelled: { fileName: string | null } | null;
  /** Looks for a write to follow; does nothing while the wizard has something of its own. */
  resume(): Promise<void>;
  dismiss(): void;
}

/** Nothing chosen, nothing running: the wizard has nothing a write found again would hide. */
function wizardIsFree(): boolean {
  const s = useImports.getState();
  return s.step === 'file' && s.file === null && s.job === null;
}

export const useImportResume = create<ResumeState>()((set) => ({
  writing: null,
  following: null,
  cancelled: null,
  dismiss: () => set({ cancelled: null }),

  async resume() {
    const jobId = keptWrite();
    if (!jobId || followed.has(jobId) || !wizardIsFree()) return;
    followed.add(jobId);
    const request = read<KeptRequest>(places.tab, TAB_KEY);
    const mine = request?.jobId === jobId ? request : null;
    try {
      const first = await call('jobs:status', { id: jobId });
      if (first.kind !== 'imports:run') return forget(jobId);
      // The clerk chose a file meanwhile: her wizard stays; the write is looked at next time.
      if (!wizardIsFree()) return;
      set({ writing: jobId, following: { jobId, fileName: mine?.file.name ?? null, here: mine !== null }, cancelled: null });
      useImports.setState({ job: first, error: null });
      const final = first.state === 'running' ? await followJob(jobId, (status) => useImports.setState({ job: status })) : first;
      showEnd(final, mine);
    } catch (error) {
      // Unknown after a restart (or long forgotten): nothing to show but the history as it is.
      if (error instanceof ClientError && error.code === 'JOB_NOT_FOUND') forget(jobId);
      // Only the bar of this write goes: a job the clerk started meanwhile keeps its own.
      if (useImports.getState().job?.id === jobId) useImports.setState({ job: null });
    } finally {
      followed.delete(jobId);
      set((s) => ({ following: null, writing: s.writing === jobId ? null : s.writing }));
      void useImports.getState().loadHistory(0);
    }
  },
}));

// The word on a cancelled write goes once the clerk moves on with the wizard.
useImports.subscribe((s) => {
  if ((s.step !== 'file' || s.job !== null) && useImportResume.getState().cancelled) useImportResume.setState({ cancelled: null });
});

/** The write's end as the wizard shows it when the clerk stayed: the summary, its error, or nothing written. */
function showEnd(final: JobStatus, request: KeptRequest | null): void {
  forget(final.id);
  const outcome = jobOutcome('imports:run', final);
  if (outcome.ok) {
    const wizard = request ? { file: request.file, kind: request.kind, sheet: request.sheet, mapping: request.mapping, reason: request.reason, allOrNothing: request.allOrNothing } : {};
    useImports.setState({ ...wizard, job: null, summary: outcome.value, summaryUndone: false, resolved: {}, step: 'summary', error: null });
  } else if (outcome.cancelled) {
    useImports.setState({ job: null });
    useImportResume.setState({ cancelled: { fileName: request?.file.name ?? null } });
  } else {
    useImports.setState({ job: null, error: outcome.message });
  }
}

/** Another tab started a write (Importar then follows it) or saw one end (the history then changed). */
export function watchOtherTabs(): () => void {
  if (typeof window === 'undefined') return () => undefined;
  const onStorage = (event: StorageEvent) => {
    if (event.key !== SHARED_KEY) return;
    if (event.newValue) void useImportResume.getState().resume();
    else void useImports.getState().loadHistory();
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
}
