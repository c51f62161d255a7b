// `cress-desk import` as an IT person runs it: the built command, a real store, the fixture files.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { openStore } from '../../db';
import { addPeople } from '../fixtures/imports/people';
import { fixture } from '../fixtures/imports/jobs';
import { buildZip } from '../fixtures/imports/zipWriter';

const bin = resolve(__dirname, '../../out/cli/cress-desk.cjs');
let dir: string;
let store: string;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, '--db', store, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  if (!existsSync(bin)) throw new Error('Build first (npm run build): out/cli/cress-desk.cjs is missing');
  dir = mkdtempSync(join(tmpdir(), 'cress-cli-import-'));
  store = join(dir, 'desk.sqlite');
  expect(run('init', '--region', '9', '--operator', 'Ana Souza').code).toBe(0);
  const opened = openStore({ path: store });
  addPeople(opened);
  opened.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cress-desk import', () => {
  it('prints exactly {file, sha256, kind, rows, accepted, warned, unchanged, rejected, unread, flagged, kept, conflicts, errors, errorsTotal, dipRows} and exits 1 when a row was rejected', () => {
    const result = run('--json', 'import', 'corrections', fixture('corrections.xlsx'), '--dry-run');
    expect(result.code).toBe(1);
    const body = JSON.parse(result.stdout);
    expect(Object.keys(body)).toEqual(['file', 'sha256', 'kind', 'rows', 'accepted', 'warned', 'unchanged', 'rejected', 'unread', 'flagged', 'kept', 'conflicts', 'errors', 'errorsTotal', 'dipRows']);
    expect(body).toMatchObject({ file: 'corrections.xlsx', kind: 'corrections', rows: 19, accepted: 8, warned: 0, unchanged: 1, rejected: 10, flagged: 0, kept: 0, conflicts: [] });
    expect(body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(body.errors).toHaveLength(10);
    expect(Object.keys(body.errors[0])).toEqual(['row', 'column', 'code', 'message']);
    expect(body.errors[0]).toMatchObject({ row: 8, column: 'E-mail', code: 'DUPLICATE_CONFLICT' });
    // A dry run wrote nothing.
    expect(JSON.parse(run('--json', 'corrections', 'list').stdout).total).toBe(0);
    expect(result.stderr).toBe(''); // no progress on stderr when it is not a terminal
  });

  it('with --all-or-nothing writes nothing while a row is rejected', () => {
    const result = run('import', 'corrections', fixture('corrections.csv'), '--all-or-nothing');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Nothing written/);
    expect(JSON.parse(run('--json', 'corrections', 'list').stdout).total).toBe(0);
  });

  it('refuses an error report not named .xlsx before importing anything', () => {
    const result = run('import', 'corrections', fixture('corrections.csv'), '--report', join(dir, 'erros.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/planilha \.xlsx.*erros\.csv.*Nada foi importado/);
    expect(existsSync(join(dir, 'erros.csv'))).toBe(false);
    expect(JSON.parse(run('--json', 'corrections', 'list').stdout).total).toBe(0);
  });

  it('writes once the rows touching a DIP are accepted, saves the error report, refuses the same file again unless --force', () => {
    const report = join(dir, 'erros.xlsx');
    // Two rows touch a DIP: refused, nothing written, until the clerk says she read them.
    const unconfirmed = run('import', 'corrections', fixture('corrections.ods'));
    expect(unconfirmed.code).not.toBe(0);
    expect(unconfirmed.stderr).toMatch(/--accept-dip confirma\)\. Nada foi gravado\. \[DIP_CONFIRMATION_REQUIRED\]/);
    // The message names a row it found, so the clerk knows where to look.
    expect(unconfirmed.stderr).toMatch(/cartão em confecção \(linhas? \d+(, \d+)*\): confira/);
    expect(JSON.parse(run('--json', 'corrections', 'list').stdout).total).toBe(0);
    const looked = run('import', 'corrections', fixture('corrections.ods'), '--dry-run');
    expect(looked.stdout).toMatch(/row \d+: .+ \(registro \d+\)/);
    const lookedJson = JSON.parse(run('--json', 'import', 'corrections', fixture('corrections.ods'), '--dry-run').stdout);
    expect(lookedJson.dipRows).toEqual([expect.objectContaining({ row: expect.any(Number), who: expect.stringMatching(/\(registro \d+\)/), consequence: expect.any(String) }), expect.anything()]);

    const first = run('import', 'corrections', fixture('corrections.ods'), '--report', report, '--accept-dip');
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/8 accepted, 1 unchanged, 10 rejected/);
    expect(first.stdout).toMatch(/10 corrections queued/);
    expect(first.stdout).toMatch(/row 8, E-mail: .* \[DUPLICATE_CONFLICT\]/);
    const book = XLSX.read(readFileSync(report), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1 });
    expect(rows).toHaveLength(11);
    expect(rows[0]?.at(-2)).toBe('Erros');

    const again = run('import', 'corrections', fixture('corrections.ods'));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/já foi importada em .* \(importação nº \d+\).*\[IMPORT_REPEATED\]/);
    const forced = run('--json', 'import', 'corrections', fixture('corrections.ods'), '--force', '--accept-dip');
    expect(JSON.parse(forced.stdout)).toMatchObject({ accepted: 0, unchanged: 9, rejected: 10 });
  });

  it('a dry run of a file already imported asks for --force only when it was not given', () => {
    const plain = run('import', 'corrections', fixture('corrections.ods'), '--dry-run');
    expect(plain.stdout).toMatch(/This file was already imported \(import \d+\); writing it again needs --force\./);
    const forced = run('import', 'corrections', fixture('corrections.ods'), '--dry-run', '--force');
    expect(forced.stdout).toMatch(/This file was already imported \(import \d+\); with --force it is written again\./);
    expect(forced.stdout).not.toMatch(/needs --force/);
  });

  it('reads the sheet named by --sheet and exits 0 when every row went in', () => {
    const result = run('--json', 'import', 'corrections', fixture('workbook.xlsx'), '--sheet', 'Correções', '--dry-run');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rows: 3, rejected: 0, errors: [] });
    expect(run('import', 'corrections', fixture('workbook.xlsx'), '--sheet', 'Maio').stderr).toMatch(/SHEET_NOT_FOUND/);
  });

  it('names a failed formula in a cell by its row, column and error, instead of judging it as a name', () => {
    const path = join(dir, 'formula.csv');
    writeFileSync(path, 'Registro;Nome da mãe;Motivo\r\n10001;#DIV/0!;Certidão de nascimento apresentada\r\n');
    const result = run('import', 'corrections', path, '--dry-run');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/row 2, Nome da mãe: A célula mostra o erro #DIV\/0!, de uma fórmula sem resultado.* \[VALUE_INVALID\]/);
    expect(result.stdout).not.toMatch(/apenas letras/);
  });

  it('imports a registry load and a CEP directory', () => {
    expect(JSON.parse(run('--json', 'import', 'registry', fixture('registry.xlsx')).stdout)).toMatchObject({ kind: 'registry', accepted: 6, rejected: 1, flagged: 4 });
    expect(JSON.parse(run('--json', 'import', 'cep', fixture('ceps.csv')).stdout)).toMatchObject({ kind: 'cep', accepted: 2, unchanged: 1, rejected: 5 });
  });

  it('follows a CPF changed earlier in the same file (the writing runs in its own thread)', () => {
    const file = join(dir, 'cpf.csv');
    // Row 2 corrects Gabriela's CPF by her registration; row 3 finds her by the new one; row 4 by the
    // old one too (as a later file would), and gives her e-mail another value than row 3: a repeat.
    // A CPF is identification data: its row names the document seen.
    writeFileSync(
      file,
      'Registro;CPF;E-mail;Documento comprobatório\r\n10007;16180339805;;CPF apresentado\r\n;16180339805;gabi@exemplo.com.br;\r\n;27182818205;velho@exemplo.com.br;\r\n',
    );
    const result = JSON.parse(run('--json', 'import', 'corrections', file).stdout);
    expect(result).toMatchObject({ rows: 3, accepted: 2, rejected: 1, errors: [{ row: 4, code: 'DUPLICATE_CONFLICT' }] });
    expect(result.errors[0].message).toContain('já aparece na linha 3 desta planilha');
    expect(JSON.parse(run('--json', 'registry', 'show', '16180339805').stdout)).toMatchObject({ registrationNumber: '10007', email: 'gabi@exemplo.com.br' });
  });

  it('exits 3 for a file that is unreadable or unsafe, with the reason', () => {
    const bomb = join(dir, 'bomba.xlsx');
    writeFileSync(bomb, buildZip([{ name: 'xl/workbook.xml', data: '<workbook/>' }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(80 * 1024 * 1024) }]));
    const unsafe = run('import', 'corrections', bomb);
    expect(unsafe.code).toBe(3);
    expect(unsafe.stderr).toMatch(/bomba zip.*\[FILE_UNSAFE\]/);
    const empty = join(dir, 'vazia.csv');
    writeFileSync(empty, '');
    expect(run('import', 'corrections', empty)).toMatchObject({ code: 3, stderr: expect.stringMatching(/vazio.*\[FILE_UNREADABLE\]/) });
    const text = join(dir, 'texto.xlsx');
    writeFileSync(text, 'CPF;E-mail\n52998224725;maria@exemplo.com.br\n');
    expect(run('import', 'corrections', text)).toMatchObject({ code: 3, stderr: expect.stringMatching(/texto\.xlsx não é uma planilha: parece ser texto.*\[FILE_UNREADABLE\]/) });
  });

  it('exits 1 for a file that does not exist, saying "Arquivo não encontrado" with its path', () => {
    const missing = join(dir, 'nao-existe.xlsx');
    const refused = run('import', 'corrections', missing);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`Arquivo não encontrado: ${missing}`);
    const asJson = run('--json', 'import', 'cep', missing);
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ error: { code: 'FILE_NOT_FOUND' } });
  });

  it('exits 2 on wrong usage', () => {
    expect(run('import').code).toBe(2);
    expect(run('import', 'pessoas', fixture('ceps.csv')).code).toBe(2);
    expect(run('import', 'cep').code).toBe(2);
  });
});
