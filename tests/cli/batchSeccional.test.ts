// `cress-desk` at a seccional (`init --seccional`): its lote is exported under a name of its own, so
// it never takes the place of the head office's first lote in Implanta's inbox, and that name finds it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRawStore } from '../rawStore';
import { cliDesk } from './command';

const desk = cliDesk('cress-cli-seccional-', (d) => {
  expect(d.run('init', '--region', '9', '--operator', 'Ana Souza', '--seccional', 'Ribeirão Preto').code).toBe(0);
  expect(d.run('demo', '--professionals', '3', '--seed', '7').code).toBe(0);
});

describe('cress-desk batch export at a seccional', () => {
  it('writes CRESS09-…-ribeirao-preto-lote-2026-0001.zip, which verify, mark-sent and list know by that name', () => {
    const db = openRawStore(desk.store, { readonly: true });
    const registration = db.prepare('SELECT registration_number FROM professionals ORDER BY id LIMIT 1').pluck().get() as string;
    db.close();
    expect(desk.run('correct', registration, '--field', 'email', '--value', 'seccional.rp@exemplo.com.br', '--reason', 'Pedido da profissional').code).toBe(0);
    expect(desk.run('batch', 'create').code).toBe(0);
    expect(desk.run('batch', 'seal', '2026-0001').code).toBe(0);
    const out = join(desk.dir, 'pacotes');
    mkdirSync(out);
    const exported = desk.json('batch', 'export', '2026-0001', '--out', out);
    expect(exported.code).toBe(0);
    const name = 'CRESS09-DEMONSTRACAO-ribeirao-preto-lote-2026-0001.zip';
    expect(exported.body.file).toBe(join(out, name));
    expect(desk.json('batch', 'verify', exported.body.file).body).toMatchObject({ valid: true });
    expect(desk.run('batch', 'mark-sent', name).code).toBe(0);
    expect(desk.run('batch', 'mark-sent', 'CRESS09-lote-2026-0001.zip').code).not.toBe(0);
    expect(desk.run('batch', 'list').stdout).toContain(name);
  });

  it('takes an empty lote as wrong usage, naming what to give, never the contract\'s inner words', () => {
    for (const command of ['seal', 'cancel', 'mark-sent']) {
      const result = desk.run('batch', command, '');
      expect(result.code, command).toBe(2);
      expect(result.stderr, command).toContain('give the lote');
      expect(result.stderr, command).not.toMatch(/key:|Pequeno demais/);
    }
  });
});
