// A spreadsheet's write outlives a reload: the page keeps its job's id, and Importar, opening again,
// follows that job to the end it would have shown had the clerk stayed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JobStatus } from '../../../shared/contract/jobs';

const call = vi.fn();
vi.mock('../../../renderer/api/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../renderer/api/client')>()),
  call: (channel: string, input: unknown) => call(channel, input),
}));

const { ClientError } = await import('../../../renderer/api/client');
const { useImports } = await import('../../../renderer/stores/imports');
const { keepWritesIn, keptWrite, useImportResume } = await import('../../../renderer/stores/importResume');
const { runJob } = await import('../../../renderer/stores/jobs');

/** A browser storage of the test's own. */
function place() {
  const items = new Map<string, string>();
  return { items, getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
}

const SUMMARY = {
  importId: 7, dryRun: false, written: true, file: 'emails.csv', sha256: 'a'.repeat(64), kind: 'corrections', sheet: 'emails', format: 'csv', allOrNothing: false,
  rows: 3000, accepted: 3000, unchanged: 0, rejected: 0, corrections: 3000, inserted: 0, updated: 0, flagged: 0, kept: 0, conflictsTotal: 0, rowsWithConflicts: 0,
  conflicts: [], dipConsequences: { correct_dip_request: 0, new_card_required: 0 }, headers: ['Registro', 'E-mail'], errors: [], errorsTotal: 0, sample: [], previous: null, reportPath: null,
};

function status(state: JobStatus['state'], extra: Partial<JobStatus> = {}): JobStatus {
  const progress = { phase: 'write', label: '1.500 de 3.000 linhas', done: 1500, total: 3000 };
  return { id: 'job-1', kind: 'imports:run', state, progress, result: null, error: null, startedAt: '2026-01-01T10:00:00Z', finishedAt: null, ...extra };
}

const REQUEST = { path: 'handle-1', name: 'emails.csv', kind: 'corrections' as const, sheet: 'emails', mapping: ['registrationNumber' as const, 'email' as const], allOrNothing: false, reason: 'Atualização', errorLimit: 2000, force: false, dipAcknowledged: false, expectedSha256: null };

/** The host's answers: `jobs:status` walks through `statuses` (the last repeats); the history is empty. */
function host(statuses: (JobStatus | Error)[]) {
  let polls = 0;
  call.mockImplementation(async (channel: string) => {
    if (channel === 'imports:run') return { jobId: 'job-1' };
    if (channel === 'imports:list') return { total: 0, page: 0, pageSize: 10, items: [] };
    if (channel === 'jobs:status') {
      const answer = statuses[Math.min(polls++, statuses.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return answer;
    }
    throw new Error(`unexpected ${channel}`);
  });
}

let shared = place();
let tab = place();

describe('a write found again after a reload', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    call.mockReset();
    shared = place();
    tab = place();
    keepWritesIn(shared, tab);
    useImports.getState().reset();
    useImportResume.setState({ writing: null, following: null, cancelled: null });
  });
  afterEach(() => vi.useRealTimers());

  it('keeps the id of a write while it runs, and forgets it once the page that started it saw its end', async () => {
    host([status('running'), status('done', { result: SUMMARY })]);
    const running = runJob('imports:run', REQUEST, () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(keptWrite()).toBe('job-1');
    expect(useImportResume.getState().writing).toBe('job-1');
    // Coming back to Importar meanwhile: the store follows it already, nobody else does.
    await useImportResume.getState().resume();
    expect(call.mock.calls.filter(([c]) => c === 'jobs:status')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(300);
    await running;
    expect(keptWrite()).toBeNull();
    expect(tab.items.size).toBe(0);
    expect(useImportResume.getState().writing).toBeNull();
  });

  it('a preview is not kept: it writes nothing to find again', async () => {
    host([status('done', { result: { ...SUMMARY, dryRun: true, written: false, importId: null } })]);
    await runJob('imports:preview', REQUEST, () => undefined);
    expect(shared.items.size).toBe(0);
  });

  it('follows a write still running to its summary, with the file it was asked for, and refreshes the history', async () => {
    shared.setItem('cress-desk-import-write', JSON.stringify({ jobId: 'job-1' }));
    tab.setItem('cress-desk-import-write-request', JSON.stringify({ jobId: 'job-1', file: { handle: 'handle-1', name: 'emails.csv' }, kind: 'corrections', sheet: 'emails', mapping: ['registrationNumber', 'email'], reason: 'Atualização', allOrNothing: false }));
    host([status('running'), status('running'), status('done', { result: SUMMARY })]);
    const resuming = useImportResume.getState().resume();
    await vi.advanceTimersByTimeAsync(0);
    expect(useImports.getState().job?.progress.done).toBe(1500);
    expect(useImportResume.getState().following).toEqual({ jobId: 'job-1', fileName: 'emails.csv', here: true });
    await vi.advanceTimersByTimeAsync(600);
    await resuming;
    const s = useImports.getState();
    expect(s).toMatchObject({ step: 'summary', job: null, error: null, file: { handle: 'handle-1', name: 'emails.csv' }, sheet: 'emails' });
    expect(s.summary?.importId).toBe(7);
    expect(call).toHaveBeenCalledWith('imports:list', { page: 0, pageSize: 10 });
    expect(shared.items.size + tab.items.size).toBe(0);
    expect(useImportResume.getState()).toMatchObject({ following: null, writing: null });
  });

  it('shows the summary of a write that ended while nobody looked, even one another tab started', async () => {
    shared.setItem('cress-desk-import-write', JSON.stringify({ jobId: 'job-1' }));
    host([status('done', { result: SUMMARY })]);
    await useImportResume.getState().resume();
    expect(useImports.getState()).toMatchObject({ step: 'summary', file: null });
    expect(useImports.getState().summary?.rows).toBe(3000);
  });

  it('shows the error of a write that failed, as the wizard does', async () => {
    shared.setItem('cress-desk-import-write', JSON.stringify({ jobId: 'job-1' }));
    const error = { code: 'DISK_FULL' as const, message: 'O disco está cheio: nada desta importação ficou gravado.' };
    host([status('failed', { error })]);
    await useImportResume.getState().resume();
    expect(useImports.getState()).toMatchObject({ step: 'file', job: null, error: error.message });
    expect(keptWrite()).toBeNull();
  });

  it('says a cancelled write left nothing written, until the clerk moves on', async () => {
    shared.setItem('cress-desk-import-write', JSON.stringify({ jobId: 'job-1' }));
    host([status('cancelled', { error: { code: 'JOB_CANCELLED', message: 'Cancelada.' } })]);
    await useImportResume.getState().resume();
    expect(useImports.getState().error).toBeNull();
    expect(useImportResume.getState().cancelled).toEqual({ fileName: null });
    useImports.setState({ step: 'sheet' });
    expect(useImportResume.getState().cancelled).toBeNull();
  });

  it('quietly drops a write the desk no longer knows (it was restarted), and shows the history as it is', async () => {
    shared.setItem('cress-desk-import-write', JSON.stringify({ jobId: 'job-1' }));
    host([new ClientError('JOB_NOT_FOUND', 'Esta tarefa não existe mais (o aplicativo foi reiniciado?).')]);
    await useImportResume.getState().resume();
    expect(useImports.getState()).toMatchObject({ step: 'file', job: null, error: null });
    expect(keptWrite()).toBeNull();
    expect(call).toHaveBeenCalledWith('imports:list', { page: 0, pageSize: 10 });
  });

  it('keeps the id when the desk cannot be asked now: the next visit looks again', async () => {
    shared.setItem('cress-desk-import-write', JSON.stringify({ jobId: 'job-1' }));
    host([new ClientError('INTERNAL', 'Não foi possível falar com o armazenamento local do aplicativo.')]);
    await useImportResume.getState().resume();
    expect(keptWrite()).toBe('job-1');
    expect(useImports.getState().job).toBeNull();
  });

  it('leaves alone a wizard the clerk already began', async () => {
    shared.setItem('cress-desk-import-write', JSON.stringify({ jobId: 'job-1' }));
    useImports.setState({ step: 'sheet', file: { handle: 'handle-2', name: 'outra.xlsx' } });
    host([status('running')]);
    await useImportResume.getState().resume();
    expect(call).not.toHaveBeenCalled();
    expect(useImports.getState().job).toBeNull();
    expect(keptWrite()).toBe('job-1');
  });
});
