// Following a long job (import, backup, export) that runs off the main thread: start it through its
// channel, poll its status until it ends (reporting each step to the screen), and read its answer
// checked against the job's declared result (shared/contract/jobKinds.ts). Every store does it so.
import type { Input, Output } from '../../shared/contract';
import { JOB_OF_CHANNEL, jobOutcome, type ChannelJobResult, type JobChannel, type JobOutcome } from '../../shared/contract/jobKinds';
import type { JobStatus } from '../../shared/contract/jobs';
import { call, ClientError, errorMessage } from '../api/client';

const POLL_MS = 250;

/** Resolves with the final status (done, failed or cancelled); `onStatus` sees every poll. */
export async function followJob(jobId: string, onStatus: (status: JobStatus) => void): Promise<JobStatus> {
  for (;;) {
    const status = await call('jobs:status', { id: jobId });
    onStatus(status);
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A job this page started, with what it was started with. */
export type StartedJob = { [C in JobChannel]: { channel: C; input: Input<C>; jobId: string } }[JobChannel];

/** Hears of the jobs this page starts and of their end: a screen that must find one again after a reload. */
export interface JobWatcher {
  started?(job: StartedJob): void;
  /** `final` is null when the page lost sight of the job (its status could not be asked): it may still run. */
  ended?(job: StartedJob, final: JobStatus | null): void;
}

const watchers = new Set<JobWatcher>();

/** Answers the unsubscribe. */
export function watchJobs(watcher: JobWatcher): () => void {
  watchers.add(watcher);
  return () => void watchers.delete(watcher);
}

function tell(each: (watcher: JobWatcher) => void): void {
  for (const watcher of watchers) {
    try {
      each(watcher);
    } catch {
      // A watcher that fails never changes the job's outcome for the screen that started it.
    }
  }
}

/** A job's end as a screen needs it, with the job's id once it started. */
export type RunOutcome<C extends JobChannel> = JobOutcome<ChannelJobResult<C>> & { jobId?: string };

/** Starts the job of `channel`, follows it to its end and answers its outcome; never throws. */
export async function runJob<C extends JobChannel>(channel: C, input: Input<C>, onStatus: (status: JobStatus) => void): Promise<RunOutcome<C>> {
  let jobId: string;
  try {
    // Typed as every job channel's answer: it compiles only while each of them answers `{ jobId }`.
    const started: Output<JobChannel> = await call(channel, input);
    jobId = started.jobId;
  } catch (error) {
    const code = error instanceof ClientError ? error.code : 'INTERNAL';
    return { ok: false, cancelled: false, code, message: errorMessage(error) };
  }
  const job = { channel, input, jobId } as StartedJob;
  tell((watcher) => watcher.started?.(job));
  let final: JobStatus;
  try {
    final = await followJob(jobId, onStatus);
  } catch (error) {
    // The job may still run: those who kept its id keep it (the next look at it finds its end).
    tell((watcher) => watcher.ended?.(job, null));
    const code = error instanceof ClientError ? error.code : 'INTERNAL';
    return { ok: false, cancelled: false, code, message: errorMessage(error), jobId };
  }
  tell((watcher) => watcher.ended?.(job, final));
  return { ...jobOutcome(JOB_OF_CHANNEL[channel], final), jobId };
}

/** The answer of a job that ended well, or its error thrown as the client throws a channel's. */
export function valueOrThrow<T>(outcome: JobOutcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new ClientError(outcome.code, outcome.message, outcome.field, outcome.details);
}

/** Asks the job to stop; it rolls back and ends as cancelled. */
export async function cancelJob(jobId: string): Promise<void> {
  await call('jobs:cancel', { id: jobId });
}
