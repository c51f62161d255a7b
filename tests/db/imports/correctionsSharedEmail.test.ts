// A corrections row giving a record an e-mail another record has goes in (the record gets the
// EMAIL_SHARED pendência), and the import's check says so for that row in the pendência's words —
// as the correction form does before saving: in the preview's rows, the problems listed and the
// error report. Also when two rows of the file give two records the same new address.
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../../shared/contract/imports';
import { importInput, jobContext, runImport, withImportStepRows } from '../../fixtures/imports/jobs';
import { addProfessional, correctionsCsv, testDeskForEachTest, type TestDesk } from '../fixtures';

let desk: TestDesk;
testDeskForEachTest((fresh) => (desk = fresh));

const sharedWords = (email: string) => `O e-mail ${email} também está no cadastro de outra/o profissional: cada pessoa precisa do seu para receber a senha.`;

function importRows(lines: string[], options: { dryRun?: boolean } = {}): ImportSummary {
  const path = correctionsCsv(desk, 'Registro;E-mail', lines);
  return runImport(importInput(path, { kind: 'corrections', ...options }), jobContext(desk.store.path));
}

const storedErrors = (importId: number | null) =>
  desk.store.db.prepare('SELECT row, "column", code, message FROM import_errors WHERE import_id = ? ORDER BY row').all(importId) as { row: number; code: string; message: string }[];

describe('a corrections row giving an e-mail another record has', () => {
  it('is accepted with a warning in the pendência’s words, in the preview row and in the report', () => {
    const ana = addProfessional(desk.store, { registrationNumber: '81001', email: 'ana@exemplo.com.br' });
    addProfessional(desk.store, { registrationNumber: '81002', email: 'bia@exemplo.com.br' });

    const preview = importRows(['81002;ANA@exemplo.com.br'], { dryRun: true });
    expect(preview).toMatchObject({ accepted: 1, rejected: 0 });
    const warning = { row: 2, column: 'E-mail', code: 'EMAIL_SHARED', message: sharedWords('ana@exemplo.com.br') };
    expect(preview.errors).toEqual([warning]);
    expect(preview.sample[0]).toMatchObject({ row: 2, status: 'accepted', errors: [warning] });

    const written = importRows(['81002;ana@exemplo.com.br']);
    expect(written).toMatchObject({ accepted: 1, rejected: 0, corrections: 1 });
    expect(storedErrors(written.importId)).toEqual([warning]);
    expect(ana.email).toBe('ana@exemplo.com.br');
  });

  it('is not warned for the record’s own address, nor for one only this import took away from its record', () => {
    addProfessional(desk.store, { registrationNumber: '81001', email: 'ana@exemplo.com.br' });
    addProfessional(desk.store, { registrationNumber: '81002', email: 'bia@exemplo.com.br' });
    const summary = importRows(['81001;ana.prado@exemplo.com.br', '81002;ana@exemplo.com.br']);
    expect(summary).toMatchObject({ accepted: 2, rejected: 0, errors: [] });
  });

  it.each([0, 1])('two rows giving two records the same new address: the second is warned (rows a step: %i)', (step) => {
    addProfessional(desk.store, { registrationNumber: '81001', email: 'ana@exemplo.com.br' });
    addProfessional(desk.store, { registrationNumber: '81002', email: 'bia@exemplo.com.br' });
    const run = () => importRows(['81001;novo@exemplo.com.br', '81002;novo@exemplo.com.br']);
    const summary = step === 0 ? run() : withImportStepRows(step, run);
    expect(summary).toMatchObject({ accepted: 2, rejected: 0 });
    expect(summary.errors).toEqual([{ row: 3, column: 'E-mail', code: 'EMAIL_SHARED', message: sharedWords('novo@exemplo.com.br') }]);
  });

  it('the same record twice with the same new address is no other record', () => {
    addProfessional(desk.store, { registrationNumber: '81001', email: 'ana@exemplo.com.br' });
    const summary = importRows(['81001;novo@exemplo.com.br', '81001;novo@exemplo.com.br']);
    expect(summary).toMatchObject({ accepted: 1, unchanged: 1, errors: [] });
  });
});
