// The whole registry's pendências computed again: after a registry load, once after the migration
// that introduced them, and when the clerk asks (Pendências → "Conferir o cadastro"). The rules take
// about 2 s of CPU on 250 000 records; the goal for the whole scan is 3 s. So, when the caller has
// nothing uncommitted (the other thread could not see it) and the built scan script is there, a
// second thread on the other core checks records too (db/pendencyScanThread.ts), reading the same
// committed records: this side holds the writer lock, so no one can change them meanwhile. The
// records are cut into chunks that each thread claims when free, so neither waits for the other.
// Any failure of that thread only means this side checks its chunks too.
import type { Database } from 'better-sqlite3';
import type { Professional } from '../shared/domain';
import { recordPendencies, type FoundPendency, type PendencyContext } from '../shared/rules/pendencies';
import { todayIso } from '../shared/rules/dates';
import { directoryUfOf } from './cep';
import { DIP_AT_RISK_SQL, IDENTIFICATION_SQL, IN_FLIGHT_SQL, insertPendency, refreshSharedEmail } from './pendencies';
import { claimChunk, startScanThread, type ChunkPlan, type RegistryFacts, type ScanThread } from './pendencyScanThread';
import { RECORD_COLUMNS_SQL, toProfessional, type ProfessionalRow } from './professionalRow';
import { statement } from './statements';
import { writeTransaction } from './storeLock';

/** The facts of the whole registry the rules need, as this connection sees it. */
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

/**
 * Runs the rules over the records with `afterId < id <= upTo` (no upper bound when null), handing
 * each pendência to `found`. Answers how many records were checked.
 */
export function scanRange(db: Database, facts: RegistryFacts, afterId: number, upTo: number | null, found: (id: number, p: FoundPendency) => void): number {
  return scanWith(contextOf(db, facts), db, afterId, upTo, found);
}

function scanWith(context: PendencyContext<Professional>, db: Database, afterId: number, upTo: number | null, found: (id: number, p: FoundPendency) => void): number {
  // In slices: a connection cannot write while it iterates a query (`found` may insert). Small
  // ones: the records of a slice live until it is done, and the collector copies whatever lives.
  const slice = statement<ProfessionalRow>(db, `SELECT ${RECORD_COLUMNS_SQL} FROM professionals WHERE id > ? AND id <= ? ORDER BY id LIMIT 250`);
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
 * Checks chunks of the plan (see `ChunkPlan`) as long as `claim` gives one; answers how many records
 * were checked and which chunks.
 */
export function scanChunks(db: Database, facts: RegistryFacts, plan: ChunkPlan, claim: () => number, found: (id: number, p: FoundPendency) => void): { scanned: number; chunks: number[] } {
  const context = contextOf(db, facts);
  const chunks: number[] = [];
  let scanned = 0;
  for (let k = claim(); k >= 0; k = claim()) {
    const from = plan.afterId + k * plan.width;
    scanned += scanWith(context, db, from, from + plan.width, found);
    chunks.push(k);
  }
  return { scanned, chunks };
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

/** Scans and stores; shared with the other thread when nothing of the caller's is uncommitted. */
function scanRecords(db: Database, facts: RegistryFacts, afterId: number): number {
  const store = (id: number, p: FoundPendency) => insertPendency(db, id, p, 'rule');
  const thread = cleanTransactions.get(db) ?? null;
  const plan = thread === null ? null : chunkPlan(db, afterId);
  if (plan === null || thread === null) return scanRange(db, facts, afterId, null, store);
  return scanShared(db, facts, plan, thread, store);
}

/** Checks the plan's chunks with the other thread, each taking the next free chunk; answers how many records were checked. */
export function scanShared(db: Database, facts: RegistryFacts, plan: ChunkPlan, thread: ScanThread, found: (id: number, p: FoundPendency) => void): number {
  thread.begin({ facts, plan });
  const mine = scanChunks(db, facts, plan, () => claimChunk(thread.nextChunk, plan), found);
  const theirs = thread.result();
  if (theirs !== null) {
    for (const [id, p] of theirs.found) found(id, p);
    return mine.scanned + theirs.scanned;
  }
  // Every chunk was claimed; those not checked here were the other thread's.
  const checkedHere = new Set(mine.chunks);
  let next = 0;
  const rest = () => {
    while (next < plan.count && checkedHere.has(next)) next++;
    return next < plan.count ? next++ : -1;
  };
  return mine.scanned + scanChunks(db, facts, plan, rest, found).scanned;
}

/** The chunks of the records above `afterId`, or null when they are too few to share. */
function chunkPlan(db: Database, afterId: number): ChunkPlan | null {
  const span = statement<{ n: number; last: number | null }>(db, 'SELECT count(*) AS n, max(id) AS last FROM professionals WHERE id > ?').get(afterId);
  if (!span || span.n < MIN_SHARED_SCAN || span.last === null) return null;
  return { afterId, width: CHUNK_IDS, count: Math.ceil((span.last - afterId) / CHUNK_IDS) };
}

/** Below this many records, starting a thread costs more than it saves. */
const MIN_SHARED_SCAN = 20_000;
/** Ids per chunk: small enough that the last chunks balance the two threads, large enough that claiming is free. */
const CHUNK_IDS = 2_000;

/**
 * Connections whose open transaction has written nothing the other thread would need to see (it
 * reads the records as last committed) — only a scan that began its own transaction has — with the
 * thread started for it.
 */
const cleanTransactions = new WeakMap<Database, ScanThread>();

/** Runs `scan` in a write transaction of its own, with a second thread unless it is nested in the caller's. */
function ownScan<T>(db: Database, scan: () => T): T {
  const helper = db.inTransaction ? null : startScanThread(db.name);
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

/** Leaves the whole scan to the next open of the store (a check after a write that could not finish). */
export function queuePendencyScan(db: Database): void {
  writeTransaction(db, () => db.prepare("UPDATE store_tasks SET done_at = NULL WHERE name = 'pendencies_scan'").run());
}

/**
 * Computes every record's pendências once, after the migration that introduced them
 * (`store_tasks`), or after a check that could not finish (queuePendencyScan); later writes keep
 * them current. One transaction.
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
