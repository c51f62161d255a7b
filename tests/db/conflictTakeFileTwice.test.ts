// Taking the main system's value twice in a row: the first choice queued a correction bringing
// Implanta from the desk's sent value to the file's; the second, on a newer file value, must leave
// Implanta on that newer value too — one correction queued, from what Implanta holds.
import { describe, expect, it } from 'vitest';
import { correct, sendBatch, type BatchDesk } from './batchFixtures';
import { CORRECTED, LOADED, loadMaria, MAIN_SYSTEM, mariaOn, mariaDeskForEachTest } from './mariaLoads';

const NEWER = 'maria.nova@uol.com.br';

let desk: BatchDesk;
mariaDeskForEachTest((fresh) => (desk = fresh));

const maria = () => mariaOn(desk);
const load = (email: string) => loadMaria(desk, email);
const takeFile = (id: number) =>
  desk.handlers['registry:resolveConflict']({ id, choice: 'file', reason: 'O sistema do Regional está certo' }) as { message: string; newCorrection: string | null };
const open = () =>
  desk.store.db
    .prepare("SELECT field, old_value AS old, new_value AS new, source FROM corrections WHERE status IN ('pending', 'batched', 'sent') ORDER BY id")
    .all();

describe('the file’s value taken twice over a correction already sent', () => {
  it('queues one correction from the sent value to the newest file value', async () => {
    correct(desk, maria(), { email: CORRECTED });
    await sendBatch(desk);
    const first = load(MAIN_SYSTEM).conflicts[0]?.id as number;
    expect(takeFile(first).newCorrection).not.toBeNull();
    expect(open()).toEqual([
      { field: 'email', old: LOADED, new: CORRECTED, source: expect.any(String) },
      { field: 'email', old: CORRECTED, new: MAIN_SYSTEM, source: 'conflict' },
    ]);

    const second = load(NEWER).conflicts[0]?.id as number;
    expect(second).toBeGreaterThan(first);
    const result = takeFile(second);
    expect(maria().email).toBe(NEWER);
    expect(open()).toEqual([
      { field: 'email', old: LOADED, new: CORRECTED, source: expect.any(String) },
      { field: 'email', old: CORRECTED, new: NEWER, source: 'conflict' },
    ]);
    expect(result.newCorrection).not.toBeNull();
    expect(result.message).toMatch(/maria\.nova@uol\.com\.br/);
    expect(result.message).toMatch(/nova correção/);
  });

  it('still only cancels a correction that never left the desk, from the main system’s own value', () => {
    correct(desk, maria(), { email: CORRECTED });
    const result = takeFile(load(MAIN_SYSTEM).conflicts[0]?.id as number);
    expect(result.newCorrection).toBeNull();
    expect(open()).toEqual([]);
    expect(maria().email).toBe(MAIN_SYSTEM);
  });
});
