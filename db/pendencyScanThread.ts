// The whole-registry scan's second thread, seen from the scan (db/pendencyScan.ts): started before
// the scan takes the writer lock (starting a thread costs about 0.4 s, which then overlaps the wait
// for the lock), told what to read once the lock is held, then asked for what it found. The thread
// itself is db/pendencyScanWorker.ts, built to out/worker/pendencyScan.cjs; without that build (unit
// tests run the sources) there is no second thread and the scan checks every record itself.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { FoundPendency } from '../shared/rules/pendencies';
import { storeKeyForThread, type HandedKey } from './storeKey';

/** What the rules need to know of the whole registry, read once per scan (and handed to the other thread). */
export interface RegistryFacts {
  today: string;
  /** Addresses on more than one professional. */
  sharedEmails: string[];
  /** Records whose confirmed DIP request awaits identification corrections in flight. */
  dipPending: number[];
}

/**
 * The records to check, cut into chunks of ids: chunk k holds the ids in
 * `(afterId + k·width, afterId + (k+1)·width]`. Each thread claims the next chunk when it is free,
 * so the one that started later, or shares its core with another program, simply checks fewer.
 */
export interface ChunkPlan {
  afterId: number;
  width: number;
  count: number;
}

/** A pendência found by a scan, with its record's id: what the other thread sends back. */
export type ScannedPendency = [id: number, pendency: FoundPendency];

/** What the thread is started with; what to read follows on `port` (a `ScanThreadTask`). */
export interface ScanThreadData {
  storePath: string;
  storeKey: HandedKey;
  port: MessagePort;
  /** Raised (set to 1) once the answer is posted on `port`. */
  done: SharedArrayBuffer;
  /** The next chunk to claim (one Int32), shared by both threads. */
  nextChunk: SharedArrayBuffer;
}

/** The facts read under the lock and the chunks to share; null: nothing to do. */
export type ScanThreadTask = { facts: RegistryFacts; plan: ChunkPlan } | null;

/** The thread's answer: null when it could not finish; the scan then checks again every chunk it did not check itself. */
export type ScanThreadReply = { scanned: number; found: ScannedPendency[] } | null;

/** Takes the next chunk for the calling thread: its index, or -1 when every chunk is taken. */
export function claimChunk(nextChunk: SharedArrayBuffer, plan: ChunkPlan): number {
  const k = Atomics.add(new Int32Array(nextChunk), 0, 1);
  return k < plan.count ? k : -1;
}

/** The scan's view of its second thread. */
export interface ScanThread {
  /** Shared with the thread: `claimChunk` on it. */
  nextChunk: SharedArrayBuffer;
  begin(task: NonNullable<ScanThreadTask>): void;
  result(): ScanThreadReply;
  /** Ends the thread, whatever it was doing (a scan that failed, or had too few records to share). */
  dispose(): void;
}

/** How long the scan waits for the thread's answer: far above its ~2 s, below "the desk froze". */
const THREAD_WAIT_MS = 60_000;

/** Young generation of the thread: at V8's 16 MB its collector took a quarter of its time (0.6 of 2.4 s). */
const THREAD_LIMITS = { maxYoungGenerationSizeMb: 48 } as const;

/** Starts the second thread on the store, or answers null when it cannot run here. */
export function startScanThread(storePath: string): ScanThread | null {
  const script = scanScript();
  if (script === null) return null;
  const done = new Int32Array(new SharedArrayBuffer(4));
  const nextChunk = new SharedArrayBuffer(4);
  const channel = new MessageChannel();
  let worker: Worker;
  try {
    const data: ScanThreadData = { storePath, storeKey: storeKeyForThread(), port: channel.port2, done: done.buffer as SharedArrayBuffer, nextChunk };
    worker = new Worker(script, { workerData: data, transferList: [channel.port2], resourceLimits: THREAD_LIMITS });
  } catch {
    return null;
  }
  let begun = false;
  return {
    nextChunk,
    begin: (task) => {
      begun = true;
      channel.port1.postMessage(task);
    },
    result: () => {
      if (!begun) return null;
      const answered = Atomics.wait(done, 0, 0, THREAD_WAIT_MS) !== 'timed-out';
      return answered ? ((receiveMessageOnPort(channel.port1)?.message as ScanThreadReply | undefined) ?? null) : null;
    },
    dispose: () => {
      channel.port1.close();
      void worker.terminate();
    },
  };
}

/** The built scan script beside the running bundle (out/worker/pendencyScan.cjs), if there is one. */
function scanScript(): string | null {
  const path = join(__dirname, '..', 'worker', 'pendencyScan.cjs');
  return existsSync(path) ? path : null;
}
