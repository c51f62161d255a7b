// Following a long job (import, backup, export) that runs off the main thread: poll its status
// until it ends, reporting each step to the screen.
import type { JobStatus } from '../../shared/contract/jobs';
import { call } from '../api/client';

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

/** Asks the job to stop; it rolls back and ends as cancelled. */
export async function cancelJob(jobId: string): Promise<void> {
  await call('jobs:cancel', { id: jobId });
}
