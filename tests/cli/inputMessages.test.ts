// What the command says when its input is refused: the option or argument as the command takes it,
// what it should hold and where to find or set it, never the contract's inner field name.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-ranges-', (d) => initDesk(d, { professionals: 5, seed: 2 }));
const { run } = desk;

describe('number options out of range', () => {
  it.each([
    [['contact', 'settings', '--overdue-days', '0'], '--overdue-days', '1 a 60'],
    [['contact', 'settings', '--overdue-days', '61'], '--overdue-days', '1 a 60'],
    [['batch', 'mark-sent', '2026-0001', '--overdue-hours', '0'], '--overdue-hours', '1 a 8.760'],
    [['batch', 'mark-sent', '2026-0001', '--overdue-hours', '8761'], '--overdue-hours', 'de 1 a 8.760 (recebido: 8761)'],
    [['batch', 'mark-sent', '2026-0001', '--overdue-hours', '-5'], '--overdue-hours', 'de 1 a 8.760 (recebido: -5)'],
    [['demo', '--professionals', '0'], '--professionals', '1 a 500.000'],
    [['init', '--region', '42', '--operator', 'Outra'], '--region', '1 a 27'],
  ])('%j is refused naming the option and its range', (args, option, range) => {
    const result = run(...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(option);
    expect(result.stderr).toContain(range);
    expect(result.stderr).not.toMatch(/Dados inválidos|overdueDays|overdueHours|Pequeno demais|Grande demais/);
  });
});

describe('arguments the store would refuse by an inner field name', () => {
  it.each([
    [['corrections', 'cancel', 'abc', '--reason', 'Digitado errado'], /corrections list/],
    [['corrections', 'dismiss', 'abc', '--reason', 'Digitado errado'], /corrections list/],
    [['operator', 'add', 'X'], /operador.*2 a 80 caracteres/],
    [['init', '--region', '9', '--operator', 'X'], /operador.*2 a 80 caracteres/],
  ])('%j says what to give instead', (args, says) => {
    const result = run(...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).not.toMatch(/Dados inválidos|uuid:|name:|Pequeno demais/);
  });
});

describe('contact forward before the support address is set', () => {
  it('says which command sets it, beside the screen of the app', () => {
    const opened = run('contact', 'add', '1001', '--channel', 'phone', '--case', 'F', '--summary', 'Não consegue entrar na plataforma');
    expect(opened.code).toBe(0);
    const result = run('contact', 'forward', '1', '--out', desk.dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('contact settings --implanta-email');
  });
});

describe('quality with a code that does not exist', () => {
  it.each([['scan'], ['export', '--out', 'pendencias.xlsx']])('quality %s refuses it as wrong usage instead of finding nothing', (...args) => {
    const result = run('quality', ...args.map((a) => (a === 'pendencias.xlsx' ? `${desk.dir}/pendencias.xlsx` : a)), '--code', 'EMAIL_TIPO');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/EMAIL_TIPO.*EMAIL_TYPO/s);
  });
});

describe('a field name the catalogue does not have', () => {
  it.each([
    [['correct', '1000', '--field', 'emial', '--value', 'x@gmail.com', '--reason', 'Pedido'], '--field emial'],
    [['correct', '1000', '--set', 'emial=x@gmail.com', '--reason', 'Pedido'], '--set emial'],
    [['corrections', 'list', '--field', 'emial'], '--field emial'],
  ])('%j is refused naming the option and the fields it takes', (args, option) => {
    const result = run(...args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(option);
    expect(result.stderr).toMatch(/cpf, name, socialName, motherName.*, uf\b/);
    expect(result.stderr).toContain('[FIELD_UNKNOWN]');
  });
});

describe('a period that ends before it starts', () => {
  it('audit export names --from and --to with the days given, and writes nothing', () => {
    const result = run('audit', 'export', '--from', '31/12/2026', '--to', '01/01/2026', '--out', `${desk.dir}/periodo.xlsx`);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/--from 31\/12\/2026 .*--to 01\/01\/2026/);
    expect(result.stderr).toContain('[DATE_INVALID]');
  });
});

describe('what the window would set, asked of the command line', () => {
  it('a second init says how the command line adds an operator, not only the window’s Configurações', () => {
    const result = run('init', '--region', '9', '--operator', 'Outra Pessoa');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('[ALREADY_SET_UP]');
    expect(result.stderr).toMatch(/cress-desk operator add/);
  });
});

describe('a CEP of a whole município (no street)', () => {
  it('is told without an empty place where the street would be', () => {
    const added = run('cep', 'add', '01310100', '--street', '', '--district', 'Centro', '--city', 'São Paulo', '--uf', 'SP');
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^Added CEP 01310-100: Centro, São Paulo\/SP — queued for Implanta\.$/m);
  });
});

describe('a sending date the lote cannot have', () => {
  it('batch mark-sent --at in the future or before the seal is refused naming --at and the date given', () => {
    const someone = desk.json('registry', 'search', '').body.items[1].registrationNumber as string;
    expect(run('correct', someone, '--field', 'email', '--value', 'envio.lote@gmail.com', '--reason', 'Pedido').code).toBe(0);
    const created = desk.json('batch', 'create').body as { number: string };
    expect(run('batch', 'seal', created.number).code).toBe(0);
    expect(run('batch', 'export', created.number, '--out', desk.dir).code).toBe(0);
    for (const at of ['01/01/2099 10:00', '01/01/2020 10:00']) {
      const refused = run('batch', 'mark-sent', created.number, '--at', at);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`--at ${at}`);
      expect(refused.stderr).toContain('[DATE_INVALID]');
    }
    // An hour or a minute no clock shows is not taken for a time of the next day.
    for (const at of ['01/01/2026 25:00', '01/01/2026 10:75']) {
      const refused = run('batch', 'mark-sent', created.number, '--at', at);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`--at ${at}`);
      expect(refused.stderr).toContain('hora inválida');
      expect(refused.stderr).not.toMatch(/futuro|anterior/);
    }
    expect(desk.json('batch', 'list').body.items.find((b: { number: string }) => b.number === created.number).state).toBe('exported');
  });
});

describe('typed text longer than the store keeps', () => {
  const long = (n: number) => 'x'.repeat(n);
  it.each([
    [['correct', '1000', '--field', 'name', '--value', 'Aline Barbosa dos Santos Silva', '--reason', 'Certidão de casamento', '--evidence', long(81)], '--evidence', 'no máximo 80 caracteres (tem 81)'],
    [['correct', '1000', '--field', 'email', '--value', 'aline@gmail.com', '--reason', long(501)], '--reason', 'no máximo 500 caracteres (tem 501)'],
    [['cep', 'add', '01310-100', '--street', long(121), '--district', 'Bela Vista', '--city', 'São Paulo', '--uf', 'SP'], '--street', 'no máximo 120 caracteres'],
    [['contact', 'add', '1001', '--channel', 'phone', '--case', 'F', '--summary', 'Não consegue entrar', '--name', long(201)], '--name', 'no máximo 200 caracteres'],
    [['contact', 'settings', '--implanta-email', `${long(260)}@implanta.net.br`], '--implanta-email', 'no máximo 254 caracteres'],
    [['contact', 'add', '1001', '--channel', 'phone', '--case', 'F', '--summary', long(4001)], '--summary', 'no máximo 4.000 caracteres (tem 4.001)'],
    [['init', '--region', '9', '--operator', 'Outra Pessoa', '--seccional', long(81)], '--seccional', 'no máximo 80 caracteres (tem 81)'],
    [['dip', 'arrive', '1001', '--item', 'photo', '--date', '01/01/2026 (ontem)', '--way', 'post'], '--date', 'no máximo 10 caracteres'],
  ])('%j is refused naming the option and its limit, and nothing is saved', (args, option, limit) => {
    const before = run('corrections', 'list').stdout;
    const result = run(...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${option}: ${limit}`);
    expect(result.stderr).not.toMatch(/Dados inválidos|evidence\.kind|(?<!-)\b(reason|street|name|implantaEmail):|Grande demais/);
    expect(run('corrections', 'list').stdout).toBe(before);
  });

  it('--json carries the same message', () => {
    const result = desk.json('correct', '1000', '--field', 'name', '--value', 'Aline Barbosa dos Santos Silva', '--reason', 'Certidão de casamento', '--evidence', long(90));
    expect(result.code).toBe(1);
    expect(result.body.error.message).toBe('--evidence: no máximo 80 caracteres (tem 90).');
  });
});

describe('a CEP typed with 7 digits', () => {
  it.each([
    [['cep', 'add', '1310100', '--street', 'Avenida Paulista', '--district', 'Bela Vista', '--city', 'São Paulo', '--uf', 'SP'], 'CEP'],
    [['cep', 'add', '0131010', '--street', 'Avenida Paulista', '--district', 'Bela Vista', '--city', 'São Paulo', '--uf', 'SP'], 'CEP'],
    [['correct', '1000', '--set', 'cep=1310100', '--reason', 'Mudou de endereço'], '--set cep'],
    [['correct', '1000', '--field', 'cep', '--value', '0131010', '--reason', 'Mudou de endereço'], '--field cep'],
  ])('%j is refused saying a CEP has 8 digits, in the format 00000-000, and nothing is saved', (args, named) => {
    const before = [run('corrections', 'list').stdout, run('registry', 'show', '1000').stdout];
    const result = run(...args);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(named);
    expect(result.stderr).toContain('8 dígitos');
    expect(result.stderr).toContain('00000-000');
    expect(result.stderr).not.toContain('nenhum CEP começa com 00');
    expect([run('corrections', 'list').stdout, run('registry', 'show', '1000').stdout]).toEqual(before);
  });
});

describe('an empty global option', () => {
  it.each([
    [['--db', '', 'info'], '--db'],
    [['--db', ' ', 'init', '--region', '9', '--operator', 'Ana Souza'], '--db'],
    [['--operator', '', 'correct', '1000', '--field', 'email', '--value', 'vazio@gmail.com', '--reason', 'Pedido da profissional'], '--operator'],
  ])('%j is wrong usage, and no store (the default one neither) is opened or written', (args, option) => {
    const home = mkdtempSync(join(desk.dir, 'home-'));
    const before = run('corrections', 'list').stdout;
    const result = spawnSync(process.execPath, [CLI_BIN, ...args], { encoding: 'utf8', cwd: home, env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), CRESS_DESK_DB: desk.store } });
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain(`${option} must not be empty`);
    expect(readdirSync(home)).toEqual([]);
    expect(run('corrections', 'list').stdout).toBe(before);
  });
});

describe('a number too large to be any page or id', () => {
  const huge = '99999999999999999999';
  it.each([
    [['corrections', 'list', '--page', huge], '--page'],
    [['registry', 'search', 'a', '--page', huge], '--page'],
    [['registry', 'resolve', huge, '--keep', '--reason', 'Conferido no documento'], 'conflict ID'],
    [['contact', 'attachment', huge, '--out', 'anexo.png'], 'ATTACHMENT'],
  ])('%j is wrong usage naming what was given, not an inner field', (args, named) => {
    const result = run(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(named);
    expect(result.stderr).not.toMatch(/Dados inválidos|attachmentId|Grande demais/);
  });
});

describe('a value with a line break, echoed in a refusal', () => {
  it.each([[['registry', 'show', '1000\nDados conferidos']], [['batch', 'seal', '2026-0009\r\nLote lacrado']]])('%j is refused on one line, with its code', (args) => {
    const result = run(...args);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split(/\r?\n|\r/)).toEqual([expect.stringMatching(/^cress-desk: .*↵.*\[[A-Z_]+\]$/)]);
  });
});

describe('an option that takes one value, given twice', () => {
  it.each([
    [['correct', '1001', '--field', 'email', '--value', 'duas@gmail.com', '--field', 'phone', '--value', '(11) 98765-4321', '--reason', 'Pedido da profissional'], '--field'],
    [['correct', '1001', '--field', 'email', '--value', 'uma@gmail.com', '--value', 'outra@gmail.com', '--reason', 'Pedido da profissional'], '--value'],
    [['correct', '1001', '--set', 'email=tres@gmail.com', '--reason', 'Primeiro motivo', '--reason=Segundo motivo'], '--reason'],
    [['--db', 'outro.sqlite', 'correct', '1001', '--set', 'email=quatro@gmail.com', '--reason', 'Pedido da profissional'], '--db'],
  ])('%j is wrong usage naming it, and nothing is saved', (args, option) => {
    const before = run('corrections', 'list').stdout;
    const result = run(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${option} is given twice`);
    expect(run('corrections', 'list').stdout).toBe(before);
  });

  it('--set and --attach still repeat', () => {
    const result = run('correct', '1001', '--set', 'email=repetido@gmail.com', '--set', 'phone=(11) 98888-7777', '--reason', 'Pedido da profissional');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Saved 2 corrections');
  });
});
