// Someone with the store key alone replaces an operator's PIN hash in the file by one of a PIN they
// chose: the command line signs nothing in her name with it (exit 3), and `audit verify` names her.
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPin } from '../../db/pinHash';
import { openRawStore } from '../rawStore';
import { CLI_BIN, cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-pin-swapped-', (d) => {
  initDesk(d, { professionals: 3, seed: 5 });
  const added = d.run('operator', 'add', 'Bia Lima');
  expect(added.code, added.stderr).toBe(0);
  // Bia's first session sets her PIN.
  const first = withPin(d.dir, '4321', '--operator', 'Bia Lima', 'correct', someone(d.store), '--set', 'email=primeira@exemplo.com.br', '--reason', 'Pedido no balcão');
  expect(first.code, first.stderr).toBe(0);
});

/** The command with a PIN file holding `pin`. */
function withPin(dir: string, pin: string, ...args: string[]) {
  const file = join(dir, `pin-${pin}`);
  writeFileSync(file, `${pin}\n`);
  chmodSync(file, 0o600);
  const result = spawnSync(process.execPath, [CLI_BIN, '--db', join(dir, 'desk.sqlite'), ...args], { encoding: 'utf8', env: { ...process.env, CRESS_DESK_PIN_FILE: file } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function someone(store: string): string {
  const db = openRawStore(store, { readonly: true });
  try {
    return db.prepare('SELECT registration_number FROM professionals ORDER BY id LIMIT 1').pluck().get() as string;
  } finally {
    db.close();
  }
}

function onFile<T>(fn: (db: ReturnType<typeof openRawStore>) => T): T {
  const db = openRawStore(desk.store);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe('a PIN hash replaced in the store file', () => {
  it('verifies intact before the change', () => {
    expect(desk.run('audit', 'verify').code).toBe(0);
  });

  it('signs nothing in her name with the chosen PIN, and audit verify names her (exit 3)', () => {
    onFile((db) => db.prepare("UPDATE operators SET pin_hash = ? WHERE name = 'Bia Lima'").run(hashPin('9999')));
    const entries = onFile((db) => db.prepare('SELECT count(*) FROM audit_log').pluck().get());
    const refused = withPin(desk.dir, '9999', '--operator', 'Bia Lima', 'correct', someone(desk.store), '--set', 'email=outra@exemplo.com.br', '--reason', 'Pedido no balcão');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('O PIN de Bia Lima foi trocado fora do CRESS Desk');
    expect(onFile((db) => db.prepare('SELECT count(*) FROM audit_log').pluck().get())).toBe(entries);
    expect(onFile((db) => db.prepare("SELECT count(*) FROM corrections WHERE new_value LIKE '%outra@%'").pluck().get())).toBe(0);
    const verified = desk.run('audit', 'verify');
    expect(verified.code).toBe(3);
    expect(`${verified.stdout}${verified.stderr}`).toContain('Bia Lima');
  });
});
