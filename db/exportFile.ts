// Writing a file the clerk asked for (an audit export, the recovery key, an import's error report):
// whole under a temporary name beside it, flushed, then renamed — never over another file unless
// replacing it was confirmed, including one that appeared while this one was written. A failure
// leaves nothing; a process killed outright between the write and the rename leaves its partial
// file (a copy of the key, of the trail), which the next file written in that folder removes once
// that process is gone (db/leftovers.ts).
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { renameInPlaceSync } from './renameInPlace';
import { syncFolderSync } from './packaging/atomicFile';
import { dirname, join } from 'node:path';
import { alreadyThere, nameTaken } from './fileGrants';
import { ownerTag, removeLeftovers, type LeftoverKind } from './leftovers';
import { PRIVATE_FILE } from './fileModes';
import { writeRefusal } from './fileRefusals';

/** `.cress-desk-<pid>-<start>-<time>.partial`; an older version's are `.cress-desk-<pid>-<time>.partial`. */
const PARTIALS: LeftoverKind = {
  named: /^\.cress-desk-(\d+)-(\d+)-\d+\.partial$/,
  unnamed: /^\.cress-desk-\d+-\d+\.partial$/,
  unnamedAfterMs: 24 * 3_600_000,
  namedAfterMs: 0,
  directory: false,
};

/** Writes the file whole or not at all; a failure of the file system is thrown as it is. */
export function writeFileWhole(path: string, data: string | Buffer, options: { replace: boolean }): void {
  if (!options.replace && nameTaken(path)) throw alreadyThere(path);
  removeLeftovers(dirname(path), PARTIALS);
  const temporary = join(dirname(path), `.cress-desk-${ownerTag()}-${Date.now()}.partial`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  try {
    const fd = openSync(temporary, 'wx', PRIVATE_FILE);
    try {
      // A nearly full disk may take part of a write: the rest is written, or its failure thrown.
      for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (!options.replace && nameTaken(path)) throw alreadyThere(path);
    renameInPlaceSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  try {
    syncFolderSync(dirname(path)); // the rename on disk, too
  } catch {
    // The file is whole under its name: a folder that cannot be flushed (a network share) keeps it all the same.
  }
}

/** Like writeFileWhole, a failure of the file system said in Portuguese with the path. */
export function writeExportFile(path: string, data: string | Buffer, options: { replace: boolean }): void {
  try {
    writeFileWhole(path, data, options);
  } catch (error) {
    throw writeRefusal(error, path, 'EXPORT_DESTINATION');
  }
}
