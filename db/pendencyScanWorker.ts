// The scan's second thread (built to out/worker/pendencyScan.cjs, started by pendencyScanThread.ts
// before the scan takes the writer lock): loads and opens its read-only connection meanwhile, then
// waits to be told what to read — sent once the lock is held — claims chunks of records until none
// is left, and posts what it found. Whatever goes wrong, it answers null and the scan checks the
// chunks this thread took itself.
import type Database from 'better-sqlite3';
import { workerData } from 'node:worker_threads';
import type { FoundPendency } from '../shared/rules/pendencies';
import { openStoreReader } from './connections';
import { scanChunks } from './pendencyScan';
import { claimChunk, type ScanThreadData, type ScanThreadReply, type ScanThreadTask, type ScannedPendency } from './pendencyScanThread';
import { threadKey, useStoreKey } from './storeKey';

const { storePath, storeKey, port, done, nextChunk } = workerData as ScanThreadData;

function open(): Database.Database | null {
  try {
    useStoreKey(threadKey(storeKey));
    return openStoreReader(storePath);
  } catch {
    return null;
  }
}

function scan(db: Database.Database | null, task: NonNullable<ScanThreadTask>): ScanThreadReply {
  if (db === null) return null;
  try {
    const found: ScannedPendency[] = [];
    const claim = () => claimChunk(nextChunk, task.plan);
    const { scanned } = db.transaction(() => scanChunks(db, task.facts, task.plan, claim, (id: number, p: FoundPendency) => found.push([id, p])))();
    return { scanned, found };
  } catch {
    return null;
  }
}

const db = open();
port.once('message', (task: ScanThreadTask) => {
  const reply = task === null ? null : scan(db, task);
  db?.close();
  port.postMessage(reply);
  const flag = new Int32Array(done);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
  port.close();
});
