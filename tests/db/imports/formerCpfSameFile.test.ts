// A corrections file that corrects a professional's CPF, then lists her again by the old CPF (the
// main system still knows her by it until it takes the correction): the later row finds her, as a
// later file would — never "no record with this CPF".
import { describe, expect, it } from 'vitest';
import type { Professional } from '../../../shared/domain';
import { deskWithPeopleForEachTest, type Person } from '../../fixtures/imports/people';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { csvFile, validCpf, type TestDesk } from '../fixtures';

let desk: TestDesk;
let people: Record<Person, Professional>;
deskWithPeopleForEachTest((fresh) => ({ desk, people } = fresh));

describe('a row keyed by the CPF an earlier row of the same file corrected away', () => {
  it('finds her, and its change goes in on her record', () => {
    const gabriela = people.gabriela;
    const newCpf = validCpf(161_803_398);
    const lines = [
      'Registro;CPF;Telefone;Documento comprobatório',
      `${gabriela.registrationNumber};${newCpf};;CPF apresentado`,
      `;${gabriela.cpf};(11) 98888-7777;`,
    ];
    const summary = runImport(importInput(csvFile(desk, 'cpf-antigo.csv', lines), { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ rows: 2, accepted: 2, rejected: 0, errors: [] });
    const now = desk.store.db.prepare('SELECT cpf, phone FROM professionals WHERE id = ?').get(gabriela.id) as { cpf: string; phone: string };
    expect(now).toEqual({ cpf: newCpf, phone: '11988887777' });
  });
});
