// The scan's second thread (built to out/worker/pendencyScan.cjs, started by pendencyScan.ts):
// checks the upper half of the records on its own read-only connection and posts what it found.
// Whatever goes wrong, it answers null and the scan checks that half itself.
import { workerData } from 'node:worker_threads';
import type { FoundPendency } from '../shared/rules/pendencies';
import { openStoreReader } from './connections';
import { scanRange, type ScanThreadData, type ScanThreadReply, type ScannedPendency } from './pendencyScan';
import { threadKey, useStoreKey } from './storeKey';

const { storePath, storeKey, facts, afterId, port, done } = workerData as ScanThreadData;
let reply: ScanThreadReply;
try {
  useStoreKey(threadKey(storeKey));
  const db = openStoreReader(storePath);
  try {
    const found: ScannedPendency[] = [];
    const scanned = db.transaction(() => scanRange(db, facts, afterId, null, (id: number, p: FoundPendency) => found.push([id, p])))();
    reply = { scanned, found };
  } finally {
    db.close();
  }
} catch {
  reply = null;
}
port.postMessage(reply);
const flag = new Int32Array(done);
Atomics.store(flag, 0, 1);
Atomics.notify(flag, 0);
