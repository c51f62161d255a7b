// Paths the council's IT types that the file system will not take as they are: a name longer than
// it allows (counted in bytes: a "ç" takes two), a path through a file as if it were a folder. The
// store (--db, for init too) and a backup folder (--out) are refused naming the path and what is
// wrong with it, exit 1 — never an internal error in the system's English — and nothing is made.
// An empty file given as the store is said to be empty, never quietly made a new store.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-paths-', (d) => initDesk(d), 60_000);
const LONG = 'ç'.repeat(140); // 280 bytes: past the 255 a name may have

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_BIN, ...args], { encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, out: result.stdout + result.stderr };
}

function refusedPlainly(result: { code: number | null; out: string }, path: string, why: RegExp): void {
  expect(result.code, result.out).toBe(1);
  expect(result.out).toContain(path);
  expect(result.out).toMatch(why);
  expect(result.out).not.toMatch(/INTERNAL|Erro interno|ENAMETOOLONG|EEXIST|ENOTDIR/);
}

describe('a store named by a path the file system does not take', () => {
  it('a name too long is refused as too long, for info and for init, and nothing is made', () => {
    const before = readdirSync(desk.dir);
    for (const path of [join(desk.dir, `${LONG}.sqlite`), join(desk.dir, LONG, 'desk.sqlite')]) {
      refusedPlainly(run('--db', path, 'info'), path, /longo demais/);
      refusedPlainly(run('--db', path, 'init', '--region', '9', '--operator', 'Ana Souza'), path, /longo demais/);
    }
    expect(readdirSync(desk.dir)).toEqual(before);
  });

  it('a path through a file, as if it were a folder, is refused saying so, for init too', () => {
    const file = join(desk.dir, 'anotacoes.txt');
    writeFileSync(file, 'não é uma pasta');
    const path = join(file, 'desk.sqlite');
    refusedPlainly(run('--db', path, 'init', '--region', '9', '--operator', 'Ana Souza'), path, /é um arquivo, não uma pasta/);
    expect(existsSync(file)).toBe(true);
  });
});

describe('a store file that is empty (a copy that failed, a disk that lost it)', () => {
  it('is said to be empty by every command but init, and stays as it was: no new store is made in it behind the clerk’s back', () => {
    const empty = join(desk.dir, 'vazio.sqlite');
    writeFileSync(empty, '');
    for (const args of [['info'], ['registry', 'search', 'maria'], ['backup', 'create', '--out', desk.dir]]) {
      const result = run('--db', empty, ...args);
      expect(result.code, `${args.join(' ')}: ${result.out}`).toBe(1);
      expect(result.out).toContain(`"${empty}" está vazio`);
      expect(statSync(empty).size).toBe(0);
    }
    expect(run('--db', empty, 'init', '--region', '9', '--operator', 'Ana Souza').code).toBe(0);
    expect(run('--db', empty, 'info').code).toBe(0);
  });
});

describe('a backup folder the file system does not take', () => {
  it('a name too long is refused as too long, and nothing is written', () => {
    const folder = join(desk.dir, LONG);
    const before = readdirSync(desk.dir);
    refusedPlainly(run('--db', desk.store, 'backup', 'create', '--out', folder), folder, /longo demais/);
    const key = join(desk.dir, `${LONG}.key`);
    refusedPlainly(run('--db', desk.store, 'key', 'export', '--out', key), key, /longo demais/);
    expect(readdirSync(desk.dir)).toEqual(before);
  });
});

describe('a store reached through a symbolic link (kept on another disk)', () => {
  it('is restored in its real place: the link stays a link, the copy kept aside is the old file beside it', (context) => {
    if (process.platform === 'win32') return context.skip('symbolic links need privileges on Windows');
    const backups = join(desk.dir, 'copias');
    mkdirSync(backups);
    const made = run('--db', desk.store, '--json', 'backup', 'create', '--out', backups);
    expect(made.code, made.out).toBe(0);
    const file = (JSON.parse(made.out) as { file: string }).file;
    expect(run('--db', desk.store, 'demo', '--professionals', '7').code).toBe(0);
    const link = join(desk.dir, 'atalho.sqlite');
    symlinkSync(desk.store, link);
    const restored = run('--db', link, 'backup', 'restore', file, '--yes');
    expect(restored.code, restored.out).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(desk.dir).filter((name) => name.includes('before-restore'))).toEqual([expect.stringMatching(/^desk\.before-restore-/)]);
    // The real file holds the backup's data, read the same through the link or directly.
    const direct = run('--db', desk.store, 'info');
    expect(direct.out).toMatch(/Professionals: 0/);
    expect(run('--db', link, 'info').out).toMatch(/Professionals: 0/);
  });
});
