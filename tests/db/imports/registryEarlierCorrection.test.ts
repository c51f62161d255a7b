// The clerk corrected a field twice, in two lotes. The main system caught up with the first
// correction only: its value is the desk's own, an earlier step of the clerk's — not a third value.
// The desk keeps its newest value and counts the row as kept; no conflict invites the clerk to
// "use the file's value" and so send Implanta back to the value she herself replaced.
import { beforeEach, describe, expect, it } from 'vitest';
import { correct, importAck, sendBatch, writeAck, type BatchDesk } from '../batchFixtures';
import { CORRECTED, loadMaria, MAIN_SYSTEM, mariaDeskForEachTest, mariaOn } from '../mariaLoads';

const NEWEST = 'maria.s@hotmail.com';

let desk: BatchDesk;
let first: string;
let second: string;
let lotes: Awaited<ReturnType<typeof sendBatch>>[];
mariaDeskForEachTest((fresh) => {
  desk = fresh;
});
beforeEach(async () => {
  first = correct(desk, maria(), { email: CORRECTED }).corrections[0]!.uuid;
  lotes = [await sendBatch(desk)];
  second = correct(desk, maria(), { email: NEWEST }).corrections[0]!.uuid;
  lotes.push(await sendBatch(desk));
});

const maria = () => mariaOn(desk);
const load = (email: string) => loadMaria(desk, email);
const applied = (lote: (typeof lotes)[number], id: string) =>
  importAck(desk, writeAck(desk, 'resposta.json', { schemaVersion: 1, batch: lote.batch.uuid, packageSha256: lote.sha256, items: [{ id, status: 'applied' }] }));

describe('the main system behind the clerk’s newest correction', () => {
  it('both on their way: the first correction’s value is kept, not a conflict', () => {
    expect(load(CORRECTED)).toMatchObject({ kept: 1, conflicts: [] });
    expect(maria().email).toBe(NEWEST);
  });

  it('both applied by Implanta: kept as well', async () => {
    await applied(lotes[0]!, first);
    await applied(lotes[1]!, second);
    expect(load(CORRECTED)).toMatchObject({ kept: 1, conflicts: [] });
    expect(maria().email).toBe(NEWEST);
  });

  it('a value of its own is still a conflict', () => {
    expect(load(MAIN_SYSTEM).conflicts).toEqual([expect.objectContaining({ field: 'email', fileValue: MAIN_SYSTEM, deskValue: NEWEST })]);
  });
});
