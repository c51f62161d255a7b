// Leftovers of killed processes: a temporary folder or a hidden file beside the store that its
// process would have removed had it not been killed outright (SIGKILL, a power cut). Each is named
// after the process that made it (its id and when it started, so a later process given the same id
// does not keep it alive), and is removed once that process is gone: the browser host's folder of
// uploads, an import's private copy of its file, a restore's prepared copy of the backup.
import { lstatSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Is the process with this id still running? (EPERM: it runs, as another user.) */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * When the process started, in clock ticks after boot (Linux, /proc/<pid>/stat field 22): with the
 * process id, it tells the process from a later one given the same id. `0` where unknown.
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

/** `text` matched literally inside a RegExp: a store's file name in the pattern of its leftovers. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `<pid>-<start>` of this process, for the names of what it leaves behind while it works. */
export function ownerTag(): string {
  return `${process.pid}-${processStart(process.pid)}`;
}

/** Is the process that made a leftover still running (`start` as in its name, `0` where unknown)? */
export function ownerAlive(pid: number, start: string): boolean {
  if (!processAlive(pid)) return false;
  if (start === '0') return true; // alive, and nothing to tell it from another process by
  const now = processStart(pid);
  return now === '0' || now === start;
}

const ownedByMe = (uid: number) => typeof process.getuid !== 'function' || uid === process.getuid();

export interface LeftoverKind {
  /** A name with its owner: groups 1 and 2 are the process id and its start. */
  named: RegExp;
  /** A name an older version gave, with no owner in it. */
  unnamed: RegExp;
  /** How long an unnamed one is left alone after its last change. */
  unnamedAfterMs: number;
  /** How long a named one is left alone after its last change, even once its owner is gone. */
  namedAfterMs: number;
  directory: boolean;
  /** Files that go with one (SQLite's -wal and -shm beside a database). */
  companions?: readonly string[];
}

/**
 * Removes this user's leftovers of `kind` in `folder`: named after a process that no longer runs
 * (or whose id another process now has), or unnamed and untouched for long. Links, other users'
 * entries and live processes' stay. Never throws: what cannot be removed now is tried again later.
 * Answers the names removed.
 */
export function removeLeftovers(folder: string, kind: LeftoverKind, now: number = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const named = kind.named.exec(name);
    if (!named && !kind.unnamed.test(name)) continue;
    const path = join(folder, name);
    try {
      const entry = lstatSync(path); // the entry itself: a link is never followed
      if (entry.isDirectory() !== kind.directory || (!kind.directory && !entry.isFile()) || !ownedByMe(entry.uid)) continue;
      const age = now - entry.mtimeMs;
      const stale = named ? age >= kind.namedAfterMs && !ownerAlive(Number(named[1]), named[2] as string) : age > kind.unnamedAfterMs;
      if (!stale) continue;
      // rm removes links inside a folder, never what they point to.
      rmSync(path, { recursive: kind.directory, force: true });
      for (const suffix of kind.companions ?? []) rmSync(`${path}${suffix}`, { force: true });
      removed.push(name);
    } catch {
      // gone meanwhile, or not ours to remove: left alone
    }
  }
  return removed;
}
