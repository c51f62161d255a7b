// A corrections import undone after a registry load had already brought the same value: the desk
// goes back to its value before the import, and the main system's value is no longer the desk's
// own change to keep — the next load takes it as it takes any value the main system changed. A load
// that came before the import is no catching up: its value stays the field's baseline.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { undoImport } from '../../db/imports/undo';
import { importInput, jobContext, runImport } from '../fixtures/imports/jobs';
import { answerOne, correct, sendBatch, type BatchDesk } from './batchFixtures';
import { CORRECTED, LOADED, loadMaria, MAIN_SYSTEM, mariaOn, mariaDeskForEachTest } from './mariaLoads';

let desk: BatchDesk;
mariaDeskForEachTest((fresh) => (desk = fresh));

const maria = () => mariaOn(desk);
const load = (email: string) => loadMaria(desk, email);
const corrections = () => (desk.store.db.prepare('SELECT count(*) AS n FROM corrections').get() as { n: number }).n;

function importEmail(email: string): number {
  const path = desk.dir.file('correcoes.csv');
  writeFileSync(path, ['Registro;E-mail', `40001;${email}`].join('\r\n'));
  const summary = runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path, { now: desk.now().toISOString() }));
  expect(summary).toMatchObject({ written: true, accepted: 1 });
  return summary.importId as number;
}

describe('a corrections import undone after the main system caught up with it', () => {
  it('lets the next load with the main system’s value take it, not keep the undone one for good', () => {
    const id = importEmail(MAIN_SYSTEM);
    expect(load(MAIN_SYSTEM)).toMatchObject({ conflictsTotal: 0 });
    undoImport({ id }, jobContext(desk.store.path, { now: desk.now().toISOString() }));
    expect(maria().email).toBe(LOADED);
    expect(corrections()).toBe(0);

    const next = load(MAIN_SYSTEM);
    expect(next).toMatchObject({ kept: 0, conflictsTotal: 0 });
    expect(maria().email).toBe(MAIN_SYSTEM);
    expect(load(MAIN_SYSTEM)).toMatchObject({ kept: 0, conflictsTotal: 0 });
  });

  it('leaves a main system that never caught up as it was: the next load of the old value changes nothing', () => {
    const id = importEmail(MAIN_SYSTEM);
    undoImport({ id }, jobContext(desk.store.path, { now: desk.now().toISOString() }));
    expect(load(LOADED)).toMatchObject({ kept: 0, conflictsTotal: 0 });
    expect(maria().email).toBe(LOADED);
  });
});

describe('a corrections import undone while a registry load left a conflict with it open', () => {
  it('closes the conflict about the removed correction, and the next load takes the main system’s value', () => {
    const id = importEmail('maria.importada@exemplo.com.br');
    const conflict = load(MAIN_SYSTEM).conflicts[0]?.id as number;
    expect(conflict).toBeGreaterThan(0);
    undoImport({ id }, jobContext(desk.store.path, { now: desk.now().toISOString() }));
    expect(maria().email).toBe(LOADED);
    expect(desk.store.db.prepare('SELECT count(*) AS n FROM registry_conflicts WHERE resolved_at IS NULL').get()).toEqual({ n: 0 });

    expect(load(MAIN_SYSTEM)).toMatchObject({ kept: 0, conflictsTotal: 0 });
    expect(maria().email).toBe(MAIN_SYSTEM);
  });
});

describe('a corrections import undone, the main system’s value loaded before it', () => {
  const openConflicts = () => desk.store.db.prepare('SELECT field, file_value AS file FROM registry_conflicts WHERE resolved_at IS NULL').all();

  it('keeps the load’s baseline: the same file loaded again raises no second conflict', async () => {
    correct(desk, maria(), { email: CORRECTED });
    await sendBatch(desk);
    expect(load(MAIN_SYSTEM)).toMatchObject({ conflictsTotal: 1 });
    const id = importEmail(MAIN_SYSTEM);
    expect(openConflicts()).toEqual([]);
    undoImport({ id }, jobContext(desk.store.path, { now: desk.now().toISOString() }));
    expect(openConflicts()).toEqual([{ field: 'email', file: MAIN_SYSTEM }]);

    expect(load(MAIN_SYSTEM)).toMatchObject({ kept: 1, conflictsTotal: 0 });
    expect(maria().email).toBe(CORRECTED);
    expect(openConflicts()).toEqual([{ field: 'email', file: MAIN_SYSTEM }]);
  });

  it('keeps it also after a later load of that value: the main system held it before the import', async () => {
    correct(desk, maria(), { email: CORRECTED });
    await sendBatch(desk);
    load(MAIN_SYSTEM);
    const id = importEmail(MAIN_SYSTEM);
    expect(load(MAIN_SYSTEM)).toMatchObject({ conflictsTotal: 0 });
    undoImport({ id }, jobContext(desk.store.path, { now: desk.now().toISOString() }));
    expect(load(MAIN_SYSTEM)).toMatchObject({ kept: 1, conflictsTotal: 0 });
    expect(openConflicts()).toEqual([{ field: 'email', file: MAIN_SYSTEM }]);
  });

  it('leaves a value the main system holds but the desk changed as the desk’s to keep', async () => {
    const uuid = correct(desk, maria(), { email: CORRECTED }).corrections[0]!.uuid;
    // While the correction is on its way, a file bringing back the value it replaced is refused
    // (UNDOES_CORRECTION); once Implanta applied it, such a file is a change like any other.
    await answerOne(desk, await sendBatch(desk), uuid, 'applied');
    const id = importEmail(LOADED);
    undoImport({ id }, jobContext(desk.store.path, { now: desk.now().toISOString() }));
    expect(maria().email).toBe(CORRECTED);
    expect(load(LOADED)).toMatchObject({ kept: 1, conflictsTotal: 0 });
    expect(maria().email).toBe(CORRECTED);
  });
});
