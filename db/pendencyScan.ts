// The whole registry's pendências computed again: after a registry load, once after the migration
// that introduced them, and when the clerk asks (Pendências → "Conferir o cadastro"). The rules take
// about 2 s of CPU on 250 000 records; the goal for the whole scan is 3 s. So, when the caller has
// nothing uncommitted (the other thread could not see it) and the built scan script is there, the
// upper half of the records is checked by a thread of its own on the other core, reading the same
// committed records: this side holds the writer lock, so no one can change them meanwhile. The
// thread is started before the lock is taken (starting one costs about 0.4 s) and waits to be told
// what to read, which it reads only once this side holds the lock. Any failure of that thread only
// means this side checks that half too.
import type { Database } from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Professional } from '../shared/domain';
import { recordPendencies, type FoundPendency, type PendencyContext } from '../shared/rules/pendencies';
import { todayIso } from '../shared/rules/dates';
import { directoryUfOf } from './cep';
import { DIP_AT_RISK_SQL, IDENTIFICATION_SQL, IN_FLIGHT_SQL, insertPendency, refreshSharedEmail } from './pendencies';
import { RECORD_COLUMNS_SQL, toProfessional, type ProfessionalRow } from './professionalRow';
import { statement } from './statements';
import { storeKeyForThread, type HandedKey } from './storeKey';
import { writeTransaction } from './storeLock';

/** What the rules need to know of the whole registry, read once per scan (and handed to the other thread). */
export interface RegistryFacts {
  today: string;
  /** Addresses on more than one professional. */
  sharedEmails: string[];
  /** Records whose confirmed DIP request awaits identification corrections in flight. */
  dipPending: number[];
}

export function registryFacts(db: Database): RegistryFacts {
  return {
    today: todayIso(),
    sharedEmails: db.prepare('SELECT email FROM professionals WHERE email IS NOT NULL GROUP BY email HAVING count(*) > 1').pluck().all() as string[],
    dipPending: db
      .prepare(
        `SELECT DISTINCT c.professional_id FROM corrections c JOIN professionals p ON p.id = c.professional_id
         WHERE c.status IN ${IN_FLIGHT_SQL} AND c.field IN ${IDENTIFICATION_SQL} AND p.dip_status IN ${DIP_AT_RISK_SQL}`,
      )
      .pluck()
      .all() as number[],
  };
}

function contextOf(db: Database, facts: RegistryFacts): PendencyContext<Professional> {
  const shared = new Set(facts.sharedEmails);
  const dipPending = new Set(facts.dipPending);
  return { today: facts.today, directoryUfOf: (cep) => directoryUfOf(db, cep), emailIsShared: (email) => shared.has(email), dipDataPending: (record) => dipPending.has(record.id) };
}

/** A pendência found by a scan, with its record's id: what the other thread sends back. */
export type ScannedPendency = [id: number, pendency: FoundPendency];

/**
 * Runs the rules over the records with `afterId < id <= upTo` (no upper bound when null), handing
 * each pendência to `found`. Answers how many records were checked.
 */
export function scanRange(db: Database, facts: RegistryFacts, afterId: number, upTo: number | null, found: (id: number, p: FoundPendency) => void): number {
  const context = contextOf(db, facts);
  // In slices: a connection cannot write while it iterates a query (`found` may insert).
  const slice = statement<ProfessionalRow>(db, `SELECT ${RECORD_COLUMNS_SQL} FROM professionals WHERE id > ? AND id <= ? ORDER BY id LIMIT 2000`);
  const last = upTo ?? Number.MAX_SAFE_INTEGER;
  let scanned = 0;
  let from = afterId;
  for (;;) {
    const rows = slice.all(from, last);
    if (rows.length === 0) break;
    for (const row of rows) {
      const record = toProfessional(row);
      for (const p of recordPendencies(record, context)) found(record.id, p);
    }
    scanned += rows.length;
    from = (rows[rows.length - 1] as ProfessionalRow).id;
  }
  return scanned;
}

/**
 * Computes the pendências of every record with an id above `afterId`, which have none stored yet
 * (records just inserted, or a scan after clearing them). The caller owns the transaction.
 */
export function refreshPendenciesAfter(db: Database, afterId: number): number {
  const facts = registryFacts(db);
  const scanned = scanRecords(db, facts, afterId);
  // Records already there may now share an address with one just added.
  if (afterId > 0) {
    const shared = new Set(facts.sharedEmails);
    for (const email of sharedEmailsAfter(db, afterId)) if (shared.has(email)) refreshSharedEmail(db, email, -1);
  }
  return scanned;
}

function sharedEmailsAfter(db: Database, afterId: number): string[] {
  return db.prepare('SELECT DISTINCT email FROM professionals WHERE id > ? AND email IS NOT NULL').pluck().all(afterId) as string[];
}

/** Scans and stores; the upper half in the other thread when nothing of the caller's is uncommitted. */
function scanRecords(db: Database, facts: RegistryFacts, afterId: number): number {
  const store = (id: number, p: FoundPendency) => insertPendency(db, id, p, 'rule');
  const helper = cleanTransactions.get(db) ?? null;
  const split = helper === null ? null : splitPoint(db, afterId);
  if (split === null || helper === null) return scanRange(db, facts, afterId, null, store);
  helper.begin(facts, split);
  const scanned = scanRange(db, facts, afterId, split, store);
  const theirs = helper.result();
  if (theirs === null) return scanned + scanRange(db, facts, split, null, store);
  for (const [id, p] of theirs.found) store(id, p);
  return scanned + theirs.scanned;
}

/** The id that halves the records to check, or null when they are too few to share. */
function splitPoint(db: Database, afterId: number): number | null {
  const count = (statement<{ n: number }>(db, 'SELECT count(*) AS n FROM professionals WHERE id > ?').get(afterId)?.n ?? 0);
  if (count < MIN_SHARED_SCAN) return null;
  return statement<{ id: number }>(db, 'SELECT id FROM professionals WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?').get(afterId, Math.floor(count / 2))?.id ?? null;
}

/** Below this many records, starting a thread costs more than it saves. */
const MIN_SHARED_SCAN = 20_000;

/**
 * Connections whose open transaction has written nothing the other thread would need to see (it
 * reads the records as last committed) — only a scan that began its own transaction has — with the
 * thread started for it.
 */
const cleanTransactions = new WeakMap<Database, HalfScan>();

/** Runs `scan` in a write transaction of its own, with a second thread unless it is nested in the caller's. */
function ownScan<T>(db: Database, scan: () => T): T {
  const helper = db.inTransaction ? null : startHalf(db.name);
  try {
    return writeTransaction(db, () => {
      if (helper) cleanTransactions.set(db, helper);
      try {
        return scan();
      } finally {
        cleanTransactions.delete(db);
      }
    });
  } finally {
    helper?.dispose();
  }
}

/**
 * Every record's rule pendências computed again, in one transaction (the worklist's "scan": after
 * a registry load, and when the clerk asks). Load notes stay. Answers how many records were checked.
 */
export function rescanRegistry(db: Database): number {
  // The deletion touches only pendências, which the other thread does not read.
  return ownScan(db, () => {
    db.prepare("DELETE FROM pendencies WHERE source = 'rule'").run();
    return refreshPendenciesAfter(db, 0);
  });
}

/**
 * Computes every record's pendências once, after the migration that introduced them
 * (`store_tasks`); later writes keep them current. One transaction.
 */
export function runPendingPendencyScan(db: Database): number {
  const task = db.prepare("SELECT done_at FROM store_tasks WHERE name = 'pendencies_scan'").get() as { done_at: string | null } | undefined;
  if (!task || task.done_at !== null) return 0;
  return ownScan(db, () => {
    // Another program may have scanned while this one waited for the writer lock.
    const again = db.prepare("SELECT done_at FROM store_tasks WHERE name = 'pendencies_scan'").get() as { done_at: string | null };
    if (again.done_at !== null) return 0;
    db.prepare("DELETE FROM pendencies WHERE source = 'rule'").run();
    const scanned = refreshPendenciesAfter(db, 0);
    db.prepare("UPDATE store_tasks SET done_at = ? WHERE name = 'pendencies_scan'").run(new Date().toISOString());
    return scanned;
  });
}

/** What the scan thread is started with; what to read follows on `port` (a `ScanThreadTask`). */
export interface ScanThreadData {
  storePath: string;
  storeKey: HandedKey;
  port: MessagePort;
  /** Raised (set to 1) once the answer is posted on `port`. */
  done: SharedArrayBuffer;
}

/** The records the thread checks: those above `afterId`, with the facts read under the lock; null: nothing to do. */
export type ScanThreadTask = { facts: RegistryFacts; afterId: number } | null;

/** The scan thread's answer: null when it could not check its half. */
export type ScanThreadReply = { scanned: number; found: ScannedPendency[] } | null;

/** The built scan script beside the running bundle (out/worker/pendencyScan.cjs), if there is one. */
function scanScript(): string | null {
  const path = join(__dirname, '..', 'worker', 'pendencyScan.cjs');
  return existsSync(path) ? path : null;
}

/** How long this side waits for the other half: far above its ~2 s, below "the desk froze". */
const HALF_WAIT_MS = 60_000;

/** The second thread of one scan: told what to read once the lock is held, then asked for its answer. */
interface HalfScan {
  begin(facts: RegistryFacts, afterId: number): void;
  result(): ScanThreadReply;
  /** Ends the thread, whatever it was doing (a scan that failed, or had too few records to share). */
  dispose(): void;
}

function startHalf(storePath: string): HalfScan | null {
  const script = scanScript();
  if (script === null) return null;
  const done = new Int32Array(new SharedArrayBuffer(4));
  const channel = new MessageChannel();
  let worker: Worker;
  try {
    const data: ScanThreadData = { storePath, storeKey: storeKeyForThread(), port: channel.port2, done: done.buffer as SharedArrayBuffer };
    worker = new Worker(script, { workerData: data, transferList: [channel.port2], resourceLimits: { maxYoungGenerationSizeMb: 16 } });
  } catch {
    return null;
  }
  let begun = false;
  const dispose = () => {
    channel.port1.close();
    void worker.terminate();
  };
  return {
    begin: (facts, afterId) => {
      begun = true;
      const task: ScanThreadTask = { facts, afterId };
      channel.port1.postMessage(task);
    },
    result: () => {
      if (!begun) return null;
      const answered = Atomics.wait(done, 0, 0, HALF_WAIT_MS) !== 'timed-out';
      return answered ? ((receiveMessageOnPort(channel.port1)?.message as ScanThreadReply | undefined) ?? null) : null;
    },
    dispose,
  };
}
