// Registry loads (insert or update whole records, DIP status included, defective ones flagged, no
// corrections) and CEP directory imports (queued for Implanta like a CEP saved on screen). The
// merge of a load into records the desk corrected is in registryMerge.test.ts.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pendenciesOf } from '../../../db/pendencies';
import { findProfessional } from '../../../db/registry';
import type { Professional } from '../../../shared/domain';
import { deskWithPeopleForEachTest, type Person } from '../../fixtures/imports/people';
import { fixture, importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { validCpf, type TestDesk } from '../fixtures';

let desk: TestDesk;
let people: Record<Person, Professional>;
deskWithPeopleForEachTest((fresh) => ({ desk, people } = fresh));

/** Writes a CSV of `lines` into the test's folder and imports it as `kind`. */
function importCsv(name: string, kind: 'registry' | 'cep', lines: string[]) {
  const path = desk.file(name);
  writeFileSync(path, lines.join('\r\n'));
  return runImport(importInput(path, { kind }), jobContext(desk.store.path));
}

describe.each(['registry.csv', 'registry.xlsx', 'registry.ods'])('a registry load from %s', (name) => {
  it('inserts new records, updates known ones (DIP status included), loads defective ones flagged, and queues no correction', () => {
    const summary = runImport(importInput(fixture(name), { kind: 'registry' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ rows: 8, accepted: 6, unchanged: 1, rejected: 1, inserted: 5, updated: 1, corrections: 0, flagged: 4, kept: 0, conflictsTotal: 0 });
    // Only a row the store cannot hold is refused: Bruna's CPF on another registration.
    expect(summary.errors.map((e) => [e.row, e.code, e.column])).toEqual([[7, 'CPF_DUPLICATE', 'CPF']]);
    expect(findProfessional(desk.store.db, '20001')).toMatchObject({
      cpf: '17320508052',
      name: 'Isabel Nunes',
      motherName: 'Joana Nunes',
      dipStatus: 'requested',
      birthDate: '1990-08-03',
      email: 'isabel.nunes@exemplo.com.br',
      city: 'Campinas',
      uf: 'SP',
      rowVersion: 1,
    });
    expect(findProfessional(desk.store.db, '22360679767')).toMatchObject({ registrationNumber: '20002', motherNotListed: true, motherName: null, dipStatus: 'in_manufacture' });
    expect(findProfessional(desk.store.db, '10001')).toMatchObject({ dipStatus: 'confirmed', email: people.ana.email, rowVersion: people.ana.rowVersion + 1 });
    // Defective records are in, each with what the clerk must fix.
    const codes = (registration: string) => pendenciesOf(desk.store.db, (findProfessional(desk.store.db, registration) as Professional).id).map((p) => [p.code, p.source]);
    expect(findProfessional(desk.store.db, '123.456.789-00')).toMatchObject({ registrationNumber: '20003', cpf: '12345678900' });
    expect(codes('20003')).toEqual([
      ['CPF_INVALID', 'rule'],
      ['EMAIL_MISSING', 'rule'],
    ]);
    expect(codes('20004')).toEqual([
      ['EMAIL_MISSING', 'rule'],
      ['MOTHER_MISSING', 'rule'],
    ]);
    // No e-mail: the platform's password e-mail cannot reach her (case D).
    expect(codes('20002')).toEqual([['EMAIL_MISSING', 'rule']]);
    expect(findProfessional(desk.store.db, '20006')).toMatchObject({ dipStatus: 'none' });
    expect(pendenciesOf(desk.store.db, (findProfessional(desk.store.db, '20006') as Professional).id)).toEqual([
      expect.objectContaining({ code: 'VALUE_INVALID', field: null, message: 'Situação do DIP no arquivo não reconhecida: “Perdido”', source: 'load', case: 'G' }),
      expect.objectContaining({ code: 'EMAIL_MISSING', field: 'email', source: 'rule', case: 'D' }),
    ]);
    expect(findProfessional(desk.store.db, '20005')).toBeNull();
    expect(desk.store.db.prepare('SELECT count(*) AS n FROM corrections').get()).toEqual({ n: 0 });
    // New records are searchable at once (the name index follows the table).
    const search = desk.handlers['registry:search']({ text: 'isabel nunes', page: 0, pageSize: 10 }) as { items: { registrationNumber: string }[] };
    expect(search.items.map((i) => i.registrationNumber)).toContain('20001');
    const history = desk.handlers['imports:list']({ page: 0, pageSize: 10 }) as { items: Record<string, unknown>[] };
    expect(history.items[0]).toMatchObject({ rows: 8, accepted: 6, unchanged: 1, rejected: 1, flagged: 4, kept: 0, conflicts: 0 });
  });
});

describe('a registry load', () => {
  it('takes the DIP waiting for its documents and payment, and the DIP delivered, in the main system\'s words', () => {
    const summary = importCsv('dip.csv', 'registry', [
      'Registro;CPF;Nome;Nome da mãe;Não consta mãe;Situação do DIP;Data de nascimento;E-mail;Município;UF',
      '20101;17320508052;Isabel Nunes;Joana Nunes;;Aguardando documentos/pagamento;03/08/1990;isabel.nunes@exemplo.com.br;Campinas;SP',
      '20102;22360679767;Juliana Prado;Rosa Prado;;Entregue;11/11/1985;juliana.prado@exemplo.com.br;Santos;SP',
    ]);
    expect(summary).toMatchObject({ accepted: 2, rejected: 0 });
    expect(findProfessional(desk.store.db, '20101')).toMatchObject({ dipStatus: 'awaiting_documents' });
    expect(findProfessional(desk.store.db, '20102')).toMatchObject({ dipStatus: 'delivered' });
  });

  it('keeps a birth date in the future as the main system sent it, flagged as the desk flags it, with no note of the load', () => {
    const summary = importCsv('futuro.csv', 'registry', [
      'Registro;CPF;Nome;Nome da mãe;Data de nascimento;E-mail;Município;UF',
      `20103;${validCpf(4242)};Lívia Campos;Marta Campos;17/05/2090;livia.campos@exemplo.com.br;Campinas;SP`,
    ]);
    expect(summary).toMatchObject({ accepted: 1, rejected: 0, flagged: 1 });
    const livia = findProfessional(desk.store.db, '20103') as Professional;
    expect(livia.birthDate).toBe('2090-05-17');
    expect(pendenciesOf(desk.store.db, livia.id).map((p) => [p.source, p.code, p.field])).toEqual([['rule', 'BIRTH_DATE_IMPLAUSIBLE', 'birthDate']]);
  });

  it('cannot be undone: the council’s own data is reloaded instead', () => {
    const summary = runImport(importInput(fixture('registry.csv'), { kind: 'registry' }), jobContext(desk.store.path));
    const history = desk.handlers['imports:list']({ page: 0, pageSize: 10 }) as { items: { id: number; undoBlocker: string | null }[] };
    expect(history.items[0]).toMatchObject({ id: summary.importId, undoBlocker: expect.stringMatching(/não se desfazem/) });
  });
});

/** Row 2: a CEP of RJ with a município of SP; row 3: a sound one. */
const CITY_OF_ANOTHER_UF = `CEP;Logradouro;Bairro;Município;UF;Motivo
20040-020;Rua da Assembleia;Centro;São Paulo;RJ;CEP conferido no comprovante
13010-000;Rua Barão de Jaguara;Centro;Campinas;SP;CEP conferido no comprovante`;

describe('a CEP directory import', () => {
  it('refuses a row whose município IBGE does not list in its UF, naming the Município column', () => {
    const summary = importCsv('ceps-municipio.csv', 'cep', CITY_OF_ANOTHER_UF.split('\n'));
    expect(summary).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
    expect(summary.errors).toEqual([
      expect.objectContaining({ row: 2, code: 'CITY_UNKNOWN', column: 'Município', message: 'Município “São Paulo” não é um município de RJ na lista do IBGE. Confira o município e a UF.' }),
    ]);
  });
});

describe.each(['ceps.csv', 'ceps.xlsx', 'ceps.xls'])('a CEP directory import from %s', (name) => {
  it('adds and fixes CEPs with the rules of the CEPs screen and queues each change for Implanta', () => {
    const summary = runImport(importInput(fixture(name), { kind: 'cep' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ rows: 8, accepted: 2, unchanged: 1, rejected: 5, inserted: 2, corrections: 2 });
    expect(summary.errors.map((e) => [e.row, e.code, e.column])).toEqual([
      [4, 'CEP_UF_MISMATCH', 'CEP'],
      [4, 'CITY_UNKNOWN', 'Município'],
      [5, 'CEP_INVALID', 'CEP'],
      [6, 'DUPLICATE_CONFLICT', 'Logradouro'],
      [8, 'VALUE_INVALID', 'UF'],
      [9, 'VALUE_REQUIRED', 'Município'],
    ]);
    const directory = desk.handlers['cep:list']({ text: '', page: 0, pageSize: 10 }) as { items: { cep: string; street: string; status: string }[] };
    expect(directory.items.map((e) => [e.cep, e.street, e.status])).toEqual([
      ['01310930', 'Avenida Paulista, 1578', 'pending'],
      ['13083970', 'Rua Sérgio Buarque de Holanda', 'pending'],
    ]);
    const changes = desk.store.db.prepare('SELECT cep, old_value AS old, status, import_id AS importId FROM cep_changes ORDER BY id').all();
    expect(changes).toEqual([
      { cep: '01310930', old: null, status: 'pending', importId: summary.importId },
      { cep: '13083970', old: null, status: 'pending', importId: summary.importId },
    ]);
  });
});
