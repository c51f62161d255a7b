// The copy of the store a backup makes before packaging it (db/backups/create.ts):
// `.<store>.snapshot-<pid>-<start>-<random>`, named after the process that makes it. It is as large
// as the store; a backup killed outright leaves it behind, and the next open of the store (db/open.ts)
// or the next backup removes it as soon as its process is gone (db/leftovers.ts) — a clerk who
// retries a backup that seemed stuck must not find the disk filled with copies of the store.
import { randomBytes } from 'node:crypto';
import { basename, join } from 'node:path';
import { escapeRegExp, ownerTag, removeLeftovers, type LeftoverKind } from '../leftovers';

function kindOf(storePath: string): LeftoverKind {
  const stem = `^\\.${escapeRegExp(basename(storePath))}\\.snapshot-`;
  return {
    named: new RegExp(`${stem}(\\d+)-(\\d+)-[0-9a-f]{12}$`),
    unnamed: /^$/, // an older version's snapshot is a partial file: removeStalePartials removes it
    unnamedAfterMs: Number.POSITIVE_INFINITY,
    namedAfterMs: 0,
    directory: false,
    companions: ['-journal', '-wal', '-shm', '-compact'],
  };
}

/** Where a backup of `storePath` puts its snapshot in `folder`. */
export function snapshotPathIn(folder: string, storePath: string): string {
  return join(folder, `.${basename(storePath)}.snapshot-${ownerTag()}-${randomBytes(6).toString('hex')}`);
}

/** Removes the snapshots in `folder` of backups of `storePath` whose process is gone. */
export function removeLeftSnapshots(folder: string, storePath: string): void {
  removeLeftovers(folder, kindOf(storePath));
}
