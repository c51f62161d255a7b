// Implanta's staff may answer by filling in the lote's own corrections.csv: a "Situação" column (and
// perhaps "Mensagem") added to the columns the desk wrote. Its "Motivo" is the clerk's reason and its
// "DIP" what the desk asked about the DIP request: neither is Implanta's message or DIP status. A row
// whose situação is still empty is not answered yet.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Professional } from '../../shared/domain';
import { addProfessional, correct, importAck, openBatchDesk, packageFile, sendBatch, storePicture, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let lines: string[];
let ids: string[];
let joana: Professional;

beforeEach(async () => {
  desk = openBatchDesk();
  joana = addProfessional(desk.store, { name: 'Joana Dias', dipStatus: 'confirmed' });
  const rita = addProfessional(desk.store, { name: 'Rita Souza' });
  const lia = addProfessional(desk.store, { name: 'Lia Prado' });
  ids = [
    correct(desk, joana, { name: 'Joana Dias Moura' }, { dipAcknowledged: true }).corrections[0]!.uuid,
    correct(desk, rita, { email: 'rita.souza@exemplo.com.br' }).corrections[0]!.uuid,
    correct(desk, lia, { email: 'lia.prado@exemplo.com.br' }).corrections[0]!.uuid,
  ];
  const { batch, path } = await sendBatch(desk);
  const stem = batch.fileName.replace(/\.zip$/, '');
  lines = packageFile(path, stem, 'corrections.csv').split('\r\n').filter(Boolean);
  desk.setNow('2026-03-11T10:00:00.000Z');
});
afterEach(() => desk.cleanup());

/** The package's CSV with these columns added: a header, then one cell list per line, in the package's order. */
function filledIn(header: string[], cells: string[][]): string {
  const rows = lines.map((line, i) => [line, ...(i === 0 ? header : (cells[i - 1] ?? header.map(() => '')))].join(';'));
  return writeAck(desk, 'corrections-respondido.csv', `${rows.join('\r\n')}\r\n`);
}

const correction = (uuid: string) => desk.store.db.prepare('SELECT status, status_message AS message FROM corrections WHERE uuid = ?').get(uuid);
const dipOf = () => (desk.store.db.prepare('SELECT dip_status FROM professionals WHERE id = ?').get(joana.id) as { dip_status: string }).dip_status;

describe('the lote’s corrections.csv filled in by Implanta', () => {
  it('reads Implanta’s Mensagem, not the clerk’s Motivo, and leaves a row without situação unanswered', async () => {
    expect(lines[0]).toMatch(/;Motivo;.*;DIP$/);
    const path = filledIn(['Situação', 'Mensagem'], [['aplicada', ''], ['rejeitada', 'E-mail já usado por outra pessoa'], ['', '']]);
    expect(await importAck(desk, path)).toMatchObject({ applied: 1, rejected: 1, unanswered: 1 });
    expect(correction(ids[0]!)).toEqual({ status: 'synced', message: null });
    expect(correction(ids[1]!)).toEqual({ status: 'rejected', message: 'E-mail já usado por outra pessoa' });
    expect(correction(ids[2]!)).toEqual({ status: 'sent', message: null });
    expect(dipOf()).toBe('confirmed');
  });

  it('without a Mensagem column, takes no message from the clerk’s Motivo', async () => {
    const path = filledIn(['Situação'], [['aplicada'], ['rejeitada'], ['aplicada']]);
    expect(await importAck(desk, path)).toMatchObject({ applied: 2, rejected: 1, dipUpdated: 0 });
    expect(correction(ids[0]!)).toEqual({ status: 'synced', message: null });
    expect(correction(ids[1]!)).toEqual({ status: 'rejected', message: 'Rejeitada pela Implanta sem motivo informado.' });
  });

  it('with its own Situação do DIP column, takes that one', async () => {
    const path = filledIn(['Situação', 'Situação do DIP'], [['aplicada', 'Em confecção'], ['aplicada', ''], ['aplicada', '']]);
    expect(await importAck(desk, path)).toMatchObject({ applied: 3, dipUpdated: 1 });
    expect(dipOf()).toBe('in_manufacture');
  });

  it('a row with a message or a DIP status but no situação is still refused, naming the line', async () => {
    const before = storePicture(desk, { corrections: 'SELECT uuid, status FROM corrections' });
    const path = filledIn(['Situação', 'Mensagem'], [['aplicada', ''], ['', 'Falta o comprovante'], ['', '']]);
    await expect(importAck(desk, path)).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(/^Linha 3, coluna situação: a célula está vazia; use aplicada/) });
    expect(storePicture(desk, { corrections: 'SELECT uuid, status FROM corrections' })).toEqual(before);
  });
});
