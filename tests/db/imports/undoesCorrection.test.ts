// A corrections file drawn from the main system before the desk's corrections reached it still holds
// the values they replaced. Its row must not queue the old value again and silently undo a
// correction made against a document: it is refused in that column, naming the correction. Once the
// correction is cancelled, or answered by Implanta, the same row goes in.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Professional } from '../../../shared/domain';
import { formatCpf } from '../../../shared/rules/cpf';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { addProfessional, answerOne, correct, openBatchDesk, sendBatch, type BatchDesk } from '../batchFixtures';
import { validCpf } from '../fixtures';

let desk: BatchDesk;
let maria: Professional;
beforeEach(() => {
  desk = openBatchDesk();
  maria = addProfessional(desk.store, { cpf: validCpf(517_198_068), email: 'maria@exemplo.com.br' });
});
afterEach(() => desk.cleanup());

let files = 0;
function importRows(lines: readonly string[]) {
  const path = desk.dir.file(`correcoes-${++files}.csv`);
  writeFileSync(path, lines.join('\r\n'));
  return runImport(importInput(path, { kind: 'corrections', force: true }), jobContext(desk.store.path, { now: desk.now().toISOString() }));
}
const stored = () => desk.store.db.prepare('SELECT cpf, email FROM professionals WHERE id = ?').get(maria.id) as { cpf: string; email: string };
const queued = (field: string) => desk.store.db.prepare("SELECT old_value, new_value, status FROM corrections WHERE field = ? AND status <> 'cancelled' ORDER BY id").all(field);

describe('a corrections row that would undo a correction still on its way', () => {
  it('is refused in its column while the correction is pending or at Implanta; nothing of the row is written', async () => {
    const newCpf = validCpf(777_888_999);
    correct(desk, maria, { cpf: newCpf }, { dipAcknowledged: true });
    const staleRow = ['Registro;CPF;E-mail;Documento', `${maria.registrationNumber};${formatCpf(maria.cpf)};maria.nova@exemplo.com.br;RG`];
    const pending = importRows(staleRow);
    expect(pending.errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, 'CPF', 'UNDOES_CORRECTION']]);
    expect(pending.errors[0]?.message).toMatch(new RegExp(`^Esta linha devolveria “CPF” a ${formatCpf(maria.cpf).replace(/\./g, '\\.')}, o valor que a correção de \\d{2}/\\d{2}/\\d{4} \\(pendente\\) trocou por ${formatCpf(newCpf).replace(/\./g, '\\.')}: .*cancele-a em Correções`));
    expect(stored()).toEqual({ cpf: newCpf, email: 'maria@exemplo.com.br' });
    expect(queued('cpf')).toEqual([{ old_value: maria.cpf, new_value: newCpf, status: 'pending' }]);

    const { batch } = await sendBatch(desk);
    const sent = importRows(staleRow);
    expect(sent.errors[0]?.message).toMatch(new RegExp(`\\(enviada à Implanta no lote ${batch.number}\\).*espere a resposta da Implanta`));
    expect(queued('email')).toEqual([]);
  });

  it('is no undoing once the correction was cancelled (the record has its value back), nor when the row agrees with it', async () => {
    const { corrections } = correct(desk, maria, { email: 'maria.certa@exemplo.com.br' });
    const agreeing = importRows(['Registro;E-mail', `${maria.registrationNumber};maria.certa@exemplo.com.br`]);
    expect(agreeing).toMatchObject({ errors: [], unchanged: 1 });
    expect(importRows(['Registro;E-mail', `${maria.registrationNumber};maria@exemplo.com.br`]).errors.map((e) => e.code)).toEqual(['UNDOES_CORRECTION']);
    await desk.handlers['corrections:cancel']({ uuid: corrections[0]!.uuid, reason: 'Digitado no cadastro errado' });
    expect(importRows(['Registro;E-mail', `${maria.registrationNumber};maria@exemplo.com.br`])).toMatchObject({ errors: [], unchanged: 1 });
    expect(stored().email).toBe('maria@exemplo.com.br');
  });

  it('is no undoing once Implanta answered the correction: the main system may have changed the field since', async () => {
    const { corrections } = correct(desk, maria, { email: 'maria.certa@exemplo.com.br' });
    const sent = await sendBatch(desk);
    await answerOne(desk, sent, corrections[0]!.uuid, 'applied');
    expect(importRows(['Registro;E-mail', `${maria.registrationNumber};maria@exemplo.com.br`])).toMatchObject({ errors: [], accepted: 1 });
  });

  it('is refused too when the file gives the old value in capitals without accents, as the main system keeps it', () => {
    const ana = addProfessional(desk.store, { name: 'ANGELA MULLER ANTONIO', street: 'AVENIDA PAULISTA' });
    correct(desk, ana, { name: 'Ângela Müller Antônio Lima', street: 'Rua Augusta' });
    const stale = importRows(['Registro;Nome;Logradouro;Documento', `${ana.registrationNumber};ANGELA MULLER ANTONIO;AVENIDA PAULISTA;RG`]);
    expect(stale.errors.map((e) => [e.column, e.code])).toEqual([
      ['Nome', 'UNDOES_CORRECTION'],
      ['Logradouro', 'UNDOES_CORRECTION'],
    ]);
    expect(stale.accepted).toBe(0);
    const now = desk.store.db.prepare('SELECT name, street FROM professionals WHERE id = ?').get(ana.id);
    expect(now).toEqual({ name: 'Ângela Müller Antônio Lima', street: 'Rua Augusta' });
  });
});
