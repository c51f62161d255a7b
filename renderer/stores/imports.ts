// The Importar screen's state: the file, the sheet and kind, the mapping, the preview and the
// write — each long step a job followed to its end — and the history with undo and reports.
import { create } from 'zustand';
import type { PickedFile } from '../../shared/contract/channels';
import type { Input } from '../../shared/contract';
import {
  IMPORT_TARGETS,
  type ImportKind,
  type ImportMapping,
  type ImportRecord,
  type ImportSummary,
  type ImportTarget,
  type InspectResult,
} from '../../shared/contract/imports';
import type { JobStatus } from '../../shared/contract/jobs';
import type { JobOutcome } from '../../shared/contract/jobKinds';
import { call, errorMessage } from '../api/client';
import { cancelJob, runJob, type RunOutcome } from './jobs';

export type ImportStep = 'file' | 'sheet' | 'mapping' | 'preview' | 'summary';

/** A job's end as the screen needs it. */
export type Outcome<T> = JobOutcome<T>;

interface HistoryPage {
  total: number;
  page: number;
  pageSize: number;
  items: ImportRecord[];
}

interface ImportState {
  step: ImportStep;
  file: PickedFile | null;
  inspect: InspectResult | null;
  sheet: string;
  kind: ImportKind;
  mapping: ImportMapping;
  reason: string;
  allOrNothing: boolean;
  /** The clerk ticked, in the preview, that the rows touching a DIP were read. */
  dipAcknowledged: boolean;
  preview: ImportSummary | null;
  summary: ImportSummary | null;
  /** The import the summary shows was undone from the history since. */
  summaryUndone: boolean;
  /** The wizard's job in progress (reading, checking, writing). */
  job: JobStatus | null;
  /** A job started from the history (undo, an error report). */
  historyJob: JobStatus | null;
  error: string | null;
  history: HistoryPage | null;
  historyError: string | null;
  /** Conflicts of the summary the clerk already decided, by their number. */
  resolved: Record<number, 'kept' | 'file'>;

  inspectFile(file: PickedFile): Promise<void>;
  chooseSheet(sheet: string): void;
  chooseKind(kind: ImportKind): void;
  mapColumn(column: number, target: ImportTarget | null): void;
  setReason(reason: string): void;
  setAllOrNothing(value: boolean): void;
  setDipAcknowledged(value: boolean): void;
  goTo(step: ImportStep): void;
  runPreview(): Promise<void>;
  write(force: boolean): Promise<Outcome<ImportSummary>>;
  cancel(): Promise<void>;
  reset(): void;
  loadHistory(page?: number, pageSize?: number): Promise<void>;
  undo(id: number): Promise<Outcome<{ restoredRecords: number }>>;
  /** The error report of a written import (by id) or of the current preview, written to the place `target` (a save handle). */
  report(target: string, importId: number | null): Promise<Outcome<{ rows: number }>>;
  /** The clerk's choice on a conflict of the summary: the store's message, or its refusal. */
  resolveConflict(id: number, choice: 'kept' | 'file', reason: string): Promise<{ ok: true; message: string } | { ok: false; message: string }>;
}

const INITIAL = {
  step: 'file' as ImportStep,
  file: null,
  inspect: null,
  sheet: '',
  kind: 'corrections' as ImportKind,
  mapping: [] as ImportMapping,
  reason: '',
  allOrNothing: false,
  dipAcknowledged: false,
  preview: null,
  summary: null,
  summaryUndone: false,
  job: null,
  error: null,
  resolved: {} as Record<number, 'kept' | 'file'>,
};

/** The sheet to propose: the first visible one with rows whose headers name a key column for the kind. */
function proposeSheet(inspect: InspectResult, kind: ImportKind): string {
  const visible = inspect.sheets.filter((s) => !s.hidden && s.headerRow !== null && !s.headerOnly);
  const keys: ImportTarget[] = kind === 'cep' ? ['cep'] : ['cpf', 'registrationNumber'];
  const fitting = visible.find((s) => s.mappings[kind].some((t) => t !== null && keys.includes(t)));
  return (fitting ?? visible[0] ?? inspect.sheets[0])?.name ?? '';
}

/** The kind the headers speak of most clearly. */
function proposeKind(inspect: InspectResult): ImportKind {
  const sheet = inspect.sheets.find((s) => !s.hidden && s.headerRow !== null);
  if (!sheet) return 'corrections';
  if (sheet.mappings.cep.includes('cep') && !sheet.mappings.corrections.some((t) => t === 'cpf' || t === 'registrationNumber')) return 'cep';
  return 'corrections';
}

/** What a second click answers while the first one's job still starts or runs: nothing happens. */
const ALREADY_RUNNING = { ok: false, cancelled: true, code: 'JOB_BUSY', message: '' } as const;

export const useImports = create<ImportState>()((set, get) => {
  // Marked before the job's first status arrives: a double click on Gravar would otherwise start
  // the same import twice, and the summary would show the second, which found nothing left to write.
  const busy = new Set<'job' | 'historyJob'>();

  /** Runs a job channel to its end, its status in `slot` meanwhile (for the progress bar); one at a time per slot. */
  async function follow<C extends 'imports:inspect' | 'imports:preview' | 'imports:run' | 'imports:undo' | 'imports:report'>(
    channel: C,
    input: Input<C>,
    slot: 'job' | 'historyJob' = 'job',
  ): Promise<RunOutcome<C>> {
    if (busy.has(slot)) return ALREADY_RUNNING;
    busy.add(slot);
    try {
      return await runJob(channel, input, (status) => set({ [slot]: status }));
    } finally {
      busy.delete(slot);
      set({ [slot]: null });
    }
  }

  function request() {
    const { file, kind, sheet, mapping, reason, allOrNothing, inspect } = get();
    if (!file) throw new Error('no file');
    // The file must still be the one inspected: one saved again since is refused (FILE_CHANGED).
    return { path: file.handle, name: file.name, kind, sheet, mapping, allOrNothing, reason: reason.trim() || null, expectedSha256: inspect?.sha256 ?? null };
  }

  function mappingOf(inspect: InspectResult | null, sheet: string, kind: ImportKind): ImportMapping {
    return inspect?.sheets.find((s) => s.name === sheet)?.mappings[kind] ?? [];
  }

  return {
    ...INITIAL,
    history: null,
    historyError: null,
    historyJob: null,

    async inspectFile(file) {
      if (busy.has('job')) return;
      set({ ...INITIAL, file });
      const outcome = await follow('imports:inspect', { path: file.handle, name: file.name });
      if (!outcome.ok) return set({ error: outcome.cancelled ? null : outcome.message, file: null });
      const inspect = outcome.value;
      const kind = proposeKind(inspect);
      const sheet = proposeSheet(inspect, kind);
      set({ inspect, kind, sheet, mapping: mappingOf(inspect, sheet, kind), step: 'sheet', error: null });
    },

    chooseSheet(sheet) {
      set((s) => ({ sheet, mapping: mappingOf(s.inspect, sheet, s.kind), preview: null }));
    },

    chooseKind(kind) {
      set((s) => {
        const sheet = s.inspect ? proposeSheet(s.inspect, kind) : s.sheet;
        return { kind, sheet, mapping: mappingOf(s.inspect, sheet, kind), preview: null };
      });
    },

    mapColumn(column, target) {
      set((s) => {
        if (target !== null && !IMPORT_TARGETS[s.kind].includes(target)) return {};
        const mapping = [...s.mapping];
        mapping[column] = target;
        return { mapping, preview: null };
      });
    },

    setReason: (reason) => set({ reason, preview: null }),
    setAllOrNothing: (allOrNothing) => set({ allOrNothing, preview: null }),
    setDipAcknowledged: (dipAcknowledged) => set({ dipAcknowledged }),
    goTo: (step) => set({ step, error: null }),

    async runPreview() {
      set({ error: null });
      const outcome = await follow('imports:preview', { ...request(), errorLimit: 2000 });
      if (!outcome.ok) return set({ error: outcome.cancelled ? null : outcome.message });
      set({ preview: outcome.value, step: 'preview', dipAcknowledged: false });
    },

    async write(force) {
      set({ error: null });
      const outcome = await follow('imports:run', { ...request(), errorLimit: 2000, force, dipAcknowledged: get().dipAcknowledged });
      if (outcome.ok) {
        set({ summary: outcome.value, summaryUndone: false, step: 'summary' });
        void get().loadHistory(0);
      } else if (!outcome.cancelled && outcome.code !== 'IMPORT_REPEATED') set({ error: outcome.message });
      return outcome;
    },

    async cancel() {
      const job = get().job;
      if (job) await cancelJob(job.id);
    },

    reset: () => set({ ...INITIAL }),

    async loadHistory(page = get().history?.page ?? 0, pageSize = get().history?.pageSize ?? 10) {
      try {
        const result = await call('imports:list', { page, pageSize });
        set({ history: { total: result.total, page: result.page, pageSize: result.pageSize, items: result.items }, historyError: null });
      } catch (error) {
        set({ historyError: errorMessage(error) });
      }
    },

    async undo(id) {
      const outcome = await follow('imports:undo', { id }, 'historyJob');
      if (outcome.ok && get().summary?.importId === id) set({ summaryUndone: true });
      void get().loadHistory();
      return outcome;
    },

    async resolveConflict(id, choice, reason) {
      try {
        const result = await call('registry:resolveConflict', { id, choice, reason });
        set((s) => ({ resolved: { ...s.resolved, [id]: choice } }));
        return { ok: true, message: result.message };
      } catch (error) {
        return { ok: false, message: errorMessage(error) };
      }
    },

    async report(target, importId) {
      if (importId !== null) return follow('imports:report', { id: importId, path: target }, 'historyJob');
      // A preview (or an "all or nothing" that wrote nothing) has no history: check again, writing the report.
      const outcome = await follow('imports:preview', { ...request(), errorLimit: 0, reportPath: target });
      if (!outcome.ok) return outcome;
      // The check went through but the report could not be saved: for this button, that is its failure.
      // The report holds the rows with an error and those that go in with a warning.
      const warning = outcome.value.reportWarning;
      return warning ? { ok: false, cancelled: false, code: 'EXPORT_DESTINATION', message: warning } : { ok: true, value: { rows: outcome.value.rejected + outcome.value.warned } };
    },
  };
});
