// `cress-desk --operator NAME` and `cress-desk operator …`: writes are signed by an operator who
// proved the PIN (a file only its owner reads, or the terminal); reads ask for nothing.
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { posixOnly } from '../posixOnly';
import { openRawStore } from '../rawStore';
import { CLI_BIN, cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-operators-', (d) => initDesk(d));
const { run, json } = desk;

/** The command with the PIN file `pin` (or none, with no terminal to ask on). */
function withPin(pin: string | null, ...args: string[]) {
  const env = { ...process.env, CRESS_DESK_PIN_FILE: pin ?? '' };
  const result = spawnSync(process.execPath, [CLI_BIN, '--db', desk.store, ...args], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function pinFile(name: string, pin: string, mode = 0o600): string {
  const file = join(desk.dir, name);
  writeFileSync(file, `${pin}\n`);
  chmodSync(file, mode);
  return file;
}

function count(sql: string): number {
  const db = openRawStore(desk.store, { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('a write from the command line', () => {
  it('with a wrong PIN exits 1 and writes nothing', () => {
    const entries = count('SELECT count(*) FROM audit_log');
    const refused = withPin(pinFile('wrong.pin', '9999'), 'demo', '--professionals', '5');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('PIN incorreto');
    expect(count('SELECT count(*) FROM professionals')).toBe(0);
    expect(count('SELECT count(*) FROM audit_log')).toBe(entries);
  });

  it('without a PIN, and no terminal to ask on, exits 1 and writes nothing', () => {
    const refused = withPin(null, 'demo', '--professionals', '5');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Informe o PIN');
    expect(count('SELECT count(*) FROM professionals')).toBe(0);
  });

  it('refuses a PIN file other accounts can read', (context) => {
    posixOnly(context);
    const refused = withPin(pinFile('open.pin', '1234', 0o644), 'demo', '--professionals', '5');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('chmod 600');
    expect(count('SELECT count(*) FROM professionals')).toBe(0);
  });

  it('is signed by the only operator with the right PIN, and a read asks for no PIN', () => {
    expect(run('demo', '--professionals', '5', '--seed', '1').code).toBe(0);
    const info = withPin(null, 'info');
    expect(info.code).toBe(0);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'registry.demo' AND operator = 'Ana Souza' AND account IS NOT NULL")).toBe(1);
  });
});

describe('cress-desk operator', () => {
  it('adds and lists operators; with two, a write needs --operator', () => {
    expect(run('operator', 'add', 'Bia Lima').code).toBe(0);
    expect(run('operator', 'list').stdout).toBe('Ana Souza (active)\nBia Lima (active, no PIN yet)\n');
    const listed = json('operator', 'list').body as { operators: { name: string; hasPin: boolean }[] };
    expect(listed.operators.map((o) => [o.name, o.hasPin])).toEqual([['Ana Souza', true], ['Bia Lima', false]]);
    const ambiguous = run('demo', '--professionals', '1');
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toContain('Informe --operator');
    expect(run('--operator', 'Bia Lima', 'demo', '--professionals', '1').code).toBe(0);
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'operator.pin_set' AND operator = 'Bia Lima'")).toBe(1);
  });

  it('info names every active operator of the desk, in text and with --json', () => {
    const info = run('info');
    expect(info.code).toBe(0);
    expect(info.stdout).toMatch(/^Desk: .*, operators Ana Souza, Bia Lima$/m);
    expect(json('info').body.operators).toEqual(['Ana Souza', 'Bia Lima']);
  });

  it("disables an operator, who then signs nothing, and resets a PIN only with the admin PIN", () => {
    expect(run('--operator', 'Ana Souza', 'operator', 'disable', 'Bia Lima').code).toBe(0);
    expect(run('--operator', 'Bia Lima', 'demo', '--professionals', '1').code).toBe(1);
    const env = { ...process.env, CRESS_DESK_ADMIN_PIN_FILE: pinFile('admin.pin', '777777') };
    const reset = spawnSync(process.execPath, [CLI_BIN, '--db', desk.store, 'operator', 'reset-pin', 'Ana Souza'], { encoding: 'utf8', env });
    expect(reset.status).toBe(1);
    expect(reset.stderr).toContain('PIN de administrador');
    expect(count("SELECT count(*) FROM operators WHERE name = 'Ana Souza' AND pin_hash IS NOT NULL")).toBe(1);
  });

  it('info leaves out an operator who was disabled', () => {
    expect(run('info').stdout).toMatch(/^Desk: .*, operator Ana Souza$/m);
    expect(json('info').body.operators).toEqual(['Ana Souza']);
  });

  it('operator list tells until when an operator waits after wrong PINs, as a date and time, not an ISO instant', () => {
    const wrong = pinFile('errado-5.pin', '9999');
    for (let i = 0; i < 5; i++) expect(withPin(wrong, 'demo', '--professionals', '1').code).toBe(1);
    const listed = run('operator', 'list').stdout;
    expect(listed).toMatch(/^Ana Souza \(waiting until \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\)$/m);
    expect(listed).not.toMatch(/\dT\d/);
  });
});
