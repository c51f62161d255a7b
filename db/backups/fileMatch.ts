// Whether a backup file is still the one the desk wrote: its size, then its SHA-256, against what the
// catalogue recorded when the desk wrote it. A verification done before the file was replaced says
// nothing about the bytes there now, so the list must not call them verified. A file's digest is
// kept for its size, times and inode while the process lives: listing again reads only files that
// changed since.
import { lstatSync } from 'node:fs';
import { sha256File } from '../batches/package';

const digests = new Map<string, { stamp: string; sha256: string }>();

/** The SHA-256 of the file at `path` (read again only when it changed since), or null when it cannot be read. */
export async function fileDigest(path: string): Promise<string | null> {
  let stamp: string;
  try {
    const stat = lstatSync(path); // a link is never followed
    if (!stat.isFile()) return null;
    stamp = `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
  } catch {
    return null;
  }
  let known = digests.get(path);
  if (known?.stamp !== stamp) {
    try {
      known = { stamp, sha256: await sha256File(path) };
    } catch {
      return null;
    }
    digests.set(path, known);
  }
  return known.sha256;
}

/** True when the desk wrote a file under this name and the bytes there now are not those. */
export async function differsFromWritten(path: string, written: { bytes: number; sha256: string }): Promise<boolean> {
  // A file the desk only found (verified or pinned here) has no digest of its own to compare.
  if (written.sha256 === '') return false;
  let size: number;
  try {
    size = lstatSync(path).size;
  } catch {
    return false; // gone: the list leaves it out
  }
  if (size !== written.bytes) return true;
  // Unreadable now: a verification will say why.
  const digest = await fileDigest(path);
  return digest !== null && digest !== written.sha256;
}
