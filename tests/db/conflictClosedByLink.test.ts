// A correction that brings the record to the main system's value closes the conflict of that field;
// cancelling it opens again exactly the conflicts it closed — the link is the correction itself, not
// the moment it was saved. A conflict a registry load closed in the same instant (a clock that did not
// move, or was set back) is not the correction's to reopen.
import { describe, expect, it } from 'vitest';
import { correct, sendBatch } from './batchFixtures';
import { DESK, FILE, useConflictDesk } from './conflictDesk';

const conflictDesk = useConflictDesk();
const { maria, load, open } = conflictDesk;

describe('a conflict a registry load closed, and a correction to its old file value cancelled in the same instant', () => {
  it('stays closed: the main system holds the desk’s value now', async () => {
    correct(conflictDesk.desk, maria(), { email: DESK });
    await sendBatch(conflictDesk.desk);
    expect(load(FILE).conflicts).toEqual([expect.objectContaining({ field: 'email' })]);
    // The main system catches up with the desk: the load closes the conflict.
    expect(load(DESK)).toMatchObject({ conflictsClosed: 1 });
    expect(open()).toEqual([]);

    const uuid = correct(conflictDesk.desk, maria(), { email: FILE }).corrections[0]!.uuid;
    conflictDesk.desk.handlers['corrections:cancel']({ uuid, reason: 'Corrigido por engano' });
    expect(maria().email).toBe(DESK);
    expect(open()).toEqual([]);
  });
});

describe('a correction that closed a conflict, cancelled', () => {
  it('opens that conflict again, even when the clock did not move', async () => {
    correct(conflictDesk.desk, maria(), { email: DESK });
    await sendBatch(conflictDesk.desk);
    load(FILE);
    const saved = correct(conflictDesk.desk, maria(), { email: FILE });
    // The save says it closed the conflict, as an import's summary does.
    expect(saved).toMatchObject({ conflictsClosed: 1 });
    expect(open()).toEqual([]);
    conflictDesk.desk.handlers['corrections:cancel']({ uuid: saved.corrections[0]!.uuid, reason: 'Corrigido por engano' });
    expect(open()).toEqual([expect.objectContaining({ field: 'email', deskValue: DESK, fileValue: FILE })]);
  });
});

describe('a correction that closed a conflict, after the main system moved on to another value', () => {
  it('cancelled, does not open the old conflict again with a value the main system no longer holds', async () => {
    correct(conflictDesk.desk, maria(), { email: DESK });
    await sendBatch(conflictDesk.desk);
    load(FILE);
    const uuid = correct(conflictDesk.desk, maria(), { email: FILE }).corrections[0]!.uuid;
    const later = load('ms@hotmail.com').conflicts[0]!;
    expect(later).toMatchObject({ field: 'email', deskValue: FILE, fileValue: 'ms@hotmail.com' });
    conflictDesk.desk.handlers['registry:resolveConflict']({ id: later.id as number, choice: 'kept', reason: 'Vale o documento da profissional' });
    conflictDesk.desk.handlers['corrections:cancel']({ uuid, reason: 'Corrigido por engano' });
    expect(open().map((c) => c.fileValue)).not.toContain(FILE);
  });
});
