// The copy of a backup's database a restore prepares beside the store (same folder, so the swap is
// a rename): `.<store>.restore-<pid>-<start>-<random>`, named after the process that made it. It is
// as large as the store; a restore killed outright (or a window closed before the clerk confirmed)
// leaves it behind. Only the process that prepared it swaps it in, so it is removed as soon as that
// process is gone (db/leftovers.ts) — when the store is next opened and before the next restore is
// prepared; an older version's copy, which names no process, once untouched for a day.
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { escapeRegExp, ownerTag, removeLeftovers } from '../leftovers';

function kindOf(storePath: string, companionsAlone = false) {
  const stem = `^\\.${escapeRegExp(basename(storePath))}\\.restore-`;
  // A copy swapped in leaves no file of that name, but may have left its -wal and -shm (an older
  // version read it once more after migrating it): they go too, by their own names.
  const tail = companionsAlone ? '(?:-wal|-shm|-journal)?$' : '$';
  return {
    named: new RegExp(`${stem}(\\d+)-(\\d+)-[0-9a-f]{12}${tail}`),
    // An older version's name: no process in it.
    unnamed: new RegExp(`${stem}[0-9a-f]{12}${tail}`),
    unnamedAfterMs: 24 * 3_600_000,
    namedAfterMs: 0,
    directory: false,
    companions: ['-wal', '-shm', '-journal'],
  };
}

export function preparedPathFor(storePath: string): string {
  return join(dirname(storePath), `.${basename(storePath)}.restore-${ownerTag()}-${randomBytes(6).toString('hex')}`);
}

/** Is `path` a prepared copy of this store (and nothing else the handler could be tricked into renaming)? */
export function isPreparedPath(storePath: string, path: string): boolean {
  const kind = kindOf(storePath);
  return dirname(path) === dirname(storePath) && (kind.named.test(basename(path)) || kind.unnamed.test(basename(path)));
}

/** Removes prepared copies whose restore is gone: its process ended, or an older version's left for a day. */
export function removeStalePrepared(storePath: string, now: number = Date.now()): void {
  removeLeftovers(dirname(storePath), kindOf(storePath, true), now);
}
