// What a long job is: a synchronous function over its own connection to the store, reporting
// progress and checking for cancellation between chunks. It runs in a worker thread in the app and
// the browser host (the window never waits on it), inline in the command line and in tests.
import type { JobProgress } from '../../shared/contract/jobs';

export interface JobContext {
  /** The store file; the job opens its own connection (openStore) and closes it. */
  storePath: string;
  /** The clock, as an ISO string (tests pin it through the runner). */
  nowIso(): string;
  /** Report progress; cheap enough to call every few hundred rows. */
  progress(progress: JobProgress): void;
  /** True once the clerk pressed Cancelar: stop, roll back, and throw `jobCancelled()`. */
  cancelled(): boolean;
}

/** A job kind: input and result must be structured-cloneable (they cross a thread boundary). */
export type JobFn<I = unknown, O = unknown> = (input: I, context: JobContext) => O | Promise<O>;
