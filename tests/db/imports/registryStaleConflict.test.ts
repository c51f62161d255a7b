// A conflict is the main system's value against the desk's. When a later load brings another value
// for that field — the main system caught up with the desk, or changed the field once more — the old
// conflict no longer says what the main system holds: it closes, and taking "the file's value" can
// never bring back a value the main system itself has left.
import { describe, expect, it } from 'vitest';
import type { RegistryConflict } from '../../../shared/contract/registry';
import { answerOne, correct, sendBatch, type BatchDesk } from '../batchFixtures';
import { CORRECTED, LOADED, loadMaria, MAIN_SYSTEM, mariaDeskForEachTest, mariaOn } from '../mariaLoads';

const FOURTH = 'maria.s@hotmail.com';

let desk: BatchDesk;
let uuid: string;
mariaDeskForEachTest((fresh) => {
  desk = fresh;
  uuid = correct(desk, maria(), { email: CORRECTED }).corrections[0]!.uuid;
});

const maria = () => mariaOn(desk);
const load = (email: string) => loadMaria(desk, email);
const open = () => (desk.handlers['registry:conflicts']({ page: 0, pageSize: 50 }) as { items: RegistryConflict[] }).items;

describe('a conflict the main system has moved on from', () => {
  it('closes when the next load brings the desk’s value: nothing is left to choose', async () => {
    await sendBatch(desk);
    expect(load(MAIN_SYSTEM).conflicts).toHaveLength(1);
    const summary = load(CORRECTED);
    expect(summary.conflicts).toEqual([]);
    expect(open()).toEqual([]);
    expect(maria().email).toBe(CORRECTED);
  });

  it('gives way to the newer value: one conflict, with what the main system holds now', async () => {
    await sendBatch(desk);
    load(MAIN_SYSTEM);
    const summary = load(FOURTH);
    expect(summary.conflicts).toHaveLength(1);
    expect(open()).toEqual([expect.objectContaining({ fileValue: FOURTH, deskValue: CORRECTED })]);
    // Whichever conflict the clerk opens, the file's value is the main system's latest.
    const older = desk.store.db.prepare('SELECT id FROM registry_conflicts WHERE file_value = ?').get(MAIN_SYSTEM) as { id: number };
    expect(() => desk.handlers['registry:resolveConflict']({ id: older.id, choice: 'file', reason: 'Vale o sistema do Regional' })).toThrow(/já foi resolvido/);
  });

  it('closes when the main system’s new value comes in after the correction was rejected', async () => {
    const { batch, sha256 } = await sendBatch(desk);
    load(MAIN_SYSTEM);
    await answerOne(desk, { batch, sha256 }, uuid, { rejected: 'E-mail recusado' });
    expect(maria().email).toBe(LOADED);
    expect(load(FOURTH)).toMatchObject({ accepted: 1 });
    expect(maria().email).toBe(FOURTH);
    expect(open()).toEqual([]);
  });

  it('stays open while the main system still holds its value', async () => {
    await sendBatch(desk);
    load(MAIN_SYSTEM);
    load(MAIN_SYSTEM);
    expect(open()).toEqual([expect.objectContaining({ fileValue: MAIN_SYSTEM })]);
  });
});
