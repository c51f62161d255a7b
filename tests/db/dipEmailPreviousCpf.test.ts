// The e-mail asking Implanta to correct DIP requests names each professional by the CPF the lote
// carries; while her CPF correction has not been applied (in this lote or an earlier one), Implanta
// still knows her by the old one, which the e-mail says too, as every line of the package does.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Professional } from '../../shared/domain';
import { formatCpf } from '../../shared/rules/cpf';
import { addProfessional, correct, openBatchDesk, sendBatch, type BatchDesk } from './batchFixtures';
import { validCpf } from './fixtures';

const OLD = validCpf(81001);
const NEW = validCpf(81002);

let desk: BatchDesk;
let joana: Professional;
beforeEach(() => {
  desk = openBatchDesk();
  joana = addProfessional(desk.store, { name: 'Joana Dias', cpf: OLD, dipStatus: 'confirmed' });
});
afterEach(() => desk.cleanup());

describe('the DIP e-mail of a professional whose CPF correction is on its way', () => {
  it('in an earlier lote: names the CPF Implanta still knows', async () => {
    correct(desk, joana, { cpf: NEW }, { dipAcknowledged: true });
    await sendBatch(desk);
    correct(desk, joana, { name: 'Joana Dias Moura' }, { dipAcknowledged: true });
    const lote = await desk.handlers['batches:create']({});
    const open = await desk.handlers['batches:dipEmail']({ id: lote.id });
    expect(open.body).toContain(`1. Joana Dias Moura — CPF ${formatCpf(NEW)} (a Implanta ainda tem o CPF ${formatCpf(OLD)}) — registro nº`);
    await desk.handlers['batches:seal']({ id: lote.id });
    expect((await desk.handlers['batches:dipEmail']({ id: lote.id })).body).toBe(open.body);
  });

  it('without a CPF correction: the CPF alone, as before', async () => {
    correct(desk, joana, { name: 'Joana Dias Moura' }, { dipAcknowledged: true });
    const lote = await desk.handlers['batches:create']({});
    expect((await desk.handlers['batches:dipEmail']({ id: lote.id })).body).toContain(`1. Joana Dias Moura — CPF ${formatCpf(OLD)} — registro nº`);
  });
});
