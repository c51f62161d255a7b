// Puts a finished file in its place by renaming it. On Windows an antivirus or the search indexer
// opens a file just written to scan it, and renaming it (or over it) then fails for a moment with
// EPERM, EACCES or EBUSY: there the rename is tried again for a few seconds before the error is
// given. Elsewhere it is a plain rename. Hand-written rather than graceful-fs, which retries only
// its asynchronous rename and only onto a free name: the desk also renames synchronously (the
// store's own swaps) and over a file the clerk confirmed replacing.
import { renameSync } from 'node:fs';
import { rename } from 'node:fs/promises';

const TRANSIENT = new Set(['EPERM', 'EACCES', 'EBUSY']);
/** How long a rename keeps trying on Windows: a scan of a large zip takes a second or two. */
export const RENAME_RETRY_MS = 5000;

export interface RenameDeps {
  platform: NodeJS.Platform;
  now: () => number;
  renameSync: (from: string, to: string) => void;
  rename: (from: string, to: string) => Promise<void>;
  sleepSync: (ms: number) => void;
  sleep: (ms: number) => Promise<void>;
}

const waiter = new Int32Array(new SharedArrayBuffer(4));
const systemDeps: RenameDeps = {
  platform: process.platform,
  now: Date.now,
  renameSync,
  rename,
  sleepSync: (ms) => void Atomics.wait(waiter, 0, 0, ms),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Whether to try again after `error`, `started` ms ago; the pause before trying, or null. */
function pauseBeforeRetry(error: unknown, attempt: number, started: number, deps: RenameDeps): number | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (deps.platform !== 'win32' || !code || !TRANSIENT.has(code) || deps.now() - started >= RENAME_RETRY_MS) return null;
  return Math.min(20 * attempt, 250);
}

export function renameInPlaceSync(from: string, to: string, deps: RenameDeps = systemDeps): void {
  const started = deps.now();
  for (let attempt = 1; ; attempt++) {
    try {
      deps.renameSync(from, to);
      return;
    } catch (error) {
      const pause = pauseBeforeRetry(error, attempt, started, deps);
      if (pause === null) throw error;
      deps.sleepSync(pause);
    }
  }
}

export async function renameInPlace(from: string, to: string, deps: RenameDeps = systemDeps): Promise<void> {
  const started = deps.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.rename(from, to);
      return;
    } catch (error) {
      const pause = pauseBeforeRetry(error, attempt, started, deps);
      if (pause === null) throw error;
      await deps.sleep(pause);
    }
  }
}
