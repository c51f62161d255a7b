// A corrections import that will be written whatever its rows say is written while the file is
// still being read, in chunks. What the rest of the desk may see meanwhile, and what is left when
// the import ends otherwise: a lote made meanwhile does not take the unfinished import's
// corrections; Cancelar rolls back what was written; a record changed by two rows far apart is
// written as the file says; "tudo ou nada" writes nothing until the end.
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../db/audit';
import { createBatch } from '../../../db/batches/lifecycle';
import { getProfessional } from '../../../db/registry';
import type { JobProgress } from '../../../shared/contract/jobs';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { correctionsCsv } from '../fixtures';
import { numberedDeskForEachTest } from './numberedDesk';

const ROWS = 900;
const HEADER = 'CPF;E-mail;Telefone;Motivo';

// Chunks of 16 rows: a 900-row file is written in many of them while it is read.
const people = numberedDeskForEachTest(ROWS, { cpf: 200_000_000, registration: 70_000 });

const csv = (lines: string[]) => correctionsCsv(people.desk, HEADER, lines);

const emailRow = (i: number) => `${people.cpfOf(i)};novo${i}@exemplo.com.br;;Atualização anual`;
const importCorrections = () => people.desk.store.db.prepare("SELECT count(*) FROM corrections WHERE source = 'import'").pluck().get() as number;

/** A job context that calls `during` once, the first time the import reports progress past row 512 (its first 256 rows are checked by then). */
function contextWith(during: () => void, options: { cancelAfter?: number } = {}) {
  const context = jobContext(people.desk.store.path, options);
  const report = context.progress;
  let called = false;
  context.progress = (p: JobProgress) => {
    report(p);
    if (!called && p.phase === 'write' && p.done >= 512) {
      called = true;
      during();
    }
  };
  return context;
}

describe('a corrections import written while it is read', () => {
  it('has written part of the file before the end, and a lote made meanwhile leaves those corrections for the next lote', () => {
    const lines = Array.from({ length: ROWS }, (_, i) => emailRow(i + 1));
    let seenMidway = 0;
    let batchMidway: unknown = null;
    const context = contextWith(() => {
      seenMidway = importCorrections();
      try {
        createBatch(people.desk.store.db, new Date());
      } catch (error) {
        batchMidway = error;
      }
    });
    const summary = runImport(importInput(csv(lines), { kind: 'corrections' }), context);
    expect(seenMidway).toBeGreaterThan(0);
    expect(seenMidway).toBeLessThan(ROWS);
    // Nothing else was pending: the import's own corrections were not the lote's to take.
    expect(batchMidway).toMatchObject({ code: 'BATCH_EMPTY', message: expect.stringMatching(/importação está sendo gravada/) });
    expect(summary).toMatchObject({ written: true, accepted: ROWS, corrections: ROWS });
    const batch = createBatch(people.desk.store.db, new Date());
    expect(batch.counts.corrections).toBe(ROWS);
    expect(verifyAuditChain(people.desk.store.db).ok).toBe(true);
  });

  it('is rolled back when cancelled after part of it was written, and the audit says it was cancelled', () => {
    const lines = Array.from({ length: ROWS }, (_, i) => emailRow(i + 1));
    const emailsBefore = people.desk.store.db.prepare('SELECT id, email, row_version FROM professionals ORDER BY id').all();
    let seenMidway = 0;
    const context = contextWith(() => (seenMidway = importCorrections()), { cancelAfter: 512 });
    expect(() => runImport(importInput(csv(lines), { kind: 'corrections' }), context)).toThrow(/cancelada/);
    expect(seenMidway).toBeGreaterThan(0);
    expect(importCorrections()).toBe(0);
    expect(people.desk.store.db.prepare('SELECT id, email, row_version FROM professionals ORDER BY id').all()).toEqual(emailsBefore);
    expect(people.desk.store.db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
    expect(people.desk.store.db.prepare("SELECT count(*) FROM store_tasks WHERE name LIKE 'import.apply:%'").pluck().get()).toBe(0);
    const rollback = people.desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'import.rollback'").pluck().all() as string[];
    expect(rollback).toHaveLength(1);
    expect(JSON.parse(rollback[0] as string)).toMatchObject({ why: 'cancelled' });
    expect(verifyAuditChain(people.desk.store.db).ok).toBe(true);
  });

  it('writes two rows of one record far apart in the file one after the other, without calling the second stale', () => {
    const first = getProfessional(people.desk.store.db, 1);
    const lines = Array.from({ length: ROWS }, (_, i) => emailRow(i + 1));
    // Row 500 changes the phone of the record row 1 gave a new e-mail (written long before).
    lines.splice(499, 0, `${people.cpfOf(1)};;11987654321;Telefone novo`);
    const summary = runImport(importInput(csv(lines), { kind: 'corrections' }), jobContext(people.desk.store.path));
    expect(summary).toMatchObject({ rejected: 0, accepted: ROWS + 1 });
    const after = getProfessional(people.desk.store.db, 1);
    expect(after).toMatchObject({ email: 'novo1@exemplo.com.br', phone: '11987654321', rowVersion: (first?.rowVersion ?? 0) + 2 });
  });

  it('with “tudo ou nada”, writes nothing while it reads, and nothing at all when a row is wrong', () => {
    const lines = Array.from({ length: ROWS }, (_, i) => emailRow(i + 1));
    lines.push('11111111111;x@exemplo.com.br;;CPF inválido');
    let seenMidway = -1;
    const context = contextWith(() => (seenMidway = importCorrections()));
    const summary = runImport(importInput(csv(lines), { kind: 'corrections', allOrNothing: true }), context);
    expect(seenMidway).toBe(0);
    expect(summary).toMatchObject({ written: false, rejected: 1 });
    expect(importCorrections()).toBe(0);
  });
});
