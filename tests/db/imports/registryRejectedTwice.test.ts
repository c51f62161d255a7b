// The main system took a correction's value; Implanta rejected it; the clerk corrected the field
// again, and Implanta rejected that one too. The main system still holds the first value, which
// Implanta refused: a load that brings it is a conflict about that correction, as when only one
// correction was rejected — never taken in silence, leaving the desk with a value Implanta refused.
import { describe, expect, it } from 'vitest';
import { answerOne, correct, sendBatch, type BatchDesk } from '../batchFixtures';
import { CORRECTED, LOADED, loadMaria, mariaOn, mariaDeskForEachTest } from '../mariaLoads';

const SECOND = 'maria.s@hotmail.com';

let desk: BatchDesk;
mariaDeskForEachTest((fresh) => (desk = fresh));

const maria = () => mariaOn(desk);
const load = (email: string) => loadMaria(desk, email);

/** Sends what is pending and Implanta rejects the correction `uuid`. */
async function sendAndReject(uuid: string): Promise<void> {
  const { batch, sha256 } = await sendBatch(desk);
  await answerOne(desk, { batch, sha256 }, uuid, { rejected: 'Caixa inexistente' });
}

describe('a value of the main system that Implanta rejected, behind a newer rejected correction', () => {
  it('is a conflict about the correction that had it, and the desk keeps Implanta’s value', async () => {
    const first = correct(desk, maria(), { email: CORRECTED }).corrections[0]!.uuid;
    load(CORRECTED); // the main system took the correction before Implanta answered
    await sendAndReject(first);
    const second = correct(desk, maria(), { email: SECOND }).corrections[0]!.uuid;
    await sendAndReject(second);
    expect(maria().email).toBe(LOADED);

    const summary = load(CORRECTED);
    expect(summary).toMatchObject({ accepted: 0 });
    expect(summary.conflicts).toEqual([expect.objectContaining({ field: 'email', deskValue: LOADED, fileValue: CORRECTED, correctionOutcome: 'rejected' })]);
    expect(maria().email).toBe(LOADED);

    // Kept by the clerk: the same value of the main system is no news at the next load.
    desk.handlers['registry:resolveConflict']({ id: summary.conflicts[0]!.id as number, choice: 'kept', reason: 'A Implanta recusou este e-mail' });
    expect(load(CORRECTED)).toMatchObject({ accepted: 0, kept: 1, conflicts: [] });
    expect(maria().email).toBe(LOADED);
  });

  it('a value no correction of the desk had still comes in as the main system’s', async () => {
    const first = correct(desk, maria(), { email: CORRECTED }).corrections[0]!.uuid;
    await sendAndReject(first);
    const second = correct(desk, maria(), { email: SECOND }).corrections[0]!.uuid;
    await sendAndReject(second);
    expect(load('maria.nova@uol.com.br')).toMatchObject({ accepted: 1, conflicts: [] });
    expect(maria().email).toBe('maria.nova@uol.com.br');
  });
});
