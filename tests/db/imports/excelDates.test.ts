// A corrections file saved by Excel may carry a date as the day's serial number (a column formatted
// as a number, 29282) or with its time (a date-time cell, 02/03/1980 00:00). Neither is guessed
// into a birth date for Implanta: the row is refused, and the message says what the cell holds and
// how to fix the column, instead of only "use dd/mm/aaaa".
import { describe, expect, it } from 'vitest';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { addProfessional, correctionsCsv, testDeskForEachTest, type TestDesk } from '../fixtures';

let desk: TestDesk;
testDeskForEachTest((fresh) => (desk = fresh));

describe('a birth date as Excel left it in a CSV', () => {
  it('as a serial number, or with a time, is refused saying what the cell holds', () => {
    addProfessional(desk.store, { registrationNumber: '82001' });
    addProfessional(desk.store, { registrationNumber: '82002' });
    const path = correctionsCsv(desk, 'Registro;Data de nascimento;Motivo;Documento', [
      '82001;29282;Data errada no cadastro;RG',
      '82002;02/03/1980 00:00;Data errada no cadastro;RG',
    ]);
    const summary = runImport(importInput(path, { kind: 'corrections', dryRun: true }), jobContext(desk.store.path));
    expect(summary.errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'DATE_INVALID'],
      [3, 'DATE_INVALID'],
    ]);
    expect(summary.errors[0]?.message).toMatch(/29282 .*número de série.*Excel.*formate a coluna como data/);
    expect(summary.errors[1]?.message).toMatch(/02\/03\/1980 00:00 .*hora.*só o dia/);
  });
});
