// `cress-desk corrections cancel|dismiss` and `registry show` with what waits for the clerk: the
// built command on a real store file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliOn, requireBuiltCli } from './command';
import { openRawStore } from '../rawStore';

let dir: string;
let store: string;
const { run, json } = cliOn(() => store);

beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), 'cress-cli-corrections-'));
  store = join(dir, 'desk.sqlite');
  expect(run('init', '--region', '9', '--operator', 'Ana Souza').code).toBe(0);
  expect(run('demo', '--professionals', '120', '--seed', '3').code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function someone(where: string): { registration_number: string; email: string | null } {
  const db = openRawStore(store, { readonly: true });
  try {
    return db.prepare(`SELECT registration_number, email FROM professionals WHERE ${where} ORDER BY id LIMIT 1`).get() as { registration_number: string; email: string | null };
  } finally {
    db.close();
  }
}

describe('cress-desk corrections cancel', () => {
  it('cancels a pending correction, gives the old value back and refuses a second time with exit 1', () => {
    const who = someone("dip_status IN ('none', 'requested') AND email IS NOT NULL");
    const saved = json('correct', who.registration_number, '--field', 'email', '--value', 'engano@exemplo.com.br', '--reason', 'Pedido no balcão', '--evidence', 'RG');
    const uuid = saved.body.corrections[0].uuid as string;

    expect(run('corrections', 'cancel', uuid).code).toBe(2); // --reason is required
    const cancelled = run('corrections', 'cancel', uuid, '--reason', 'Digitado no cadastro errado');
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toMatch(/cancelled/);
    expect(json('registry', 'show', who.registration_number).body.email).toBe(who.email);

    const again = run('corrections', 'cancel', uuid, '--reason', 'Digitado no cadastro errado');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/já foi cancelada/);
  });

  it('refuses a correction already in a sealed lote, naming the lote', () => {
    const who = someone("dip_status IN ('none', 'requested') AND email IS NOT NULL AND id > 10");
    const saved = json('correct', who.registration_number, '--field', 'email', '--value', 'lote@exemplo.com.br', '--reason', 'Pedido no balcão', '--evidence', 'RG');
    expect(run('batch', 'create').code).toBe(0);
    expect(run('batch', 'seal', '2026-0001').code).toBe(0);
    const refused = run('corrections', 'cancel', saved.body.corrections[0].uuid, '--reason', 'Tarde demais');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/lote 2026-0001, já fechado/);
  });
});

describe('cress-desk registry show', () => {
  it('lists the pendências of a record missing the mother, in text and JSON', () => {
    const who = someone('mother_name IS NULL AND mother_not_listed = 0');
    const shown = json('registry', 'show', who.registration_number);
    expect(shown.body.pendencies).toEqual([expect.objectContaining({ code: 'MOTHER_MISSING', field: 'motherName' })]);
    expect(run('registry', 'show', who.registration_number).stdout).toMatch(/Pendência: Informe o nome da mãe/);
  });
});
