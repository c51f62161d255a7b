// A registry load gives Juliana (1003) a new CPF and her old one to another record (9999). Implanta
// still knows Juliana by the old CPF until it applied an item of a lote naming her by the new one:
// a lote naming 9999 by that CPF meanwhile would have Implanta apply 9999's corrections to Juliana.
// So 9999's corrections stay pending, held back from every lote until then, and the lote says why.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KNOWN_BY_ANOTHER } from '../../db/batches/heldBack';
import { findProfessional } from '../../db/registry';
import type { BatchSummary } from '../../shared/contract';
import type { Professional } from '../../shared/domain';
import { answerOne, correct, exportPackage, loadRegistry, openBatchDesk, packageLines, sendBatch, type BatchDesk } from './batchFixtures';
import { validCpf } from './fixtures';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;E-mail';
const [OLD, NEW, OTHER] = [validCpf(91003), validCpf(91077), validCpf(95555)];
const juliana = (cpf: string) => `1003;${cpf};Juliana de Barros da Costa;Rita Costa;juliana@exemplo.com.br`;
const novo = (cpf: string) => `9999;${cpf};Pessoa Nova Teste;Maria Teste;nova@exemplo.com.br`;
const HELD = /A Implanta ainda conhece outro cadastro \(registro 1003\) por este CPF: as correções deste cadastro ficam para o próximo lote/;

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  loadRegistry(desk, [HEADER, juliana(OLD)]);
});
afterEach(() => desk.cleanup());

const record = (registration: string) => findProfessional(desk.store.db, registration) as Professional;
const emailFix = (registration: string, email: string) => correct(desk, record(registration), { email }).corrections[0]?.uuid as string;
const stem = (path: string) => (path.split('/').pop() as string).replace(/\.zip$/, '');
const statusOf = (uuid: string) => desk.store.db.prepare('SELECT status FROM corrections WHERE uuid = ?').pluck().get(uuid);

/** The main system moves Juliana's CPF to a new one and gives her old one to the new record 9999. */
function moveJulianasCpf(): void {
  loadRegistry(desk, [HEADER, juliana(NEW), novo(OLD)]);
  expect(record('1003').cpf).toBe(NEW);
  expect(record('9999').cpf).toBe(OLD);
}

describe('a lote never names a record by the CPF Implanta still knows another record by', () => {
  it('holds back the corrections of the record that took it, saying why', async () => {
    moveJulianasCpf();
    const hers = emailFix('1003', 'juliana.b@exemplo.com.br');
    const its = emailFix('9999', 'pessoa.nova@exemplo.com.br');
    const created = await desk.handlers['batches:create']({});
    expect(created.counts.corrections).toBe(1);
    expect(created.heldBack).toEqual([expect.objectContaining({ registrationNumber: '9999', corrections: 1, knownByRegistrationNumber: '1003', message: expect.stringMatching(HELD) })]);
    expect([statusOf(hers), statusOf(its)]).toEqual(['batched', 'pending']);

    const sealed = await desk.handlers['batches:seal']({ id: created.id });
    expect(sealed.heldBack).toEqual([expect.objectContaining({ registrationNumber: '9999' })]);
    const exported = await exportPackage(desk, created.id, 'out');
    const lines = packageLines(exported.path, stem(exported.path), 'corrections.jsonl');
    expect(lines).toEqual([expect.objectContaining({ registrationNumber: '1003', cpf: NEW, previousCpf: OLD })]);
    expect(statusOf(its)).toBe('pending');
  });

  it('lets them go once Implanta applied an item of a lote naming the other record by its new CPF', async () => {
    moveJulianasCpf();
    const hers = emailFix('1003', 'juliana.b@exemplo.com.br');
    const its = emailFix('9999', 'pessoa.nova@exemplo.com.br');
    const first = await sendBatch(desk);
    expect(statusOf(its)).toBe('pending');
    // Still waiting for Implanta's answer: the next lote holds them back too.
    emailFix('1003', 'juliana.c@exemplo.com.br');
    const second = await sendBatch(desk);
    expect(second.batch.heldBack).toBeUndefined(); // sealed and sent: what the lote says of itself
    expect(statusOf(its)).toBe('pending');

    await answerOne(desk, first, hers, 'applied');
    const third = await sendBatch(desk);
    expect(packageLines(third.path, stem(third.path), 'corrections.jsonl')).toEqual([expect.objectContaining({ id: its, registrationNumber: '9999', cpf: OLD, previousCpf: null })]);
  });

  it('refuses a lote of nothing but held-back corrections, saying why', () => {
    moveJulianasCpf();
    emailFix('9999', 'pessoa.nova@exemplo.com.br');
    expect(() => desk.handlers['batches:create']({})).toThrow(expect.objectContaining({ code: 'BATCH_EMPTY', message: expect.stringMatching(/registro 9999.*registro 1003/) }));
  });

  it('takes them out at sealing when the load came while the lote was open', async () => {
    loadRegistry(desk, [HEADER, juliana(OLD), novo(OTHER)]);
    const hers = emailFix('1003', 'juliana.b@exemplo.com.br');
    const its = emailFix('9999', 'pessoa.nova@exemplo.com.br');
    const created = await desk.handlers['batches:create']({});
    expect(created.counts.corrections).toBe(2);
    loadRegistry(desk, [HEADER, juliana(NEW), novo(OLD)]);
    const open = (await desk.handlers['batches:get']({ id: created.id })).batch as BatchSummary;
    expect(open.heldBack).toEqual([expect.objectContaining({ registrationNumber: '9999', message: expect.stringMatching(HELD) })]);
    const sealed = await desk.handlers['batches:seal']({ id: created.id });
    expect(sealed.counts.corrections).toBe(1);
    expect(sealed.heldBack).toEqual([expect.objectContaining({ registrationNumber: '9999' })]);
    expect([statusOf(hers), statusOf(its)]).toEqual(['batched', 'pending']);
  });

  it('holds back a record the desk gave that CPF by a CPF correction too', async () => {
    loadRegistry(desk, [HEADER, juliana(OLD), novo(OTHER)]);
    loadRegistry(desk, [HEADER, juliana(NEW)]);
    const fix = correct(desk, record('9999'), { cpf: OLD }, { dipAcknowledged: true }).corrections[0]?.uuid as string;
    emailFix('1003', 'juliana.b@exemplo.com.br');
    const created = await desk.handlers['batches:create']({});
    expect(created.heldBack).toEqual([expect.objectContaining({ registrationNumber: '9999', message: expect.stringMatching(HELD) })]);
    expect(statusOf(fix)).toBe('pending');
  });

  it('still refuses a load giving another record the old CPF of a CPF correction on its way', () => {
    correct(desk, record('1003'), { cpf: NEW }, { dipAcknowledged: true });
    const result = loadRegistry(desk, [HEADER, juliana(NEW), novo(OLD)]);
    expect(result.rejected).toBeGreaterThan(0);
    expect(findProfessional(desk.store.db, '9999')).toBeNull();
  });

  it('lets two records whose CPFs the main system swapped go together: Implanta finds each by its own old CPF', async () => {
    loadRegistry(desk, [HEADER, juliana(OLD), novo(OTHER)]);
    loadRegistry(desk, [HEADER, juliana(OTHER), novo(OLD)]);
    emailFix('1003', 'juliana.b@exemplo.com.br');
    emailFix('9999', 'pessoa.nova@exemplo.com.br');
    const sent = await sendBatch(desk);
    expect(sent.batch.counts.corrections).toBe(2);
    expect(packageLines(sent.path, stem(sent.path), 'corrections.jsonl')).toEqual([
      expect.objectContaining({ registrationNumber: '1003', cpf: OTHER, previousCpf: OLD }),
      expect.objectContaining({ registrationNumber: '9999', cpf: OLD, previousCpf: OTHER }),
    ]);
  });
});

describe('finding the records Implanta may know by another CPF', () => {
  it('reads the few history entries of CPFs changed by the main system through their own index, not the whole history', () => {
    moveJulianasCpf();
    const plan = (desk.store.db.prepare(`EXPLAIN QUERY PLAN ${KNOWN_BY_ANOTHER}`).all() as { detail: string }[]).map((step) => step.detail);
    expect(plan).toContainEqual(expect.stringMatching(/record_history USING (COVERING )?INDEX record_history_cpf_from_file_idx/));
    expect(plan.filter((step) => /^SCAN record_history$/.test(step))).toEqual([]);
    // And it still finds her: the load moved her CPF.
    const found = desk.store.db.prepare(KNOWN_BY_ANOTHER).all() as { registration: string }[];
    expect(found.map((row) => row.registration)).toContain('1003');
  });
});
