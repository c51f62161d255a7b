// `cress-desk import` of a spreadsheet with a hidden column it reads: the column goes in like the
// others, and the command line says which, in its text and in --json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { openStore } from '../../db';
import { addPeople, PEOPLE } from '../fixtures/imports/people';

const bin = resolve(__dirname, '../../out/cli/cress-desk.cjs');
let dir: string;
let store: string;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, '--db', store, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workbook(name: string, hidden: boolean): string {
  const sheet = XLSX.utils.aoa_to_sheet([
    ['Registro', 'E-mail', 'Motivo'],
    [PEOPLE.ana.registrationNumber, 'ana.nova@exemplo.com.br', 'Pedido da profissional'],
  ]);
  if (hidden) sheet['!cols'] = [{}, { hidden: true }];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Correções');
  const path = join(dir, name);
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return path;
}

beforeAll(() => {
  if (!existsSync(bin)) throw new Error('Build first (npm run build): out/cli/cress-desk.cjs is missing');
  dir = mkdtempSync(join(tmpdir(), 'cress-cli-hidden-'));
  store = join(dir, 'desk.sqlite');
  expect(run('init', '--region', '9', '--operator', 'Ana Souza').code).toBe(0);
  const opened = openStore({ path: store });
  addPeople(opened);
  opened.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cress-desk import of a sheet with a hidden column', () => {
  it('names the hidden column it reads, by letter and header, in the text and in --json', () => {
    const path = workbook('oculta.xlsx', true);
    const text = run('import', 'corrections', path, '--dry-run');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Column B (“E-mail”) is hidden in the spreadsheet and is read like the others.');
    const body = JSON.parse(run('--json', 'import', 'corrections', path, '--dry-run').stdout);
    expect(body.hiddenColumns).toEqual([{ letter: 'B', header: 'E-mail' }]);
  });

  it('says nothing of hidden columns when none is hidden', () => {
    const path = workbook('visivel.xlsx', false);
    expect(run('import', 'corrections', path, '--dry-run').stdout).not.toMatch(/hidden/);
    expect(JSON.parse(run('--json', 'import', 'corrections', path, '--dry-run').stdout)).not.toHaveProperty('hiddenColumns');
  });
});
