// A full disk is named as such: a correction, a backup and a restore on a store whose disk is full
// (a small tmpfs in a mount namespace of the test's own) say DISK_FULL and leave the store as it was.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliOn, requireBuiltCli } from './command';
import { canMountTmpfs, onFullDisk } from './processes';
import { readRawRows, storeKeyPragmas } from '../rawStore';

let dir: string;

beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'cress-disk-full-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a full disk is named as such', () => {
  const CHECK = `
    const Database = require(process.argv[2]);
    const db = new Database(process.argv[3], { readonly: true });
    for (const pragma of JSON.parse(process.env.STORE_KEY_PRAGMAS)) db.pragma(pragma);
    const facts = {
      integrity: db.pragma('integrity_check', { simple: true }),
      corrections: db.prepare('SELECT count(*) FROM corrections').pluck().get(),
      audit: db.prepare('SELECT count(*) FROM audit_log').pluck().get(),
      professionals: db.prepare('SELECT count(*) FROM professionals').pluck().get(),
    };
    console.log('FACTS ' + JSON.stringify(facts));`;
  let small: string;
  let check: string;
  let mountable = false;

  beforeAll(() => {
    small = join(dir, 'small', 'store.sqlite');
    expect(cliOn(() => small).run('init', '--region', '9', '--operator', 'Ana').code).toBe(0);
    expect(cliOn(() => small).run('demo', '--professionals', '300', '--seed', '5').code).toBe(0);
    check = join(dir, 'check.cjs');
    writeFileSync(check, CHECK);
    mkdirSync(join(dir, 'full'));
    mountable = canMountTmpfs(join(dir, 'full'));
  });

  function facts(stdout: string): { integrity: string; corrections: number; audit: number; professionals: number } {
    const line = stdout.split('\n').find((l) => l.startsWith('FACTS '));
    return JSON.parse((line ?? 'FACTS {}').slice(6));
  }

  const SETUP = 'cp "$SMALL" "$FOLDER/store.sqlite"';
  const AFTER = '"$NODE" "$CHECK" "$SQLITE" "$FOLDER/store.sqlite"';

  it('a correction on a full disk: DISK_FULL naming the folder, exit 1, nothing written', (context) => {
    context.skip(!mountable, 'mount namespaces (unshare -m) are not allowed here: no small disk to fill.');
    const before = facts(onFullDisk(join(dir, 'full'), '4m', 1024, SETUP, AFTER, env()).stdout);
    const cpf = readRawRows<{ cpf: string }>(small, 'SELECT cpf FROM professionals LIMIT 1')[0]?.cpf as string;
    const outcome = onFullDisk(
      join(dir, 'full'),
      '4m',
      48,
      SETUP,
      `"$NODE" "$CLI" --db "$FOLDER/store.sqlite" correct ${cpf} --field email --value cheio@exemplo.com.br --reason Pedido; echo "EXIT $?"; ${AFTER}`,
      env(),
    );
    expect(outcome.stdout).toContain('EXIT 1');
    expect(outcome.stderr).toContain('DISK_FULL');
    expect(outcome.stderr).toContain(`Disco cheio: libere espaço em "${join(dir, 'full')}" e tente de novo`);
    expect(outcome.stderr).not.toContain('INTERNAL');
    expect(facts(outcome.stdout)).toEqual(before);
  });

  it('a backup to another disk goes through while the store’s own disk is full', (context) => {
    context.skip(!mountable, 'mount namespaces (unshare -m) are not allowed here: no small disk to fill.');
    const out = join(dir, 'backup-from-full');
    mkdirSync(out);
    const outcome = onFullDisk(join(dir, 'full'), '4m', 48, SETUP, `"$NODE" "$CLI" --db "$FOLDER/store.sqlite" backup create --out "${out}"; echo "EXIT $?"`, env());
    expect(outcome.stdout, outcome.stderr).toContain('EXIT 0');
    const made = readdirSync(out).filter((name) => name.endsWith('.zip'));
    expect(made).toHaveLength(1);
    expect(cliOn(() => small).run('backup', 'verify', join(out, made[0] as string)).code).toBe(0);
  });

  it('a good backup restored onto a full disk: DISK_FULL (exit 1), not a damaged backup, and the store unchanged', (context) => {
    context.skip(!mountable, 'mount namespaces (unshare -m) are not allowed here: no small disk to fill.');
    const folder = join(dir, 'small-backups');
    mkdirSync(folder);
    const good = cliOn(() => small).json('backup', 'create', '--out', folder).body.file as string;
    const before = facts(onFullDisk(join(dir, 'full'), '4m', 1024, SETUP, AFTER, env()).stdout);
    const outcome = onFullDisk(join(dir, 'full'), '4m', 48, SETUP, `"$NODE" "$CLI" --db "$FOLDER/store.sqlite" backup restore "${good}" --yes; echo "EXIT $?"; ${AFTER}`, env());
    expect(outcome.stdout).toContain('EXIT 1');
    expect(outcome.stderr).toContain('DISK_FULL');
    expect(outcome.stderr).not.toMatch(/BACKUP_INVALID|danificad/);
    expect(facts(outcome.stdout)).toEqual(before);
    expect(cliOn(() => small).run('backup', 'verify', good).code).toBe(0);
  });

  function env(): NodeJS.ProcessEnv {
    return { SMALL: small, CHECK: check, SQLITE: createRequire(__filename).resolve('better-sqlite3'), STORE_KEY_PRAGMAS: JSON.stringify(storeKeyPragmas(small)) };
  }
});
