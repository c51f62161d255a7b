// After a corrections import, a record whose DIP request is confirmed and now waits for an
// identification correction is marked (DIP_DATA_PENDING), as when the clerk saves that correction
// at the counter; a record without such a request, or corrected only in its e-mail, is not.
import { describe, expect, it } from 'vitest';
import { importInput, jobContext, runImport, withImportStepRows } from '../../fixtures/imports/jobs';
import { addProfessional, correctionsCsv, testDeskForEachTest, type TestDesk } from '../fixtures';

let desk: TestDesk;
testDeskForEachTest((fresh) => (desk = fresh));

const dipPendingOf = () =>
  desk.store.db.prepare("SELECT p.registration_number FROM pendencies d JOIN professionals p ON p.id = d.professional_id WHERE d.code = 'DIP_DATA_PENDING' ORDER BY 1").pluck().all();

describe('a corrections import and the DIP requests it puts at risk', () => {
  it.each([0, 1])('marks only the confirmed request whose identification it corrected (rows a step: %i)', (step) => {
    addProfessional(desk.store, { registrationNumber: '82001', dipStatus: 'confirmed' });
    addProfessional(desk.store, { registrationNumber: '82002', dipStatus: 'none' });
    addProfessional(desk.store, { registrationNumber: '82003', dipStatus: 'confirmed' });
    const path = correctionsCsv(desk, 'Registro;Nome;E-mail;Documento', [
      '82001;Joana Prado Lima;;Certidão de casamento',
      '82002;Rita Prado Lima;;Certidão de casamento',
      '82003;;nova.82003@exemplo.com.br;',
    ]);
    const run = () => runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path));
    const summary = step === 0 ? run() : withImportStepRows(step, run);
    expect(summary.errors).toEqual([]);
    expect(summary).toMatchObject({ accepted: 3, rejected: 0, corrections: 3 });
    expect(dipPendingOf()).toEqual(['82001']);
  });
});
