// The store's own faults, killed at random moments like the rest: a restore while another program
// (the browser host) has the store open and keeps saving corrections — refused every time, and
// none of the host's acknowledged corrections lost —; and a correction on a disk with no room left —
// refused, the store as it was (the store lives on a small tmpfs made full, in a mount namespace of
// its own; where none can be made the case is skipped with the reason).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { canMountTmpfs, saveEmailThroughHost, startHostProcess } from '../cli/processes';
import { CLI, type FaultCase } from './harness';
import { count, deskWithBackup, motherFlagCorrection, read } from './stores';

let backupFile = '';
/** Per run folder: the e-mails of the corrections the host answered ok to. */
const acknowledged = new Map<string, string[]>();

export const restoreWhileWriting: FaultCase = {
  operation: 'restauração com outro programa gravando',
  kills: 8,
  undisturbed: 'none',
  async prepare(dir) {
    const prepared = await deskWithBackup(dir);
    backupFile = prepared.backupFile;
    return prepared.store;
  },
  /** The browser host on the store, saving a correction every few milliseconds until stopped. */
  async beside(store, dir) {
    const host = await startHostProcess(store);
    const people = read<{ cpf: string }>(store, 'SELECT cpf FROM professionals ORDER BY id LIMIT 400').map((p) => p.cpf);
    const saved: string[] = [];
    acknowledged.set(dir, saved);
    let going = true;
    const saving = (async () => {
      for (let i = 0; going && i < people.length; i++) {
        const email = `host.${i}@exemplo.com.br`;
        const answer = await saveEmailThroughHost(host, people[i] as string, email);
        if (answer?.ok) saved.push(email);
      }
    })();
    return {
      async stop() {
        going = false;
        await saving;
        await host.stop();
      },
    };
  },
  args: () => ['backup', 'restore', backupFile, '--yes'],
  inspect(db: Database.Database, dir: string) {
    const professionals = count(db, 'SELECT count(*) AS n FROM professionals');
    const saved = acknowledged.get(dir) ?? [];
    const lost = saved.filter((email) => count(db, 'SELECT count(*) AS n FROM professionals WHERE email = ?', email) !== 1);
    if (lost.length > 0) return { effect: `${lost.length} of ${saved.length} corrections the host acknowledged are lost` };
    if (professionals === 1500) return { effect: 'none' };
    return { effect: professionals === 1000 ? 'restored under the host' : `professionals=${professionals}` };
  },
};

const correction = motherFlagCorrection();

/** Whether the store can be put on a small full disk here (a tmpfs in a mount namespace). */
export function fullDiskPossible(dir: string): boolean {
  mkdirSync(dir, { recursive: true });
  return canMountTmpfs(dir);
}

export const correctionOnFullDisk: FaultCase = {
  operation: 'correção com o disco cheio',
  kills: 12,
  undisturbed: 'none',
  prepare: correction.prepare,
  args: correction.args,
  /**
   * The store on a 4 MB tmpfs left with 48 KB free (room to open it, not to write a correction),
   * the command killed after `killAfterMs`; then the store (and its log) copied back for inspection.
   */
  run(store, args, killAfterMs, dir) {
    const disk = join(dir, 'disk');
    const pidFile = join(dir, 'command.pid');
    mkdirSync(disk, { recursive: true });
    const script = `
      mount -t tmpfs -o size=4m tmpfs "$DISK" || exit 99
      cp "$STORE" "$DISK/store.sqlite"
      head -c 49152 /dev/zero > "$DISK/.reserve"
      cat /dev/zero > "$DISK/.filler" 2>/dev/null
      rm -f "$DISK/.reserve"
      "$NODE" "$CLI" --db "$DISK/store.sqlite" "$@" >/dev/null 2>&1 &
      echo $! > "$PIDFILE"
      wait $!
      rm -f "$STORE-wal" "$STORE-shm"
      cp "$DISK/store.sqlite" "$STORE"
      if [ -f "$DISK/store.sqlite-wal" ]; then cp "$DISK/store.sqlite-wal" "$STORE-wal"; fi`;
    return new Promise((done, fail) => {
      const child = spawn('unshare', ['-m', 'sh', '-c', script, 'sh', ...args], {
        stdio: 'ignore',
        env: { ...process.env, DISK: disk, STORE: store, PIDFILE: pidFile, NODE: process.execPath, CLI },
      });
      const timer =
        killAfterMs === null
          ? null
          : setTimeout(() => {
              // The command itself, not the shell that copies the store back afterwards.
              if (existsSync(pidFile)) spawnSync('kill', ['-KILL', readFileSync(pidFile, 'utf8').trim()]);
            }, killAfterMs);
      child.on('exit', (code) => {
        if (timer) clearTimeout(timer);
        rmSync(pidFile, { force: true });
        if (code === 99) fail(new Error('could not mount a tmpfs'));
        else done();
      });
    });
  },
  inspect(db: Database.Database) {
    const record = db.prepare('SELECT mother_not_listed AS flag, row_version AS v FROM professionals WHERE registration_number = ?').get(correction.target()) as { flag: number; v: number };
    const corrections = count(db, "SELECT count(*) AS n FROM corrections WHERE field = 'mother'");
    if (record.flag === 0 && record.v === 1 && corrections === 0) return { effect: 'none' };
    if (record.flag === 1 && corrections === 1) return { effect: 'whole' };
    return { effect: `flag=${record.flag} v=${record.v} corrections=${corrections}` };
  },
};
