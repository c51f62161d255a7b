// A registry load of the main system lands after a corrections import checked its rows and before
// it writes them. A row whose record the load changed only in fields the row does not correct is
// still right and is written; a row whose corrected field the load changed is refused in words,
// naming its row, the field and its column.
import { describe, expect, it } from 'vitest';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { registryLoader } from './registryLoads';
import { addProfessional, correctionsCsv, EVIDENCE, REASON, testDeskForEachTest, validCpf, type TestDesk } from '../fixtures';

let desk: TestDesk;
testDeskForEachTest((fresh) => (desk = fresh));
const load = registryLoader(() => desk, 'Registro;Telefone;E-mail');

/** Imports `lines` (CPF;E-mail;Motivo), all or nothing or not, with `between` run once every row is checked. */
function importWithLoadBetween(lines: string[], between: () => void, allOrNothing = false) {
  const file = correctionsCsv(desk, 'CPF;E-mail;Motivo', lines);
  const context = jobContext(desk.store.path);
  const progress = context.progress;
  context.progress = (p) => {
    progress(p);
    if (p.phase === 'commit') between();
  };
  return runImport(importInput(file, { kind: 'corrections', allOrNothing }), context);
}

const emailOf = (id: number) => desk.store.db.prepare('SELECT email, phone FROM professionals WHERE id = ?').get(id) as { email: string; phone: string };

describe('a registry load between the check of an import’s rows and their writing', () => {
  it('writes a row whose record the load changed in another field, and refuses, naming it, one whose corrected field it changed', () => {
    const phoneOnly = addProfessional(desk.store, { cpf: validCpf(700_000_001), registrationNumber: '81001', email: 'antes.a@exemplo.com.br', phone: '61987654321' });
    const emailToo = addProfessional(desk.store, { cpf: validCpf(700_000_002), registrationNumber: '81002', email: 'antes.b@exemplo.com.br', phone: '61987654322' });
    const summary = importWithLoadBetween(
      [`${phoneOnly.cpf};nova.a@exemplo.com.br;Pedido`, `${emailToo.cpf};nova.b@exemplo.com.br;Pedido`],
      () => {
        const loaded = load(['81001;61911112222;antes.a@exemplo.com.br', '81002;61911113333;sistema.b@exemplo.com.br']);
        expect(loaded.updated).toBe(2);
      },
    );
    expect(summary).toMatchObject({ written: true, accepted: 1, rejected: 1 });
    const refusal = { row: 3, column: 'E-mail', code: 'VERSION_CONFLICT', message: expect.stringMatching(/O campo “E-mail” do cadastro de registro 81002 foi alterado por outra pessoa/) };
    expect(summary.errors).toEqual([refusal]);
    expect(desk.store.db.prepare('SELECT row, "column", code, message FROM import_errors').all()).toEqual([refusal]);
    expect(emailOf(phoneOnly.id)).toMatchObject({ email: 'nova.a@exemplo.com.br', phone: expect.stringMatching(/1111.?2222/) });
    expect(emailOf(emailToo.id).email).toBe('sistema.b@exemplo.com.br');
    const corrections = desk.store.db.prepare("SELECT professional_id AS id, old_value AS old, import_row_version AS version FROM corrections WHERE source = 'import'").all();
    const version = desk.store.db.prepare('SELECT row_version FROM professionals WHERE id = ?').pluck().get(phoneOnly.id);
    expect(corrections).toEqual([{ id: phoneOnly.id, old: 'antes.a@exemplo.com.br', version }]);
  });

  it('refuses the whole import, all or nothing, only when the load changed what a row corrects', () => {
    const a = addProfessional(desk.store, { cpf: validCpf(700_000_011), registrationNumber: '81011', email: 'antes.c@exemplo.com.br', phone: '61987654331' });
    const written = importWithLoadBetween([`${a.cpf};nova.c@exemplo.com.br;Pedido`], () => void load(['81011;61922223333;antes.c@exemplo.com.br']), true);
    expect(written).toMatchObject({ written: true, accepted: 1, rejected: 0 });
    expect(emailOf(a.id).email).toBe('nova.c@exemplo.com.br');
    const b = addProfessional(desk.store, { cpf: validCpf(700_000_012), registrationNumber: '81012', email: 'antes.d@exemplo.com.br' });
    expect(() => importWithLoadBetween([`${b.cpf};nova.d@exemplo.com.br;Pedido`], () => void load(['81012;61922224444;sistema.d@exemplo.com.br']), true)).toThrow(
      /O campo “E-mail” do cadastro de registro 81012 foi alterado enquanto a planilha era conferida: nada foi gravado/,
    );
    expect(emailOf(b.id).email).toBe('sistema.d@exemplo.com.br');
  });

  it('refuses, naming the CPF column, a row whose record the counter gave another CPF than the one the row found it by', () => {
    const moved = addProfessional(desk.store, { cpf: validCpf(700_000_021), registrationNumber: '81021', email: 'antes.e@exemplo.com.br' });
    const summary = importWithLoadBetween([`${moved.cpf};nova.e@exemplo.com.br;Pedido`], () => {
      const version = desk.store.db.prepare('SELECT row_version FROM professionals WHERE id = ?').pluck().get(moved.id) as number;
      desk.handlers['corrections:save']({ professionalId: moved.id, expectedRowVersion: version, changes: { cpf: validCpf(700_000_099) }, reason: REASON, evidence: EVIDENCE, dipAcknowledged: true });
    });
    expect(summary).toMatchObject({ written: true, accepted: 0, rejected: 1 });
    expect(summary.errors).toEqual([{ row: 2, column: 'CPF', code: 'VERSION_CONFLICT', message: expect.stringMatching(/O campo “CPF” do cadastro de registro 81021 foi alterado por outra pessoa/) }]);
    expect(emailOf(moved.id).email).toBe('antes.e@exemplo.com.br');
  });
});
