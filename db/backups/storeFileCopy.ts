// Copying the live store's file without letting go of this process's locks on it. On Linux and
// macOS a lock on a file belongs to the process, and closing any descriptor of the file — the one a
// copy reads through included — lets go of every lock the process holds on it: the shared lock each
// open connection keeps on the store, by which another program (a restore, a command closing its
// connection) sees that the store is in use. So there the copy is made by a program of its own
// (`cp`), whose descriptors are not this process's; on Windows a lock belongs to the handle that
// took it, and the file is copied here.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** An error shaped as the file system's, so the snapshot tells the destination's trouble from the store's. */
function failure(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`copying the store failed (${code})`), { code });
}

/** What the destination's folder says about a copy that failed there. */
function destinationTrouble(destination: string): string {
  const folder = dirname(destination);
  if (!existsSync(folder)) return 'ENOENT';
  try {
    accessSync(folder, constants.W_OK);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'EACCES';
  }
  try {
    const stats = statfsSync(folder);
    if (stats.bavail * stats.bsize < 1024 * 1024) return 'ENOSPC';
  } catch {
    /* no answer: the store's side, then */
  }
  return 'ECOPY';
}

/** Copies the store at `storePath` to `destination`, which must not exist (EEXIST otherwise). */
export async function copyLiveStoreFile(storePath: string, destination: string): Promise<void> {
  if (process.platform === 'win32') return copyFile(storePath, destination, constants.COPYFILE_EXCL);
  if (existsSync(destination)) throw failure('EEXIST');
  const code = await new Promise<number | null | 'unavailable'>((done) => {
    const child = spawn('cp', ['--', storePath, destination], { stdio: 'ignore' });
    child.once('error', () => done('unavailable'));
    child.once('exit', (status) => done(status));
  });
  if (code === 0) return;
  if (code === 'unavailable') throw failure('ECOPY');
  throw failure(destinationTrouble(destination));
}
