// A backup killed while it copies the store (the app closed from the task manager, a power cut)
// leaves its copy beside the store, as big as the store. The next backup removes it once its
// process is gone, however recent — not only after a quarter of an hour, by when a clerk who
// retried a few times has the store's disk holding several copies of it.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CLI_BIN, cliDesk, initDesk } from './command';

const desk = cliDesk('cress-backup-kill-', (d) => initDesk(d, { professionals: 20_000, seed: 6 }), 120_000);

/** What a backup writes before its final name: its snapshot of the store, its zip. */
const partials = (folder: string) => readdirSync(folder).filter((name) => name.includes('.partial-') || name.includes('.snapshot-'));

/** Starts a backup into `out` and SIGKILLs it as soon as a new partial file shows in `watch`. */
function killedWhileWriting(out: string, watch: string): Promise<boolean> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI_BIN, '--db', desk.store, 'backup', 'create', '--out', out], { stdio: 'ignore' });
    let seen = false;
    const before = new Set(partials(watch));
    const poll = setInterval(() => {
      if (partials(watch).every((name) => before.has(name))) return;
      seen = true;
      child.kill('SIGKILL');
    }, 5);
    child.on('exit', () => {
      clearInterval(poll);
      done(seen);
    });
  });
}

it('the next backup removes the copies killed backups left beside the store', async () => {
  const out = join(desk.dir, 'copias');
  mkdirSync(out);
  // Each backup starts by removing what the one killed before it left: they never pile up.
  for (let kill = 0; kill < 3; kill++) expect(await killedWhileWriting(out, desk.dir)).toBe(true);
  expect(partials(desk.dir)).toHaveLength(1);
  const done = desk.run('backup', 'create', '--out', out);
  expect(done.code, done.stderr).toBe(0);
  expect(partials(desk.dir)).toEqual([]);
  expect(readdirSync(out).filter((name) => name.endsWith('.zip') && !name.startsWith('.'))).toHaveLength(1);
  expect(desk.run('backup', 'verify', join(out, readdirSync(out).find((name) => name.endsWith('.zip') && !name.startsWith('.')) as string)).code).toBe(0);
}, 120_000);

it('the copy a killed backup left beside the store is gone as soon as any command opens the store', async () => {
  const out = join(desk.dir, 'copias-depois');
  mkdirSync(out);
  expect(await killedWhileWriting(out, desk.dir)).toBe(true);
  // Its copy, and what SQLite may keep beside it.
  expect(partials(desk.dir).length).toBeGreaterThan(0);
  const info = desk.run('info');
  expect(info.code, info.stderr).toBe(0);
  expect(partials(desk.dir)).toEqual([]);
}, 60_000);
