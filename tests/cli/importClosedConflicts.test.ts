// A registry load that closes conflicts still open — the main system caught up with the desk's
// correction, or its value now agrees with the record's — says so, in the text and in the JSON
// result, so that conflicts gone from Início are not a mystery. So does a corrections spreadsheet
// that brings a record to the main system's value of a conflict.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validCpf } from '../db/fixtures';
import { cliDesk } from './command';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;E-mail';
const desk = cliDesk('cress-cli-closed-conflicts-', ({ run }) => {
  expect(run('init', '--region', '9', '--operator', 'Ana Souza').code).toBe(0);
});

let files = 0;
function sheet(email: string): string {
  const path = join(desk.dir, `carga-${++files}.csv`);
  writeFileSync(path, [HEADER, `41001;${validCpf(41001)};Joana Lima;Rita Lima;${email}`].join('\r\n'));
  return path;
}

describe('a registry load that closes open conflicts', () => {
  it('says how many it closed, and why', () => {
    const { run } = desk;
    expect(run('import', 'registry', sheet('joana@exemplo.com.br')).code).toBe(0);
    expect(run('correct', '41001', '--field', 'email', '--value', 'joana.lima@gmail.com', '--reason', 'Pedido no balcão', '--evidence', 'RG').code).toBe(0);
    expect(run('import', 'registry', sheet('jlima@uol.com.br')).stdout).toMatch(/1 conflict with the desk's corrections/);

    const caughtUp = sheet('joana.lima@gmail.com');
    const checked = run('import', 'registry', caughtUp, '--dry-run');
    expect(checked.stdout).toMatch(/1 open conflict would be closed: the main system's value now agrees with the desk's, or it left the value in conflict\./);
    const loaded = run('import', 'registry', caughtUp);
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toMatch(/1 open conflict closed: the main system's value now agrees with the desk's, or it left the value in conflict\./);
  });

  it('counts them in the JSON result', () => {
    const { run } = desk;
    expect(run('correct', '41001', '--field', 'email', '--value', 'joana.l@gmail.com', '--reason', 'Pedido no balcão', '--evidence', 'RG').code).toBe(0);
    run('import', 'registry', sheet('jl@uol.com.br'));
    const loaded = desk.json('import', 'registry', sheet('joana.l@gmail.com'));
    expect(loaded.body).toMatchObject({ conflictsClosed: 1 });
  });
});

describe('a corrections import that closes open conflicts', () => {
  it('says how many it closed, in the text and the JSON result', () => {
    const { run } = desk;
    expect(run('correct', '41001', '--field', 'email', '--value', 'joana.m@gmail.com', '--reason', 'Pedido no balcão', '--evidence', 'RG').code).toBe(0);
    expect(run('import', 'registry', sheet('jm@uol.com.br')).stdout).toMatch(/1 conflict with the desk's corrections/);
    const path = join(desk.dir, `correcoes-${++files}.csv`);
    writeFileSync(path, ['Registro;E-mail;Motivo', '41001;jm@uol.com.br;E-mail informado pela profissional'].join('\r\n'));
    expect(run('import', 'corrections', path, '--dry-run').stdout).toMatch(/1 open conflict would be closed: the record would hold the main system's value\./);
    const imported = run('import', 'corrections', path);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/1 open conflict closed: the record now holds the main system's value\./);
    run('import', 'registry', sheet('jm@uol.com.br'));
    expect(run('correct', '41001', '--field', 'email', '--value', 'joana.n@gmail.com', '--reason', 'Pedido no balcão', '--evidence', 'RG').code).toBe(0);
    run('import', 'registry', sheet('jn@uol.com.br'));
    const again = join(desk.dir, `correcoes-${++files}.csv`);
    writeFileSync(again, ['Registro;E-mail;Motivo', '41001;jn@uol.com.br;E-mail informado pela profissional'].join('\r\n'));
    expect(desk.json('import', 'corrections', again).body).toMatchObject({ conflictsClosed: 1 });
  });
});

describe('a correction saved from the command line that closes an open conflict', () => {
  it('says so', () => {
    const { run } = desk;
    expect(run('correct', '41001', '--field', 'email', '--value', 'joana.p@gmail.com', '--reason', 'Pedido no balcão', '--evidence', 'RG').code).toBe(0);
    expect(run('import', 'registry', sheet('jp@uol.com.br')).stdout).toMatch(/1 conflict with the desk's corrections/);
    const saved = run('correct', '41001', '--field', 'email', '--value', 'jp@uol.com.br', '--reason', 'Confirmado com a profissional', '--evidence', 'RG');
    expect(saved.code).toBe(0);
    expect(saved.stdout).toMatch(/1 open conflict closed: the record now holds the main system's value\./);
  });
});

describe('a conflict a correction closed, and the field corrected again from the command line', () => {
  it('is listed open again, with the record’s new value', () => {
    const { run } = desk;
    expect(run('correct', '41001', '--field', 'email', '--value', 'joana.q@gmail.com', '--reason', 'Pedido no balcão', '--evidence', 'RG').code).toBe(0);
    run('import', 'registry', sheet('jq@uol.com.br'));
    expect(run('correct', '41001', '--field', 'email', '--value', 'jq@uol.com.br', '--reason', 'Confirmado com a profissional', '--evidence', 'RG').stdout).toMatch(/1 open conflict closed/);
    expect(run('registry', 'conflicts').stdout).toMatch(/No open conflicts/);
    const again = run('correct', '41001', '--field', 'email', '--value', 'joana.r@gmail.com', '--reason', 'A profissional trocou de e-mail', '--evidence', 'RG');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/1 conflict with the main system open again: the record no longer holds its value/);
    expect(run('registry', 'conflicts').stdout).toMatch(/#\d+ registration 41001 \(Joana Lima\), E-mail: desk “joana.r@gmail.com”, file “jq@uol.com.br”/);
  });

  it('by a corrections import, which says so when checked and when written', () => {
    const { run } = desk;
    expect(run('correct', '41001', '--field', 'email', '--value', 'joana.s@gmail.com', '--reason', 'Pedido no balcão', '--evidence', 'RG').code).toBe(0);
    run('import', 'registry', sheet('js@uol.com.br'));
    expect(run('correct', '41001', '--field', 'email', '--value', 'js@uol.com.br', '--reason', 'Confirmado com a profissional', '--evidence', 'RG').code).toBe(0);
    const path = join(desk.dir, `correcoes-${++files}.csv`);
    writeFileSync(path, ['Registro;E-mail;Motivo', '41001;joana.t@gmail.com;E-mail informado pela profissional'].join('\r\n'));
    expect(run('import', 'corrections', path, '--dry-run').stdout).toMatch(/1 conflict with the main system would be open again: the record would no longer hold its value/);
    expect(run('registry', 'conflicts').stdout).toMatch(/No open conflicts/);
    expect(desk.json('import', 'corrections', path).body).toMatchObject({ conflictsReopened: 1 });
    expect(run('registry', 'conflicts').stdout).toMatch(/desk “joana.t@gmail.com”, file “js@uol.com.br”/);
  });
});
