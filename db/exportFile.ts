// Writing a file the clerk asked for (an audit export, the recovery key, an import's error report):
// whole under a temporary name beside it, flushed, then renamed — never over another file unless
// replacing it was confirmed, including one that appeared while this one was written. A failure
// leaves nothing.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { alreadyThere } from './fileGrants';
import { PRIVATE_FILE } from './fileModes';
import { writeRefusal } from './fileRefusals';

/** Writes the file whole or not at all; a failure of the file system is thrown as it is. */
export function writeFileWhole(path: string, data: string | Buffer, options: { replace: boolean }): void {
  if (!options.replace && existsSync(path)) throw alreadyThere(path);
  const temporary = join(dirname(path), `.cress-desk-${process.pid}-${Date.now()}.partial`);
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
    if (!options.replace && existsSync(path)) throw alreadyThere(path);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
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
