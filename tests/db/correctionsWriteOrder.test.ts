// An import's corrections carry the time the import began. One written after a clerk's save that
// landed while the import ran is still the later one — it holds the record's value — and the
// record's corrections and the queue list it first, not the clerk's by its later date.
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { correct, openBatchDesk, type BatchDesk } from './batchFixtures';
import { addProfessional } from './fixtures';
import { importInput, jobContext, runImport } from '../fixtures/imports/jobs';

let desk: BatchDesk;
afterEach(() => desk.cleanup());

describe('the corrections of a record, when an import began before a clerk\'s save and wrote after it', () => {
  it('come the last written first, the import\'s above the clerk\'s, as the record holds the import\'s value', async () => {
    desk = openBatchDesk();
    const maria = addProfessional(desk.store, { email: 'antes@exemplo.com.br', registrationNumber: '30999' });
    const importBegan = new Date(desk.now().getTime() - 6_000).toISOString();
    correct(desk, maria, { email: 'balcao@exemplo.com.br' });
    const path = desk.dir.file('correcoes.csv');
    writeFileSync(path, ['Registro;E-mail;Motivo', '30999;segundo@exemplo.com.br;Atualização do Regional'].join('\r\n'));
    expect(runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path, { now: importBegan }))).toMatchObject({ accepted: 1 });

    expect(desk.store.db.prepare('SELECT email FROM professionals WHERE id = ?').pluck().get(maria.id)).toBe('segundo@exemplo.com.br');
    const { corrections } = (await desk.handlers['registry:get']({ id: maria.id })) as { corrections: { newValue: string | null }[] };
    expect(corrections.map((c) => c.newValue)).toEqual(['segundo@exemplo.com.br', 'balcao@exemplo.com.br']);
    const queue = (await desk.handlers['corrections:list']({ page: 0, pageSize: 10 })) as { items: { newValue: string | null }[] };
    expect(queue.items.map((c) => c.newValue)).toEqual(['segundo@exemplo.com.br', 'balcao@exemplo.com.br']);
  });
});
