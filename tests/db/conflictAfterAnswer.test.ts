// A conflict with the main system outlives the correction it was about: Implanta rejects the
// correction, or the clerk cancels it, while the main system's third value waits for a choice.
// The conflict then speaks of the value the desk really holds, and neither choice pretends the
// correction is still on its way to Implanta — until the clerk corrects the field again, when it is
// about that new correction.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../db/audit';
import { findProfessional } from '../../db/registry';
import { formatCpf } from '../../shared/rules/cpf';
import type { BatchSummary, RegistryConflict } from '../../shared/contract';
import type { Professional } from '../../shared/domain';
import { answerOne, correct, importAck, loadRegistry, openBatchDesk, sendBatch, writeAck, type BatchDesk } from './batchFixtures';
import { addProfessional, validCpf } from './fixtures';
import { CORRECTED, LOADED, MAIN_SYSTEM, MARIA_HEADER, mariaRow } from './mariaLoads';


let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  load(LOADED);
});
afterEach(() => desk.cleanup());

/** The council's main system loads Maria with this e-mail; returns the open conflicts it left. */
function load(email: string) {
  return loadRegistry(desk, [MARIA_HEADER, mariaRow(email)]);
}

const maria = () => findProfessional(desk.store.db, '40001') as Professional;
const conflictsOnRecord = () => (desk.handlers['registry:get']({ id: maria().id }) as { conflicts: RegistryConflict[] }).conflicts;
const correctionOf = (uuid: string) =>
  desk.store.db.prepare('SELECT status, resolution, resolution_note AS note FROM corrections WHERE uuid = ?').get(uuid) as Record<string, unknown>;
const correctionCount = () => (desk.store.db.prepare('SELECT count(*) AS n FROM corrections').get() as { n: number }).n;
const lastHistory = () =>
  desk.store.db.prepare('SELECT kind, field, old_value AS old, new_value AS new FROM record_history WHERE professional_id = ? ORDER BY id DESC LIMIT 1').get(maria().id);

/** Maria's e-mail corrected, the lote sent, the main system's third value loaded: one open conflict. */
async function conflictInFlight(): Promise<{ uuid: string; batch: BatchSummary; sha256: string; conflict: number }> {
  const uuid = correct(desk, maria(), { email: CORRECTED }).corrections[0]?.uuid as string;
  const { batch, sha256 } = await sendBatch(desk);
  const summary = load(MAIN_SYSTEM);
  expect(summary.conflicts).toEqual([expect.objectContaining({ deskValue: CORRECTED, fileValue: MAIN_SYSTEM })]);
  return { uuid, batch, sha256, conflict: summary.conflicts[0]?.id as number };
}

async function implantaRejects(state: { uuid: string; batch: BatchSummary; sha256: string }): Promise<void> {
  const answer = { schemaVersion: 1, batch: state.batch.uuid, packageSha256: state.sha256, items: [{ id: state.uuid, status: 'rejected', message: 'E-mail recusado pela plataforma.' }] };
  expect(await importAck(desk, writeAck(desk, 'resposta.json', answer))).toMatchObject({ rejected: 1 });
}

describe('a conflict whose correction Implanta rejected', () => {
  it('shows the value the desk holds again, Implanta’s, and says the correction was rejected', async () => {
    const state = await conflictInFlight();
    expect(conflictsOnRecord()).toEqual([expect.objectContaining({ deskValue: CORRECTED, correctionOutcome: null })]);
    await implantaRejects(state);
    expect(maria().email).toBe(LOADED);
    expect(conflictsOnRecord()).toEqual([expect.objectContaining({ id: state.conflict, deskValue: LOADED, fileValue: MAIN_SYSTEM, correctionOutcome: 'rejected' })]);
    const listed = desk.handlers['registry:conflicts']({ page: 0, pageSize: 25 }) as { items: RegistryConflict[] };
    expect(listed.items).toEqual([expect.objectContaining({ deskValue: LOADED, correctionOutcome: 'rejected' })]);
  });

  it('keeping the desk’s value closes it, sends nothing, and leaves the rejection for the clerk', async () => {
    const state = await conflictInFlight();
    await implantaRejects(state);
    const corrections = correctionCount();
    const result = desk.handlers['registry:resolveConflict']({ id: state.conflict, choice: 'kept', reason: 'O e-mail do sistema do Regional está errado' }) as { message: string };
    expect(result.message).toBe(
      'Mantido o valor da mesa para E-mail de Maria Souza (registro 40001): fica “maria@exemplo.com.br”. A correção para “maria.souza@gmail.com” foi rejeitada pela Implanta e nada segue para a Implanta; o valor do sistema do Regional, “msouza@uol.com.br”, foi deixado de lado.',
    );
    expect(maria().email).toBe(LOADED);
    expect(correctionCount()).toBe(corrections);
    expect(correctionOf(state.uuid)).toEqual({ status: 'rejected', resolution: null, note: null });
    expect(lastHistory()).toEqual({ kind: 'conflict_kept', field: 'email', old: MAIN_SYSTEM, new: LOADED });
    expect(conflictsOnRecord()).toEqual([]);
    expect(verifyAuditChain(desk.store.db).ok).toBe(true);
  });

  it('taking the file’s value changes the record from Implanta’s value and counts the rejection as dealt with', async () => {
    const state = await conflictInFlight();
    await implantaRejects(state);
    const corrections = correctionCount();
    const result = desk.handlers['registry:resolveConflict']({ id: state.conflict, choice: 'file', reason: 'O sistema do Regional está certo' }) as {
      message: string;
      newCorrection: string | null;
    };
    expect(result.message).toBe(
      'Usado o valor do sistema do Regional para E-mail de Maria Souza (registro 40001): “maria@exemplo.com.br” passou a “msouza@uol.com.br”. A Implanta tinha rejeitado a correção para “maria.souza@gmail.com”: a rejeição fica tratada.',
    );
    expect(result.newCorrection).toBeNull();
    expect(correctionCount()).toBe(corrections);
    expect(maria().email).toBe(MAIN_SYSTEM);
    expect(correctionOf(state.uuid)).toMatchObject({ status: 'rejected', resolution: 'dismissed', note: expect.stringMatching(/sistema do Regional/) });
    expect(lastHistory()).toEqual({ kind: 'conflict_file', field: 'email', old: LOADED, new: MAIN_SYSTEM });
    expect((await desk.handlers['batches:dashboard']({ days: 30 })).rejected).toBe(0);
    expect(verifyAuditChain(desk.store.db).ok).toBe(true);
  });
});

describe('a conflict whose rejected correction the clerk corrected again', () => {
  it('is about the new correction on its way: keeping it keeps that one, and the file’s value waits for it', async () => {
    const state = await conflictInFlight();
    await implantaRejects(state);
    const again = correct(desk, maria(), { email: 'maria.certa@gmail.com' }).corrections[0]?.uuid as string;
    expect(conflictsOnRecord()).toEqual([expect.objectContaining({ deskValue: 'maria.certa@gmail.com', correctionOutcome: null })]);
    expect(() => desk.handlers['registry:resolveConflict']({ id: state.conflict, choice: 'file', reason: 'O sistema do Regional está certo' })).toThrow(/correção mais recente/);
    const result = desk.handlers['registry:resolveConflict']({ id: state.conflict, choice: 'kept', reason: 'Profissional confirmou o e-mail novo' }) as { message: string };
    expect(result.message).toMatch(/^Mantida a correção de E-mail de Maria Souza \(registro 40001\): fica “maria\.certa@gmail\.com”/);
    expect(correctionOf(again)).toMatchObject({ status: 'pending' });
  });
});

describe('a conflict whose correction Implanta applied, corrected again since', () => {
  it('shows the value of the newer correction the record holds', async () => {
    const state = await conflictInFlight();
    const answer = { schemaVersion: 1, batch: state.batch.uuid, packageSha256: state.sha256, items: [{ id: state.uuid, status: 'applied' }] };
    expect(await importAck(desk, writeAck(desk, 'resposta.json', answer))).toMatchObject({ applied: 1 });
    correct(desk, maria(), { email: 'maria.ultima@gmail.com' });
    expect(conflictsOnRecord()).toEqual([expect.objectContaining({ deskValue: 'maria.ultima@gmail.com', fileValue: MAIN_SYSTEM, correctionOutcome: null })]);
  });
});

describe('a conflict whose correction the clerk cancelled', () => {
  it('shows the desk’s value as it is now, and keeping it says the correction was cancelled', () => {
    const uuid = correct(desk, maria(), { email: CORRECTED }).corrections[0]?.uuid as string;
    const conflict = load(MAIN_SYSTEM).conflicts[0]?.id as number;
    desk.handlers['corrections:cancel']({ uuid, reason: 'Profissional desistiu do pedido' });
    expect(maria().email).toBe(LOADED);
    expect(conflictsOnRecord()).toEqual([expect.objectContaining({ deskValue: LOADED, correctionOutcome: 'cancelled' })]);
    const result = desk.handlers['registry:resolveConflict']({ id: conflict, choice: 'kept', reason: 'O e-mail do sistema do Regional está errado' }) as { message: string };
    expect(result.message).toMatch(/^Mantido o valor da mesa para E-mail de Maria Souza \(registro 40001\): fica “maria@exemplo\.com\.br”\. A correção para “maria\.souza@gmail\.com” foi cancelada/);
    expect(maria().email).toBe(LOADED);
  });
});

describe('the main system caught up with a correction that Implanta then rejected, or the clerk cancelled', () => {
  /** Maria's e-mail corrected, and the main system loads the corrected value: it caught up. */
  function caughtUp(): string {
    const uuid = correct(desk, maria(), { email: CORRECTED }).corrections[0]?.uuid as string;
    return uuid;
  }

  it('loading the main system again is a conflict about the rejected correction, not a correction "the main system has not caught up with"', async () => {
    const uuid = caughtUp();
    const { batch, sha256 } = await sendBatch(desk);
    expect(load(CORRECTED)).toMatchObject({ kept: 0, conflictsTotal: 0 });
    await implantaRejects({ uuid, batch, sha256 });
    expect(maria().email).toBe(LOADED);

    const again = load(CORRECTED);

    expect(again.kept).toBe(0);
    expect(again.conflicts).toEqual([expect.objectContaining({ field: 'email', deskValue: LOADED, fileValue: CORRECTED, correctionOutcome: 'rejected' })]);
    expect(conflictsOnRecord()).toEqual([expect.objectContaining({ deskValue: LOADED, fileValue: CORRECTED, correctionOutcome: 'rejected' })]);
    expect(maria().email).toBe(LOADED);
    // The same file once more counts the field as kept: the conflict stays open, neither stored nor counted again.
    expect(load(CORRECTED)).toMatchObject({ kept: 1, conflictsTotal: 0, rowsWithConflicts: 0, conflicts: [] });
    expect(conflictsOnRecord()).toEqual([expect.objectContaining({ id: again.conflicts[0]?.id, correctionOutcome: 'rejected' })]);

    desk.handlers['registry:resolveConflict']({ id: again.conflicts[0]?.id as number, choice: 'kept', reason: 'A Implanta recusou este e-mail' });
    // Once the clerk kept the desk's value, the same file is not asked about again.
    expect(load(CORRECTED)).toMatchObject({ conflictsTotal: 0, kept: 1 });
    expect(conflictsOnRecord()).toEqual([]);
    expect(maria().email).toBe(LOADED);
  });

  it('taking the file’s value there gives the record the main system’s value and counts the rejection as dealt with', async () => {
    const uuid = caughtUp();
    const { batch, sha256 } = await sendBatch(desk);
    load(CORRECTED);
    await implantaRejects({ uuid, batch, sha256 });
    const [conflict] = load(CORRECTED).conflicts;

    desk.handlers['registry:resolveConflict']({ id: conflict?.id as number, choice: 'file', reason: 'O sistema do Regional está certo' });

    expect(maria().email).toBe(CORRECTED);
    expect(correctionOf(uuid)).toMatchObject({ status: 'rejected', resolution: 'dismissed' });
  });

  it('a cancelled correction the main system had taken is a conflict about it too', () => {
    const uuid = caughtUp();
    load(CORRECTED);
    desk.handlers['corrections:cancel']({ uuid, reason: 'Profissional desistiu do pedido' });
    expect(maria().email).toBe(LOADED);

    expect(load(CORRECTED).conflicts).toEqual([expect.objectContaining({ deskValue: LOADED, fileValue: CORRECTED, correctionOutcome: 'cancelled' })]);
  });

  it('a correction Implanta applied and the main system took stays as it is', async () => {
    const uuid = caughtUp();
    const { batch, sha256 } = await sendBatch(desk);
    load(CORRECTED);
    const answer = { schemaVersion: 1, batch: batch.uuid, packageSha256: sha256, items: [{ id: uuid, status: 'applied' }] };
    await importAck(desk, writeAck(desk, 'resposta.json', answer));
    expect(load(CORRECTED)).toMatchObject({ conflictsTotal: 0, kept: 0 });
    expect(maria().email).toBe(CORRECTED);
  });
});

describe('the main system takes a correction only after Implanta rejected it', () => {
  it('is the same conflict about the rejected correction as when it took it before the rejection', async () => {
    const uuid = correct(desk, maria(), { email: CORRECTED }).corrections[0]?.uuid as string;
    const { batch, sha256 } = await sendBatch(desk);
    await implantaRejects({ uuid, batch, sha256 });

    const late = load(CORRECTED);

    expect(late.accepted).toBe(0);
    expect(late.conflicts).toEqual([expect.objectContaining({ field: 'email', deskValue: LOADED, fileValue: CORRECTED, correctionOutcome: 'rejected' })]);
    expect(maria().email).toBe(LOADED);
    desk.handlers['registry:resolveConflict']({ id: late.conflicts[0]?.id as number, choice: 'kept', reason: 'A Implanta recusou este e-mail' });
    expect(load(CORRECTED)).toMatchObject({ conflictsTotal: 0, kept: 1 });
    expect(maria().email).toBe(LOADED);
  });
});

describe('an older file of the main system, after it caught up with a correction Implanta applied', () => {
  /** Maria's e-mail corrected and applied by Implanta, and the main system caught up with it. */
  async function appliedAndCaughtUp(): Promise<string> {
    const uuid = correct(desk, maria(), { email: CORRECTED }).corrections[0]?.uuid as string;
    const { batch, sha256 } = await sendBatch(desk);
    await answerOne(desk, { batch, sha256 }, uuid, 'applied');
    expect(load(CORRECTED)).toMatchObject({ conflictsTotal: 0, accepted: 0 });
    return uuid;
  }

  it('is a conflict about the applied correction: the record keeps the value Implanta holds until the clerk chooses', async () => {
    const uuid = await appliedAndCaughtUp();

    const stale = load(LOADED);

    expect(stale.accepted).toBe(0);
    expect(stale.conflicts).toEqual([expect.objectContaining({ field: 'email', deskValue: CORRECTED, fileValue: LOADED, correctionOutcome: null })]);
    expect(maria().email).toBe(CORRECTED);
    expect(correctionOf(uuid)).toMatchObject({ status: 'synced' });
    desk.handlers['registry:resolveConflict']({ id: stale.conflicts[0]?.id as number, choice: 'kept', reason: 'Arquivo antigo do sistema do Regional' });
    expect(load(LOADED)).toMatchObject({ conflictsTotal: 0, kept: 1 });
    expect(maria().email).toBe(CORRECTED);
  });

  it('taking the older file’s value there queues a correction, so Implanta gets the main system’s value too', async () => {
    await appliedAndCaughtUp();
    const [conflict] = load(LOADED).conflicts;

    desk.handlers['registry:resolveConflict']({ id: conflict?.id as number, choice: 'file', reason: 'O sistema do Regional está certo' });

    expect(maria().email).toBe(LOADED);
    expect(desk.store.db.prepare("SELECT old_value AS old, new_value AS new, status FROM corrections WHERE source = 'conflict'").all()).toEqual([
      { old: CORRECTED, new: LOADED, status: 'pending' },
    ]);
  });
});

describe('a rejection that arrives while a newer correction of the field is on its way', () => {
  const correctionRow = (uuid: string) =>
    desk.store.db.prepare('SELECT old_value AS old, new_value AS new, status, resolution FROM corrections WHERE uuid = ?').get(uuid) as Record<string, unknown>;

  it('is dealt with by the newer correction, which now starts from the value Implanta still holds', async () => {
    const older = correct(desk, maria(), { email: CORRECTED }).corrections[0]?.uuid as string;
    const { batch, sha256 } = await sendBatch(desk);
    const newer = correct(desk, maria(), { email: MAIN_SYSTEM }).corrections[0]?.uuid as string;
    expect(correctionRow(newer)).toMatchObject({ old: CORRECTED, status: 'pending' });

    await implantaRejects({ uuid: older, batch, sha256 });

    expect(maria().email).toBe(MAIN_SYSTEM);
    expect(correctionRow(older)).toMatchObject({ status: 'rejected', resolution: 'corrected' });
    expect(correctionRow(newer)).toMatchObject({ old: LOADED, new: MAIN_SYSTEM, status: 'pending' });
    expect(verifyAuditChain(desk.store.db).ok).toBe(true);
  });

  it('after the clerk took the main system’s value on a conflict: the correction made for it no longer claims Implanta held the rejected value', async () => {
    const state = await conflictInFlight();
    desk.handlers['registry:resolveConflict']({ id: state.conflict, choice: 'file', reason: 'O sistema do Regional está certo' });
    const made = desk.store.db.prepare("SELECT uuid FROM corrections WHERE source = 'conflict'").pluck().get() as string;
    expect(correctionRow(made)).toMatchObject({ old: CORRECTED, new: MAIN_SYSTEM });

    await implantaRejects(state);

    expect(correctionRow(made)).toMatchObject({ old: LOADED, new: MAIN_SYSTEM, status: 'pending' });
    expect(correctionRow(state.uuid)).toMatchObject({ status: 'rejected', resolution: 'corrected' });
    expect(maria().email).toBe(MAIN_SYSTEM);
  });

  it('a newer correction already in a sealed lote keeps its values: a lote never changes', async () => {
    const older = correct(desk, maria(), { email: CORRECTED }).corrections[0]?.uuid as string;
    const first = await sendBatch(desk);
    const newer = correct(desk, maria(), { email: MAIN_SYSTEM }).corrections[0]?.uuid as string;
    await sendBatch(desk);

    await implantaRejects({ uuid: older, batch: first.batch, sha256: first.sha256 });

    expect(correctionRow(newer)).toMatchObject({ old: CORRECTED, status: 'sent' });
    expect(correctionRow(older)).toMatchObject({ resolution: 'corrected' });
  });
});

describe('a CPF correction Implanta rejects after the old CPF went to another record', () => {
  it('leaves the record with the rejected CPF and its history says why, naming the other record', async () => {
    const oldCpf = maria().cpf;
    const uuid = correct(desk, maria(), { cpf: validCpf(50001) }, { dipAcknowledged: true }).corrections[0]?.uuid as string;
    const { batch, sha256 } = await sendBatch(desk);
    // A load now refuses it while the correction is on its way; a desk of an older version may hold it.
    addProfessional(desk.store, { registrationNumber: '40002', cpf: oldCpf, name: 'Rita Lima' });

    await implantaRejects({ uuid, batch, sha256 });

    expect(maria().cpf).toBe(validCpf(50001));
    const note = desk.store.db.prepare("SELECT note FROM record_history WHERE correction_uuid = ? AND kind = 'rejected'").pluck().get(uuid) as string;
    expect(note).toContain('E-mail recusado pela plataforma.');
    expect(note).toMatch(/O CPF anterior, \d{3}\.\d{3}\.\d{3}-\d{2}, pertence agora a outro cadastro \(registro 40002\): este cadastro ficou com o CPF rejeitado/);
  });
});

describe('taking the main system’s CPF on a conflict about a CPF correction Implanta rejected', () => {
  it('warns that Implanta still knows the professional by the CPF it kept', async () => {
    const oldCpf = maria().cpf;
    const newCpf = validCpf(50001);
    const uuid = correct(desk, maria(), { cpf: newCpf }, { dipAcknowledged: true }).corrections[0]?.uuid as string;
    const { batch, sha256 } = await sendBatch(desk);
    await implantaRejects({ uuid, batch, sha256 });
    const [conflict] = loadRegistry(desk, [MARIA_HEADER, `40001;${newCpf};Maria Souza;Rita Souza;${LOADED}`]).conflicts;

    const result = desk.handlers['registry:resolveConflict']({ id: conflict?.id as number, choice: 'file', reason: 'O sistema do Regional está certo' }) as { message: string };

    expect(maria().cpf).toBe(newCpf);
    expect(result.message).toContain(`A Implanta ainda conhece a/o profissional pelo CPF ${formatCpf(oldCpf)}`);
    expect(result.message).toContain(formatCpf(newCpf));
  });
});
