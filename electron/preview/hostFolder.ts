// The browser host's private folder of uploads and downloads, in the system temp folder. A host
// killed outright (SIGKILL, a power cut) cannot remove its folder, which may hold a pendências
// export with CPFs and mothers' names: so each folder is named after the process that made it, and
// a host starting removes this user's folders whose host is gone (docs/jobs.md, "The host's folder").
import { lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { processAlive } from '../../db/storeLock';

export const HOST_FOLDER_PREFIX = 'cress-desk-files-';

/** `cress-desk-files-<pid>-<start>-XXXXXX`; an older version's folders are `cress-desk-files-XXXXXX`. */
const NAMED = /^cress-desk-files-(\d+)-(\d+)-[^-]+$/;

/** A folder an older version made (no process in its name) is stale once untouched for a day. */
const UNNAMED_STALE_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * When the process started, in clock ticks after boot (Linux, /proc/<pid>/stat field 22): with the
 * process id, it tells this host from a later process given the same id. `0` where unknown.
 */
export function processStart(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count from after it.
    const start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
    return start && /^\d+$/.test(start) ? start : '0';
  } catch {
    return '0';
  }
}

/** Is the host that made this folder still running? */
function hostAlive(pid: number, start: string): boolean {
  if (!processAlive(pid)) return false;
  if (start === '0') return true; // alive, and nothing to tell it from another process by
  const now = processStart(pid);
  return now === '0' || now === start;
}

const ownedByMe = (uid: number) => typeof process.getuid !== 'function' || uid === process.getuid();

/**
 * Removes this user's `cress-desk-files-*` folders in `temp` whose host is gone: one named after a
 * process that no longer runs (or whose id another process now has), or one of an older version
 * untouched for a day. Links, files, other users' folders and live hosts' folders stay. Never
 * throws: a folder that cannot be removed now is tried again at the next start.
 */
export function removeStaleHostFolders(temp: string = tmpdir(), now: number = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(temp).filter((name) => name.startsWith(HOST_FOLDER_PREFIX));
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(temp, name);
    try {
      const entry = lstatSync(path); // the entry itself: a link is never followed
      if (!entry.isDirectory() || !ownedByMe(entry.uid)) continue;
      const named = NAMED.exec(name);
      const stale = named ? !hostAlive(Number(named[1]), named[2] as string) : now - entry.mtimeMs > UNNAMED_STALE_AFTER_MS;
      // rm removes links inside the folder, never what they point to.
      if (stale) rmSync(path, { recursive: true, force: true });
    } catch {
      // gone meanwhile, or not ours to remove: left alone
    }
  }
}

/** Removes stale folders, then makes this host's own: new, unguessable, only this user may enter it (0700). */
export function makeHostFolder(temp: string = tmpdir()): string {
  removeStaleHostFolders(temp);
  return mkdtempSync(join(temp, `${HOST_FOLDER_PREFIX}${process.pid}-${processStart(process.pid)}-`));
}
