// Taking the main system's value over a correction whose lote is sealed but not yet sent: the
// correction cannot be cancelled (a sealed lote never changes), so a new correction with the main
// system's value is queued — and the message says the lote is sealed, not that the correction
// already went to Implanta; once the lote was sent, it says so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findProfessional } from '../../db/registry';
import type { Professional } from '../../shared/domain';
import { correct, loadRegistry, openBatchDesk, sendBatch, type BatchDesk } from './batchFixtures';
import { validCpf } from './fixtures';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;E-mail';
const MARIA = (email: string) => `40001;${validCpf(40001)};Maria Souza;Rita Souza;${email}`;

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  loadRegistry(desk, [HEADER, MARIA('maria@exemplo.com.br')]);
  correct(desk, findProfessional(desk.store.db, '40001') as Professional, { email: 'maria.souza@gmail.com' });
});
afterEach(() => desk.cleanup());

function takeFile(): string {
  const summary = loadRegistry(desk, [HEADER, MARIA('msouza@uol.com.br')]);
  const id = summary.conflicts[0]?.id as number;
  const result = desk.handlers['registry:resolveConflict']({ id, choice: 'file', reason: 'O sistema do Regional tem o e-mail novo' }) as { message: string; newCorrection: string | null };
  expect(result.newCorrection).not.toBeNull();
  return result.message;
}

describe('taking the file’s value over a correction in a lote', () => {
  it('sealed and not sent: says the lote is sealed, not that the correction went to Implanta', async () => {
    const lote = await desk.handlers['batches:create']({});
    await desk.handlers['batches:seal']({ id: lote.id });
    const message = takeFile();
    expect(message).not.toMatch(/seguido para a Implanta/);
    expect(message).toMatch(new RegExp(`A correção está no lote ${lote.number}, já lacrado: uma nova correção, com o valor do sistema do Regional, entrou na fila`));
  });

  it('sent: says the correction already went to Implanta', async () => {
    await sendBatch(desk);
    expect(takeFile()).toMatch(/A correção já tinha seguido para a Implanta: uma nova correção/);
  });
});
