// `cress-desk import … --report OUT.xlsx` when the report cannot go where it was asked: refused
// before anything is written when its place cannot take a file (naming the path, never an internal
// error), and, when the report still cannot be saved after the import was written, the import's
// summary with a warning saying so — a retry then names --force, the command line's way to repeat.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { openStore } from '../../db';
import { addPeople } from '../fixtures/imports/people';
import { CLI_BIN, cliDesk, initDesk, type CliResult } from './command';
import { canMountTmpfs, onFullDisk } from './processes';

const desk = cliDesk('cress-cli-import-report-', (d) => {
  initDesk(d);
  const store = openStore({ path: d.store });
  addPeople(store);
  store.close();
});

let files = 0;
/** A corrections file of its own (no two tests import the same file): one row goes in (Ana's e-mail), one is rejected. */
function correctionsFile(): string {
  files++;
  const path = join(desk.dir, `correcoes-${files}.csv`);
  writeFileSync(path, `Registro;E-mail;Motivo\r\n10001;ana.${files}@exemplo.com.br;Pedido da profissional\r\n10006;ruim;Pedido da profissional\r\n`);
  return path;
}

const queued = () => desk.json('corrections', 'list').body.total as number;

function expectRefusedUpFront(result: CliResult, path: string, problem: RegExp): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(path);
  expect(result.stderr).toMatch(problem);
  expect(result.stderr).toMatch(/Nada foi gravado\. \[EXPORT_DESTINATION\]/);
  expect(result.stderr).not.toMatch(/INTERNAL|Erro interno/);
}

/** The summary of an import that was written, with the warning that its report was not saved at `path`. */
function expectWrittenWithWarning(result: CliResult, path: string): void {
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^Imported: correcoes-\d+\.csv, sheet .* 2 rows: 1 accepted, 0 unchanged, 1 rejected\./);
  expect(result.stdout).toMatch(/1 correction queued for Implanta \(import \d+\)\./);
  expect(result.stdout).toMatch(/row 3, E-mail: .*\[EMAIL_INVALID\]/);
  expect(result.stdout).not.toMatch(/Error report:/);
  expect(result.stderr).toMatch(/^cress-desk: warning: O relatório de erros não pôde ser salvo em /);
  expect(result.stderr).toContain(path);
  expect(result.stderr).toMatch(/A importação nº \d+ foi gravada/);
  expect(result.stderr).not.toMatch(/INTERNAL|Erro interno|Nada foi gravado/);
}

describe('cress-desk import --report where the report cannot go', () => {
  it('refuses a report in a folder that does not exist before importing anything; with a good path the same file then goes in', () => {
    const file = correctionsFile();
    const before = queued();
    const missing = join(desk.dir, 'semPasta', 'relatorio.xlsx');
    expectRefusedUpFront(desk.run('import', 'corrections', file, '--report', missing), missing, /a pasta .*semPasta não existe/);
    expect(queued()).toBe(before);
    expect(readdirSync(desk.dir)).not.toContain('semPasta');

    const report = join(desk.dir, 'relatorio.xlsx');
    const retried = desk.run('import', 'corrections', file, '--report', report);
    expect(retried.code).toBe(1); // a row was rejected
    expect(retried.stdout).toMatch(/1 accepted, 0 unchanged, 1 rejected/);
    expect(retried.stdout).toContain(`Error report: ${report}`);
    expect(retried.stderr).toBe('');
    expect(queued()).toBe(before + 1);
  });

  it('refuses a report whose path is a folder, or whose folder is a file, before importing anything', () => {
    const file = correctionsFile();
    const before = queued();
    mkdirSync(join(desk.dir, 'pasta.xlsx'));
    writeFileSync(join(desk.dir, 'notas.txt'), 'não é uma pasta');
    expectRefusedUpFront(desk.run('import', 'corrections', file, '--report', join(desk.dir, 'pasta.xlsx')), join(desk.dir, 'pasta.xlsx'), /é uma pasta/);
    const underFile = join(desk.dir, 'notas.txt', 'relatorio.xlsx');
    expectRefusedUpFront(desk.run('import', 'corrections', file, '--report', underFile), underFile, /notas\.txt não é uma pasta/);
    expect(queued()).toBe(before);
  });

  it('refuses a report in a folder that cannot be written to (a read-only disk) before importing anything', (context) => {
    const folder = join(desk.dir, 'somenteLeitura');
    mkdirSync(folder);
    context.skip(!canMountTmpfs(folder), 'mount namespaces (unshare -m) are not allowed here: no read-only disk to mount.');
    const file = correctionsFile();
    const before = queued();
    const report = join(folder, 'relatorio.xlsx');
    const script = 'mount -t tmpfs -o ro,size=64k tmpfs "$FOLDER" || exit 99; "$NODE" "$CLI" --db "$STORE" import corrections "$FILE" --report "$REPORT"';
    const outcome = spawnSync('unshare', ['-m', 'sh', '-c', script], {
      encoding: 'utf8',
      env: { ...process.env, FOLDER: folder, NODE: process.execPath, CLI: CLI_BIN, STORE: desk.store, FILE: file, REPORT: report },
    });
    expectRefusedUpFront({ code: outcome.status, stdout: outcome.stdout, stderr: outcome.stderr }, report, /somenteLeitura não permite gravar arquivos \(EROFS\)/);
    expect(queued()).toBe(before);
  });
});

describe('cress-desk import --report when the report still cannot be saved', () => {
  it('prints the summary of the import written and a warning naming where the report was to go; the same file again names --force', () => {
    const file = correctionsFile();
    const before = queued();
    // A name longer than the file system takes: found only when the report is written, after the import.
    const report = join(desk.dir, `${'relatorio-'.repeat(30)}.xlsx`);
    expectWrittenWithWarning(desk.run('import', 'corrections', file, '--report', report), report);
    expect(queued()).toBe(before + 1);
    expect(readdirSync(desk.dir).filter((name) => name.endsWith('.partial'))).toEqual([]);

    const again = desk.run('import', 'corrections', file, '--report', join(desk.dir, 'outro.xlsx'));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/já foi importada em .* \(importação nº \d+\)\. Para importá-la de novo, repita o comando com --force\. \[IMPORT_REPEATED\]/);
    expect(again.stderr).not.toMatch(/confirme a repetição/);
    expect(queued()).toBe(before + 1);
  });

  it('with --json adds reportWarning to the document', () => {
    const report = join(desk.dir, `${'erros-'.repeat(50)}.xlsx`);
    const result = desk.run('--json', 'import', 'corrections', correctionsFile(), '--report', report);
    expect(result.code).toBe(1);
    const body = JSON.parse(result.stdout);
    expect(body).toMatchObject({ accepted: 1, rejected: 1, reportWarning: expect.stringContaining(report) });
    expect(result.stderr).toContain('warning:');
  });

  it('on a full disk: the import written, the warning naming the report’s path', (context) => {
    const folder = join(desk.dir, 'cheio');
    mkdirSync(folder);
    context.skip(!canMountTmpfs(folder), 'mount namespaces (unshare -m) are not allowed here: no small disk to fill.');
    const before = queued();
    const outcome = onFullDisk(folder, '1m', 0, 'true', '"$NODE" "$CLI" --db "$STORE" import corrections "$FILE" --report "$FOLDER/relatorio.xlsx"', {
      STORE: desk.store,
      FILE: correctionsFile(),
    });
    expectWrittenWithWarning(outcome, join(folder, 'relatorio.xlsx'));
    expect(outcome.stderr).toMatch(/ENOSPC/);
    expect(queued()).toBe(before + 1);
  });
});

describe('cress-desk import --report with a row refused and a row written with a warning', () => {
  it('says how many rows went in with a warning, and the report tells the rows apart in as many', () => {
    files++;
    const file = join(desk.dir, `avisos-${files}.csv`);
    // Bruna gets Gabriela's e-mail (a warning: it goes in); 10006 an e-mail that is no e-mail (refused).
    writeFileSync(file, `Registro;E-mail;Motivo\r\n10002;gabriela.martins@gmail.com;Pedido da profissional\r\n10006;ruim;Pedido da profissional\r\n`);
    const report = join(desk.dir, `avisos-${files}.xlsx`);
    const result = desk.run('import', 'corrections', file, '--report', report);
    expect(result.stdout).toMatch(/2 rows: 1 accepted \(1 with a warning\), 0 unchanged, 1 rejected\./);
    expect(result.stdout).toMatch(/row 2, E-mail: .*\[EMAIL_SHARED\] \(warning: the row went in\)/);
    expect(result.stdout).toMatch(/Error report: .*avisos-\d+\.xlsx \(1 row refused, 1 with a warning\)/);
    const book = XLSX.read(readFileSync(report), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1, defval: '' });
    const situation = (rows[0] as string[]).indexOf('Situação da linha');
    expect(rows.slice(1).map((r) => r[situation])).toEqual(['importada com aviso', 'recusada']);
  });
});

describe('cress-desk import of a row with a warning the correction form gives', () => {
  it('marks it as gone in on the terminal, as a shared e-mail is', () => {
    files++;
    const file = join(desk.dir, `aviso-formulario-${files}.csv`);
    writeFileSync(file, `Registro;E-mail;Motivo\r\n10003;carla.${files}@gmial.com;Pedido da profissional\r\n`);
    const result = desk.run('import', 'corrections', file, '--dry-run');
    expect(result.stdout).toMatch(/row 2, E-mail: .*\[EMAIL_TYPO\] \(warning: the row goes in\)/);
  });
});

describe('cress-desk import of a file of many wrong rows', () => {
  it('lists the first problems as the app does and says how many more the report holds', () => {
    files++;
    const file = join(desk.dir, `muitos-erros-${files}.csv`);
    const rows = Array.from({ length: 2050 }, (_, i) => `${90000 + i};x${i}@exemplo.com.br;Pedido`);
    writeFileSync(file, `Registro;E-mail;Motivo\r\n${rows.join('\r\n')}\r\n`);
    const result = desk.run('import', 'corrections', file, '--dry-run');
    expect(result.stdout.match(/^ {2}row \d+, /gm)).toHaveLength(2000);
    expect(result.stdout).toContain('  … 50 more problems not listed: --report FILE.xlsx lists every row.');
    const json = desk.json('import', 'corrections', file, '--dry-run');
    expect(json.body).toMatchObject({ rows: 2050, rejected: 2050, errorsTotal: 2050 });
    expect(json.body.errors).toHaveLength(2000);
  });
});

describe('cress-desk --json import with a row written with a warning', () => {
  it('counts the rows that went in with a warning as the plain summary does', () => {
    files++;
    const file = join(desk.dir, `avisos-json-${files}.csv`);
    // Helena gets Gabriela's e-mail (a warning: it goes in); 10006 an e-mail that is no e-mail (refused).
    writeFileSync(file, `Registro;E-mail;Motivo\r\n10008;gabriela.martins@gmail.com;Pedido da profissional\r\n10006;ruim;Pedido da profissional\r\n`);
    const result = desk.json('import', 'corrections', file, '--dry-run');
    expect(result.code).toBe(1);
    expect(result.body).toMatchObject({ rows: 2, accepted: 1, warned: 1, rejected: 1 });
    expect(result.body.errors.map((e: { code: string }) => e.code).sort()).toEqual(['EMAIL_INVALID', 'EMAIL_SHARED']);
  });
});

describe('cress-desk import of identification data without a document column', () => {
  it('tells to add the column to the sheet, never to associate one in a step the command line does not have', () => {
    files++;
    const file = join(desk.dir, `nome-sem-documento-${files}.csv`);
    writeFileSync(file, `Registro;Nome;Motivo\r\n10001;Ana Paula Ferreira Souza;Certidão de casamento\r\n`);
    const result = desk.run('import', 'corrections', file, '--dry-run');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/row 2: .*\[EVIDENCE_REQUIRED\]/);
    expect(result.stdout).toMatch(/Acrescente à planilha a coluna “Documento comprobatório” \(ou “Documento”, “Comprovante”\)/);
    expect(result.stdout).not.toMatch(/Associe/);
  });
});
