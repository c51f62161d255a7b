// One store, one name. SQLite finds a database's -wal and -shm by the name it was opened by: a
// hard link gives the same file a second name, and two programs opening it by the two names would
// each write a log of their own — one losing what the other saved, or the file read as damaged.
// A store with a second name is refused, except the one a restore killed half-way leaves: the
// store kept aside under its `before-restore` name (db/backups/restore.ts) before the swap that
// never came. That name is taken away — the store is still the one it was — and the store opens.
import { lstatSync, readdirSync, rmSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../shared/errors';

/** What a restore names the store it sets aside (and that name's own second name while it puts it back). */
function isRestoreAside(storePath: string, name: string): boolean {
  const stem = basename(storePath).replace(/\.sqlite$/, '');
  return name.startsWith(`${stem}.before-restore-`) && /\.sqlite(\.back)?$/.test(name);
}

/** Refuses a store file with more than one name, once a killed restore's aside name is taken away. */
export function requireSingleName(path: string, found: Stats): void {
  if (found.nlink <= 1) return;
  const folder = dirname(path);
  let others: string[] = [];
  try {
    others = readdirSync(folder).filter((name) => join(folder, name) !== path && lstatSync(join(folder, name), { throwIfNoEntry: false })?.ino === found.ino);
  } catch {
    // A folder that cannot be listed: every other name counts as unknown.
  }
  const asides = others.filter((name) => isRestoreAside(path, name));
  if (asides.length > 0 && asides.length === others.length && asides.length === found.nlink - 1) {
    for (const name of asides) rmSync(join(folder, name), { force: true });
    return;
  }
  throw new AppError(
    'STORE_NOT_FOUND',
    `O banco "${path}" tem outro nome no disco (um link físico): dois programas que o abrissem por nomes diferentes gravariam cada um num arquivo -wal seu, e um perderia o que o outro gravou. Use o banco por um nome só: apague o outro nome (o arquivo continua no lugar) e abra de novo. Nada foi alterado.`,
    { details: { path, names: found.nlink } },
  );
}
