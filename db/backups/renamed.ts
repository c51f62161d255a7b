// A backup this desk wrote that the clerk renamed (`backup de sexta.zip`) or moved since: the
// catalogue's row names a file that is gone, and a file in that folder, the backup folder or one
// verified or pinned here has the size and the SHA-256 the row recorded when the desk wrote it. It
// is the same backup, known by its bytes, not by its name. The routine never removes it: pruning
// only touches files under the names the desk wrote (catalog.ts), and a renamed file is one the
// clerk chose to keep.
import { lstatSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { BackupItem } from '../../shared/contract/backups';
import { fileDigest } from './fileMatch';

/** What the catalogue recorded of a backup this desk wrote, whose file is no longer under that name. */
export interface WrittenAndGone {
  folder: string;
  fileName: string;
  bytes: number;
  sha256: string;
}

/** Every `.zip` file directly in `folder` (any name: the clerk may have given it any). */
function zipsIn(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((name) => name.toLowerCase().endsWith('.zip'))
      .map((name) => join(folder, name));
  } catch {
    return [];
  }
}

function sizeOf(path: string): number | null {
  try {
    const stat = lstatSync(path); // a link is no backup, and is never followed
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}

/**
 * Finds the gone backups among the files of their folders and of `backupFolder`, and puts each in
 * `items` under its new path as `asItem` makes it (the row's facts, its verification: the bytes are
 * those). A file already listed as one the desk wrote under that very name is never taken.
 */
export async function adoptRenamed<Row extends WrittenAndGone>(
  gone: Row[],
  items: Map<string, BackupItem>,
  backupFolder: string,
  asItem: (row: Row, path: string, bytes: number, listed: BackupItem | undefined) => BackupItem,
): Promise<void> {
  if (gone.length === 0) return;
  const folders = new Set([resolve(backupFolder), ...gone.map((row) => row.folder)]);
  const candidates = new Set([...folders].flatMap(zipsIn));
  for (const [path, item] of items) if (item.trigger === null || item.trigger === 'found') candidates.add(path);
  const left = [...gone];
  for (const path of candidates) {
    const listed = items.get(path);
    if (listed && listed.trigger !== null && listed.trigger !== 'found') continue;
    const bytes = sizeOf(path);
    if (bytes === null || !left.some((row) => row.bytes === bytes)) continue;
    const digest = await fileDigest(path);
    const at = left.findIndex((row) => row.bytes === bytes && row.sha256 === digest);
    if (at < 0) continue;
    const [row] = left.splice(at, 1) as [Row];
    // Moved to another folder under the same name is not renamed: the old name would be its own.
    const renamedFrom = basename(path) === row.fileName ? null : row.fileName;
    items.set(path, { ...asItem(row, path, bytes, listed), fileName: basename(path), path, renamedFrom });
    if (left.length === 0) return;
  }
}
