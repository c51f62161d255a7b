// What a restore or an import killed outright leaves behind — a full-size copy of a backup's
// database beside the store, a folder with the private copy of a spreadsheet in the temporary
// folder — does not stay: once its process is gone, the next open of the store (the next restore)
// or the next import removes it at once. What a live process is still using stays, an older
// version's (no process in its name) stays until it was untouched for long, and so does anything
// that is not named like ours. A backup's snapshot, and the copy for Implanta rebuilt from it, go
// the same way.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { removeLeftSnapshots } from '../../db/backups/snapshotNames';
import { privateCopy } from '../../db/imports/readers/privateCopy';
import { ownerTag } from '../../db/leftovers';
import { openStore } from '../../db/open';
import { tempDir } from './fixtures';

const dir = tempDir();
afterAll(() => dir.cleanup());
const TWENTY_MINUTES_AGO = new Date(Date.now() - 20 * 60_000);
const HEX = '0123456789ab';

/** The id of a process that has just ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid as number;
}

function leave(path: string, when: Date, folder = false): string {
  if (folder) {
    mkdirSync(path);
    writeFileSync(join(path, 'planilha'), 'bytes cifrados');
  } else writeFileSync(path, 'cópia do banco de um backup');
  utimesSync(path, when, when);
  return path;
}

const tmpBefore = process.env.TMPDIR;
afterEach(() => {
  if (tmpBefore === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = tmpBefore;
});

describe('a restore killed outright', () => {
  it('leaves a copy beside the store that the next open removes as soon as its process is gone', () => {
    const store = dir.file('cress-desk.sqlite');
    openStore({ path: store }).close();
    const folder = join(store, '..');
    const dead = deadPid();
    const killed = leave(join(folder, `.cress-desk.sqlite.restore-${dead}-0-${HEX}`), TWENTY_MINUTES_AGO);
    leave(`${killed}-journal`, TWENTY_MINUTES_AGO);
    const justKilled = leave(join(folder, `.cress-desk.sqlite.restore-${dead}-0-${HEX.replace('0', 'f')}`), new Date());
    // The id of a process gone, now another process's (it started later): its copy goes too.
    const idTaken = leave(join(folder, `.cress-desk.sqlite.restore-${process.pid}-1-${HEX.replace('3', 'c')}`), new Date());
    const live = leave(join(folder, `.cress-desk.sqlite.restore-${ownerTag()}-${HEX.replace('1', 'e')}`), new Date());
    const olderVersionRecent = leave(join(folder, `.cress-desk.sqlite.restore-${HEX.replace('2', 'd')}`), TWENTY_MINUTES_AGO);
    const notOurs = leave(join(folder, `.outro.sqlite.restore-${dead}-0-${HEX}`), TWENTY_MINUTES_AGO);
    openStore({ path: store }).close();
    for (const gone of [killed, `${killed}-journal`, justKilled, idTaken]) expect(existsSync(gone), gone).toBe(false);
    for (const kept of [live, olderVersionRecent, notOurs]) expect(existsSync(kept), kept).toBe(true);
  });
});

describe('an import killed outright', () => {
  it('leaves a folder in the temporary folder that the next import removes as soon as its process is gone', () => {
    const temp = dir.file('temporaria');
    mkdirSync(temp);
    process.env.TMPDIR = temp;
    const dead = deadPid();
    const killed = leave(join(temp, `cress-desk-import-${dead}-0-AbC123`), TWENTY_MINUTES_AGO, true);
    const olderVersion = leave(join(temp, 'cress-desk-import-XyZ789'), TWENTY_MINUTES_AGO, true);
    const justKilled = leave(join(temp, `cress-desk-import-${dead}-0-QwE456`), new Date(), true);
    const olderVersionRecent = leave(join(temp, 'cress-desk-import-UiO345'), new Date(), true);
    const live = leave(join(temp, `cress-desk-import-${ownerTag()}-RtY012`), new Date(), true);
    const notOurs = leave(join(temp, 'outro-programa-AbC123'), TWENTY_MINUTES_AGO, true);
    const file = dir.file('correcoes.csv');
    writeFileSync(file, 'CPF;E-mail\n');
    privateCopy(file, 'correcoes.csv').discard();
    for (const gone of [killed, olderVersion, justKilled]) expect(existsSync(gone), gone).toBe(false);
    for (const kept of [olderVersionRecent, live, notOurs]) expect(existsSync(kept), kept).toBe(true);
    // The import's own folder went with it.
    expect(readdirSync(temp).sort()).toEqual([olderVersionRecent, live, notOurs].map((path) => path.slice(temp.length + 1)).sort());
  });
});

describe('a backup killed outright', () => {
  it('leaves its snapshot, and the copy for Implanta it was rebuilding, that the next backup removes once its process is gone', () => {
    const folder = dir.file('copias');
    mkdirSync(folder);
    const store = join(dir.file('..'), 'cress-desk.sqlite');
    const killed = leave(join(folder, `.cress-desk.sqlite.snapshot-${deadPid()}-0-${HEX}`), new Date());
    const rebuilding = leave(`${killed}-compact`, new Date());
    const live = leave(join(folder, `.cress-desk.sqlite.snapshot-${ownerTag()}-${HEX.replace('1', 'e')}`), new Date());
    const liveRebuilding = leave(`${live}-compact`, new Date());
    removeLeftSnapshots(folder, store);
    for (const gone of [killed, rebuilding]) expect(existsSync(gone), gone).toBe(false);
    for (const kept of [live, liveRebuilding]) expect(existsSync(kept), kept).toBe(true);
  });
});
