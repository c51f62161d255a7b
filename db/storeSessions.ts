// Was the store closed cleanly the last time? Every connection the desk opens on the store (the
// app, a job thread, the browser host, a command) leaves an empty mark beside it,
// `.<store>.open-<pid>-<start>-<random>`, and removes it when it closes. A mark whose process is
// gone was left by a crash, a kill or a power cut — also when, after a restart, its id was given to
// another program, told by when that one started (db/leftovers.ts): the next open then runs
// SQLite's quick_check before anyone reads (about a second on a national store), and clears the
// marks once the file passed. A -wal with no desk running beside it counts as a crash too: the
// last clean close deletes it, so it was left by a kill whose mark someone deleted since (or by
// another program holding the store open).
// A clean open skips that check — SQLite's journal already makes a killed writer harmless; the
// full checks run where they matter (docs/store.md, "Opening the store"): after an unclean
// shutdown, on the copy every backup makes, and on demand (`cress-desk store check`).
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { AppError } from '../shared/errors';
import { basename, dirname, join } from 'node:path';
import { PRIVATE_FILE } from './fileModes';
import { ownerAlive, ownerTag } from './leftovers';

/** An older version's mark names no start: `.<store>.open-<pid>-<random>`. */
const MARK = /^\.(.+)\.open-(\d+)(?:-(\d+))?-[0-9a-f]{8}$/;
/** How long an open waits for another program's close to finish deleting the -wal after the -shm. */
const CLOSE_SETTLES_MS = 1000;
const CLOSE_POLL_MS = 20;
const pause = new Int32Array(new SharedArrayBuffer(4));

export interface StoreSession {
  /** Marks of processes that are gone: the store was not closed cleanly since they opened it. */
  readonly abandoned: readonly string[];
  /** After the check: the abandoned marks go (a kill during the check leaves them for the next open). */
  clearAbandoned(): void;
  /** On a clean close: this connection's own mark goes. */
  end(): void;
}

function marksOf(storePath: string): { name: string; pid: number; alive: () => boolean }[] {
  let names: string[];
  try {
    names = readdirSync(dirname(storePath));
  } catch {
    return [];
  }
  const store = basename(storePath);
  return names.flatMap((name) => {
    const match = MARK.exec(name);
    if (!match || match[1] !== store) return [];
    const pid = Number(match[2]);
    return [{ name, pid, alive: () => ownerAlive(pid, match[3] ?? '0') }];
  });
}

/** Does a process other than this one have the store open now (its mark is there, and it runs)? */
function openElsewhere(storePath: string): boolean {
  return marksOf(storePath).some((mark) => mark.pid !== process.pid && mark.alive());
}

/**
 * Leaves this connection's mark beside the store and says which marks were left by processes
 * that are gone. A folder where no mark can be written (read-only) counts as unclean: the check
 * then runs every time, which is the safe side.
 */
export function beginSession(storePath: string): StoreSession {
  const folder = dirname(storePath);
  // Looked at before the marks: a desk starting meanwhile leaves its mark before its -wal.
  const logLeft = (statSync(`${storePath}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0;
  const marks = marksOf(storePath);
  const abandoned = marks.filter((mark) => !mark.alive()).map((mark) => mark.name);
  const unmarkedLog = logLeft && !marks.some((mark) => mark.alive());
  let own: string | null = join(folder, `.${basename(storePath)}.open-${ownerTag()}-${randomBytes(4).toString('hex')}`);
  try {
    closeSync(openSync(own, 'wx', PRIVATE_FILE));
  } catch {
    own = null;
  }
  const remove = (path: string) => rmSync(path, { force: true });
  return {
    abandoned: [...abandoned, ...(own === null ? ['(no mark could be written)'] : []), ...(unmarkedLog ? ['(a -wal left without a mark)'] : [])],
    clearAbandoned() {
      for (const name of abandoned) remove(join(folder, name));
    },
    end() {
      if (own !== null) remove(own);
      own = null;
    },
  };
}

/**
 * Refuses to open the store while its -shm is gone but its -wal is there and another process has it
 * open: that process still works with the index it mapped before the file was deleted, and a new
 * -shm made here would be a second index of the same log — each side would write its entries over
 * the other's. The other program, closed, takes its index with it; the next open is then clean.
 */
export function requireSharedIndex(storePath: string): void {
  const indexMissing = () => !existsSync(`${storePath}-shm`) && existsSync(`${storePath}-wal`) && openElsewhere(storePath);
  if (!indexMissing()) return;
  // The last connection of another program deletes the -shm, then the -wal, then its mark: in
  // that moment the -shm is missing by design. Its close ends in milliseconds; a deleted one stays.
  for (let waited = 0; waited < CLOSE_SETTLES_MS; waited += CLOSE_POLL_MS) {
    Atomics.wait(pause, 0, 0, CLOSE_POLL_MS);
    if (!indexMissing()) return;
  }
  throw new AppError(
    'STORE_BUSY',
    `O arquivo "${storePath}-shm" ao lado do banco foi apagado enquanto outro programa (outra janela do CRESS Desk, a prévia no navegador ou a linha de comando) usa o banco. Nada foi gravado. Feche esse programa e tente de novo: ele guarda o que falta e o arquivo é refeito.`,
    { details: { path: storePath } },
  );
}
