// An address saved as one correction (CEP, UF, município…) is one address: taking the main
// system's value for one of its fields alone over a conflict would leave a CEP and town of one
// state with the UF of another — on the record and, through the next lote, at Implanta. The desk
// refuses that choice, naming the fields saved with it and what to do; a field saved on its own is
// taken as before, and correcting the whole address to the main system's closes the conflict.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProfessional } from '../../db/registry';
import type { Professional } from '../../shared/domain';
import { correct, loadRegistry, openBatchDesk, type BatchDesk } from './batchFixtures';
import { refusalOfCall as refusal, validCpf } from './fixtures';

const CPF = validCpf(1001);
const HEADER = 'Registro;CPF;Nome;Nome da mãe;CEP;Logradouro;Município;UF';

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  loadRegistry(desk, [HEADER, `1001;${CPF};Maria Souza;Rita Souza;01311-000;Avenida Paulista;São Paulo;SP`]);
});
afterEach(() => desk.cleanup());

const maria = () => findProfessional(desk.store.db, '1001') as Professional;
const address = () => {
  const p = maria();
  return { cep: p.cep, street: p.street, city: p.city, uf: p.uf };
};
const corrections = () => desk.store.db.prepare('SELECT field, new_value AS new, status, source FROM corrections ORDER BY id').all();
const openConflicts = () => desk.store.db.prepare('SELECT field, file_value AS file FROM registry_conflicts WHERE resolved_at IS NULL').all();
const takeFile = (id: number) => desk.handlers['registry:resolveConflict']({ id, choice: 'file', reason: 'O sistema do Regional está certo' }) as { message: string; newCorrection: string | null; cancelledCorrection: string | null };
const loadUf = (uf: string) => loadRegistry(desk, ['Registro;CPF;UF', `1001;${CPF};${uf}`]);

const RIO = { cep: '20040020', uf: 'RJ', city: 'Rio de Janeiro' };

describe('taking the file’s UF over an address corrected as one (CEP, UF, município)', () => {
  it('is refused while the correction is on the desk, naming the fields saved with it; nothing changes', () => {
    correct(desk, maria(), RIO);
    const summary = loadUf('MG');
    expect(summary.conflicts).toEqual([expect.objectContaining({ field: 'uf', fileValue: 'MG' })]);
    const refused = refusal(() => takeFile(summary.conflicts[0]!.id as number));
    expect(refused.code).toBe('CORRECTION_STATE');
    expect(refused.message).toMatch(/Maria Souza \(registro 1001\)/);
    expect(refused.message).toMatch(/junto com CEP e Município/);
    expect(refused.message).toMatch(/Manter/);
    expect(refused.message).toMatch(/endereço inteiro/);
    expect(address()).toEqual({ cep: '20040020', street: 'Avenida Paulista', city: 'Rio de Janeiro', uf: 'RJ' });
    expect(corrections()).toEqual([
      expect.objectContaining({ field: 'cep', status: 'pending' }),
      expect.objectContaining({ field: 'city', status: 'pending' }),
      expect.objectContaining({ field: 'uf', status: 'pending' }),
    ]);
    expect(openConflicts()).toEqual([{ field: 'uf', file: 'MG' }]);
  });

  it('is refused with its lote sealed: no lone UF correction is queued for Implanta', async () => {
    correct(desk, maria(), RIO);
    const lote = await desk.handlers['batches:create']({});
    await desk.handlers['batches:seal']({ id: lote.id });
    const summary = loadUf('MG');
    expect(refusal(() => takeFile(summary.conflicts[0]!.id as number)).code).toBe('CORRECTION_STATE');
    expect(corrections()).toHaveLength(3);
    expect(corrections()).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'uf', status: 'batched' })]));
    expect(address()).toMatchObject({ cep: '20040020', uf: 'RJ' });
  });

  it('closes once the clerk corrects the whole address to the main system’s', () => {
    correct(desk, maria(), RIO);
    loadUf('MG');
    correct(desk, maria(), { cep: '30130010', uf: 'MG', city: 'Belo Horizonte' });
    expect(openConflicts()).toEqual([]);
  });

  it('is taken as for any field once the address correction was cancelled whole: nothing goes to Implanta', () => {
    const saved = correct(desk, maria(), RIO);
    const summary = loadUf('MG');
    desk.handlers['corrections:cancel']({ uuid: saved.corrections.find((c) => c.field === 'uf')!.uuid, reason: 'Lançado por engano' });
    const result = takeFile(summary.conflicts[0]!.id as number);
    expect(result.newCorrection).toBeNull();
    expect(address()).toMatchObject({ cep: '01311000', city: 'São Paulo', uf: 'MG' });
    expect(corrections()).toEqual([expect.objectContaining({ status: 'cancelled' }), expect.objectContaining({ status: 'cancelled' }), expect.objectContaining({ status: 'cancelled' })]);
  });

  it('can still be kept', () => {
    correct(desk, maria(), RIO);
    const summary = loadUf('MG');
    desk.handlers['registry:resolveConflict']({ id: summary.conflicts[0]!.id as number, choice: 'kept', reason: 'O endereço da mesa está certo' });
    expect(openConflicts()).toEqual([]);
    expect(address()).toMatchObject({ cep: '20040020', uf: 'RJ' });
  });
});

describe('an address field corrected on its own', () => {
  it('takes the file’s value as before', () => {
    correct(desk, maria(), { street: 'Avenida Paulista, conjunto 2' });
    const summary = loadRegistry(desk, ['Registro;CPF;Logradouro', `1001;${CPF};Avenida Paulista, 1000`]);
    const result = takeFile(summary.conflicts[0]!.id as number);
    expect(result.cancelledCorrection).not.toBeNull();
    expect(address().street).toBe('Avenida Paulista, 1000');
  });
});
