// Someone with the store key alone edits who may sign: puts in an admin PIN of their own, enables a
// disabled operator again, or adds an operator the desk never admitted. The command line signs
// nothing with any of them (exit 3, saying why), and `audit verify` names what changed (exit 3).
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPin } from '../../db/pinHash';
import { openRawStore } from '../rawStore';
import { CLI_BIN, cliDesk, initDesk, type CliDesk } from './command';

/** The command with a PIN file holding `pin` (the admin PIN file too, when `adminPin` is given). */
function withPin(desk: CliDesk, pin: string, args: string[], adminPin?: string) {
  const file = (name: string, value: string) => {
    const path = join(desk.dir, `${name}-${value}`);
    writeFileSync(path, `${value}\n`);
    chmodSync(path, 0o600);
    return path;
  };
  const env = { ...process.env, CRESS_DESK_PIN_FILE: file('pin', pin), ...(adminPin ? { CRESS_DESK_ADMIN_PIN_FILE: file('admin', adminPin) } : {}) };
  const result = spawnSync(process.execPath, [CLI_BIN, '--db', desk.store, ...args], { encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function onFile<T>(desk: CliDesk, fn: (db: ReturnType<typeof openRawStore>) => T): T {
  const db = openRawStore(desk.store);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const someone = (desk: CliDesk) => onFile(desk, (db) => db.prepare('SELECT registration_number FROM professionals ORDER BY id LIMIT 1').pluck().get() as string);
const entries = (desk: CliDesk) => onFile(desk, (db) => db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number);
const correct = (desk: CliDesk, who: string, email: string) => ['--operator', who, 'correct', someone(desk), '--set', `email=${email}`, '--reason', 'Pedido no balcão'];

function verifyNames(desk: CliDesk, text: string): void {
  const verified = desk.run('audit', 'verify');
  expect(verified.code).toBe(3);
  expect(`${verified.stdout}${verified.stderr}`).toContain(text);
}

describe('an admin PIN put into the store file', () => {
  const desk = cliDesk('cress-cli-admin-planted-', (d) => initDesk(d, { professionals: 3, seed: 5 }));

  it('clears no operator’s PIN (exit 3), and audit verify names it', () => {
    expect(desk.run('audit', 'verify').code).toBe(0);
    onFile(desk, (db) => db.prepare('UPDATE settings SET admin_pin_hash = ?').run(hashPin('0000')));
    const before = entries(desk);
    const reset = withPin(desk, '1234', ['operator', 'reset-pin', 'Ana Souza'], '0000');
    expect(reset.code).toBe(3);
    expect(reset.stderr).toContain('O PIN de administrador do CRESS foi trocado fora do CRESS Desk');
    expect(entries(desk)).toBe(before);
    expect(onFile(desk, (db) => db.prepare("SELECT pin_hash FROM operators WHERE name = 'Ana Souza'").pluck().get())).not.toBeNull();
    verifyNames(desk, 'PIN de administrador do CRESS');
  });
});

describe('a disabled operator enabled again in the store file', () => {
  const desk = cliDesk('cress-cli-reenabled-', (d) => {
    initDesk(d, { professionals: 3, seed: 5 });
    expect(d.run('operator', 'add', 'Bia Lima').code).toBe(0);
    const first = withPin(d, '5678', correct(d, 'Bia Lima', 'bia1@exemplo.com.br'));
    expect(first.code, first.stderr).toBe(0);
    const disabled = d.run('--operator', 'Ana Souza', 'operator', 'disable', 'Bia Lima');
    expect(disabled.code, disabled.stderr).toBe(0);
  });

  it('signs nothing in her name (exit 3), and audit verify names her', () => {
    expect(desk.run('audit', 'verify').code).toBe(0);
    onFile(desk, (db) => db.prepare("UPDATE operators SET disabled_at = NULL WHERE name = 'Bia Lima'").run());
    const before = entries(desk);
    const refused = withPin(desk, '5678', correct(desk, 'Bia Lima', 'bia3@exemplo.com.br'));
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('Bia Lima foi reativado fora do CRESS Desk');
    expect(entries(desk)).toBe(before);
    verifyNames(desk, 'Bia Lima foi reativado fora do CRESS Desk');
  });
});

describe('an operator put into the store file', () => {
  const desk = cliDesk('cress-cli-inserted-', (d) => initDesk(d, { professionals: 3, seed: 5 }));

  it('sets no PIN and signs nothing (exit 3), and audit verify names her', () => {
    onFile(desk, (db) => db.prepare("INSERT INTO operators (name, created_at) SELECT 'Fantasma', created_at FROM operators LIMIT 1").run());
    const before = entries(desk);
    const refused = withPin(desk, '4321', correct(desk, 'Fantasma', 'fantasma@exemplo.com.br'));
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('Fantasma foi incluído fora do CRESS Desk');
    expect(entries(desk)).toBe(before);
    expect(onFile(desk, (db) => db.prepare("SELECT pin_hash FROM operators WHERE name = 'Fantasma'").pluck().get())).toBeNull();
    verifyNames(desk, 'Fantasma foi incluído fora do CRESS Desk');
  });
});
