// Many main systems keep names and places in capitals without accents. When such a system catches
// up with a correction of the desk, it sends the same value in its own spelling: that is no third
// value and no conflict for the clerk — the desk keeps its spelling, which is what went to Implanta.
// A value that differs in more than capitals, accents and spaces is still a conflict.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProfessional } from '../../../db/registry';
import type { Professional } from '../../../shared/domain';
import { answerOne, correct, loadRegistry, openBatchDesk, sendBatch, type BatchDesk } from '../batchFixtures';
import { validCpf } from '../fixtures';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;Naturalidade;UF de naturalidade';
const row = (name: string, mother: string, city: string) => `40001;${validCpf(40001)};${name};${mother};${city};SP`;

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  loadRegistry(desk, [HEADER, row('JOANA DIAS', 'RITA DIAS', 'CAMPINAS')]);
});
afterEach(() => desk.cleanup());

const joana = () => findProfessional(desk.store.db, '40001') as Professional;
const load = (name: string, mother: string, city: string) => loadRegistry(desk, [HEADER, row(name, mother, city)]);
const open = () => desk.store.db.prepare('SELECT field, file_value AS file FROM registry_conflicts WHERE resolved_at IS NULL').all();

describe('the main system catching up in its own spelling', () => {
  it('while the corrections are on their way: no conflict, the desk keeps its spelling', async () => {
    correct(desk, joana(), { name: 'Joana Dias Conceição', motherName: 'Rita de Cássia Dias', birthCity: 'São José dos Campos' }, { dipAcknowledged: true });
    await sendBatch(desk);
    const summary = load('JOANA DIAS CONCEICAO', 'RITA DE CASSIA  DIAS', 'SAO JOSE DOS CAMPOS');
    expect(summary.conflicts).toEqual([]);
    expect(open()).toEqual([]);
    expect(joana()).toMatchObject({ name: 'Joana Dias Conceição', motherName: 'Rita de Cássia Dias', birthCity: 'São José dos Campos' });
  });

  it('after Implanta applied them: no conflict either', async () => {
    const uuid = correct(desk, joana(), { name: 'Joana Dias Conceição' }).corrections[0]!.uuid;
    const { batch, sha256 } = await sendBatch(desk);
    await answerOne(desk, { batch, sha256 }, uuid, 'applied');
    expect(load('JOANA DIAS CONCEICAO', 'RITA DIAS', 'CAMPINAS').conflicts).toEqual([]);
    expect(joana().name).toBe('Joana Dias Conceição');
  });

  it('another name in capitals is still a conflict', async () => {
    correct(desk, joana(), { name: 'Joana Dias Conceição' });
    await sendBatch(desk);
    expect(load('JOANA DIAS MOURA', 'RITA DIAS', 'CAMPINAS').conflicts).toEqual([expect.objectContaining({ field: 'name', fileValue: 'JOANA DIAS MOURA' })]);
  });

  it('with no correction, the main system’s spelling comes in as always', () => {
    expect(load('Joana Dias', 'RITA DIAS', 'CAMPINAS')).toMatchObject({ accepted: 1, conflicts: [] });
    expect(joana().name).toBe('Joana Dias');
  });

  it('a value Implanta rejected, come back in capitals: a conflict about the rejection, as in the desk’s spelling', async () => {
    const uuid = correct(desk, joana(), { birthCity: 'São José dos Campos' }).corrections[0]!.uuid;
    const { batch, sha256 } = await sendBatch(desk);
    await answerOne(desk, { batch, sha256 }, uuid, { rejected: 'Município não confere com a certidão' });
    expect(joana().birthCity).toBe('CAMPINAS');
    const summary = load('JOANA DIAS', 'RITA DIAS', 'SAO JOSE DOS CAMPOS');
    expect(summary).toMatchObject({ accepted: 0 });
    expect(summary.conflicts).toEqual([expect.objectContaining({ field: 'birthCity', deskValue: 'CAMPINAS', fileValue: 'SAO JOSE DOS CAMPOS', correctionOutcome: 'rejected' })]);
    expect(joana().birthCity).toBe('CAMPINAS');
  });

  it('a value the clerk cancelled, come back in capitals: a conflict about the cancelled correction', () => {
    const uuid = correct(desk, joana(), { birthCity: 'São José dos Campos' }).corrections[0]!.uuid;
    load('JOANA DIAS', 'RITA DIAS', 'SAO JOSE DOS CAMPOS'); // the main system took it before the clerk withdrew it
    desk.handlers['corrections:cancel']({ uuid, reason: 'A certidão era de outra pessoa.' });
    const summary = load('JOANA DIAS', 'RITA DIAS', 'SAO JOSE DOS CAMPOS');
    expect(summary.conflicts).toEqual([expect.objectContaining({ field: 'birthCity', fileValue: 'SAO JOSE DOS CAMPOS', correctionOutcome: 'cancelled' })]);
    expect(joana().birthCity).toBe('CAMPINAS');
  });
});
