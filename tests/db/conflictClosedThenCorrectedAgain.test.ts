// A correction that brought the record to the main system's value closed the registry conflict of
// that field. A later correction of the field — saved at the desk or brought by a corrections
// import — takes the record off that value again: the disagreement is back, and the conflict is
// open for the clerk to choose, as if the closing correction had never been saved. Cancelling or
// undoing that later correction brings the record back to the main system's value: closed again.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { undoImport } from '../../db/imports/undo';
import { importInput, jobContext, runImport } from '../fixtures/imports/jobs';
import { correct, importAck, sendBatch, writeAck } from './batchFixtures';
import { DESK, FILE, useConflictDesk } from './conflictDesk';

const conflictDesk = useConflictDesk();
const { maria, load, open } = conflictDesk;
const LATER = 'maria.s@hotmail.com';

async function inConflict(): Promise<void> {
  correct(conflictDesk.desk, maria(), { email: DESK });
  await sendBatch(conflictDesk.desk);
  expect(load(FILE).conflicts).toEqual([expect.objectContaining({ field: 'email' })]);
}

let files = 0;
function importEmail(email: string, dryRun = false) {
  const { desk } = conflictDesk;
  const path = desk.dir.file(`correcoes-${++files}.csv`);
  writeFileSync(path, ['Registro;E-mail;Motivo', `40001;${email};E-mail informado pela profissional`].join('\r\n'));
  return runImport(importInput(path, { kind: 'corrections', dryRun }), jobContext(desk.store.path, { now: desk.now().toISOString() }));
}

const stored = () => conflictDesk.desk.store.db.prepare('SELECT resolved_at IS NULL AS open, resolution, closed_by AS closedBy FROM registry_conflicts ORDER BY id').all();

describe('a conflict closed by a correction, and the field corrected again', () => {
  it('at the desk, opens again showing the record’s new value', async () => {
    await inConflict();
    expect(correct(conflictDesk.desk, maria(), { email: FILE })).toMatchObject({ conflictsClosed: 1 });
    expect(open()).toEqual([]);
    expect(correct(conflictDesk.desk, maria(), { email: LATER })).toMatchObject({ conflictsClosed: 0, conflictsReopened: 1 });
    expect(maria().email).toBe(LATER);
    expect(open()).toEqual([expect.objectContaining({ field: 'email', deskValue: LATER, fileValue: FILE, resolvedAt: null })]);
    expect(stored()).toEqual([{ open: 1, resolution: null, closedBy: null }]);
    const audit = conflictDesk.desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'correction.save' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ reopenedConflicts: [expect.any(Number)] });
  });

  it('by a corrections import, opens again; its preview closes nothing', async () => {
    await inConflict();
    expect(importEmail(FILE)).toMatchObject({ accepted: 1, conflictsClosed: 1 });
    expect(open()).toEqual([]);
    expect(importEmail(LATER, true)).toMatchObject({ accepted: 1, conflictsClosed: 0, conflictsReopened: 1 });
    expect(open()).toEqual([]);
    expect(importEmail(LATER)).toMatchObject({ accepted: 1, conflictsClosed: 0, conflictsReopened: 1 });
    expect(maria().email).toBe(LATER);
    expect(open()).toEqual([expect.objectContaining({ field: 'email', deskValue: LATER, fileValue: FILE, resolvedAt: null })]);
  });

  it('back to the main system’s value once more, closes it again', async () => {
    await inConflict();
    correct(conflictDesk.desk, maria(), { email: FILE });
    correct(conflictDesk.desk, maria(), { email: LATER });
    expect(correct(conflictDesk.desk, maria(), { email: FILE })).toMatchObject({ conflictsClosed: 1 });
    expect(open()).toEqual([]);
  });

  it('a conflict the main system closed by leaving the value stays closed', async () => {
    await inConflict();
    load(DESK);
    expect(open()).toEqual([]);
    correct(conflictDesk.desk, maria(), { email: LATER });
    expect(open()).toEqual([]);
  });
});

describe('the later correction that opened it again, given up', () => {
  const closedBy = () => conflictDesk.desk.store.db.prepare('SELECT closed_by FROM registry_conflicts').pluck().get();

  it('cancelled, closes it again naming the correction that holds the main system’s value', async () => {
    await inConflict();
    const closer = correct(conflictDesk.desk, maria(), { email: FILE }).corrections[0]!.uuid;
    const later = correct(conflictDesk.desk, maria(), { email: LATER }).corrections[0]!.uuid;
    expect(open()).toHaveLength(1);
    conflictDesk.desk.handlers['corrections:cancel']({ uuid: later, reason: 'Salva por engano' });
    expect(maria().email).toBe(FILE);
    expect(open()).toEqual([]);
    expect(closedBy()).toBe(closer);
    conflictDesk.desk.handlers['corrections:cancel']({ uuid: closer, reason: 'Salva por engano' });
    expect(open()).toEqual([expect.objectContaining({ field: 'email', deskValue: DESK, fileValue: FILE })]);
  });

  it('rejected by Implanta, closes it again', async () => {
    await inConflict();
    const closer = correct(conflictDesk.desk, maria(), { email: FILE }).corrections[0]!.uuid;
    const later = correct(conflictDesk.desk, maria(), { email: LATER }).corrections[0]!.uuid;
    const { batch, sha256 } = await sendBatch(conflictDesk.desk);
    const items = [
      { id: closer, status: 'applied' },
      { id: later, status: 'rejected', message: 'Recusado' },
    ];
    await importAck(conflictDesk.desk, writeAck(conflictDesk.desk, 'resposta.json', { schemaVersion: 1, batch: batch.uuid, packageSha256: sha256, items }));
    expect(maria().email).toBe(FILE);
    expect(open()).toEqual([]);
    expect(closedBy()).toBe(closer);
  });

  it('undone with its import, closes it again', async () => {
    await inConflict();
    correct(conflictDesk.desk, maria(), { email: FILE });
    const summary = importEmail(LATER);
    expect(open()).toHaveLength(1);
    const { desk } = conflictDesk;
    undoImport({ id: summary.importId as number }, jobContext(desk.store.path, { now: desk.now().toISOString() }));
    expect(maria().email).toBe(FILE);
    expect(open()).toEqual([]);
  });
});
