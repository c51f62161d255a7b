// The browser host's private folder of uploads and downloads, in the system temp folder. A host
// killed outright (SIGKILL, a power cut) cannot remove its folder, which may hold a pendências
// export with CPFs and mothers' names: so each folder is named after the process that made it, and
// a host starting removes this user's folders whose host is gone (docs/jobs.md, "The host's folder").
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownerTag, removeLeftovers } from '../../db/leftovers';
import { errorKind } from '../../db/log';

export const HOST_FOLDER_PREFIX = 'cress-desk-files-';

/** `cress-desk-files-<pid>-<start>-XXXXXX`; an older version's folders are `cress-desk-files-XXXXXX`. */
const HOST_FOLDERS = {
  named: /^cress-desk-files-(\d+)-(\d+)-[^-]+$/,
  unnamed: /^cress-desk-files-[^-]+$/,
  // An older version's folder (no process in its name) is stale once untouched for a day.
  unnamedAfterMs: 24 * 60 * 60 * 1000,
  namedAfterMs: 0,
  directory: true,
};

/**
 * Removes this user's `cress-desk-files-*` folders in `temp` whose host is gone: one named after a
 * process that no longer runs (or whose id another process now has), or one of an older version
 * untouched for a day. Links, files, other users' folders and live hosts' folders stay. Never
 * throws: a folder that cannot be removed now is tried again at the next start.
 */
export function removeStaleHostFolders(temp: string = tmpdir(), now: number = Date.now()): void {
  removeLeftovers(temp, HOST_FOLDERS, now);
}

/**
 * Removes stale folders, then makes this host's own: new, unguessable, only this user may enter it (0700).
 * A temporary folder that is missing or takes no folder stops the host with a message naming it.
 */
export function makeHostFolder(temp: string = tmpdir()): string {
  removeStaleHostFolders(temp);
  try {
    return mkdtempSync(join(temp, `${HOST_FOLDER_PREFIX}${ownerTag()}-`));
  } catch (error) {
    throw new Error(
      `A pasta temporária "${temp}" não existe ou não aceita arquivos (${errorKind(error)}): a prévia guarda nela os arquivos enviados e baixados. ` +
        'Confira a variável TMPDIR (TEMP no Windows) ou libere espaço no disco, e inicie a prévia de novo.',
      { cause: error },
    );
  }
}
