// A value the form questions as it is typed — a birthplace that is no município of its UF, a
// misspelt e-mail provider — goes in from a spreadsheet too (it is not refused: the document may
// say so), but the check says it on the row, in the form's words, and counts the row as warned.
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../shared/contract/imports';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { addProfessional, correctionsCsv, testDeskForEachTest, type TestDesk } from '../fixtures';

let desk: TestDesk;
testDeskForEachTest((fresh) => (desk = fresh));

function check(header: string, lines: string[]): ImportSummary {
  const path = correctionsCsv(desk, header, lines);
  return runImport(importInput(path, { kind: 'corrections', dryRun: true }), jobContext(desk.store.path));
}

describe('a corrections row whose new value the form would question', () => {
  it('a birthplace outside its UF: accepted, warned on the Naturalidade cell in the form\'s words', () => {
    addProfessional(desk.store, { registrationNumber: '81006', birthCity: 'Campinas', birthUf: 'SP' });
    const summary = check('Registro;Naturalidade;Documento;Motivo', ['81006;São João del-Rei;Certidão de nascimento;Pedido da profissional']);
    expect(summary).toMatchObject({ accepted: 1, rejected: 0, warned: 1 });
    const row = summary.sample.find((r) => r.row === 2);
    expect(row?.errors).toEqual([
      expect.objectContaining({ code: 'BIRTHPLACE_UNKNOWN', message: 'Naturalidade “São João del-Rei” não é um município de SP na lista do IBGE. Confira no documento.' }),
    ]);
    expect(row?.badColumns).toEqual([1]);
  });

  it('a UF that leaves the município it names outside it: warned on the município', () => {
    addProfessional(desk.store, { registrationNumber: '81007', birthCity: 'Campinas', birthUf: 'SP' });
    const summary = check('Registro;UF de naturalidade;Documento;Motivo', ['81007;MG;Certidão de nascimento;Pedido da profissional']);
    expect(summary).toMatchObject({ accepted: 1, warned: 1 });
    expect(summary.sample[0]?.errors.map((e) => e.code)).toEqual(['BIRTHPLACE_UNKNOWN']);
  });

  it('a value nothing questions: no warning', () => {
    addProfessional(desk.store, { registrationNumber: '81008', birthCity: 'Campinas', birthUf: 'SP' });
    expect(check('Registro;Naturalidade;Documento;Motivo', ['81008;Santos;Certidão de nascimento;Pedido da profissional'])).toMatchObject({ accepted: 1, warned: 0 });
  });
});
