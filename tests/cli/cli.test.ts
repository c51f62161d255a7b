// The `cress-desk` command as an IT person runs it: the built bundle, a real store file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { cliOn, cliDesk } from './command';
import { openRawStore } from '../rawStore';
import { openStore } from '../../db';

const desk = cliDesk('cress-cli-');
const { run, json } = desk;

describe('cress-desk', () => {
  it('prints usage and exits 2 on a missing or unknown command', () => {
    expect(run().code).toBe(2);
    const unknown = run('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command');
    expect(run('--no-such-flag', 'info').code).toBe(2);
  });

  it('refuses to write before the desk is set up', () => {
    // A store the app created on its first launch, closed before the set-up screen was filled.
    openStore({ path: desk.store, create: true }).close();
    const result = run('demo', '--professionals', '5');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/SETUP_REQUIRED/);
  });

  it('sets up a region, refuses an invalid one and a second set-up', () => {
    expect(run('init', '--region', '42', '--operator', 'Ana').code).toBe(1);
    const init = json('init', '--region', '9', '--operator', 'Ana Souza', '--seccional', 'Campinas');
    expect(init.code).toBe(0);
    expect(init.body).toMatchObject({ region: 9, uf: 'SP', operator: 'Ana Souza', seccional: 'Campinas' });
    expect(run('init', '--region', '7', '--operator', 'Outra').code).toBe(1);
    expect(json('info').body.settings.region).toBe(9);
  });

  it('loads demo data and finds professionals by name, CPF and registration number', () => {
    const demo = json('demo', '--professionals', '300', '--seed', '11');
    expect(demo.body).toMatchObject({ inserted: 300, total: 300 });
    const page = json('registry', 'search', 'a').body;
    expect(page.total).toBeGreaterThan(0);
    expect(page.items[0].cpfMasked).toMatch(/^\*\*\*\.\d{3}\.\d{3}-\*\*$/);
    const someone = json('registry', 'show', page.items[0].registrationNumber).body;
    expect(someone.name).toBe(page.items[0].name);
    const formattedCpf = `${someone.cpf.slice(0, 3)}.${someone.cpf.slice(3, 6)}.${someone.cpf.slice(6, 9)}-${someone.cpf.slice(9)}`;
    expect(json('registry', 'show', formattedCpf).body.id).toBe(someone.id);
    const human = run('registry', 'show', someone.cpf);
    expect(human.stdout).toContain(formattedCpf);
    expect(run('registry', 'show', '123.456.789-00').code).toBe(1);
  });

  it('--page counts pages as the listing prints them: --page 2 is the one printed as page 2', () => {
    const first = run('registry', 'search', 'a');
    expect(first.stdout).toMatch(/ found \(page 1 of \d+\)\.$/m);
    expect(run('registry', 'search', 'a', '--page', '1').stdout).toBe(first.stdout);
    const second = run('registry', 'search', 'a', '--page', '2');
    expect(second.stdout).toMatch(/ found \(page 2 of \d+\)\.$/m);
    const [one, two] = ['1', '2'].map((n) => json('registry', 'search', 'a', '--page', n).body as { total: number; items: { id: number }[] });
    expect(one!.total).toBeGreaterThan(25);
    expect(one!.items).toEqual(json('registry', 'search', 'a').body.items);
    expect(two!.items[0]!.id).not.toBe(one!.items[0]!.id);
    const zero = run('registry', 'search', 'a', '--page', '0');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--page .*from 1/);
  });

  it('corrects an e-mail, refuses a bad one with a message, and lists the queue', () => {
    const target = json('registry', 'search', 'a').body.items.find((p: { dipStatus: string }) => ['none', 'requested'].includes(p.dipStatus));
    const bad = run('correct', target.registrationNumber, '--field', 'email', '--value', 'not-an-email', '--reason', 'Pedido no balcão');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/E-mail inválido/);

    const good = json('correct', target.registrationNumber, '--field', 'email', '--value', 'Nova@Exemplo.com.br', '--reason', 'Pedido no balcão', '--evidence', 'RG');
    expect(good.code).toBe(0);
    expect(good.body.corrections).toHaveLength(1);
    expect(good.body.corrections[0]).toMatchObject({ field: 'email', newValue: 'nova@exemplo.com.br', status: 'pending', source: 'manual' });

    const queue = json('corrections', 'list', '--status', 'pending').body;
    expect(queue.items.some((c: { uuid: string }) => c.uuid === good.body.corrections[0].uuid)).toBe(true);
    expect(json('corrections', 'list', '--status', 'synced').body.total).toBe(0);
  });

  it('applies the mother rule: the flag clears the name, both at once is refused', () => {
    const target = json('registry', 'search', 'a').body.items.find((p: { dipStatus: string }) => ['none', 'requested'].includes(p.dipStatus));
    const flag = json('correct', target.registrationNumber, '--field', 'motherNotListed', '--value', 'sim', '--reason', 'RG sem filiação materna', '--evidence', 'RG');
    expect(flag.code).toBe(0);
    const record = json('registry', 'show', target.registrationNumber).body;
    expect(record).toMatchObject({ motherNotListed: true, motherName: null });
    const clear = run('correct', target.registrationNumber, '--field', 'motherNotListed', '--value', 'não', '--reason', 'Engano anterior', '--evidence', 'RG');
    expect(clear.code).toBe(1);
    expect(clear.stderr).toMatch(/MOTHER_MISSING/);
  });

  it('adds a CEP to the directory and queues it', () => {
    const added = json('cep', 'add', '01310-100', '--street', 'Avenida Paulista', '--district', 'Bela Vista', '--city', 'São Paulo', '--uf', 'SP');
    expect(added.code).toBe(0);
    expect(added.body.entry).toMatchObject({ cep: '01310100', uf: 'SP', status: 'pending' });
    expect(run('cep', 'add', '0131', '--street', 'X', '--district', 'Y', '--city', 'Z', '--uf', 'SP').code).toBe(1);
  });

  it('refuses a CEP whose município is not one of its UF, saying so in Portuguese', () => {
    const refused = run('cep', 'add', '20040-020', '--street', 'Rua da Assembleia', '--district', 'Centro', '--city', 'Campinas', '--uf', 'RJ');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Município “Campinas” não é um município de RJ na lista do IBGE');
    expect(refused.stderr).toContain('CITY_UNKNOWN');
  });

  it('exports the audit trail of a period for the data-protection officer, without personal values', () => {
    const out = join(desk.dir, 'auditoria.xlsx');
    const today = new Date();
    const br = `${String(today.getDate()).padStart(2, '0')}/${String(today.getMonth() + 1).padStart(2, '0')}/${today.getFullYear()}`;
    const exported = json('audit', 'export', '--from', br, '--to', br, '--out', out);
    expect(exported.code).toBe(0);
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(XLSX.read(readFileSync(out)).Sheets.Auditoria as XLSX.WorkSheet);
    expect(rows).toHaveLength(exported.body.entries);
    expect(rows.map((r) => r['Ação'])).toContain('correction.save');
    const correction = rows.find((r) => r['Ação'] === 'correction.save') as Record<string, string>;
    expect(correction.CPF).toMatch(/^\*\*\*\.\d{3}\.\d{3}-\*\*$/);
    expect(JSON.stringify(rows)).not.toContain('nova@exemplo.com.br');
    // Never over a file already there: the command says so and leaves it as it was.
    const again = run('audit', 'export', '--from', br, '--to', br, '--out', out);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Já existe um arquivo auditoria\.xlsx.*\[EXPORT_DESTINATION\]/);
    expect(json('audit', 'export', '--from', '01/01/2020', '--to', '31/12/2020', '--out', join(desk.dir, 'auditoria-2020.xlsx')).body.entries).toBe(0);
    expect(run('audit', 'export', '--from', '31/02/2026', '--to', br, '--out', out).code).toBe(2);
    // The export is a workbook: a name ending in .csv (or none) would hold xlsx bytes under a name that lies.
    for (const name of ['auditoria.csv', 'auditoria']) {
      const misnamed = run('audit', 'export', '--from', br, '--to', br, '--out', join(desk.dir, name));
      expect(misnamed.code).toBe(2);
      expect(misnamed.stderr).toMatch(/--out must end in \.xlsx/);
      expect(existsSync(join(desk.dir, name))).toBe(false);
    }
  });

  it('verifies the audit chain and exits 3 when an entry was tampered with', () => {
    expect(json('audit', 'verify').body.ok).toBe(true);
    const db = openRawStore(desk.store);
    // Someone with the file and a SQLite tool: drop the append-only guards, then rewrite history.
    const guards = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").pluck().all() as string[];
    for (const name of guards) db.exec(`DROP TRIGGER "${name}"`);
    db.exec("UPDATE audit_log SET operator = 'Intrusa' WHERE id = 1");
    db.close();
    const broken = run('audit', 'verify');
    expect(broken.code).toBe(3);
    expect(broken.stdout).toMatch(/BROKEN/);
  });

  it('exits 3 on a file that is not a store', () => {
    const garbage = join(desk.dir, 'garbage.sqlite');
    writeFileSync(garbage, 'this is not a database, just text '.repeat(200));
    const result = cliOn(() => garbage).run('info');
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/STORE_CORRUPT/);
  });
});

describe('cress-desk --json on wrong usage', () => {
  it.each([
    [['registry', 'search', 'a', '--bogus'], /unknown option '--bogus'/],
    [['registry', 'search', 'a', '--page', '0'], /--page counts from 1/],
    [['corrections', 'list', '--status', 'nope'], /--status/],
    [['correct', '1000', '--set', 'email', '--reason', 'r'], /--set expects field=value/],
  ])('%j still prints one JSON document on stdout, the error with code USAGE, and exits 2', (args, message) => {
    const result = run('--json', ...args);
    expect(result.code).toBe(2);
    const body = JSON.parse(result.stdout);
    expect(body.error.code).toBe('USAGE');
    expect(body.error.message).toMatch(message);
  });
});
