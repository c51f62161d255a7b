// A registry row with an empty "Nome da mãe" and "Não consta mãe" = Não while the desk's correction
// to "Não consta mãe" is on its way. The empty cell is no change: the main system still holds the
// name it held, as with no correction in flight — no third value, the desk keeps its correction.
// And taking the file's side of a mother conflict never leaves a record with neither a name nor
// the flag (the mother rule), nor sends Implanta such a fact.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProfessional } from '../../db/registry';
import type { Professional } from '../../shared/domain';
import { addProfessional, correct, loadRegistry, openBatchDesk, type BatchDesk } from './batchFixtures';
import { refusalOfCall as refusal, validCpf } from './fixtures';

const FULL = 'Registro;CPF;Nome;Nome da mãe;Não consta mãe';
const MOTHER_ONLY = 'Registro;CPF;Nome da mãe;Não consta mãe';
const CPF = validCpf(1002);

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
});
afterEach(() => desk.cleanup());

const record = (registration: string) => findProfessional(desk.store.db, registration) as Professional;
const mother = (registration: string) => {
  const p = record(registration);
  return { motherName: p.motherName, motherNotListed: p.motherNotListed };
};
const corrections = () => desk.store.db.prepare('SELECT field, old_value AS old, new_value AS new, status, source FROM corrections ORDER BY id').all();
const openConflicts = () => desk.store.db.prepare('SELECT field, file_value AS file FROM registry_conflicts WHERE resolved_at IS NULL').all();

async function sealLote(): Promise<void> {
  const lote = await desk.handlers['batches:create']({});
  await desk.handlers['batches:seal']({ id: lote.id });
}

describe('an empty “Nome da mãe” with “Não consta mãe” = Não against a mother correction on its way', () => {
  beforeEach(() => {
    loadRegistry(desk, [FULL, `1002;${CPF};Lia Souza;Clara Souza;Não`]);
  });

  it('is no change: no conflict, the desk keeps its correction', () => {
    correct(desk, record('1002'), { motherNotListed: true });
    const summary = loadRegistry(desk, [MOTHER_ONLY, `1002;${CPF};;Não`]);
    expect(summary.conflicts).toEqual([]);
    expect(openConflicts()).toEqual([]);
    expect(mother('1002')).toEqual({ motherName: null, motherNotListed: true });
    expect(corrections()).toEqual([expect.objectContaining({ field: 'mother', status: 'pending' })]);
  });

  it('with the correction’s lote sealed: no conflict, and nothing more queued', async () => {
    correct(desk, record('1002'), { motherNotListed: true });
    await sealLote();
    expect(loadRegistry(desk, [MOTHER_ONLY, `1002;${CPF};;Não`]).conflicts).toEqual([]);
    expect(corrections()).toHaveLength(1);
    expect(mother('1002')).toEqual({ motherName: null, motherNotListed: true });
  });

  it('reads the same as with no correction in flight, where the name stays', () => {
    loadRegistry(desk, [MOTHER_ONLY, `1002;${CPF};;Não`]);
    expect(mother('1002')).toEqual({ motherName: 'Clara Souza', motherNotListed: false });
  });

  it('is no change either when the main system takes the name back later: the name the last load had', () => {
    correct(desk, record('1002'), { motherNotListed: true });
    loadRegistry(desk, [MOTHER_ONLY, `1002;${CPF};;Não`]);
    // The main system still holds Clara Souza: the same name again is still the base, kept.
    expect(loadRegistry(desk, [FULL, `1002;${CPF};Lia Souza;Clara Souza;Não`]).conflicts).toEqual([]);
    expect(mother('1002')).toEqual({ motherName: null, motherNotListed: true });
  });
});

describe('taking the file’s side of a mother conflict that has neither a name nor the flag', () => {
  // A record the desk made, never loaded: the only base is the correction's own old value.
  const neither = '{"motherName":null,"motherNotListed":false}';
  let registration: string;
  beforeEach(() => {
    const lia = addProfessional(desk.store, { registrationNumber: '1003', cpf: validCpf(1003), name: 'Lia Prado', motherName: 'Clara Prado', motherNotListed: false });
    registration = lia.registrationNumber;
    correct(desk, lia, { motherNotListed: true });
    // An older conflict stored with the file's side as neither (as loads made them before).
    const uuid = (desk.store.db.prepare('SELECT uuid FROM corrections').get() as { uuid: string }).uuid;
    desk.store.db
      .prepare("INSERT INTO registry_conflicts (import_id, row, professional_id, field, desk_value, file_value, correction_uuid, created_at) VALUES (NULL, 2, ?, 'mother', ?, ?, ?, ?)")
      .run(lia.id, '{"motherName":null,"motherNotListed":true}', neither, uuid, desk.now().toISOString());
  });
  const conflictId = () => (desk.store.db.prepare('SELECT id FROM registry_conflicts').get() as { id: number }).id;

  it('is refused with the mother rule while the correction is on the desk, the record as it was', () => {
    const refused = refusal(() => desk.handlers['registry:resolveConflict']({ id: conflictId(), choice: 'file', reason: 'O sistema do Regional está certo' }));
    expect(refused.code).toBe('MOTHER_MISSING');
    expect(refused.message).toMatch(/Lia Prado \(registro 1003\)/);
    expect(refused.message).toMatch(/Manter/);
    expect(mother(registration)).toEqual({ motherName: null, motherNotListed: true });
    expect(corrections()).toEqual([expect.objectContaining({ field: 'mother', status: 'pending' })]);
    expect(openConflicts()).toHaveLength(1);
  });

  it('is refused with its lote sealed: no correction “Não consta mãe → —” is queued', async () => {
    await sealLote();
    const refused = refusal(() => desk.handlers['registry:resolveConflict']({ id: conflictId(), choice: 'file', reason: 'O sistema do Regional está certo' }));
    expect(refused.code).toBe('MOTHER_MISSING');
    expect(corrections()).toEqual([expect.objectContaining({ field: 'mother', status: 'batched' })]);
    expect(mother(registration)).toEqual({ motherName: null, motherNotListed: true });
  });

  it('can still be kept', () => {
    const result = desk.handlers['registry:resolveConflict']({ id: conflictId(), choice: 'kept', reason: 'O documento não traz a mãe' }) as { conflict: { resolution: string } };
    expect(result.conflict.resolution).toBe('kept');
    expect(openConflicts()).toEqual([]);
  });
});
