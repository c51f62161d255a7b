// A conflict sets the main system's value of a field against the desk's. When the desk's side comes
// to the main system's — Implanta rejected the correction, and the next load brings the main system's
// value once more, which the record then takes — nothing is left to choose: the load closes the
// conflict instead of leaving the clerk a "disagreement" between two equal values. A conflict whose
// sides still differ stays open, and one the clerk already resolved stays as she resolved it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProfessional } from '../../../db/registry';
import type { RegistryConflict } from '../../../shared/contract/registry';
import type { Professional } from '../../../shared/domain';
import { answerOne, correct, loadRegistry, openBatchDesk, sendBatch, type BatchDesk } from '../batchFixtures';
import { validCpf } from '../fixtures';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;Não consta mãe;E-mail;CEP;Logradouro';

type Cells = { mother: string; notListed: string; email: string; cep: string; street: string };
const FIRST: Cells = { mother: 'Rita Souza', notListed: 'Não', email: 'maria@exemplo.com.br', cep: '01310-100', street: 'Rua das Flores' };

/** Each field the desk corrects and the main system later changes to a third value of its own. */
const CASES = [
  {
    field: 'email',
    correction: { email: 'maria.souza@gmail.com' },
    again: { email: 'maria.s@hotmail.com' },
    third: { email: 'msouza@uol.com.br' },
    toThird: { email: 'msouza@uol.com.br' },
    holds: (p: Professional) => expect(p.email).toBe('msouza@uol.com.br'),
  },
  {
    field: 'cep',
    correction: { cep: '04538-132' },
    again: { cep: '30130-010' },
    third: { cep: '20040-020' },
    toThird: { cep: '20040-020' },
    holds: (p: Professional) => expect(p.cep?.replace('-', '')).toBe('20040020'),
  },
  {
    field: 'mother',
    correction: { motherName: 'Rita de Cássia Souza' },
    again: { motherName: 'Rita Maria de Cássia Souza' },
    third: { mother: '', notListed: 'Sim' },
    toThird: { motherName: null, motherNotListed: true },
    holds: (p: Professional) => expect(p).toMatchObject({ motherName: null, motherNotListed: true }),
  },
] as const;

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  load({});
});
afterEach(() => desk.cleanup());

const maria = () => findProfessional(desk.store.db, '40001') as Professional;
function load(change: Partial<Cells>) {
  const c = { ...FIRST, ...change };
  return loadRegistry(desk, [HEADER, `40001;${validCpf(40001)};Maria Souza;${c.mother};${c.notListed};${c.email};${c.cep};${c.street}`]);
}
const open = () => (desk.handlers['registry:conflicts']({ page: 0, pageSize: 50 }) as { items: RegistryConflict[] }).items;
const stored = () => desk.store.db.prepare('SELECT field, resolved_at AS resolvedAt, resolution FROM registry_conflicts ORDER BY id').all();

/** The correction sent, the main system's third value in conflict with it, and Implanta rejecting the correction. */
async function rejectedAfterConflict(c: (typeof CASES)[number]): Promise<number> {
  const uuid = correct(desk, maria(), c.correction).corrections[0]!.uuid;
  const { batch, sha256 } = await sendBatch(desk);
  const conflict = load(c.third).conflicts[0]!;
  expect(conflict).toMatchObject({ field: c.field });
  await answerOne(desk, { batch, sha256 }, uuid, { rejected: 'Recusado' });
  return conflict.id as number;
}

describe.each(CASES)('a conflict of $field whose correction Implanta rejected', (c) => {
  it('closes when the next load brings the main system’s value again and the record takes it', async () => {
    await rejectedAfterConflict(c);
    const summary = load(c.third);
    expect(summary).toMatchObject({ accepted: 1, conflictsTotal: 0, conflictsClosed: 1 });
    c.holds(maria());
    expect(open()).toEqual([]);
    // Closed by the load, not by a choice of the clerk.
    expect(stored()).toEqual([{ field: c.field, resolvedAt: expect.any(String), resolution: null }]);
  });

  it('stays open while the clerk’s new correction still differs from the main system’s value', async () => {
    await rejectedAfterConflict(c);
    correct(desk, maria(), c.again);
    expect(load(c.third)).toMatchObject({ accepted: 0, conflictsClosed: 0 });
    expect(open()).toEqual([expect.objectContaining({ field: c.field })]);
  });

  it('resolved by the clerk keeping the desk’s value stays as she resolved it', async () => {
    const id = await rejectedAfterConflict(c);
    desk.handlers['registry:resolveConflict']({ id, choice: 'kept', reason: 'O sistema do Regional está errado' });
    const before = stored();
    load(c.third);
    expect(stored()).toEqual(before);
    expect(before).toEqual([expect.objectContaining({ resolution: 'kept' })]);
  });

  it('resolved by the clerk taking the file’s value stays as she resolved it', async () => {
    const id = await rejectedAfterConflict(c);
    desk.handlers['registry:resolveConflict']({ id, choice: 'file', reason: 'Vale o sistema do Regional' });
    const before = stored();
    load(c.third);
    c.holds(maria());
    expect(stored()).toEqual(before);
    expect(before).toEqual([expect.objectContaining({ resolution: 'file' })]);
  });
});

describe.each(CASES)('a conflict of $field whose desk side the clerk corrects', (c) => {
  async function inConflict(): Promise<void> {
    correct(desk, maria(), c.correction);
    await sendBatch(desk);
    expect(load(c.third).conflicts).toEqual([expect.objectContaining({ field: c.field })]);
  }

  it('to the main system’s value closes at once: both sides agree', async () => {
    await inConflict();
    correct(desk, maria(), c.toThird, { dipAcknowledged: true });
    c.holds(maria());
    expect(open()).toEqual([]);
    expect(stored()).toEqual([{ field: c.field, resolvedAt: expect.any(String), resolution: null }]);
  });

  it('to the main system’s value and then cancelled opens again: the sides differ once more', async () => {
    await inConflict();
    const uuid = correct(desk, maria(), c.toThird, { dipAcknowledged: true }).corrections[0]!.uuid;
    expect(open()).toEqual([]);
    desk.handlers['corrections:cancel']({ uuid, reason: 'Corrigido por engano' });
    expect(open()).toEqual([expect.objectContaining({ field: c.field, resolvedAt: null })]);
    // The main system's same value loaded again leaves it open for the clerk, as before the correction.
    expect(load(c.third)).toMatchObject({ conflictsClosed: 0 });
    expect(open()).toHaveLength(1);
  });

  it('to yet another value stays open', async () => {
    await inConflict();
    correct(desk, maria(), c.again, { dipAcknowledged: true });
    expect(open()).toEqual([expect.objectContaining({ field: c.field, resolvedAt: null })]);
  });
});

describe('a conflict of the street whose desk side the clerk corrects to the main system’s value in her own spelling', () => {
  it('closes: the main system’s capitals without accents are the same street', async () => {
    correct(desk, maria(), { street: 'Rua das Acácias' });
    await sendBatch(desk);
    expect(load({ street: 'RUA DOS LIRIOS' }).conflicts).toEqual([expect.objectContaining({ field: 'street' })]);
    correct(desk, maria(), { street: 'Rua dos Lírios' });
    expect(open()).toEqual([]);
    expect(load({ street: 'RUA DOS LIRIOS' })).toMatchObject({ conflictsTotal: 0 });
    expect(maria().street).toBe('Rua dos Lírios');
    expect(open()).toEqual([]);
  });
});
