// A corrections spreadsheet that sets a field to the main system's value of an open registry
// conflict closes it, as a correction saved at the desk does — and says so —, instead of leaving a
// "disagreement" between two equal values. Undoing the import, cancelling its correction, or the
// import rolled back half-way opens that conflict again: the record is back on the desk's value.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { undoImport } from '../../../db/imports/undo';
import { findProfessional } from '../../../db/registry';
import type { RegistryConflict } from '../../../shared/contract/registry';
import type { Professional } from '../../../shared/domain';
import { importInput, jobContext, runImport, withImportStepRows } from '../../fixtures/imports/jobs';
import { correct, loadRegistry, openBatchDesk, sendBatch, type BatchDesk } from '../batchFixtures';
import { validCpf } from '../fixtures';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;E-mail';
const DESK = 'maria.souza@gmail.com';
const FILE = 'msouza@uol.com.br';
const OTHERS = 300;

let desk: BatchDesk;
let files = 0;
beforeEach(() => {
  desk = openBatchDesk();
  const others = Array.from({ length: OTHERS }, (_, i) => `${50001 + i};${validCpf(50001 + i)};Pessoa ${i + 1};Mãe ${i + 1};p${i + 1}@exemplo.com.br`);
  loadRegistry(desk, [HEADER, `40001;${validCpf(40001)};Maria Souza;Rita Souza;maria@exemplo.com.br`, ...others]);
});
afterEach(() => desk.cleanup());

const maria = () => findProfessional(desk.store.db, '40001') as Professional;
const open = () => (desk.handlers['registry:conflicts']({ page: 0, pageSize: 50 }) as { items: RegistryConflict[] }).items;
const stored = () => desk.store.db.prepare('SELECT resolved_at IS NULL AS open, resolution, closed_by AS closedBy FROM registry_conflicts ORDER BY id').all();

async function inConflict(): Promise<void> {
  correct(desk, maria(), { email: DESK });
  await sendBatch(desk);
  const loaded = loadRegistry(desk, [HEADER, `40001;${validCpf(40001)};Maria Souza;Rita Souza;${FILE}`]);
  expect(loaded.conflicts).toEqual([expect.objectContaining({ field: 'email', deskValue: DESK, fileValue: FILE })]);
}

/** `whileWriting`: called at each progress report of the writing, as another window would look meanwhile. */
function importEmails(lines: string[], options: { cancelAfter?: number; whileWriting?: () => void; dryRun?: boolean } = {}) {
  const path = desk.dir.file(`correcoes-${++files}.csv`);
  writeFileSync(path, ['Registro;E-mail;Motivo', ...lines].join('\r\n'));
  const context = jobContext(desk.store.path, { now: desk.now().toISOString(), cancelAfter: options.cancelAfter });
  const report = context.progress;
  context.progress = (p) => {
    if (p.phase === 'write') options.whileWriting?.();
    report(p);
  };
  return runImport(importInput(path, { kind: 'corrections', dryRun: options.dryRun ?? false }), context);
}

const importCorrection = () => desk.store.db.prepare("SELECT uuid FROM corrections WHERE source = 'import' AND field = 'email' AND professional_id = ?").pluck().get(maria().id) as string;

describe('a corrections import that sets a field to the value of its open conflict', () => {
  it('closes the conflict with the row, names the correction that closed it, and says so', async () => {
    await inConflict();
    const summary = importEmails([`40001;${FILE};E-mail informado pela profissional`]);
    expect(summary).toMatchObject({ accepted: 1, conflictsClosed: 1 });
    expect(maria().email).toBe(FILE);
    expect(open()).toEqual([]);
    expect(stored()).toEqual([{ open: 0, resolution: null, closedBy: importCorrection() }]);
    const audit = desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'import.run' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ kind: 'corrections', conflictsClosed: 1 });
  });

  it('previewed, says how many it would close, and closes none', async () => {
    await inConflict();
    const preview = importEmails([`40001;${FILE};E-mail informado pela profissional`], { dryRun: true });
    expect(preview).toMatchObject({ written: false, accepted: 1, conflictsClosed: 1 });
    expect(open()).toEqual([expect.objectContaining({ field: 'email' })]);
    expect(importEmails([`40001;maria.s@hotmail.com;E-mail informado pela profissional`], { dryRun: true })).toMatchObject({ conflictsClosed: 0 });
  });

  it('to yet another value leaves it open', async () => {
    await inConflict();
    expect(importEmails([`40001;maria.s@hotmail.com;E-mail informado pela profissional`])).toMatchObject({ accepted: 1, conflictsClosed: 0 });
    expect(open()).toEqual([expect.objectContaining({ field: 'email' })]);
  });

  it('undone, opens the conflict again with the record back on the desk’s value', async () => {
    await inConflict();
    const summary = importEmails([`40001;${FILE};E-mail informado pela profissional`]);
    expect(open()).toEqual([]);
    undoImport({ id: summary.importId as number }, jobContext(desk.store.path, { now: desk.now().toISOString() }));
    expect(maria().email).toBe(DESK);
    expect(open()).toEqual([expect.objectContaining({ field: 'email', deskValue: DESK, fileValue: FILE, resolvedAt: null })]);
    expect(stored()).toEqual([{ open: 1, resolution: null, closedBy: null }]);
  });

  it('with its correction cancelled, opens the conflict again', async () => {
    await inConflict();
    importEmails([`40001;${FILE};E-mail informado pela profissional`]);
    expect(open()).toEqual([]);
    desk.handlers['corrections:cancel']({ uuid: importCorrection(), reason: 'Linha importada por engano' });
    expect(open()).toEqual([expect.objectContaining({ field: 'email', resolvedAt: null })]);
  });

  it('cancelled after its first steps were written, is rolled back with the conflict open again', async () => {
    await inConflict();
    const others = Array.from({ length: OTHERS }, (_, i) => `${50001 + i};novo${i + 1}@exemplo.com.br;Atualização anual`);
    let closedMidway = false;
    const whileWriting = () => (closedMidway ||= open().length === 0);
    expect(() => withImportStepRows(16, () => importEmails([`40001;${FILE};E-mail informado pela profissional`, ...others], { cancelAfter: 200, whileWriting }))).toThrow(/cancelada/);
    expect(closedMidway).toBe(true);
    expect(desk.store.db.prepare("SELECT count(*) FROM corrections WHERE source = 'import'").pluck().get()).toBe(0);
    expect(maria().email).toBe(DESK);
    expect(open()).toEqual([expect.objectContaining({ field: 'email', resolvedAt: null })]);
    expect(stored()).toEqual([{ open: 1, resolution: null, closedBy: null }]);
  });
});

describe('a corrections import that opens again a conflict a correction had closed', () => {
  it('cancelled after its first steps were written, is rolled back with the conflict closed again', async () => {
    await inConflict();
    const closer = correct(desk, maria(), { email: FILE }).corrections[0]!.uuid;
    const others = Array.from({ length: OTHERS }, (_, i) => `${50001 + i};novo${i + 1}@exemplo.com.br;Atualização anual`);
    let openMidway = false;
    const whileWriting = () => (openMidway ||= open().length === 1);
    expect(() => withImportStepRows(16, () => importEmails([`40001;maria.s@hotmail.com;E-mail informado pela profissional`, ...others], { cancelAfter: 200, whileWriting }))).toThrow(/cancelada/);
    expect(openMidway).toBe(true);
    expect(maria().email).toBe(FILE);
    expect(open()).toEqual([]);
    expect(stored()).toEqual([{ open: 0, resolution: null, closedBy: closer }]);
  });
});
