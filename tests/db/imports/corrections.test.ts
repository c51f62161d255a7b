// A corrections import end to end, from every format LibreOffice wrote the same sheet in: what each
// row becomes (every error code), what lands in the store, and how it is recorded.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../db/audit';
import { undoImport } from '../../../db/imports/undo';
import { pendenciesOf, refreshPendencies } from '../../../db/pendencies';
import { getProfessional } from '../../../db/registry';
import type { Professional } from '../../../shared/domain';
import { deskWithPeopleForEachTest, type Person } from '../../fixtures/imports/people';
import { fixture, importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { storeState } from '../../fixtures/imports/storeState';
import { csvFile, type TestDesk } from '../fixtures';

/** Row → what it must become (the row numbers are the spreadsheet's; row 20 is blank). */
const EXPECTED: Record<number, 'accepted' | 'unchanged' | [code: string, column: string]> = {
  2: 'accepted',
  3: 'accepted',
  4: 'accepted',
  5: 'accepted',
  6: 'accepted', // an e-mail fix on a record missing the mother (seed cases D and F): the pendência stays
  7: 'accepted',
  8: ['DUPLICATE_CONFLICT', 'E-mail'],
  9: 'accepted',
  10: 'unchanged',
  11: ['CPF_INVALID', 'CPF'],
  12: ['PROFESSIONAL_NOT_FOUND', 'CPF'],
  13: ['CEP_INVALID', 'CEP'],
  14: ['CEP_UF_MISMATCH', 'CEP'],
  15: ['MOTHER_CONFLICT', 'Nome da mãe'],
  16: ['EMAIL_INVALID', 'E-mail'],
  17: ['DATE_INVALID', 'Data de nascimento'],
  18: ['VALUE_INVALID', 'Estado civil'],
  19: ['VALUE_TOO_LONG', 'Logradouro'],
  21: 'accepted',
};

let desk: TestDesk;
let people: Record<Person, Professional>;
deskWithPeopleForEachTest((fresh) => ({ desk, people } = fresh));

/** A corrections import of a CSV of these lines, written where the desk keeps the test's files. */
function importCsv(name: string, lines: string[]) {
  return runImport(importInput(csvFile(desk, name, lines), { kind: 'corrections' }), jobContext(desk.store.path));
}

const reload = (who: Person) => getProfessional(desk.store.db, people[who].id) as Professional;

describe.each(['corrections.xlsx', 'corrections.ods', 'corrections.xls', 'corrections.csv', 'corrections-1252.csv'])('importing %s', (name) => {
  it('makes each row exactly one of accepted, unchanged or rejected, with the code, row and column of each problem', () => {
    const summary = runImport(importInput(fixture(name), { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ written: true, rows: 19, accepted: 8, unchanged: 1, rejected: 10, corrections: 10 });
    expect(summary.rows).toBe(summary.accepted + summary.unchanged + summary.rejected);
    const rejected = Object.entries(EXPECTED).filter(([, v]) => Array.isArray(v)) as [string, [string, string]][];
    expect(summary.errors.map((e) => [e.row, e.code, e.column])).toEqual(rejected.map(([row, [code, column]]) => [Number(row), code, column]));
    for (const error of summary.errors) expect(error.message).toMatch(/[a-zà-ú]{3}/);
    const statuses = Object.fromEntries(summary.sample.map((r) => [r.row, r.status]));
    for (const [row, outcome] of Object.entries(EXPECTED)) expect(statuses[Number(row)], `row ${row}`).toBe(Array.isArray(outcome) ? 'rejected' : outcome);
  });

  it('changes the records as the rows say, mother rule and lost zeros included', () => {
    runImport(importInput(fixture(name), { kind: 'corrections' }), jobContext(desk.store.path));
    expect(reload('ana').email).toBe('ana.paula@exemplo.com.br'); // found by 1234567890: the CPF lost its leading zero
    expect(reload('bruna')).toMatchObject({ motherNotListed: true, motherName: null });
    expect(reload('carla').maritalStatus).toBe('married');
    expect(reload('daniela').motherName).toBe('Maria das Graças Lima');
    expect(reload('elaine')).toMatchObject({ email: 'elaine.costa@exemplo.com.br', motherName: null, motherNotListed: false });
    expect(pendenciesOf(desk.store.db, people.elaine.id).map((p) => p.code)).toEqual(['MOTHER_MISSING']);
    expect(reload('helena').motherName).toBe(people.helena.motherName); // refused row (name and flag together): nothing of it written
    expect(reload('fernanda')).toMatchObject({ email: 'fernanda.rocha@exemplo.com.br', phone: '11988887777' });
    expect(reload('gabriela').rowVersion).toBe(people.gabriela.rowVersion);
    expect(reload('helena')).toMatchObject({ birthDate: '1981-05-17', cep: '01310100', number: '1500' });
  });
});

describe('what a corrections import records', () => {
  it('queues ordinary pending corrections from the import, with reason, document and the DIP consequence', () => {
    const summary = runImport(importInput(fixture('corrections.xlsx'), { kind: 'corrections' }), jobContext(desk.store.path));
    const rows = desk.store.db
      .prepare('SELECT professional_id AS who, field, old_value AS old, new_value AS new, reason, evidence_kind AS evidence, status, source, dip_consequence AS dip, import_id AS importId, import_row_version AS version FROM corrections ORDER BY id')
      .all() as Record<string, unknown>[];
    expect(rows).toHaveLength(10);
    for (const row of rows) expect(row).toMatchObject({ status: 'pending', source: 'import', importId: summary.importId });
    // The mother's name and "Não consta mãe" are one fact: one item, as on the form.
    expect(rows.filter((r) => r.who === people.bruna.id)).toEqual([
      expect.objectContaining({
        field: 'mother',
        old: '{"motherName":"Cláudia Oliveira","motherNotListed":false}',
        new: '{"motherName":null,"motherNotListed":true}',
        reason: 'RG sem filiação materna',
        evidence: 'RG',
      }),
    ]);
    expect(rows.find((r) => r.who === people.carla.id)).toMatchObject({ field: 'maritalStatus', new: 'married', dip: 'correct_dip_request' });
    expect(rows.find((r) => r.who === people.daniela.id)).toMatchObject({
      field: 'mother',
      new: '{"motherName":"Maria das Graças Lima","motherNotListed":false}',
      dip: 'new_card_required',
    });
    expect(rows.find((r) => r.who === people.elaine.id)).toMatchObject({ field: 'email', new: 'elaine.costa@exemplo.com.br' });
    expect(rows.find((r) => r.who === people.helena.id && r.field === 'cep')).toMatchObject({ old: '04538132', new: '01310100', reason: 'Comprovante de residência entregue no balcão' });
    expect(rows.find((r) => r.who === people.helena.id)?.version).toBe(reload('helena').rowVersion);
    expect(summary.dipConsequences).toEqual({ correct_dip_request: 1, new_card_required: 1 });
    const queue = desk.handlers['corrections:list']({ status: 'pending', page: 0, pageSize: 50 }) as { total: number };
    expect(queue.total).toBe(10);
  });

  it('names, in the preview, whose DIP the import touches and what each row changes, and writes nothing of it without the clerk’s tick', () => {
    const preview = runImport(importInput(fixture('corrections.xlsx'), { kind: 'corrections', dryRun: true, dipAcknowledged: false }), jobContext(desk.store.path));
    expect(preview.dipPeople).toEqual([
      expect.objectContaining({ who: `${people.carla.name} (registro ${people.carla.registrationNumber})`, consequence: 'correct_dip_request' }),
      expect.objectContaining({ who: `${people.daniela.name} (registro ${people.daniela.registrationNumber})`, consequence: 'new_card_required' }),
    ]);
    const helena = preview.sample.find((r) => r.who?.startsWith(people.helena.name) && r.status === 'accepted');
    expect(helena?.diff).toContainEqual({ field: 'CEP', from: '04538-132', to: '01310-100' });

    expect(() => runImport(importInput(fixture('corrections.xlsx'), { kind: 'corrections', dipAcknowledged: false }), jobContext(desk.store.path))).toThrow(
      expect.objectContaining({ code: 'DIP_CONFIRMATION_REQUIRED' }),
    );
    expect(desk.store.db.prepare('SELECT count(*) AS n FROM corrections').get()).toEqual({ n: 0 });
    expect(reload('carla').maritalStatus).toBe(people.carla.maritalStatus);
  });

  it('answers earlier rejections of the field, writes the record’s history and refreshes its pendências', () => {
    // Ana's e-mail was rejected by Implanta once, and the registry holds a broken one.
    desk.store.db.prepare("UPDATE professionals SET email = 'ana@@exemplo' WHERE id = ?").run(people.ana.id);
    refreshPendencies(desk.store.db, reload('ana'));
    desk.store.db
      .prepare(
        `INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, operator, created_at, status, source)
         VALUES ('rejeitada-1', ?, 'email', 'ana@@exemplo', 'ana@exemplo', 'Pedido antigo', 'Ana Paula', '2025-01-10T10:00:00.000Z', 'rejected', 'manual')`,
      )
      .run(people.ana.id);
    expect(pendenciesOf(desk.store.db, people.ana.id).map((p) => p.code)).toEqual(['EMAIL_INVALID']);

    const summary = runImport(importInput(fixture('corrections.xlsx'), { kind: 'corrections' }), jobContext(desk.store.path));
    const imported = desk.store.db.prepare("SELECT uuid FROM corrections WHERE professional_id = ? AND import_id IS NOT NULL").get(people.ana.id) as { uuid: string };
    expect(desk.store.db.prepare("SELECT resolution, resolution_note AS note FROM corrections WHERE uuid = 'rejeitada-1'").get()).toEqual({ resolution: 'corrected', note: imported.uuid });
    expect(desk.store.db.prepare("SELECT kind, field, old_value AS old, new_value AS new, import_id AS importId, correction_uuid AS uuid FROM record_history WHERE professional_id = ?").all(people.ana.id)).toEqual([
      { kind: 'correction_import', field: 'email', old: 'ana@@exemplo', new: 'ana.paula@exemplo.com.br', importId: summary.importId, uuid: imported.uuid },
    ]);
    expect(pendenciesOf(desk.store.db, people.ana.id)).toEqual([]);

    // Undone, the record, its pendência and the rejection are back as they were.
    undoImport({ id: summary.importId as number }, jobContext(desk.store.path));
    expect(reload('ana').email).toBe('ana@@exemplo');
    expect(pendenciesOf(desk.store.db, people.ana.id).map((p) => p.code)).toEqual(['EMAIL_INVALID']);
    expect(desk.store.db.prepare("SELECT resolution FROM corrections WHERE uuid = 'rejeitada-1'").get()).toEqual({ resolution: null });
  });

  it('keeps the import in the history, its errors with the rows’ cells, and one audit entry', () => {
    const summary = runImport(importInput(fixture('corrections.xlsx'), { kind: 'corrections' }), jobContext(desk.store.path, { now: '2025-03-11T10:00:00.000Z' }));
    const history = desk.handlers['imports:list']({ page: 0, pageSize: 10 }) as { items: Record<string, unknown>[] };
    expect(history.items[0]).toMatchObject({
      id: summary.importId,
      kind: 'corrections',
      fileName: 'corrections.xlsx',
      rows: 19,
      accepted: 8,
      unchanged: 1,
      rejected: 10,
      state: 'done',
      corrections: 10,
      undoBlocker: null,
      operator: 'Ana Paula',
    });
    const errors = desk.store.db.prepare('SELECT row, "column", code, raw_row AS raw FROM import_errors ORDER BY id').all() as { row: number; raw: string }[];
    expect(errors).toHaveLength(10);
    expect(JSON.parse(errors[0]?.raw as string)).toContain('fernanda@outro.com.br');
    const audit = desk.store.db.prepare("SELECT action, entity, entity_id AS id, detail FROM audit_log WHERE action LIKE 'import.%'").all() as { detail: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'import.run', entity: 'import', id: String(summary.importId) });
    expect(JSON.parse(audit[0]?.detail as string)).toMatchObject({ kind: 'corrections', fileName: 'corrections.xlsx', sha256: summary.sha256, rows: 19, accepted: 8, rejected: 10 });
    expect(verifyAuditChain(desk.store.db).ok).toBe(true);
  });

  it('reads the sheet that fits when none is named, and a named one', () => {
    const auto = runImport(importInput(fixture('workbook.xlsx'), { kind: 'corrections', dryRun: true }), jobContext(desk.store.path));
    // Its sheet has no document column: the rows changing the mother and a birth date are refused.
    expect(auto).toMatchObject({ sheet: 'Correções', rows: 3, accepted: 1, rejected: 2 });
    expect(() => runImport(importInput(fixture('workbook.xlsx'), { kind: 'corrections', sheet: 'Abril' }), jobContext(desk.store.path))).toThrow(
      /A aba “Abril” não existe.*“Instruções”, “Correções”, “Oculta”/,
    );
    expect(() => runImport(importInput(fixture('workbook.xlsx'), { kind: 'corrections', sheet: 'Instruções' }), jobContext(desk.store.path))).toThrow(/não tem a coluna “CPF” nem a coluna “Registro”/);
  });

  it('follows a CPF changed earlier in the same file, and refuses a CPF that belongs to someone else', () => {
    const summary = importCsv('cpf.csv', [
      'Registro;CPF;E-mail;Documento',
      '10007;16180339805;;Cartão do CPF', // Gabriela's CPF corrected by her registration…
      ';16180339805;gabi@exemplo.com.br;', // …then she is found by the new one
      ';27182818205;velho@exemplo.com.br;', // and by the old one too, as a later file would: another e-mail, a repeat
      `10001;${people.bruna.cpf};;Cartão do CPF`, // Bruna's CPF for Ana: refused
    ]);
    expect(summary).toMatchObject({ rows: 4, accepted: 2, rejected: 2 });
    expect(summary.errors.map((e) => [e.row, e.code])).toEqual([
      [4, 'DUPLICATE_CONFLICT'],
      [5, 'CPF_DUPLICATE'],
    ]);
    expect(reload('gabriela')).toMatchObject({ cpf: '16180339805', email: 'gabi@exemplo.com.br' });
  });

  it('refuses a row changing identification data without a document, naming the row and the missing column, and takes the e-mail rows', () => {
    const summary = runImport(importInput(fixture('workbook.xlsx'), { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ rows: 3, accepted: 1, rejected: 2 });
    expect(summary.errors.map((e) => [e.row, e.code])).toEqual([
      [3, 'EVIDENCE_REQUIRED'],
      [5, 'EVIDENCE_REQUIRED'],
    ]);
    expect(summary.errors[0]?.message).toMatch(/exige o documento comprobatório.*Acrescente à planilha a coluna “Documento comprobatório”/);
    expect(summary.errors[1]?.message).toMatch(/\(Data de nascimento\)/);
    expect(reload('ana').email).toBe('ana.paula@exemplo.com.br');
    expect(reload('bruna').motherNotListed).toBe(people.bruna.motherNotListed);
  });

  it('refuses a row whose document cell is empty or a placeholder when it changes a name, naming the document column', () => {
    const summary = importCsv('nomes.csv', ['Registro;Nome;E-mail;Documento', '10001;Ana Paula Souza Lima;;', '10002;Bruna Oliveira Costa;;Planilha importada', '10003;;carla.nova@exemplo.com.br;']);
    expect(summary).toMatchObject({ rows: 3, accepted: 1, rejected: 2 });
    expect(summary.errors.map((e) => [e.row, e.code, e.column])).toEqual([
      [2, 'EVIDENCE_REQUIRED', 'Documento'],
      [3, 'EVIDENCE_REQUIRED', 'Documento'],
    ]);
    expect(summary.errors[0]?.message).toMatch(/Preencha a coluna “Documento comprobatório” nesta linha/);
  });

  it('tells a row whose mother’s name meets an earlier row’s “Não consta mãe” in the column it filled, naming both, once', () => {
    const summary = importCsv('mae.csv', ['Registro;Não consta mãe;Nome da mãe;Documento', '10001;Sim;;Certidão de nascimento', '10001;;Maria Aparecida Lima;Certidão de nascimento']);
    expect(summary).toMatchObject({ rows: 2, accepted: 1, rejected: 1 });
    expect(summary.errors.map((e) => [e.row, e.code, e.column])).toEqual([[3, 'DUPLICATE_CONFLICT', 'Nome da mãe']]);
    expect(summary.errors[0]?.message).toContain('já aparece na linha 2 desta planilha com outro valor para Nome da mãe e Não consta mãe, que andam juntos');
  });

  it('with “all or nothing”, tells a row repeating a record to fix the sheet and import it whole, never that the earlier row stands', () => {
    const lines = ['Registro;E-mail', '10001;ana.primeira@exemplo.com.br', '10001;ana.segunda@exemplo.com.br'];
    const summary = runImport(importInput(csvFile(desk, 'repetida.csv', lines), { kind: 'corrections', allOrNothing: true }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ written: false, accepted: 1, rejected: 1 });
    expect(summary.errors[0]?.message).toContain('Só uma das duas pode valer: deixe na planilha só a linha com o valor certo e importe a planilha inteira de novo');
    expect(summary.errors[0]?.message).not.toMatch(/vale\. Se o certo|relatório de erros/);
    expect(reload('ana').email).not.toBe('ana.primeira@exemplo.com.br');
  });

  it('keeps the words of a reason and a document cell, never their control characters or invisible overrides', () => {
    const summary = importCsv('controles.csv', ['Registro;Nome;Motivo;Documento', '10001;Ana Paula Souza Lima;Certidão \u001b[2Jde casamento\u0007;Certidão\u202e fdp.exe']);
    expect(summary).toMatchObject({ rows: 1, accepted: 1, rejected: 0 });
    expect(desk.store.db.prepare("SELECT reason, evidence_kind AS document FROM corrections WHERE field = 'name'").get()).toEqual({
      reason: 'Certidão [2Jde casamento',
      document: 'Certidão fdp.exe',
    });
  });

  it('imports through sheet and header names like __proto__ without polluting anything', () => {
    const summary = runImport(importInput(fixture('hostile-names.xls'), { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ sheet: '__proto__', accepted: 1, rejected: 0 });
    expect(reload('ana').email).toBe('ana.paula@exemplo.com.br');
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('a row keyed by a CPF the registry holds with wrong check digits (seed case B)', () => {
  it('reaches that record, as a search does; a wrong CPF nobody holds is refused as invalid', () => {
    const wrong = '12345678900';
    desk.store.db.prepare('UPDATE professionals SET cpf = ? WHERE id = ?').run(wrong, people.ana.id);
    const summary = importCsv('cpf-errado.csv', ['CPF;E-mail', '123.456.789-00;ana.nova@exemplo.com.br', '111.222.333-44;ninguem@exemplo.com.br', '']);
    expect(summary).toMatchObject({ accepted: 1, rejected: 1 });
    expect(summary.errors.map((e) => [e.row, e.code, e.column])).toEqual([[3, 'CPF_INVALID', 'CPF']]);
    expect(getProfessional(desk.store.db, people.ana.id)?.email).toBe('ana.nova@exemplo.com.br');
  });
});

describe('a CSV whose rows are in two encodings', () => {
  const header = 'Registro;Logradouro;Bairro;Motivo\r\n';
  const utf8Row = '10002;Rua São João;Conceição;Mudança de endereço\r\n';
  const cp1252Row = '10003;Rua João Pessoa;Centro;Mudança de endereço\r\n';
  const streets = () => desk.store.db.prepare("SELECT new_value AS value FROM corrections WHERE field IN ('street', 'district') ORDER BY id").pluck().all();

  it('is refused before anything is written, naming the line in UTF-8, instead of storing and queueing mojibake', () => {
    const path = desk.file('mistura.csv');
    // A UTF-8 sheet with a row appended from a tool that saves Windows-1252.
    writeFileSync(path, Buffer.concat([Buffer.from(header + utf8Row, 'utf8'), Buffer.from(cp1252Row, 'latin1')]));
    const before = storeState(desk.store.db);
    expect(() => runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path))).toThrow(
      expect.objectContaining({ code: 'FILE_UNREADABLE', message: expect.stringMatching(/duas codificações.*linha 2 .*UTF-8.*Salve a planilha/) }),
    );
    expect(storeState(desk.store.db)).toEqual(before);
    expect(desk.store.db.prepare('SELECT count(*) FROM corrections').pluck().get()).toBe(0);
  });

  it.each([
    ['Windows-1252', 'latin1'],
    ['UTF-8', 'utf8'],
  ] as const)('is imported when saved all in %s, accents intact', (_, encoding) => {
    const path = desk.file('enderecos.csv');
    writeFileSync(path, Buffer.from(header + utf8Row + cp1252Row, encoding));
    const summary = runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ written: true, rows: 2, accepted: 2, rejected: 0 });
    expect(streets()).toEqual(['Rua São João', 'Conceição', 'Rua João Pessoa', 'Centro']);
  });
});
