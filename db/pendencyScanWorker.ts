// The scan's second thread (built to out/worker/pendencyScan.cjs, started by pendencyScan.ts before
// the scan takes the writer lock): loads and opens its read-only connection meanwhile, then waits to
// be told which records to check — sent once the lock is held — and posts what it found. Whatever
// goes wrong, it answers null and the scan checks that half itself.
import type Database from 'better-sqlite3';
import { workerData } from 'node:worker_threads';
import type { FoundPendency } from '../shared/rules/pendencies';
import { openStoreReader } from './connections';
import { scanRange, type ScanThreadData, type ScanThreadReply, type ScanThreadTask, type ScannedPendency } from './pendencyScan';
import { threadKey, useStoreKey } from './storeKey';

const { storePath, storeKey, port, done } = workerData as ScanThreadData;

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
    const scanned = db.transaction(() => scanRange(db, task.facts, task.afterId, null, (id: number, p: FoundPendency) => found.push([id, p])))();
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
