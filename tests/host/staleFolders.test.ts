// A host killed outright (SIGKILL, a power cut) cannot remove its folder of uploads and downloads,
// which may hold a pendências export with CPFs and mothers' names: the next host to start removes
// it. A live host's folder, another user's, a link and anything not named like ours stay untouched.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStaleHostFolders } from '../../electron/preview/hostFolder';
import { posixOnly } from '../posixOnly';

const HOST_BIN = resolve(__dirname, '../../out/host/host.cjs');
const PREFIX = 'cress-desk-files-';
const TWO_DAYS_AGO = new Date(Date.now() - 2 * 24 * 3600 * 1000);

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cress-stale-folders-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hostFolders = (temp: string) => readdirSync(temp).filter((name) => name.startsWith(PREFIX)).sort();

interface Child {
  child: ChildProcess;
  exited: Promise<void>;
}

/** The built host with `temp` as its system temp folder, once it printed its address. */
async function spawnHost(temp: string, name: string): Promise<Child> {
  if (!existsSync(HOST_BIN)) throw new Error('Build first (npm run build): out/host/host.cjs is missing');
  const child = spawn(process.execPath, [HOST_BIN, '--db', join(dir, `${name}.sqlite`), '--port', '0'], { env: { ...process.env, TMPDIR: temp } });
  const exited = new Promise<void>((ok) => child.on('exit', () => ok()));
  const started = await new Promise<boolean>((ok) => {
    let output = '';
    child.stdout?.on('data', (d: Buffer) => {
      output += d.toString();
      if (/http:\/\/127\.0\.0\.1:\d+/.test(output)) ok(true);
    });
    child.on('exit', () => ok(false));
  });
  expect(started, `${name} started`).toBe(true);
  return { child, exited };
}

/** A process id no process has any more. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid as number;
}

/** A folder of this user's in `temp`, with a file in it, last changed at `when`. */
function folder(temp: string, name: string, when = new Date()): string {
  const path = join(temp, name);
  mkdirSync(path, { mode: 0o700 });
  writeFileSync(join(path, 'pendencias.csv'), 'CPF;Nome da mãe\n');
  utimesSync(path, when, when);
  return path;
}

describe('stale folders of the browser host', () => {
  it('a folder left by a host killed with SIGKILL is removed when the next host starts; a live host keeps its own', async (context) => {
    posixOnly(context, 'signals');
    const temp = join(dir, 'tmp-kill');
    mkdirSync(temp);
    const killed = await spawnHost(temp, 'killed');
    const [killedFolder] = hostFolders(temp);
    expect(killedFolder).toBeDefined();
    // What the clerk exported is still there when the host is killed.
    writeFileSync(join(temp, killedFolder as string, 'pendencias.csv'), 'CPF;Nome da mãe\n');
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(hostFolders(temp)).toEqual([killedFolder]);

    const live = await spawnHost(temp, 'live');
    const afterLive = hostFolders(temp);
    expect(afterLive).not.toContain(killedFolder);
    expect(afterLive).toHaveLength(1);

    const next = await spawnHost(temp, 'next');
    try {
      const afterNext = hostFolders(temp);
      expect(afterNext).toHaveLength(2);
      expect(afterNext).toContain(afterLive[0]);
    } finally {
      live.child.kill('SIGTERM');
      next.child.kill('SIGTERM');
      await Promise.all([live.exited, next.exited]);
    }
    expect(hostFolders(temp)).toEqual([]);
  });

  it('an import copy left by a program stopped during an import is removed when the next host starts', async (context) => {
    posixOnly(context, 'file owners');
    const temp = join(dir, 'tmp-import-copy');
    mkdirSync(temp);
    const copy = folder(temp, `cress-desk-import-${deadPid()}-0-Gh78Ij`);
    const host = await spawnHost(temp, 'import-copy');
    try {
      expect(existsSync(copy)).toBe(false);
    } finally {
      host.child.kill('SIGTERM');
      await host.exited;
    }
  });

  it("removes a folder whose host is gone, and one of an older version only after a day; keeps everything else", (context) => {
    posixOnly(context, 'file owners');
    const temp = join(dir, 'tmp-mixed');
    mkdirSync(temp);
    const gone = folder(temp, `${PREFIX}${deadPid()}-0-Ab12Cd`);
    const goneLongAgo = folder(temp, `${PREFIX}${deadPid()}-0-Ef34Gh`, TWO_DAYS_AGO);
    const live = folder(temp, `${PREFIX}${process.pid}-0-Ij56Kl`, TWO_DAYS_AGO);
    const olderVersionStale = folder(temp, `${PREFIX}Mn78Op`, TWO_DAYS_AGO);
    const olderVersionRecent = folder(temp, `${PREFIX}Qr90St`);
    // A link named like ours, to a folder that must not be emptied through it.
    const elsewhere = folder(dir, 'elsewhere', TWO_DAYS_AGO);
    const links = [join(temp, `${PREFIX}${deadPid()}-0-Uv12Wx`), join(temp, `${PREFIX}Yz34Ab`)];
    for (const link of links) symlinkSync(elsewhere, link);
    // A file named like ours is not ours to remove.
    writeFileSync(join(temp, `${PREFIX}Cd56Ef`), 'x');
    utimesSync(join(temp, `${PREFIX}Cd56Ef`), TWO_DAYS_AGO, TWO_DAYS_AGO);
    const unrelated = folder(temp, 'outro-programa', TWO_DAYS_AGO);

    removeStaleHostFolders(temp);

    expect(existsSync(gone)).toBe(false);
    expect(existsSync(goneLongAgo)).toBe(false);
    expect(existsSync(olderVersionStale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(olderVersionRecent)).toBe(true);
    expect(readdirSync(elsewhere)).toEqual(['pendencias.csv']);
    for (const link of links) expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(existsSync(join(temp, `${PREFIX}Cd56Ef`))).toBe(true);
    expect(existsSync(unrelated)).toBe(true);
  });

  it("keeps another user's folders, even stale ones", (context) => {
    posixOnly(context, 'file owners');
    if (process.getuid?.() !== 0) return context.skip('only root can make a folder owned by another user');
    const temp = join(dir, 'tmp-foreign');
    mkdirSync(temp);
    const theirs = folder(temp, `${PREFIX}${deadPid()}-0-Gh78Ij`, TWO_DAYS_AGO);
    const theirsOld = folder(temp, `${PREFIX}Kl90Mn`, TWO_DAYS_AGO);
    chownSync(theirs, 65534, 65534);
    chownSync(theirsOld, 65534, 65534);
    removeStaleHostFolders(temp);
    expect(existsSync(theirs)).toBe(true);
    expect(existsSync(theirsOld)).toBe(true);
  });

  it('removes a folder whose process id now belongs to another process', (context) => {
    context.skip(process.platform !== 'linux', 'process start times are read from /proc on Linux');
    const temp = join(dir, 'tmp-reused');
    mkdirSync(temp);
    // This test's own process is alive, but did not start at tick 1 after boot.
    const reused = folder(temp, `${PREFIX}${process.pid}-1-Op12Qr`);
    removeStaleHostFolders(temp);
    expect(existsSync(reused)).toBe(false);
  });
});
