// Runs long jobs off the caller's thread and keeps their status for polling (`jobs:status`).
// With a worker bundle (app, browser host) each job runs in a worker_thread with its own store
// connection; without one (command line, unit tests) it runs inline on the next tick.
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { JobProgress, JobStatus } from '../../shared/contract/jobs';
import { AppError, type AppErrorData } from '../../shared/errors';
import { carrySession, type SessionCarry } from '../session';
import { storeKeyForThread, type HandedKey } from '../storeKey';
import { storeError } from '../storeLock';
import type { JobKind } from '../../shared/contract/jobKinds';
import { jobFunction, type JobInput } from './registry';
import type { JobContext, JobFn } from './types';
import { recoverAfterDeadJob } from './afterDeadThread';

export interface JobRunnerOptions {
  /** Where the store is (read at each start: a restore may move it). */
  storePath: () => string;
  /** The built worker script (out/worker/jobs.cjs), or null to run inline. */
  workerPath: string | null;
  now?: () => Date;
  /** How many finished jobs to remember. */
  keep?: number;
  /** Called on every progress report (the command line prints it on stderr). */
  onProgress?: (kind: string, progress: JobProgress) => void;
  /** Called once a job ended, however, with what it was started with (the log says how, and whether it was a preview). */
  onFinish?: (status: JobStatus, input: unknown) => void;
}

/** Data a worker needs to run one job. */
export interface WorkerData {
  kind: string;
  input: unknown;
  storePath: string;
  cancelFlag: SharedArrayBuffer;
  /** The store's key (db/storeKey.ts): a thread opens the store with its parent's key, never a file's. */
  storeKey: HandedKey;
  /** Who signs the job's writes: the desk's session (db/session.ts). */
  session: SessionCarry;
}

/** Messages a worker posts back. */
export type WorkerMessage =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'done'; result: unknown }
  | { type: 'error'; error: AppErrorData };

/**
 * V8 heap limits of a job's worker. The young generation is capped at 48 MB (16 MB semi-spaces): left
 * to V8 on a desk with a lot of memory it grows to 134 MB and alone took the 250 000-row import's peak
 * over 400 MB; capped, with the old generation bounded, the peak is 40–80 MB lower. 512 MB of old
 * generation is several times what the biggest job keeps.
 */
export const JOB_RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 48, maxOldGenerationSizeMb: 512 } as const;

/**
 * The most jobs that run at once. Each has a thread with hundreds of MB of room: a page that loops,
 * or whoever holds the browser host's token, would otherwise start them until memory runs out. The
 * window never needs more than a few (an import checked while a backup is made and a scan runs).
 */
export const MAX_RUNNING_JOBS = 6;

const STARTING: JobProgress = { phase: 'start', label: 'Iniciando…', done: 0, total: null };

/** A job's failure as the clerk reads it: busy and full stores named as such, anything unknown INTERNAL. */
export function errorData(thrown: unknown, storePath: string | null = null): AppErrorData {
  const error = storeError(thrown, storePath);
  if (error instanceof AppError) return error.toData();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: 'Erro interno inesperado. Nada foi gravado pela operação que falhou.', details: { message } };
}

interface Entry {
  status: JobStatus;
  cancelFlag: Int32Array;
  finished: Promise<JobStatus>;
}

export class JobRunner {
  private readonly jobs = new Map<string, Entry>();
  private readonly now: () => Date;

  constructor(private readonly options: JobRunnerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Starts a job and answers its id at once. */
  start<K extends JobKind>(kind: K, input: JobInput<K>): string {
    if (!jobFunction(kind)) throw new AppError('INPUT_INVALID', `Tarefa desconhecida: ${kind}.`);
    const running = this.running();
    if (running >= MAX_RUNNING_JOBS) {
      throw new AppError('JOB_BUSY', `Já há ${running} tarefas em andamento, o máximo ao mesmo tempo: espere uma delas terminar e tente de novo.`);
    }
    const id = randomUUID();
    const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
    const status: JobStatus = {
      id,
      kind,
      state: 'running',
      progress: STARTING,
      result: null,
      error: null,
      startedAt: this.now().toISOString(),
      finishedAt: null,
    };
    let settle!: (status: JobStatus) => void;
    const finished = new Promise<JobStatus>((resolve) => (settle = resolve));
    this.jobs.set(id, { status, cancelFlag, finished });
    const finish = (outcome: { result: unknown } | { error: AppErrorData }) => {
      if ('result' in outcome) {
        status.state = 'done';
        status.result = outcome.result ?? null;
      } else {
        status.state = outcome.error.code === 'JOB_CANCELLED' ? 'cancelled' : 'failed';
        status.error = outcome.error;
      }
      status.finishedAt = this.now().toISOString();
      this.forgetOld();
      try {
        this.options.onFinish?.({ ...status }, input);
      } catch {
        // Telling how it ended never changes how it ended.
      }
      settle(status);
    };
    const data: WorkerData = { kind, input, storePath: this.options.storePath(), cancelFlag: cancelFlag.buffer as SharedArrayBuffer, storeKey: storeKeyForThread(), session: carrySession(this.options.storePath()) };
    if (this.options.workerPath) this.runInWorker(this.options.workerPath, data, status, finish);
    else setImmediate(() => this.runInline(data, status, finish));
    return id;
  }

  status(id: string): JobStatus {
    const entry = this.jobs.get(id);
    if (!entry) throw new AppError('JOB_NOT_FOUND', 'Esta tarefa não existe mais (o aplicativo foi reiniciado?).');
    return { ...entry.status };
  }

  /** Asks the job to stop; it rolls back and ends as `cancelled` (or finishes first, if it was about to). */
  cancel(id: string): JobStatus {
    const entry = this.jobs.get(id);
    if (!entry) throw new AppError('JOB_NOT_FOUND', 'Esta tarefa não existe mais (o aplicativo foi reiniciado?).');
    Atomics.store(entry.cancelFlag, 0, 1);
    return { ...entry.status };
  }

  /** Resolves when the job ends (the command line waits this way). */
  wait(id: string): Promise<JobStatus> {
    const entry = this.jobs.get(id);
    if (!entry) return Promise.reject(new AppError('JOB_NOT_FOUND', 'Esta tarefa não existe.'));
    return entry.finished.then((s) => ({ ...s }));
  }

  /** True while any job runs (a restore must wait for them). */
  busy(): boolean {
    return this.running() > 0;
  }

  private running(): number {
    let count = 0;
    for (const entry of this.jobs.values()) if (entry.status.state === 'running') count++;
    return count;
  }

  private runInline(data: WorkerData, status: JobStatus, finish: (o: { result: unknown } | { error: AppErrorData }) => void): void {
    const flag = new Int32Array(data.cancelFlag);
    const context: JobContext = {
      storePath: data.storePath,
      nowIso: () => this.now().toISOString(),
      progress: (p) => {
        status.progress = p;
        this.options.onProgress?.(data.kind, p);
      },
      cancelled: () => Atomics.load(flag, 0) === 1,
    };
    // A job may be async (packaging streams files): its promise settles the job.
    try {
      Promise.resolve((jobFunction(data.kind) as JobFn)(data.input, context)).then(
        (result) => finish({ result }),
        (error: unknown) => finish({ error: errorData(error, data.storePath) }),
      );
    } catch (error) {
      finish({ error: errorData(error, data.storePath) });
    }
  }

  private runInWorker(path: string, data: WorkerData, status: JobStatus, finish: (o: { result: unknown } | { error: AppErrorData }) => void): void {
    const worker = new Worker(path, { workerData: data, resourceLimits: JOB_RESOURCE_LIMITS });
    let ended = false;
    let died: unknown = null;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        status.progress = message.progress;
        this.options.onProgress?.(data.kind, message.progress);
      }
      else if (!ended) {
        ended = true;
        finish(message.type === 'done' ? { result: message.result } : { error: message.error });
      }
    });
    // Out of memory: 'exit' follows, once the thread (and any thread it started) is gone.
    worker.on('error', (error) => (died ??= error));
    worker.on('exit', (code) => {
      if (ended) return;
      ended = true;
      // Its writes are undone before the job is said to have failed.
      recoverAfterDeadJob(data.storePath);
      finish({ error: errorData(died ?? new Error(`job worker exited with code ${code}`)) });
    });
  }

  private forgetOld(): void {
    const keep = this.options.keep ?? 50;
    const finished = [...this.jobs.entries()].filter(([, e]) => e.status.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - keep))) this.jobs.delete(id);
  }
}
