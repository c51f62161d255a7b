// Writing a file the clerk asked for (an audit export, the recovery key): whole under a temporary
// name beside it, flushed, then renamed — never over another file unless replacing it was
// confirmed, including one that appeared while this one was written. A failure leaves nothing.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { alreadyThere } from './fileGrants';
import { PRIVATE_FILE } from './fileModes';
import { writeRefusal } from './fileRefusals';

export function writeExportFile(path: string, data: string | Buffer, options: { replace: boolean }): void {
  if (!options.replace && existsSync(path)) throw alreadyThere(path);
  const temporary = join(dirname(path), `.cress-desk-${process.pid}-${Date.now()}.partial`);
  try {
    const fd = openSync(temporary, 'wx', PRIVATE_FILE);
    try {
      writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (!options.replace && existsSync(path)) throw alreadyThere(path);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw writeRefusal(error, path, 'EXPORT_DESTINATION');
  }
}
