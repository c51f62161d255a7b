// PRAGMA integrity_check of a database copy on its own thread, so a backup can compress the copy
// while SQLite checks it (the two take about as long, and the machine has two cores). Where no
// thread can be started it runs on the caller's thread.
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// The worker gets better-sqlite3's resolved path: an eval'd script has no module folder of its own.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  const rows = db.pragma('integrity_check', { simple: false });
  parentPort.postMessage({ problems: rows.map((r) => r.integrity_check).filter((r) => r !== 'ok') });
} catch (error) {
  parentPort.postMessage({ problems: [String(error && error.message || error)] });
} finally {
  if (db) db.close();
}`;

function checkHere(path: string): string[] {
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  } finally {
    db?.close();
  }
}

function betterSqlitePath(): string | null {
  try {
    return createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return null;
  }
}

export interface IntegrityRun {
  /** Problems SQLite reported; empty when the copy is sound. */
  result: Promise<string[]>;
  /** Stops waiting (the thread ends when SQLite returns). */
  abandon(): void;
}

/** Starts the check; `result` lists SQLite's problems (none = `ok`). */
export function startIntegrityCheck(path: string): IntegrityRun {
  const module = betterSqlitePath();
  if (module === null) return { result: Promise.resolve().then(() => checkHere(path)), abandon: () => {} };
  let worker: Worker;
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, module } });
  } catch {
    return { result: Promise.resolve().then(() => checkHere(path)), abandon: () => {} };
  }
  const result = new Promise<string[]>((resolve) => {
    let settled = false;
    worker.once('message', (message: { problems: string[] }) => {
      settled = true;
      resolve(message.problems);
    });
    worker.once('error', () => {
      if (!settled) {
        settled = true;
        resolve(checkHere(path));
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
