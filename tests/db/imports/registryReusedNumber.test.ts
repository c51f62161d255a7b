// The main system may give a registration number to another person. A row whose CPF and name or
// birth date are not the record's is refused, and nothing of the record changes; one identity field
// corrected in the main system (the CPF, or the name after marriage) still loads.
import { describe, expect, it } from 'vitest';
import { findProfessional } from '../../../db/registry';
import type { Professional } from '../../../shared/domain';
import { maskCpf } from '../../../shared/rules/cpf';
import { EVIDENCE, REASON, testDeskForEachTest, validCpf, type TestDesk } from '../fixtures';
import { registryLoader } from './registryLoads';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;Nome do pai;Data de nascimento;E-mail';

let desk: TestDesk;
testDeskForEachTest((fresh) => (desk = fresh));

/** A registry load of these rows (after the header above), as the council's main system exports it. */
const load = registryLoader(() => desk, HEADER);

const record = (key: string) => findProfessional(desk.store.db, key) as Professional;
const historyCount = (id: number) => (desk.store.db.prepare('SELECT count(*) AS n FROM record_history WHERE professional_id = ?').get(id) as { n: number }).n;

const [ANA, JOANA] = [validCpf(71001), validCpf(71002)];
const ANA_ROW = `71001;${ANA};Ana Prado;Rosa Prado;José Prado;17/05/1980;ana@exemplo.com.br`;

describe('a registration number the main system gave to another person', () => {
  it('is refused, naming the row, the number and both people with masked CPFs, and the record stays as it was', () => {
    load([ANA_ROW]);
    const before = record('71001');
    const entries = historyCount(before.id);
    const summary = load([`71001;${JOANA};Joana Lima;Helena Lima;;03/04/1990;joana@exemplo.com.br`]);
    expect(summary).toMatchObject({ rows: 1, accepted: 0, rejected: 1 });
    const error = summary.errors[0];
    expect(error).toMatchObject({ row: 2, column: 'Registro', code: 'REGISTRATION_REUSED' });
    expect(error?.message).toContain('Linha 2, registro 71001: o sistema do Regional dá este número a outra pessoa');
    expect(error?.message).toContain(`CPF ${maskCpf(JOANA)}, nome “Joana Lima”, nascimento em 03/04/1990`);
    expect(error?.message).toContain(`CPF ${maskCpf(ANA)}, nome “Ana Prado”, nascimento em 17/05/1980`);
    expect(error?.message).not.toContain(JOANA);
    expect(error?.message).not.toContain(ANA);
    expect(record('71001')).toEqual(before);
    expect(historyCount(before.id)).toBe(entries);
  });

  it('is refused when only the birth date goes with the other CPF, and in the preview too', () => {
    load([ANA_ROW]);
    const summary = load([`71001;${JOANA};Ana Prado;;;03/04/1990;`], { dryRun: true });
    expect(summary.errors.map((e) => e.code)).toEqual(['REGISTRATION_REUSED']);
    expect(summary.errors[0]?.message).toContain('CPF ***');
    expect(summary.errors[0]?.message).toContain('nascimento em 03/04/1990');
  });

  it('a CPF corrected in the main system, same name and birth date, still loads', () => {
    load([ANA_ROW]);
    const summary = load([`71001;${JOANA};Ana Prado;Rosa Prado;José Prado;17/05/1980;ana@exemplo.com.br`]);
    expect(summary).toMatchObject({ accepted: 1, rejected: 0 });
    expect(record('71001').cpf).toBe(JOANA);
  });

  it('a name changed after marriage, same CPF, still loads', () => {
    load([ANA_ROW]);
    const summary = load([`71001;${ANA};Ana Prado Mendes;Rosa Prado;José Prado;17/05/1980;ana@exemplo.com.br`]);
    expect(summary).toMatchObject({ accepted: 1, rejected: 0 });
    expect(record('71001').name).toBe('Ana Prado Mendes');
  });

  it('a row with another CPF but no name or birth date to compare still loads', () => {
    load([ANA_ROW]);
    expect(load([`71001;${JOANA};;;;;`])).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('a record the desk corrected (CPF and name on their way to Implanta) is no other person when the file still has the old ones, made before loads kept them', () => {
    load([ANA_ROW]);
    const ana = record('71001');
    // As a record loaded before the desk kept the main system's values.
    desk.store.db.prepare('UPDATE professionals SET loaded_values = NULL WHERE id = ?').run(ana.id);
    desk.handlers['corrections:save']({
      professionalId: ana.id,
      expectedRowVersion: ana.rowVersion,
      changes: { cpf: JOANA, name: 'Ana Prado Souza' },
      reason: REASON,
      evidence: EVIDENCE,
      dipAcknowledged: true,
    });
    const summary = load([ANA_ROW]);
    expect(summary).toMatchObject({ rejected: 0 });
    expect(record('71001')).toMatchObject({ cpf: JOANA, name: 'Ana Prado Souza' });
  });
});
