import { join } from 'node:path';
import type { Store } from '../../db';
import type { Handlers } from '../../shared/contract';
import { openRawStore } from '../rawStore';

/** What every group of benchmark cases receives. */
export interface BenchContext {
  store: Store;
  handlers: Handlers;
  /** A temporary folder for scratch databases; removed at the end. */
  dir: string;
  /** How many professionals the registry is filled with. */
  professionals: number;
  region: number;
}

/** A copy of the bench store, so each case starts from the same registry — in WAL mode, as a desk's store always is (VACUUM INTO makes it with a rollback journal). */
export function copyStore(context: BenchContext, name: string): string {
  const path = join(context.dir, name);
  context.store.db.exec(`VACUUM INTO '${path.replace(/'/g, "''")}'`);
  const copy = openRawStore(path);
  copy.pragma('journal_mode = WAL');
  copy.close();
  return path;
}
