// PRAGMA integrity_check of a database copy on its own thread (integrityWorker.ts, built to
// out/worker/integrity.cjs), so a backup can compress the copy while SQLite checks it (the two take
// about as long, and the machine has two cores). Without the built script (unit tests run from the
// sources), or where no thread can be started, it runs on the caller's thread.
import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { COPY_CHECK_CACHE_KIB, readBackupCopy } from '../connections';
import type { CopySecret } from '../copySecrets';
import { refusedForItsKey } from '../storeEncryption';
import { storeKeyForThread, type HandedKey } from '../storeKey';

/** What the check's thread is given. */
export interface IntegrityData {
  path: string;
  /** The store's key (db/storeKey.ts): a thread opens the store with its parent's key, never a file's. */
  storeKey: HandedKey;
  /** What the copy is encrypted with when not the store's key (db/copySecrets.ts). */
  secret: CopySecret | null;
}

/** What the check's thread answers: SQLite's problems, none when the copy is sound. */
export interface IntegrityReply {
  problems: string[];
}

/** SQLite's problems with the copy at `path`; a copy that cannot be read is one problem. */
export function copyProblems(path: string, secret?: CopySecret): string[] {
  let db: Database.Database | null = null;
  try {
    db = readBackupCopy(path, secret);
    db.pragma(`cache_size = -${COPY_CHECK_CACHE_KIB}`);
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  } finally {
    db?.close();
  }
}

/** Does `secret` (undefined: this desk's key, or none for a plain copy an older version made) open the copy at `path`? */
function opensWith(path: string, secret: CopySecret | undefined): boolean {
  let db: Database.Database | null = null;
  try {
    db = readBackupCopy(path, secret);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return true;
  } catch (error) {
    if (refusedForItsKey(error, path)) return false;
    return true; // damaged in another way: the integrity check says how
  } finally {
    db?.close();
  }
}

/**
 * What opens the copy at `path`: this desk's key first (`{ secret: undefined }`), then each of
 * `others` in turn (a recovery key file, the passphrase of a copy made for Implanta); null when
 * none does — the copy is encrypted with a key this desk was not given.
 */
export function secretOpening(path: string, others: CopySecret[]): { secret: CopySecret | undefined } | null {
  for (const secret of [undefined, ...others]) if (opensWith(path, secret)) return { secret };
  return null;
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

function checkHere(path: string, secret: CopySecret | undefined): IntegrityRun {
  return { result: Promise.resolve().then(() => copyProblems(path, secret)), abandon: () => {} };
}

/** Starts the check; `result` lists SQLite's problems (none = `ok`). `secret`: see openBackupCopy. */
export function startIntegrityCheck(path: string, secret?: CopySecret): IntegrityRun {
  const script = integrityScript();
  if (script === null) return checkHere(path, secret);
  let worker: Worker;
  try {
    const data: IntegrityData = { path, storeKey: storeKeyForThread(), secret: secret ?? null };
    worker = new Worker(script, { workerData: data });
  } catch {
    return checkHere(path, secret);
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
        resolve(copyProblems(path, secret));
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

export function integrityCheck(path: string, secret?: CopySecret): Promise<string[]> {
  return startIntegrityCheck(path, secret).result;
}
