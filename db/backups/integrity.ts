// PRAGMA integrity_check of a database copy on its own thread (integrityWorker.ts, built to
// out/worker/integrity.cjs), so a backup can compress the copy while SQLite checks it (the two take
// about as long, and the machine has two cores). Without the built script (unit tests run from the
// sources), or where no thread can be started, it runs on the caller's thread.
import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { readBackupCopy } from '../connections';
import { refusedForItsKey } from '../storeEncryption';
import { storeKeyForThread, type HandedKey } from '../storeKey';

/** What the check's thread is given. */
export interface IntegrityData {
  path: string;
  /** The store's key (db/storeKey.ts): a thread opens the store with its parent's key, never a file's. */
  storeKey: HandedKey;
}

/** What the check's thread answers: SQLite's problems, none when the copy is sound. */
export interface IntegrityReply {
  problems: string[];
}

/** SQLite's problems with the copy at `path`; a copy that cannot be read is one problem. */
export function copyProblems(path: string): string[] {
  let db: Database.Database | null = null;
  try {
    db = readBackupCopy(path);
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  } finally {
    db?.close();
  }
}

/** Does this desk's key (or none, for a plain copy an older version made) open the copy at `path`? */
export function opensWithDeskKey(path: string): boolean {
  let db: Database.Database | null = null;
  try {
    db = readBackupCopy(path);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return true;
  } catch (error) {
    if (refusedForItsKey(error, path)) return false;
    return true; // damaged in another way: the integrity check says how
  } finally {
    db?.close();
  }
}

/** The built check script beside the running bundle (out/worker/integrity.cjs), if there is one. */
export function integrityScript(): string | null {
  const path = join(__dirname, '..', 'worker', 'integrity.cjs');
  return existsSync(path) ? path : null;
}

export interface IntegrityRun {
  /** Problems SQLite reported; empty when the copy is sound. */
  result: Promise<string[]>;
  /** Stops waiting (the thread ends when SQLite returns). */
  abandon(): void;
}

function checkHere(path: string): IntegrityRun {
  return { result: Promise.resolve().then(() => copyProblems(path)), abandon: () => {} };
}

/** Starts the check; `result` lists SQLite's problems (none = `ok`). */
export function startIntegrityCheck(path: string): IntegrityRun {
  const script = integrityScript();
  if (script === null) return checkHere(path);
  let worker: Worker;
  try {
    const data: IntegrityData = { path, storeKey: storeKeyForThread() };
    worker = new Worker(script, { workerData: data });
  } catch {
    return checkHere(path);
  }
  const result = new Promise<string[]>((resolve) => {
    let settled = false;
    worker.once('message', (message: IntegrityReply) => {
      settled = true;
      resolve(message.problems);
    });
    worker.once('error', () => {
      if (!settled) {
        settled = true;
        resolve(copyProblems(path));
      }
    });
    worker.once('exit', () => {
      if (!settled) {
        settled = true;
        resolve(['a verificação foi interrompida']);
      }
    });
  });
  return { result, abandon: () => void worker.terminate() };
}

export function integrityCheck(path: string): Promise<string[]> {
  return startIntegrityCheck(path).result;
}
