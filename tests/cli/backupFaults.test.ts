// Faults a backup must survive, with the built command: killed (SIGKILL) at random moments while
// creating and while restoring, and a destination that is missing, read-only or full. After every
// kill the store passes integrity_check and holds all its data, and every file under a final
// backup name is a whole, valid backup.
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateZipBag } from '../../db/packaging';
import { openRawStore } from '../rawStore';

const bin = resolve(__dirname, '../../out/cli/cress-desk.cjs');
const FINAL_NAME = /^CRESS\d{2}-backup-\d{8}-\d{6}\.zip$/;
// Each restore of this store takes several seconds (verification, a copy, a migration check): the kill tests have minutes.
const KILLS = 8;
let dir: string;
let store: string;

function cli(...args: string[]) {
  return spawnSync(process.execPath, [bin, '--db', store, ...args], { encoding: 'utf8', env: { ...process.env, HOME: dir } });
}

/** Runs the command and kills it with SIGKILL after `delayMs` (if it has not finished). */
function runAndKill(args: string[], delayMs: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, '--db', store, ...args], { stdio: 'ignore', env: { ...process.env, HOME: dir } });
    let exited = false;
    const timer = setTimeout(() => {
      if (!exited) child.kill('SIGKILL');
    }, delayMs);
    child.on('exit', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      done({ killed: signal === 'SIGKILL', code });
    });
  });
}

function timed(args: string[]): number {
  const start = Date.now();
  const result = cli(...args);
  expect(result.status, result.stderr).toBe(0);
  return Date.now() - start;
}

function storeFacts(): { integrity: string; professionals: number } {
  const db = openRawStore(store);
  try {
    return {
      integrity: db.pragma('integrity_check', { simple: true }) as string,
      professionals: db.prepare('SELECT count(*) FROM professionals').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

/** Every file under a final name in `folder` is a complete, valid bag. */
async function expectOnlyWholeBackups(folder: string): Promise<void> {
  for (const name of readdirSync(folder).filter((n) => FINAL_NAME.test(n))) {
    const validation = await validateZipBag(join(folder, name));
    expect(validation.problems, name).toEqual([]);
  }
}

/** Adds rows fast (the app's demo generator is slower than needed here). */
function addRows(db: Database.Database, professionals: number, corrections: number): void {
  const start = (db.prepare('SELECT coalesce(max(id), 0) FROM professionals').pluck().get() as number) + 1;
  db.exec(`INSERT INTO professionals (registration_number, cpf, name, name_folded, created_at, updated_at)
    WITH RECURSIVE n(i) AS (SELECT ${start} UNION ALL SELECT i + 1 FROM n WHERE i < ${start + professionals - 1})
    SELECT 'R' || i, printf('%011d', i), 'Profissional ' || i, 'profissional ' || i, 'x', 'x' FROM n`);
  if (corrections > 0) {
    db.exec(`INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, operator, created_at)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${corrections})
      SELECT lower(hex(randomblob(16))), ${start} + (i % ${professionals}), 'email', 'antigo' || i, 'novo' || i, 'Documento', 'Ana', 'x' FROM n`);
  }
}

beforeAll(() => {
  if (!existsSync(bin)) throw new Error('Build first (npm run build): out/cli/cress-desk.cjs is missing');
  dir = mkdtempSync(join(tmpdir(), 'cress-faults-'));
  store = join(dir, 'desk.sqlite');
  expect(cli('init', '--region', '9', '--operator', 'Ana').status).toBe(0);
  const db = openRawStore(store);
  addRows(db, 25_000, 120_000);
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const random = (low: number, high: number) => low + Math.random() * (high - low);

describe('killed at random moments', () => {
  it(`while creating a backup (${KILLS} kills): the store is whole and no partial file has a final name`, async () => {
    const first = join(dir, 'kill-create');
    mkdirSync(first);
    const full = timed(['backup', 'create', '--out', first]);
    const expected = storeFacts().professionals;
    for (let i = 0; i < KILLS; i++) {
      // A folder per run: two runs in the same second would want the same final name.
      const folder = join(dir, `kill-create-${i}`);
      mkdirSync(folder);
      await runAndKill(['backup', 'create', '--out', folder], random(30, full * 1.1));
      const facts = storeFacts();
      expect(facts).toEqual({ integrity: 'ok', professionals: expected });
      await expectOnlyWholeBackups(folder);
    }
  }, 180_000);

  it(`while restoring (${KILLS} kills): the store is either as it was or fully restored`, async () => {
    const folder = join(dir, 'kill-restore');
    mkdirSync(folder);
    const created = JSON.parse(cli('--json', 'backup', 'create', '--out', folder).stdout) as { file: string; counts: { professionals: number } };
    const restoredCount = created.counts.professionals;
    const grow = () => {
      const db = openRawStore(store);
      addRows(db, 500, 0);
      db.close();
      return storeFacts().professionals;
    };
    grow();
    const full = timed(['backup', 'restore', created.file, '--yes']);
    let current = grow();
    let restoredTimes = 0;
    for (let i = 0; i < KILLS; i++) {
      // Half the kills aim at the end, where the swap happens.
      const delay = i % 2 === 0 ? random(30, full) : random(full * 0.6, full * 1.1);
      await runAndKill(['backup', 'restore', created.file, '--yes'], delay);
      const facts = storeFacts();
      expect(facts.integrity).toBe('ok');
      expect([current, restoredCount]).toContain(facts.professionals);
      if (facts.professionals === restoredCount) {
        restoredTimes++;
        current = grow();
      }
    }
    // The store still opens in the app's own way afterwards.
    expect(cli('info').status).toBe(0);
    console.log(`restore kills: ${restoredTimes} of ${KILLS} left the store restored, the others left it as it was`);
  }, 180_000);
});

/**
 * Runs the command with a tmpfs mounted on `folder` in a private mount namespace (unshare -m), so
 * the mount vanishes with the process; the folder's listing inside the namespace is printed after.
 * Returns null where mount namespaces are not allowed.
 */
function inMountNamespace(folder: string, mountOptions: string, args: string[]): { code: number | null; stderr: string; listing: string[] } | null {
  const probe = spawnSync('unshare', ['-m', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs "$1"`, 'sh', folder], { encoding: 'utf8' });
  if (probe.status !== 0) return null;
  const script = `mount -t tmpfs -o ${mountOptions} tmpfs "$1" || exit 99; shift; "$@" >/dev/null; code=$?; ls -A "$FOLDER"; exit $code`;
  const result = spawnSync('unshare', ['-m', 'sh', '-c', script, 'sh', folder, process.execPath, bin, '--db', store, ...args], {
    encoding: 'utf8',
    env: { ...process.env, HOME: dir, FOLDER: folder },
  });
  return { code: result.status, stderr: result.stderr, listing: result.stdout.split('\n').filter(Boolean) };
}

describe('a destination that cannot take the backup', () => {
  it('missing: refused, saying the folder does not exist', () => {
    const result = cli('backup', 'create', '--out', join(dir, 'pendrive-desconectado'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/não existe/);
    expect(result.stderr).toContain('BACKUP_DESTINATION');
  });

  it('full: refused, saying there is no space, with no file left behind', () => {
    const folder = join(dir, 'cheio');
    mkdirSync(folder);
    // A 64 KiB tmpfs cannot hold the backup. Without mount namespaces, a file size limit
    // (ulimit -f, which Node turns into EFBIG) stands in for a full disk.
    let outcome = inMountNamespace(folder, 'size=64k', ['backup', 'create', '--out', folder]);
    if (outcome === null) {
      const limited = spawnSync('sh', ['-c', 'ulimit -f 128; exec "$@"', 'sh', process.execPath, bin, '--db', store, 'backup', 'create', '--out', folder], {
        encoding: 'utf8',
        env: { ...process.env, HOME: dir },
      });
      outcome = { code: limited.status, stderr: limited.stderr, listing: readdirSync(folder) };
    }
    expect(outcome.code).toBe(1);
    // DISK_FULL on a full disk; BACKUP_DISK_FULL where a file size limit stands in for it.
    expect(outcome.stderr).toContain('DISK_FULL');
    expect(outcome.stderr).toMatch(/espaço|não coube/);
    expect(outcome.listing).toEqual([]);
  });

  it('read-only: refused, saying the folder does not take writes', (context) => {
    const folder = join(dir, 'somente-leitura');
    mkdirSync(folder);
    const outcome = inMountNamespace(folder, 'ro,size=64k', ['backup', 'create', '--out', folder]);
    context.skip(outcome === null, 'mount namespaces (unshare -m) are not allowed here, and as root a chmod does not make a folder read-only.');
    expect(outcome!.code).toBe(1);
    expect(outcome!.stderr).toContain('BACKUP_DESTINATION');
    expect(outcome!.stderr).toMatch(/não aceita gravação/);
    expect(outcome!.listing).toEqual([]);
  });
});
