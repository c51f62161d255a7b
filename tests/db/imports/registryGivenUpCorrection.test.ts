// The desk kept its correction against a value the main system loaded; the correction then ended
// without reaching Implanta's copy — the clerk cancelled it, or Implanta rejected it. Nothing of the
// desk is left for the main system to catch up with: the next load brings the main system's value
// in, as it would with no correction, instead of keeping the desk's old value for good and counting
// the row as "kept". When the clerk kept the desk's value knowing the correction was gone, it stays.
import { describe, expect, it } from 'vitest';
import { answerOne, correct, sendBatch, type BatchDesk } from '../batchFixtures';
import { CORRECTED, LOADED, loadMaria, MAIN_SYSTEM, mariaDeskForEachTest, mariaOn } from '../mariaLoads';


let desk: BatchDesk;
let uuid: string;
mariaDeskForEachTest((fresh) => {
  desk = fresh;
  uuid = correct(desk, maria(), { email: CORRECTED }).corrections[0]!.uuid;
});

const maria = () => mariaOn(desk);
const load = (email: string) => loadMaria(desk, email);
const lastHistory = () => desk.store.db.prepare('SELECT kind, old_value AS old, new_value AS new FROM record_history WHERE professional_id = ? ORDER BY id DESC LIMIT 1').get(maria().id);

/** The main system's third value, and the clerk keeping her correction against it. */
function keepCorrection(): void {
  const conflict = load(MAIN_SYSTEM).conflicts[0]!;
  desk.handlers['registry:resolveConflict']({ id: conflict.id as number, choice: 'kept', reason: 'A correção está certa' });
}

describe('a correction kept against the main system, then given up', () => {
  it('cancelled: the next load takes the main system’s value instead of keeping the old one for good', () => {
    keepCorrection();
    desk.handlers['corrections:cancel']({ uuid, reason: 'E-mail digitado errado' });
    expect(maria().email).toBe(LOADED);
    const summary = load(MAIN_SYSTEM);
    expect(summary).toMatchObject({ accepted: 1, kept: 0 });
    expect(summary.conflicts).toEqual([]);
    expect(maria().email).toBe(MAIN_SYSTEM);
    expect(lastHistory()).toEqual({ kind: 'registry_load', old: LOADED, new: MAIN_SYSTEM });
  });

  it('rejected by Implanta: the next load takes the main system’s value too', async () => {
    const { batch, sha256 } = await sendBatch(desk);
    keepCorrection();
    await answerOne(desk, { batch, sha256 }, uuid, { rejected: 'E-mail recusado' });
    expect(maria().email).toBe(LOADED);
    expect(load(MAIN_SYSTEM)).toMatchObject({ accepted: 1, kept: 0 });
    expect(maria().email).toBe(MAIN_SYSTEM);
  });

  it('kept by the clerk knowing the correction was cancelled: the desk’s value stays', () => {
    const conflict = load(MAIN_SYSTEM).conflicts[0]!;
    desk.handlers['corrections:cancel']({ uuid, reason: 'E-mail digitado errado' });
    desk.handlers['registry:resolveConflict']({ id: conflict.id as number, choice: 'kept', reason: 'O e-mail do sistema do Regional está errado' });
    expect(load(MAIN_SYSTEM)).toMatchObject({ accepted: 0, kept: 1 });
    expect(maria().email).toBe(LOADED);
  });
});
