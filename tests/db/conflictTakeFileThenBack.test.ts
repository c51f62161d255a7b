// The clerk took the main system's value in a conflict over her correction; a later load brings
// back the value of that correction (the main system changed its mind, or an old file is loaded).
// That is no longer the main system catching up with the desk: the clerk chose the main system's
// value over it, and the desk now holds (and sends Implanta) something the file no longer says. The
// load raises a conflict for the clerk to choose again, instead of counting the row as kept.
import { describe, expect, it } from 'vitest';
import { correct, importAck, sendBatch, writeAck, type BatchDesk } from './batchFixtures';
import { CORRECTED, LOADED, loadMaria, MAIN_SYSTEM, mariaOn, mariaDeskForEachTest } from './mariaLoads';

let desk: BatchDesk;
mariaDeskForEachTest((fresh) => (desk = fresh));

const maria = () => mariaOn(desk);
const load = (email: string) => loadMaria(desk, email);
const takeFile = (id: number) =>
  desk.handlers['registry:resolveConflict']({ id, choice: 'file', reason: 'O sistema do Regional está certo' }) as { newCorrection: string | null };

const open = () =>
  desk.store.db.prepare("SELECT field, old_value AS old, new_value AS new FROM corrections WHERE status IN ('pending', 'batched', 'sent') ORDER BY id").all();

describe('a load that brings back the corrected value after the clerk took the file’s value', () => {
  it('over a correction already sent: a conflict with the correction that carries the file’s value, not “kept”', async () => {
    correct(desk, maria(), { email: CORRECTED });
    await sendBatch(desk);
    expect(takeFile(load(MAIN_SYSTEM).conflicts[0]?.id as number).newCorrection).not.toBeNull();

    const back = load(CORRECTED);
    expect(back.conflicts).toEqual([expect.objectContaining({ field: 'email', deskValue: MAIN_SYSTEM, fileValue: CORRECTED })]);
    expect(back.kept).toBe(0);
    expect(maria().email).toBe(MAIN_SYSTEM);

    // Taking the file's value again leaves Implanta on the value it already holds: nothing more to send.
    expect(takeFile(back.conflicts[0]?.id as number).newCorrection).toBeNull();
    expect(maria().email).toBe(CORRECTED);
    expect(open()).toEqual([{ field: 'email', old: LOADED, new: CORRECTED }]);
  });

  it('after Implanta applied the value taken from the file: a conflict as well', async () => {
    correct(desk, maria(), { email: CORRECTED });
    await sendBatch(desk);
    const taken = takeFile(load(MAIN_SYSTEM).conflicts[0]?.id as number).newCorrection as string;
    const lote = await sendBatch(desk);
    await importAck(desk, writeAck(desk, 'resposta.json', { schemaVersion: 1, batch: lote.batch.uuid, packageSha256: lote.sha256, items: [{ id: taken, status: 'applied' }] }));

    const back = load(CORRECTED);
    expect(back.conflicts).toEqual([expect.objectContaining({ field: 'email', deskValue: MAIN_SYSTEM, fileValue: CORRECTED })]);
    expect(back.kept).toBe(0);
  });

  it('over a correction that never left the desk (cancelled by the choice): a conflict too', () => {
    correct(desk, maria(), { email: CORRECTED });
    expect(takeFile(load(MAIN_SYSTEM).conflicts[0]?.id as number).newCorrection).toBeNull();
    const back = load(CORRECTED);
    expect(back.conflicts).toEqual([expect.objectContaining({ field: 'email', deskValue: MAIN_SYSTEM, fileValue: CORRECTED })]);
    expect(back.kept).toBe(0);
  });

  it('the same file again after the choice changes nothing', async () => {
    correct(desk, maria(), { email: CORRECTED });
    await sendBatch(desk);
    takeFile(load(MAIN_SYSTEM).conflicts[0]?.id as number);
    expect(load(MAIN_SYSTEM)).toMatchObject({ conflicts: [], kept: 0 });
    expect(maria().email).toBe(MAIN_SYSTEM);
  });
});
