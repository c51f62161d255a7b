// Encrypting a store an older version left plain, killed at random moments: the next program to
// open the file finds either the plain store or the encrypted one under the store's name, whole
// (never a half-encrypted file, never a missing one), and every row is there either way.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { isPlainDatabaseFile } from '../../db/plainFiles';
import { openRawStore } from '../rawStore';
import type { FaultCase } from './harness';
import { count, deskWith } from './stores';

const PROFESSIONALS = 3000;

/** Takes the encryption off a store: what the previous version left on the desk. */
function makePlain(store: string): void {
  const db = openRawStore(store);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    db.pragma("rekey = ''");
  } finally {
    db.close();
  }
}

export const plainStoreEncrypted: FaultCase = {
  operation: 'criptografia de um banco da versão anterior',
  kills: 10,
  async prepare(dir) {
    const store = await deskWith(dir, PROFESSIONALS);
    makePlain(store);
    return store;
  },
  // Any command that opens the store encrypts it first.
  args: () => ['info'],
  inspect(db: Database.Database, dir: string) {
    const store = join(dir, 'store.sqlite');
    const professionals = count(db, 'SELECT count(*) AS n FROM professionals');
    if (professionals !== PROFESSIONALS) return { effect: `professionals=${professionals}` };
    return { effect: isPlainDatabaseFile(store) ? 'none' : 'whole' };
  },
};
