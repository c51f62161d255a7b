// A DIP status Implanta reported is news the council's main system must take too: a registry load
// that still says another one leaves the record a pendência asking to update the main system, so
// the export for the main system brings the record in even when no correction of it was applied
// (Implanta rejected it, or the answer only told the DIP status).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Professional } from '../../shared/domain';
import { addProfessional, correct, importAck, openBatchDesk, sendBatch, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let joana: Professional;
let folder: string;

beforeEach(async () => {
  desk = openBatchDesk();
  folder = desk.dir.file('saida');
  mkdirSync(folder);
  joana = addProfessional(desk.store, { registrationNumber: '0042', name: 'Joana Dias', dipStatus: 'confirmed' });
  const uuid = correct(desk, joana, { email: 'joana.dias@exemplo.com.br' }).corrections[0]!.uuid;
  const { batch, sha256 } = await sendBatch(desk);
  desk.setNow('2026-03-12T12:00:00.000Z');
  const answer = { schemaVersion: 2, batch: batch.uuid, packageSha256: sha256, items: [{ id: uuid, status: 'rejected', message: 'E-mail recusado', dipStatus: 'in_manufacture' }] };
  expect(await importAck(desk, writeAck(desk, 'resposta.json', answer))).toMatchObject({ rejected: 1, dipUpdated: 1 });
});
afterEach(() => desk.cleanup());

async function exported(since: string) {
  const path = join(folder, `cadastro-${since}.csv`);
  const result = await desk.handlers['registry:export']({ since, path });
  return { rows: result.rows, text: readFileSync(path, 'utf8') };
}

describe('the export for the main system', () => {
  it('brings in a record whose DIP status Implanta reported since the day, with that status', async () => {
    const since = await exported('2026-03-12');
    expect(since.rows).toBe(1);
    expect(since.text).toMatch(/\r\n0042;.*;Em confecção\r\n$/);
    // The next day (a first day still to come is refused), nothing new since it began.
    desk.setNow('2026-03-13T15:00:00.000Z');
    expect((await exported('2026-03-13')).rows).toBe(0);
  });
});
