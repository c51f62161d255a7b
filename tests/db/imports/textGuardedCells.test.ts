// A system that writes CSV for Excel keeps a number's leading zeros with a text formula (="01077"),
// and a person types '01077 for the same. Excel shows 01077 either way: the desk reads 01077 too,
// so a registry load never makes a record whose registration is ="01077", and a corrections file
// finds the record the clerk sees.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegistry, openBatchDesk, type BatchDesk } from '../batchFixtures';
import { validCpf } from '../fixtures';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { writeFileSync } from 'node:fs';

const HEADER = 'Registro;CPF;Nome;E-mail';
let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  loadRegistry(desk, [HEADER, `01077;${validCpf(1077)};Maria Souza;maria@exemplo.com.br`, `01079;${validCpf(1079)};Lia Prado;lia@exemplo.com.br`]);
});
afterEach(() => desk.cleanup());

const records = () => desk.store.db.prepare('SELECT registration_number AS registration, cpf, email FROM professionals ORDER BY id').all();

describe('cells guarded as text', () => {
  it('a registry load with ="01077" and \'01079 changes those records, and adds none', () => {
    const result = loadRegistry(desk, [HEADER, `="01077";="${validCpf(1077)}";Maria Souza;maria.nova@exemplo.com.br`, `'01079;'${validCpf(1079)};Lia Prado;lia.nova@exemplo.com.br`]);
    expect(result.rejected).toBe(0);
    expect(records()).toEqual([
      { registration: '01077', cpf: validCpf(1077), email: 'maria.nova@exemplo.com.br' },
      { registration: '01079', cpf: validCpf(1079), email: 'lia.nova@exemplo.com.br' },
    ]);
  });

  it('a corrections file keyed by ="01077" corrects that record', () => {
    const path = desk.dir.file('correcoes.csv');
    writeFileSync(path, ['Registro;E-mail;Motivo', '="01077";maria.corrigida@exemplo.com.br;Pedido da profissional'].join('\r\n'));
    const summary = runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path, { now: desk.now().toISOString() }));
    expect(summary).toMatchObject({ accepted: 1, rejected: 0 });
    expect(records()[0]).toMatchObject({ registration: '01077', email: 'maria.corrigida@exemplo.com.br' });
  });
});
