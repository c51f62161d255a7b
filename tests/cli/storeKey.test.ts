// The store's key from the command line, as the council's IT meets it: `key export` writes the
// recovery key (0600, never over a file) and says who can read with it; the store opened with a
// missing or wrong key is refused with exit 3 and left as it was; the exported file opens the
// store on another desk, and a backup of this desk verifies there only with it.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN, requireBuiltCli } from './command';
import { readRawRows } from '../rawStore';

let dir: string;
let store: string;
let keyFile: string;

function run(env: NodeJS.ProcessEnv, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_BIN, '--db', store, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'cress-key-'));
  store = join(dir, 'desk.sqlite');
  keyFile = join(dir, 'desk.key');
  const env = { CRESS_DESK_KEY_FILE: keyFile };
  expect(run(env, 'init', '--region', '9', '--operator', 'Ana Paula').code).toBe(0);
  expect(run(env, 'demo', '--professionals', '20').code).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the store key from the command line', () => {
  it('is made by init, readable by its owner only', () => {
    expect(readFileSync(keyFile, 'utf8')).toMatch(/^CRESS Desk store key 1\n[0-9a-f]{64}\n$/);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o777).toBe(0o600);
  });

  it('key export writes the recovery key, warns who can read with it, and never writes over a file', () => {
    const out = join(dir, 'recuperacao.key');
    const first = run({ CRESS_DESK_KEY_FILE: keyFile }, 'key', 'export', '--out', out);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Whoever holds this file can read the store and its backups/);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(keyFile, 'utf8'));
    if (process.platform !== 'win32') expect(statSync(out).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, 'notes.txt'), 'anotações do TI');
    const again = run({ CRESS_DESK_KEY_FILE: keyFile }, 'key', 'export', '--out', join(dir, 'notes.txt'));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Já existe um arquivo notes\.txt/);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('anotações do TI');
    // The key is never printed.
    const hex = readFileSync(keyFile, 'utf8').split('\n')[1] as string;
    expect(first.stdout + first.stderr + again.stdout + again.stderr).not.toContain(hex);
  });

  it('key export --out naming a folder that is not there (a pendrive not mounted, "…/pendrive/") writes nothing in its place', () => {
    const mountPoint = join(dir, 'pendrive-nao-montado');
    const result = run({ CRESS_DESK_KEY_FILE: keyFile }, 'key', 'export', '--out', `${mountPoint}/`);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`"${mountPoint}/"`);
    expect(result.stderr).toMatch(/é o nome de uma pasta.*não existe/);
    expect(result.stdout).not.toMatch(/Recovery key written/);
    expect(existsSync(mountPoint)).toBe(false);
    const intoFile = run({ CRESS_DESK_KEY_FILE: keyFile }, 'key', 'export', '--out', `${join(dir, 'desk.key')}/chave.key`);
    expect(intoFile.code).toBe(1);
    expect(intoFile.stderr).toContain(`"${join(dir, 'desk.key')}" é um arquivo, não uma pasta`);
    expect(intoFile.stderr).not.toMatch(/não existe/);
  });

  it('key export into a folder that holds backups warns that whoever takes the folder reads them', () => {
    const pendrive = join(dir, 'pendrive-com-backups');
    mkdirSync(pendrive);
    expect(run({ CRESS_DESK_KEY_FILE: keyFile }, 'backup', 'create', '--out', pendrive).code).toBe(0);
    const beside = run({ CRESS_DESK_KEY_FILE: keyFile }, 'key', 'export', '--out', join(pendrive, 'chave.key'));
    expect(beside.code).toBe(0);
    expect(beside.stdout).toMatch(/Atenção: a pasta .*pendrive-com-backups.* tem backups deste banco/);
    const apart = run({ CRESS_DESK_KEY_FILE: keyFile }, 'key', 'export', '--out', join(dir, 'cofre-separado.key'));
    expect(apart.code).toBe(0);
    expect(apart.stdout).not.toMatch(/Atenção/);
  });

  it('key export never replaces a link left under the chosen name, even one to a file that is gone', () => {
    if (process.platform === 'win32') return;
    const link = join(dir, 'pendrive.key');
    symlinkSync(join(dir, 'pendrive-desmontado', 'chave.key'), link);
    const result = run({ CRESS_DESK_KEY_FILE: keyFile }, 'key', 'export', '--out', link);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Já existe um arquivo pendrive\.key/);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('key export is recorded in the audit trail, naming the operator and the file, never the key nor the folder', () => {
    const out = join(dir, 'cofre', 'chave do conselho.key');
    mkdirSync(join(dir, 'cofre'));
    expect(run({ CRESS_DESK_KEY_FILE: keyFile }, 'key', 'export', '--out', out).code).toBe(0);
    const testsKey = process.env.CRESS_DESK_KEY_FILE;
    process.env.CRESS_DESK_KEY_FILE = keyFile; // this desk's own key, as its IT would open the store
    let entries: { operator: string; detail: string }[];
    try {
      entries = readRawRows(store, "SELECT operator, detail FROM audit_log WHERE action = 'key.export' ORDER BY id");
    } finally {
      process.env.CRESS_DESK_KEY_FILE = testsKey;
    }
    expect(entries.length).toBeGreaterThan(0);
    const last = entries.at(-1) as { operator: string; detail: string };
    expect(last.operator).toBe('Ana Paula');
    expect(JSON.parse(last.detail)).toEqual({ fileName: 'chave do conselho.key' });
    const hex = readFileSync(keyFile, 'utf8').split('\n')[1] as string;
    expect(last.detail).not.toContain(hex);
    expect(last.detail).not.toContain('cofre');
    expect(run({ CRESS_DESK_KEY_FILE: keyFile }, 'audit', 'verify').code).toBe(0);
  });

  it('a missing or wrong key: exit 3, "Chave do banco ausente ou incorreta", the store untouched, no key made', () => {
    const before = sha256(store);
    const wrong = join(dir, 'wrong.key');
    writeFileSync(wrong, `CRESS Desk store key 1\n${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    for (const key of [join(dir, 'nowhere', 'store.key'), wrong]) {
      const result = run({ CRESS_DESK_KEY_FILE: key }, 'info');
      expect(result.code, key).toBe(3);
      expect(result.stderr).toMatch(/Chave do banco ausente ou incorreta/);
    }
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    expect(sha256(store)).toBe(before);
  });

  it('a backup verifies with the desk’s key; elsewhere it is told the key is wrong, never that it is damaged', () => {
    const backups = join(dir, 'backups');
    mkdirSync(backups);
    expect(run({ CRESS_DESK_KEY_FILE: keyFile }, 'backup', 'create', '--out', backups).code).toBe(0);
    const file = join(backups, readdirSync(backups).find((f) => f.endsWith('.zip')) as string);
    expect(run({ CRESS_DESK_KEY_FILE: keyFile }, 'backup', 'verify', file).code).toBe(0);
    // The backup holds the encrypted database, never the key.
    const hex = readFileSync(keyFile, 'utf8').split('\n')[1] as string;
    expect(readFileSync(file).includes(Buffer.from(hex))).toBe(false);
    expect(readFileSync(file).includes(Buffer.from(hex, 'hex'))).toBe(false);
    // Another desk, with its own key and store.
    const otherStore = join(dir, 'other.sqlite');
    const otherKey = join(dir, 'other.key');
    const other = spawnSync(process.execPath, [CLI_BIN, '--db', otherStore, 'init', '--region', '9', '--operator', 'Bia'], { encoding: 'utf8', env: { ...process.env, CRESS_DESK_KEY_FILE: otherKey } });
    expect(other.status).toBe(0);
    const elsewhere = spawnSync(process.execPath, [CLI_BIN, '--db', otherStore, 'backup', 'verify', file], { encoding: 'utf8', env: { ...process.env, CRESS_DESK_KEY_FILE: otherKey } });
    expect(elsewhere.status).toBe(3);
    expect(elsewhere.stdout + elsewhere.stderr).toMatch(/Chave do banco ausente ou incorreta/);
    expect(elsewhere.stdout + elsewhere.stderr).not.toMatch(/danificad/);
  });
});
