// Registry loads meet the desk's own copy: defective records load flagged (seed cases B, E, F),
// only rows the store cannot hold are refused, and a record the desk corrected is merged field by
// field against the value of the last load — kept, caught up, taken, or a conflict the clerk decides.
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../db/audit';
import { pendenciesOf } from '../../../db/pendencies';
import { findProfessional } from '../../../db/registry';
import type { Professional } from '../../../shared/domain';
import { EVIDENCE, REASON, testDeskForEachTest, validCpf, type TestDesk } from '../fixtures';
import { registryLoader } from './registryLoads';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;Não consta mãe;Estado civil;E-mail;CEP;Município;UF';

let desk: TestDesk;
testDeskForEachTest((fresh) => (desk = fresh));

/** A registry load of these rows (after the header above), as the council's main system exports it. */
const load = registryLoader(() => desk, HEADER);

const record = (key: string) => findProfessional(desk.store.db, key) as Professional;

function correct(registration: string, changes: Record<string, string>): string {
  const p = record(registration);
  const saved = desk.handlers['corrections:save']({ professionalId: p.id, expectedRowVersion: p.rowVersion, changes, reason: REASON, evidence: EVIDENCE, dipAcknowledged: true }) as {
    corrections: { uuid: string }[];
  };
  return saved.corrections[0]?.uuid as string;
}

const correctionOf = (uuid: string) =>
  desk.store.db.prepare('SELECT status, field, old_value AS old, new_value AS new, source FROM corrections WHERE uuid = ?').get(uuid) as Record<string, unknown>;
const historyOf = (registration: string) =>
  desk.store.db
    .prepare('SELECT kind, field, old_value AS old, new_value AS new FROM record_history WHERE professional_id = ? ORDER BY id')
    .all(record(registration).id) as { kind: string; field: string | null; old: string | null; new: string | null }[];
const openConflicts = () => desk.store.db.prepare('SELECT count(*) AS n FROM registry_conflicts WHERE resolved_at IS NULL').get() as { n: number };

const MARIA = `40001;${validCpf(40001)};Maria Souza;Rita Souza;;Casada;maria@exemplo.com.br;01310-100;São Paulo;SP`;

describe('defective records from the main system', () => {
  it('load as they are, flagged with their pendências, and are found by registration and by the CPF as typed', () => {
    const summary = load([
      `30001;123.456.789-00;Beatriz Lopes;Clara Lopes;;;beatriz@exemplo.com.br;;;`, // B: check digits
      `30002;111.111.111-11;Cecília Dias;Nair Dias;;;cecilia@exemplo.com.br;;;`, // B: all digits equal
      `30003;${validCpf(30003)};Débora Reis;Ivone Reis;;;debora@exemplo.com.br;20040-020;São Paulo;SP`, // E: a Rio CEP in SP
      `30004;${validCpf(30004)};Eva Prado;;;;eva@exemplo.com.br;;;`, // F: neither mother nor "Não consta mãe"
      `30005;${validCpf(30005)};Flávia Rosa;Lia Rosa;;casada de novo;flavia@@exemplo;;;`,
      `30006;${validCpf(30006)};Gilda Mota;Zilá Mota;Sim;;gilda@exemplo.com.br;;;`,
    ]);
    expect(summary).toMatchObject({ rows: 6, accepted: 6, rejected: 0, inserted: 6, flagged: 6 });

    expect(record('30001')).toMatchObject({ cpf: '12345678900', name: 'Beatriz Lopes' });
    expect(record('123.456.789-00').registrationNumber).toBe('30001');
    const hits = desk.handlers['registry:search']({ text: '123.456.789-00', page: 0, pageSize: 10 }) as { items: { registrationNumber: string; pendencies: number }[] };
    expect(hits.items).toEqual([expect.objectContaining({ registrationNumber: '30001', pendencies: 1 })]);
    const codes = (registration: string) => pendenciesOf(desk.store.db, record(registration).id).map((p) => `${p.source}:${p.code}:${p.field}`);
    expect(codes('30001')).toEqual(['rule:CPF_INVALID:cpf']);
    expect(codes('30002')).toEqual(['rule:CPF_INVALID:cpf']);
    expect(record('30003').cep).toBe('20040020');
    expect(codes('30003')).toEqual(['rule:CEP_UF_MISMATCH:cep']);
    expect(codes('30004')).toEqual(['rule:MOTHER_MISSING:motherName']);
    // Free text as given; a closed vocabulary it cannot read is empty, with what the file said.
    expect(record('30005')).toMatchObject({ email: 'flavia@@exemplo', maritalStatus: null });
    expect(pendenciesOf(desk.store.db, record('30005').id).map((p) => p.message)).toEqual([
      'Estado civil no arquivo não reconhecido: “casada de novo”',
      expect.stringMatching(/^E-mail inválido/),
    ]);
    // Never both: the name stays, and the clerk is told to check the document.
    expect(record('30006')).toMatchObject({ motherName: 'Zilá Mota', motherNotListed: false });
    expect(codes('30006')).toEqual(['load:MOTHER_CONFLICT:motherNotListed']);
    expect(historyOf('30001')).toEqual([{ kind: 'registry_created', field: null, old: null, new: null }]);
  });

  it('keep what a record already holds when the file’s value of a closed vocabulary cannot be read, and say so', () => {
    load([`30005;${validCpf(30005)};Flávia Rosa;Lia Rosa;;Casada;flavia@exemplo.com.br;;;`]);
    expect(record('30005').maritalStatus).toBe('married');
    const history = historyOf('30005').length;

    const again = load([`30005;${validCpf(30005)};Flávia Rosa;Lia Rosa;;casada de novo;flavia@exemplo.com.br;;;`]);

    expect(record('30005').maritalStatus).toBe('married');
    expect(historyOf('30005')).toHaveLength(history);
    expect(again).toMatchObject({ updated: 0 });
    expect(pendenciesOf(desk.store.db, record('30005').id).map((p) => p.message)).toContain(
      'Estado civil no arquivo não reconhecido: “casada de novo”; o cadastro manteve o valor que tinha.',
    );
  });

  it('lose a load note when the next load brings a value the desk can keep', () => {
    load([`30005;${validCpf(30005)};Flávia Rosa;Lia Rosa;;casada de novo;flavia@exemplo.com.br;;;`]);
    const next = load([`30005;${validCpf(30005)};Flávia Rosa;Lia Rosa;;Casada;flavia@exemplo.com.br;;;`]);
    expect(next).toMatchObject({ accepted: 1, flagged: 0 });
    expect(record('30005').maritalStatus).toBe('married');
    expect(pendenciesOf(desk.store.db, record('30005').id)).toEqual([]);
  });
});

describe('rows refused because the store cannot hold them', () => {
  it('are only those without a registration, with a repeated key, a CPF that is not 11 digits or is someone else’s, or a new record without a CPF', () => {
    load([MARIA]);
    const summary = load([
      `;${validCpf(50001)};Sem Registro;Mãe;;;;;;`,
      `50002;${validCpf(50002)};Primeira Vez;Mãe Um;;;;;;`,
      `50002;${validCpf(50003)};Segunda Vez;Mãe Dois;;;;;;`,
      `50004;${validCpf(50002)};Mesmo CPF;Mãe Três;;;;;;`,
      `50005;12345678;Curto Demais;Mãe Quatro;;;;;;`,
      `50006;${validCpf(40001)};CPF da Maria;Mãe Cinco;;;;;;`,
      `50007;;Sem CPF;Mãe Seis;;;;;;`,
    ]);
    expect(summary).toMatchObject({ rows: 7, accepted: 1, rejected: 6 });
    expect(summary.errors.map((e) => [e.row, e.code, e.column])).toEqual([
      [2, 'VALUE_REQUIRED', 'Registro'],
      [4, 'DUPLICATE_CONFLICT', 'Registro'],
      [5, 'CPF_DUPLICATE', 'CPF'],
      [6, 'CPF_INVALID', 'CPF'],
      [7, 'CPF_DUPLICATE', 'CPF'],
      [8, 'VALUE_REQUIRED', 'CPF'],
    ]);
    expect(summary.errors[1]?.message).toMatch(/O registro 50002 já aparece na linha 3 desta planilha/);
    expect(summary.errors[2]?.message).toMatch(/já aparece na linha 3 desta planilha \(registro 50002\)/);
    expect(summary.errors[3]?.message).toMatch(/11 dígitos \(tem 8\)/);
    expect(summary.errors[4]?.message).toMatch(/já pertence a outro cadastro \(registro 40001\)/);
    expect(record('50002').name).toBe('Primeira Vez');
    expect(summary.errors[1]?.message).toMatch(/e aquela linha vale/);
  });

  it('a number repeated after its first row was refused says that row was refused too, not that it stands', () => {
    load([MARIA]);
    const summary = load([`60001;;Sem CPF;Mãe Um;;;;;;`, `60001;${validCpf(60001)};Com CPF;Mãe Um;;;;;;`]);
    expect(summary).toMatchObject({ rows: 2, accepted: 0, rejected: 2 });
    expect(summary.errors[1]).toMatchObject({ row: 3, code: 'DUPLICATE_CONFLICT' });
    expect(summary.errors[1]?.message).toMatch(/já aparece na linha 2 desta planilha, que foi recusada: a planilha se contradiz, e nenhuma das duas linhas entrou/);
    expect(summary.errors[1]?.message).not.toMatch(/vale/);
  });
});

describe('loading again a record the desk corrected', () => {
  it('keeps a pending correction the file does not know yet, counts the row as kept, and takes the other fields', () => {
    load([MARIA]);
    const uuid = correct('40001', { email: 'maria.souza@gmail.com' });
    const again = load([MARIA.replace('São Paulo;SP', 'Campinas;SP')]);
    expect(again).toMatchObject({ rows: 1, accepted: 1, unchanged: 0, kept: 1, conflictsTotal: 0, conflicts: [] });
    expect(record('40001')).toMatchObject({ email: 'maria.souza@gmail.com', city: 'Campinas' });
    expect(correctionOf(uuid)).toMatchObject({ status: 'pending' });
    expect(historyOf('40001').map((h) => [h.kind, h.field, h.old, h.new])).toEqual([
      ['registry_created', null, null, null],
      ['correction', 'email', 'maria@exemplo.com.br', 'maria.souza@gmail.com'],
      ['registry_load', 'city', 'São Paulo', 'Campinas'],
    ]);
    // Only the kept field: the row is unchanged, still counted as kept.
    const same = load([MARIA.replace('São Paulo;SP', 'Campinas;SP')]);
    expect(same).toMatchObject({ accepted: 0, unchanged: 1, kept: 1 });
    const history = desk.handlers['imports:list']({ page: 0, pageSize: 1 }) as { items: Record<string, unknown>[] };
    expect(history.items[0]).toMatchObject({ rows: 1, unchanged: 1, kept: 1, conflicts: 0 });
  });

  it('changes nothing once the main system caught up with the correction', () => {
    load([MARIA]);
    const uuid = correct('40001', { email: 'maria.souza@gmail.com' });
    const version = record('40001').rowVersion;
    const caughtUp = load([MARIA.replace('maria@exemplo.com.br', 'maria.souza@gmail.com')]);
    expect(caughtUp).toMatchObject({ accepted: 0, unchanged: 1, kept: 0, conflictsTotal: 0 });
    expect(record('40001')).toMatchObject({ email: 'maria.souza@gmail.com', rowVersion: version });
    expect(correctionOf(uuid)).toMatchObject({ status: 'pending' });
    // The main system's copy is now the base: the old value in a later file is a change again.
    const stored = desk.store.db.prepare('SELECT loaded_values FROM professionals WHERE id = ?').get(record('40001').id) as { loaded_values: string };
    expect(JSON.parse(stored.loaded_values)).toMatchObject({ email: 'maria.souza@gmail.com' });
  });

  it('never lets a stale file revert a correction Implanta already applied', () => {
    load([MARIA]);
    const uuid = correct('40001', { email: 'maria.souza@gmail.com' });
    desk.store.db.prepare("UPDATE corrections SET status = 'synced' WHERE uuid = ?").run(uuid);
    expect(load([MARIA])).toMatchObject({ unchanged: 1, kept: 1 });
    expect(record('40001').email).toBe('maria.souza@gmail.com');
  });

  it('stores a third value as a conflict, lists it, keeps the desk’s value, and a preview stores nothing', () => {
    load([MARIA]);
    correct('40001', { email: 'maria.souza@gmail.com' });
    const third = MARIA.replace('maria@exemplo.com.br', 'msouza@uol.com.br');
    const preview = load([third], { dryRun: true });
    expect(preview.conflicts).toEqual([
      { id: null, row: 2, registration: '40001', name: 'Maria Souza', field: 'email', deskValue: 'maria.souza@gmail.com', fileValue: 'msouza@uol.com.br', correctionOutcome: null },
    ]);
    expect(openConflicts()).toEqual({ n: 0 });

    const summary = load([third]);
    expect(summary).toMatchObject({ accepted: 0, unchanged: 1, kept: 0, conflictsTotal: 1 });
    expect(summary.conflicts).toEqual([expect.objectContaining({ id: expect.any(Number), field: 'email', deskValue: 'maria.souza@gmail.com', fileValue: 'msouza@uol.com.br' })]);
    expect(record('40001').email).toBe('maria.souza@gmail.com');
    const view = desk.handlers['registry:get']({ id: record('40001').id }) as { conflicts: { id: number; importId: number; row: number }[] };
    expect(view.conflicts).toEqual([expect.objectContaining({ id: summary.conflicts[0]?.id, importId: summary.importId, row: 2 })]);
    // The same file again: the main system's value is now the base, the desk keeps its value, and
    // the open conflict waits for the clerk (no second one).
    expect(load([third])).toMatchObject({ unchanged: 1, kept: 1, conflictsTotal: 0 });
    expect(openConflicts()).toEqual({ n: 1 });
  });

  it('lets the clerk keep the correction: the conflict closes, the correction goes on', () => {
    load([MARIA]);
    const uuid = correct('40001', { email: 'maria.souza@gmail.com' });
    const conflict = load([MARIA.replace('maria@exemplo.com.br', 'msouza@uol.com.br')]).conflicts[0]?.id as number;
    const result = desk.handlers['registry:resolveConflict']({ id: conflict, choice: 'kept', reason: 'Profissional confirmou o e-mail novo' }) as { message: string };
    expect(result.message).toBe(
      'Mantida a correção de E-mail de Maria Souza (registro 40001): fica “maria.souza@gmail.com”, e o valor do sistema do Regional, “msouza@uol.com.br”, foi deixado de lado.',
    );
    expect(openConflicts()).toEqual({ n: 0 });
    expect(correctionOf(uuid)).toMatchObject({ status: 'pending' });
    expect(record('40001').email).toBe('maria.souza@gmail.com');
    expect(historyOf('40001').at(-1)).toEqual({ kind: 'conflict_kept', field: 'email', old: 'msouza@uol.com.br', new: 'maria.souza@gmail.com' });
    expect(() => desk.handlers['registry:resolveConflict']({ id: conflict, choice: 'file', reason: 'Mudei de ideia agora' })).toThrow(/já foi resolvido/);
    expect(verifyAuditChain(desk.store.db).ok).toBe(true);
  });

  it('lets the clerk take the file’s value: a correction still on the desk is cancelled', () => {
    load([MARIA]);
    const uuid = correct('40001', { email: 'maria.souza@gmail.com' });
    const conflict = load([MARIA.replace('maria@exemplo.com.br', 'msouza@uol.com.br')]).conflicts[0]?.id as number;
    expect(() => desk.handlers['registry:resolveConflict']({ id: conflict, choice: 'file', reason: 'ok' })).toThrow(/motivo/);
    const result = desk.handlers['registry:resolveConflict']({ id: conflict, choice: 'file', reason: 'O sistema do Regional está certo' }) as {
      message: string;
      cancelledCorrection: string | null;
      newCorrection: string | null;
    };
    expect(result).toMatchObject({ cancelledCorrection: uuid, newCorrection: null });
    expect(result.message).toMatch(/^Usado o valor do sistema do Regional para E-mail de Maria Souza \(registro 40001\): “maria.souza@gmail.com” passou a “msouza@uol.com.br”\. .*cancelada/);
    expect(record('40001').email).toBe('msouza@uol.com.br');
    expect(correctionOf(uuid)).toMatchObject({ status: 'cancelled' });
    expect(historyOf('40001').at(-1)).toEqual({ kind: 'conflict_file', field: 'email', old: 'maria.souza@gmail.com', new: 'msouza@uol.com.br' });
  });

  it('lets the clerk take the file’s value of a correction already sent: a new correction brings Implanta to it', () => {
    load([MARIA]);
    const uuid = correct('40001', { email: 'maria.souza@gmail.com' });
    desk.store.db.prepare("UPDATE corrections SET status = 'sent' WHERE uuid = ?").run(uuid);
    const conflict = load([MARIA.replace('maria@exemplo.com.br', 'msouza@uol.com.br')]).conflicts[0]?.id as number;
    const result = desk.handlers['registry:resolveConflict']({ id: conflict, choice: 'file', reason: 'O sistema do Regional está certo' }) as { newCorrection: string };
    expect(correctionOf(uuid)).toMatchObject({ status: 'sent' });
    expect(correctionOf(result.newCorrection)).toEqual({ status: 'pending', field: 'email', old: 'maria.souza@gmail.com', new: 'msouza@uol.com.br', source: 'conflict' });
    expect(record('40001').email).toBe('msouza@uol.com.br');
  });

  it('compares the mother’s name and “Não consta mãe” as one fact', () => {
    load([MARIA]);
    correct('40001', { motherName: 'Rita de Cássia Souza' });
    // The file still says the old name: kept. The file says "Não consta mãe": a third value.
    expect(load([MARIA])).toMatchObject({ kept: 1, conflictsTotal: 0 });
    const summary = load([MARIA.replace('Rita Souza;', ';Sim')]);
    expect(summary.conflicts).toEqual([
      expect.objectContaining({
        field: 'mother',
        deskValue: '{"motherName":"Rita de Cássia Souza","motherNotListed":false}',
        fileValue: '{"motherName":null,"motherNotListed":true}',
      }),
    ]);
    desk.handlers['registry:resolveConflict']({ id: summary.conflicts[0]?.id as number, choice: 'file', reason: 'RG sem filiação materna conferido' });
    expect(record('40001')).toMatchObject({ motherName: null, motherNotListed: true });
  });
});
