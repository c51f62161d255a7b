// A disk that refuses a write — here a file-size limit (`ulimit -f`, which Node turns into EFBIG and
// SQLite into SQLITE_IOERR_*) standing in for a full or faulty disk — is never called a damaged
// store (STORE_CORRUPT, exit 3) nor an internal error: the clerk is told the disk refused the write,
// naming the folder, exit 1, and the store is left as it was (docs/store.md, "Locking and concurrency").
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, mkdirSync, openSync, readdirSync, realpathSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, cliDesk, cliOn, initDesk, registrationsIn } from '../cli/command';
import { openRawStore, readRawRows } from '../rawStore';

const desk = cliDesk('cress-file-size-', (made) => initDesk(made, { professionals: 30, seed: 5 }));

/** Can this shell set a file-size limit? (Without it, nothing here can make a disk refuse a write.) */
const limitable = spawnSync('bash', ['-c', 'ulimit -f 20'], { encoding: 'utf8' }).status === 0;
const NO_LIMIT = 'bash cannot set a file-size limit (ulimit -f) here: no way to make the disk refuse a write.';

/** A fresh copy of the desk's store in a folder of its own (its real path: the messages name it). */
function copyOfStore(name: string): { folder: string; store: string } {
  const folder = join(desk.dir, name);
  mkdirSync(folder);
  const store = join(folder, 'desk.sqlite');
  copyFileSync(desk.store, store);
  return { folder: realpathSync(folder), store };
}

/** `cress-desk --json --db store …args` with files limited to `kib` KiB: its exit code and JSON answer. */
function underLimit(kib: number, store: string, ...args: string[]): { code: number | null; body: { error?: { code: string; message: string; details?: unknown } }; stderr: string } {
  const result = spawnSync('bash', ['-c', 'ulimit -f "$1" && shift && exec "$@"', 'bash', String(kib), process.execPath, CLI_BIN, '--json', '--db', store, ...args], { encoding: 'utf8' });
  return { code: result.status, body: JSON.parse(result.stdout || '{}'), stderr: result.stderr };
}

/** The refusal every case must answer: the disk refused, the folder named, nothing written, no SQLite words. */
function expectRefused(outcome: ReturnType<typeof underLimit>, folder: string): void {
  expect(outcome.code, outcome.stderr).toBe(1);
  expect(outcome.body.error?.code).toBe('DISK_WRITE_REFUSED');
  const message = outcome.body.error?.message ?? '';
  expect(message).toContain(`"${folder}"`);
  expect(message).toMatch(/recusou/);
  expect(message).toMatch(/[Nn]ada foi gravado/);
  expect(message).not.toMatch(/danificad|interno|SQLITE|EFBIG|I\/O/);
  // The details carry the system's code for the IT person, never SQLite's English sentence.
  expect(JSON.stringify(outcome.body)).not.toMatch(/disk I\/O error/i);
}

/**
 * Afterwards, without the limit: the store opens, its audit trail verifies, nothing but `files` is
 * in its folder (no copy or half-written file left), and nothing of the refused command is in it.
 */
function expectUntouched(store: string, files: string[]): void {
  const run = cliOn(() => store).run;
  const info = run('info');
  expect(info.code, info.stderr).toBe(0);
  const verify = run('audit', 'verify');
  expect(verify.code, verify.stderr).toBe(0);
  expect(readdirSync(dirname(store)).sort()).toEqual(files);
  // Read last: a read-only connection leaves the -wal and -shm behind.
  expect(readRawRows<{ n: number }>(store, 'SELECT count(*) AS n FROM corrections')[0]?.n).toBe(0);
}

/** Overwrites a leaf page of the professionals well inside the file (not the header: another key's pages are STORE_KEY). */
function damageAPage(path: string): void {
  const db = openRawStore(path);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const page = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'professionals' AND pagetype = 'leaf' ORDER BY pageno DESC LIMIT 1").get() as { pageno: number }).pageno;
  db.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (page - 1) * pageSize);
  closeSync(fd);
}

describe('a disk that refuses a write (a file-size limit)', () => {
  it('info: the 32 KiB -shm cannot be written — refused, not a damaged store', (context) => {
    context.skip(!limitable, NO_LIMIT);
    const { folder, store } = copyOfStore('info');
    expectRefused(underLimit(20, store, 'info'), folder);
    expectUntouched(store, ['desk.sqlite']);
  });

  it('a correction whose write-ahead log cannot grow — refused, not an internal error, and not saved', (context) => {
    context.skip(!limitable, NO_LIMIT);
    const { folder, store } = copyOfStore('correct');
    const registration = registrationsIn(store)[0] as string;
    const args = ['correct', registration, '--field', 'email', '--value', 'z@z.com.br', '--reason', 'teste disco'];
    expectRefused(underLimit(40, store, ...args), folder);
    expectUntouched(store, ['desk.sqlite']);
    // The store still takes writes once the disk does.
    expect(cliOn(() => store).run(...args).code).toBe(0);
  });

  it('a backup whose copy of the store cannot be made beside it — refused, no backup and no copy left', (context) => {
    context.skip(!limitable, NO_LIMIT);
    const { folder, store } = copyOfStore('backup');
    const out = join(folder, 'backups');
    mkdirSync(out);
    // Room for the -shm and the log, not for a copy as large as the store.
    const kib = Math.max(64, Math.floor(statSync(store).size / 1024 / 2));
    expectRefused(underLimit(kib, store, 'backup', 'create', '--out', out), folder);
    expect(readdirSync(out)).toEqual([]);
    expectUntouched(store, ['backups', 'desk.sqlite']);
  });

  it('a truly damaged store under the same kind of limit is still STORE_CORRUPT (exit 3)', (context) => {
    context.skip(!limitable, NO_LIMIT);
    const { folder, store } = copyOfStore('damaged');
    damageAPage(store);
    // A desk killed outright left its mark: the next open reads every page.
    writeFileSync(join(folder, '.desk.sqlite.open-999999999-0-0badc0de'), '');
    const outcome = underLimit(4096, store, 'info');
    expect(outcome.code, outcome.stderr).toBe(3);
    expect(outcome.body.error?.code).toBe('STORE_CORRUPT');
  });
});
