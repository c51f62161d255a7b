// "Nome da mãe" and "Não consta mãe" are one fact: a row that fills both, the flag set, is
// MOTHER_CONFLICT — also when one of the two cells only repeats what the record holds. Judged on
// the other cell alone, such a row would erase the mother's name the same row gives (or set a
// name on a record the same row says has none), which the form itself refuses.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegistry, openBatchDesk, type BatchDesk } from '../batchFixtures';
import { validCpf } from '../fixtures';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  loadRegistry(desk, [
    'Registro;CPF;Nome;Nome da mãe;Não consta mãe',
    `1143;${validCpf(1143)};Maria Souza;Ana Souza Aguiar;`,
    `1002;${validCpf(1002)};Lia Prado;;Sim`,
  ]);
});
afterEach(() => desk.cleanup());

const mothers = () => desk.store.db.prepare('SELECT registration_number AS registration, mother_name AS name, mother_not_listed AS notListed FROM professionals ORDER BY id').all();

function importRows(rows: string[]) {
  const path = desk.dir.file('correcoes.csv');
  writeFileSync(path, ['Registro;Nome da mãe;Não consta mãe;Documento;Motivo', ...rows].join('\r\n'));
  return runImport(importInput(path, { kind: 'corrections', dryRun: false }), jobContext(desk.store.path, { now: desk.now().toISOString() }));
}

describe('a corrections row giving both the mother\'s name and "Não consta mãe"', () => {
  it('is MOTHER_CONFLICT when the name repeats the record, and when the flag does; nothing changes', () => {
    const before = mothers();
    const summary = importRows(['1143;Ana Souza Aguiar;Sim;RG 12.345;Certidão', '1002;Joana Dias;Sim;RG 55.321;Certidão']);
    expect(summary).toMatchObject({ accepted: 0, rejected: 2 });
    const codes = desk.store.db.prepare('SELECT row, code FROM import_errors ORDER BY row').all();
    expect(codes).toEqual([
      { row: 2, code: 'MOTHER_CONFLICT' },
      { row: 3, code: 'MOTHER_CONFLICT' },
    ]);
    expect(mothers()).toEqual(before);
    expect(desk.store.db.prepare('SELECT count(*) FROM corrections').pluck().get()).toBe(0);
  });

  it('with the flag "Não" and the record\'s own name, changes nothing and refuses nothing', () => {
    const summary = importRows(['1143;Ana Souza Aguiar;Não;RG 12.345;Certidão']);
    expect(summary).toMatchObject({ rejected: 0, unchanged: 1 });
  });
});
