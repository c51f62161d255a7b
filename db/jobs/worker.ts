// The worker thread's entry (built to out/worker/jobs.cjs): runs one job and posts its outcome.
import { parentPort, workerData } from 'node:worker_threads';
import { takeSession } from '../session';
import { threadKey, useStoreKey } from '../storeKey';
import { jobFunction } from './registry';
import { errorData, type WorkerData, type WorkerMessage } from './runner';

const data = workerData as WorkerData;
useStoreKey(threadKey(data.storeKey));
takeSession(data.storePath, data.session);
const flag = new Int32Array(data.cancelFlag);
const post = (message: WorkerMessage) => parentPort?.postMessage(message);
let lastPost = 0;

// A job may be async (packaging streams files): its promise settles the job.
void (async () => {
  try {
    const job = jobFunction(data.kind);
    if (!job) throw new Error(`unknown job kind ${data.kind}`);
    const result = await job(data.input, {
      storePath: data.storePath,
      nowIso: () => new Date().toISOString(),
      progress: (progress: WorkerMessage & { type: 'progress' } extends { progress: infer P } ? P : never) => {
        // At most ~20 messages a second: enough for a smooth bar, cheap for the thread.
        const now = Date.now();
        if (now - lastPost >= 50 || (progress.total !== null && progress.done >= progress.total)) {
          lastPost = now;
          post({ type: 'progress', progress });
        }
      },
      cancelled: () => Atomics.load(flag, 0) === 1,
    });
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'error', error: errorData(error, data.storePath) });
  }
})();
