// The long writes a clerk starts from the window — checking Implanta's answer before applying it,
// undoing an import — queue for the store like every other write: behind another program's write
// they leave a mark beside the store while they wait (a long import's steps then let them in), go
// through once it ends, and a check still writes nothing.
import { watch, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { undoImport } from '../../db/imports/undo';
import type { AckResult } from '../../shared/contract/batches';
import { holdStore } from '../cli/processes';
import { importInput, jobContext, runImport } from '../fixtures/imports/jobs';
import { jsonAnswer, openSentLote } from './ackSentLote';
import { storePicture } from './batchFixtures';
import { addProfessional, cleanupAfterEach, openTestDesk } from './fixtures';

const cleanup = cleanupAfterEach();

/**
 * Runs `write` (which blocks this thread while it waits for the lock) with another process holding
 * the store for `holdMs`; answers the waiting marks that appeared beside the store meanwhile. The
 * folder's events queue while this thread is blocked and are read once `write` is done.
 */
async function behindAnotherWriter(store: string, holdMs: number, write: () => Promise<unknown> | unknown): Promise<string[]> {
  const marks = new Set<string>();
  const watcher = watch(dirname(store), (_event, name) => {
    if (name?.startsWith(`.${basename(store)}.waiting-`)) marks.add(name);
  });
  try {
    await holdStore(store, 'write', holdMs);
    const started = Date.now();
    await write();
    expect(Date.now() - started).toBeGreaterThanOrEqual(holdMs - 300);
    await new Promise((done) => setTimeout(done, 100));
    return [...marks];
  } finally {
    watcher.close();
  }
}

describe('a long write started from the window, behind another program’s write', () => {
  it('checking Implanta’s answer says it waits, then says what it would change and writes nothing', async () => {
    const lote = await openSentLote();
    cleanup(() => lote.desk.cleanup());
    const path = jsonAnswer(lote, [{ id: lote.fix, status: 'applied' }]);
    const picture = { corrections: 'SELECT uuid, status FROM corrections ORDER BY id', batches: 'SELECT state FROM batches', audit: 'SELECT count(*) AS n FROM audit_log' };
    const before = storePicture(lote.desk, picture);
    let preview: AckResult | null = null;
    const marks = await behindAnotherWriter(lote.desk.store.path, 1200, async () => {
      preview = await lote.desk.job<AckResult>(lote.desk.handlers['batches:acknowledge']({ path, fileName: 'resposta.json', dryRun: true }));
    });
    expect(marks).toHaveLength(1);
    expect(preview).toMatchObject({ applied: 1, batch: { state: 'acknowledged' } });
    expect(storePicture(lote.desk, picture)).toEqual(before);
  }, 30_000);

  it('undoing an import says it waits, then gives the records their values back', async () => {
    const desk = openTestDesk();
    cleanup(() => desk.cleanup());
    const person = addProfessional(desk.store, { email: 'antigo@exemplo.com.br' });
    const file = desk.file('correcoes.csv');
    writeFileSync(file, `CPF;E-mail;Motivo\r\n${person.cpf};novo@exemplo.com.br;Pedido da profissional\r\n`);
    const summary = runImport(importInput(file, { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ accepted: 1 });
    const marks = await behindAnotherWriter(desk.store.path, 1200, () => undoImport({ id: summary.importId as number }, jobContext(desk.store.path)));
    expect(marks).toHaveLength(1);
    expect(desk.store.db.prepare('SELECT email FROM professionals WHERE id = ?').pluck().get(person.id)).toBe('antigo@exemplo.com.br');
  }, 30_000);
});
