// Implanta's answer closing the loop: an applied correction noted in the record's history, one
// applied only to the registry (the DIP request not corrected), the professional's DIP status
// taken from the answer when it is news, and a rejection giving the record Implanta's value back
// and counted as something to fix until it is dealt with.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { BatchSummary, HistoryEntryView, RecordView } from '../../shared/contract';
import type { Professional } from '../../shared/domain';
import { addProfessional, correct, importAck, openBatchDesk, sendBatch, storePicture, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let batch: BatchSummary;
let sha: string;
let confirmed: Professional;
let plain: Professional;
let refused: Professional;
let nameFix: string;
let emailFix: string;
let refusedFix: string;
let cepFix: string;

beforeEach(async () => {
  desk = openBatchDesk();
  confirmed = addProfessional(desk.store, { name: 'Joana Dias', dipStatus: 'confirmed' });
  plain = addProfessional(desk.store, { name: 'Rita Souza' });
  refused = addProfessional(desk.store, { name: 'Lia Prado', email: 'lia@exemplo.com.br' });
  nameFix = correct(desk, confirmed, { name: 'Joana Dias Moura' }, { dipAcknowledged: true }).corrections[0]!.uuid;
  emailFix = correct(desk, plain, { email: 'rita.souza@exemplo.com.br' }).corrections[0]!.uuid;
  refusedFix = correct(desk, refused, { email: 'lia.prado@exemplo.invalid' }).corrections[0]!.uuid;
  desk.handlers['cep:save']({ cep: '13010-000', street: 'Rua Barão de Jaguara', district: 'Centro', city: 'Campinas', uf: 'SP', reason: 'CEP novo informado' });
  cepFix = (desk.store.db.prepare('SELECT uuid FROM cep_changes').get() as { uuid: string }).uuid;
  ({ batch, sha256: sha } = await sendBatch(desk));
  desk.setNow('2026-03-11T10:00:00.000Z');
});
afterEach(() => desk.cleanup());

function record(p: Professional): RecordView {
  return desk.handlers['registry:get']({ id: p.id }) as RecordView;
}
function history(p: Professional, kind: string): HistoryEntryView[] {
  return record(p).history.filter((h) => h.kind === kind);
}
function jsonAck(items: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return writeAck(desk, 'resposta.json', { schemaVersion: 2, batch: batch.uuid, packageSha256: sha, items, ...extra });
}
function correctionRow(uuid: string) {
  return desk.store.db.prepare('SELECT status, status_message, dip_request_corrected FROM corrections WHERE uuid = ?').get(uuid);
}
/** Everything an answer may touch. */
const snapshot = () =>
  storePicture(desk, {
    professionals: 'SELECT id, email, dip_status, dip_status_at, row_version FROM professionals ORDER BY id',
    corrections: 'SELECT uuid, status, status_message, dip_request_corrected FROM corrections ORDER BY id',
    history: 'SELECT count(*) AS n FROM record_history',
    audit: 'SELECT count(*) AS n FROM audit_log',
    batches: 'SELECT state, acknowledged_at FROM batches',
  });

describe('an answer with DIP statuses (JSON, version 2)', () => {
  it('applies to the registry only, updates the DIP of each professional, notes it all in the history, and is idempotent', async () => {
    const before = record(confirmed).professional.rowVersion;
    const path = jsonAck(
      [
        { id: nameFix, status: 'synced_registry_only', message: 'DIP já em confecção', dipStatus: 'in_manufacture', dipStatusDate: '09/03/2026' },
        { id: emailFix, status: 'applied', dipStatus: 'requested' },
        { id: refusedFix, status: 'rejected', message: 'Domínio do e-mail não existe' },
        { id: cepFix, status: 'applied' },
      ],
      { acknowledgedAt: '2026-03-11T09:30:00Z' },
    );
    const result = await importAck(desk, path);
    expect(result).toMatchObject({ applied: 3, registryOnly: 1, rejected: 1, dipUpdated: 2, dipStale: 0, unanswered: 0, batch: { state: 'acknowledged' } });

    expect(correctionRow(nameFix)).toEqual({ status: 'synced', status_message: 'DIP já em confecção', dip_request_corrected: 0 });
    expect(correctionRow(emailFix)).toEqual({ status: 'synced', status_message: null, dip_request_corrected: null });
    const joana = record(confirmed);
    expect(joana.professional).toMatchObject({ dipStatus: 'in_manufacture', dipStatusAt: '2026-03-09', rowVersion: before + 1 });
    expect(history(confirmed, 'dip_update')).toEqual([
      expect.objectContaining({ field: 'dipStatus', oldValue: 'confirmed', newValue: 'in_manufacture', batchId: batch.id, note: expect.stringContaining(batch.number) }),
    ]);
    expect(history(confirmed, 'synced')).toEqual([
      expect.objectContaining({ field: 'name', newValue: 'Joana Dias Moura', correctionUuid: nameFix, batchId: batch.id, note: expect.stringMatching(/solicitação do DIP não foi corrigida.*DIP já em confecção/) }),
    ]);
    // Without a date of its own, the status dates from the answer.
    expect(record(plain).professional).toMatchObject({ dipStatus: 'requested', dipStatusAt: '2026-03-11T09:30:00.000Z' });
    expect(history(plain, 'synced')).toHaveLength(1);
    const audit = desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'batch.acknowledge'").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ applied: 3, rejected: 1, registryOnly: 1, dipUpdated: 2 });

    const after = snapshot();
    expect(await importAck(desk, path)).toMatchObject({ applied: 0, rejected: 0, unchanged: 4, dipUpdated: 0 });
    expect(snapshot()).toEqual(after);
  });

  it('takes the DIP states of the paper side and of delivery: awaiting documents/payment, and delivered', async () => {
    const result = await importAck(
      desk,
      jsonAck([
        { id: nameFix, status: 'applied', dipStatus: 'delivered', dipStatusDate: '10/03/2026' },
        { id: emailFix, status: 'applied', dipStatus: 'awaiting_documents', dipStatusDate: '10/03/2026' },
      ]),
    );
    expect(result).toMatchObject({ dipUpdated: 2 });
    expect(record(confirmed).professional).toMatchObject({ dipStatus: 'delivered', dipStatusAt: '2026-03-10' });
    expect(record(plain).professional).toMatchObject({ dipStatus: 'awaiting_documents', dipStatusAt: '2026-03-10' });
  });

  it('marks the DIP request corrected when a correction that asked for it is plainly applied', async () => {
    await importAck(desk, jsonAck([{ id: nameFix, status: 'applied' }]));
    expect(correctionRow(nameFix)).toMatchObject({ status: 'synced', dip_request_corrected: 1 });
    expect(record(confirmed).professional.dipStatus).toBe('confirmed');
  });

  it('keeps a DIP status the desk learnt later than the answer says', async () => {
    await importAck(desk, jsonAck([{ id: nameFix, status: 'applied', dipStatus: 'issued', dipStatusDate: '2026-03-10T15:00:00-03:00' }]));
    expect(record(confirmed).professional).toMatchObject({ dipStatus: 'issued', dipStatusAt: '2026-03-10T18:00:00.000Z' });
    const before = snapshot();
    const older = await importAck(desk, jsonAck([{ id: nameFix, status: 'applied', dipStatus: 'in_manufacture', dipStatusDate: '09/03/2026' }]));
    expect(older).toMatchObject({ unchanged: 1, dipUpdated: 0, dipStale: 1 });
    expect(snapshot()).toEqual(before);
    // The same day is not older: the later answer wins.
    expect(await importAck(desk, jsonAck([{ id: nameFix, status: 'applied', dipStatus: 'in_manufacture', dipStatusDate: '10/03/2026' }]))).toMatchObject({ dipUpdated: 1 });
    expect(record(confirmed).professional).toMatchObject({ dipStatus: 'in_manufacture', dipStatusAt: '2026-03-10' });
  });

  it('refuses, changing nothing, a DIP status for a CEP change and a date that does not exist', async () => {
    const before = snapshot();
    await expect(importAck(desk, jsonAck([{ id: cepFix, status: 'applied', dipStatus: 'issued' }]))).rejects.toMatchObject({ code: 'ACK_INVALID', message: /alteração de CEP/ });
    // "Applied to the registry, DIP request not corrected" names a DIP a CEP change has not either.
    await expect(importAck(desk, jsonAck([{ id: cepFix, status: 'synced_registry_only' }]))).rejects.toMatchObject({ code: 'ACK_INVALID', message: /alteração de CEP/ });
    await expect(importAck(desk, jsonAck([{ id: nameFix, status: 'applied', dipStatus: 'issued', dipStatusDate: '31/02/2026' }]))).rejects.toMatchObject({
      code: 'ACK_INVALID',
      // Named by the professional's CPF, as every detail line of a refused answer names its item.
      message: /Item 1 da resposta \(CPF \d{3}\.\d{3}\.\d{3}-\d{2}\): a data do DIP "31\/02\/2026" não existe no calendário/,
    });
    await expect(importAck(desk, jsonAck([{ id: nameFix, status: 'applied', dipStatus: 'emitido' }]))).rejects.toMatchObject({ code: 'ACK_INVALID', message: /dipStatus/ });
    await expect(importAck(desk, jsonAck([{ id: nameFix, status: 'applied' }], { schemaVersion: 3 }))).rejects.toMatchObject({ code: 'ACK_INVALID', message: /versão 3 do formato de resposta, e este CRESS Desk lê as versões 1 e 2/ });
    expect(snapshot()).toEqual(before);
  });
});

describe('an answer with DIP statuses as a spreadsheet', () => {
  it('as CSV: Portuguese words for the result and the DIP status, dates dd/mm/aaaa', async () => {
    const rows = [
      'id;situação;mensagem;situação do DIP;data do DIP',
      `${nameFix};Aplicada no cadastro, DIP não corrigido;Cartão já em confecção;Enviado para confecção;09/03/2026`,
      `${emailFix};aplicada;;Solicitado;`,
      `${refusedFix};rejeitada;Domínio inexistente;;`,
    ];
    const result = await importAck(desk, writeAck(desk, 'resposta.csv', Buffer.from(`${rows.join('\r\n')}\r\n`, 'latin1')));
    expect(result).toMatchObject({ format: 'csv', applied: 2, registryOnly: 1, rejected: 1, dipUpdated: 2 });
    expect(correctionRow(nameFix)).toMatchObject({ status: 'synced', dip_request_corrected: 0 });
    expect(record(confirmed).professional).toMatchObject({ dipStatus: 'in_manufacture', dipStatusAt: '2026-03-09' });
    expect(record(plain).professional.dipStatus).toBe('requested');
  });

  it('as xlsx, a date cell read as the date whatever the computer shows', async () => {
    const sheet = XLSX.utils.aoa_to_sheet(
      [
        ['ID', 'Situação', 'Situação do DIP', 'Data do DIP'],
        [nameFix, 'aplicada só no cadastro', 'Emitido', new Date(Date.UTC(2026, 2, 9))],
      ],
      { cellDates: true },
    );
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Resposta');
    const result = await importAck(desk, writeAck(desk, 'resposta.xlsx', XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer));
    expect(result).toMatchObject({ format: 'xlsx', applied: 1, registryOnly: 1, dipUpdated: 1 });
    expect(record(confirmed).professional).toMatchObject({ dipStatus: 'issued', dipStatusAt: '2026-03-09' });
  });

  it('refuses an unknown DIP word or date, naming the line and the column', async () => {
    const before = snapshot();
    await expect(importAck(desk, writeAck(desk, 'a.csv', `id;situação;situação do DIP\n${nameFix};aplicada;talvez\n`))).rejects.toMatchObject({
      code: 'ACK_INVALID',
      message: /Linha 2, coluna situação do DIP: "talvez".*Em confecção/,
    });
    await expect(importAck(desk, writeAck(desk, 'b.csv', `id;situação;situação do DIP;data do DIP\n${nameFix};aplicada;Emitido;32/01/2026\n`))).rejects.toMatchObject({
      code: 'ACK_INVALID',
      message: /Linha 2, coluna data do DIP: "32\/01\/2026"/,
    });
    expect(snapshot()).toEqual(before);
  });
});

describe('a rejection', () => {
  it('gives the record Implanta’s value back and counts once, until a new correction of the field is saved', async () => {
    await importAck(desk, jsonAck([{ id: refusedFix, status: 'rejected', message: 'Domínio inexistente' }, { id: cepFix, status: 'rejected', message: 'CEP fora da faixa' }]));
    expect(record(refused).professional.email).toBe('lia@exemplo.com.br');
    expect(history(refused, 'rejected')).toEqual([expect.objectContaining({ field: 'email', oldValue: 'lia.prado@exemplo.invalid', newValue: 'lia@exemplo.com.br', note: 'Domínio inexistente' })]);
    const counted = async () => ({
      dashboard: (await desk.handlers['batches:dashboard']({ days: 30 })).rejected,
      batch: (await desk.handlers['batches:get']({ id: batch.id })).batch.counts,
      listed: (await desk.handlers['batches:list']({ page: 0, pageSize: 10 })).items[0]!.counts.unresolvedRejections,
    });
    expect(await counted()).toMatchObject({ dashboard: 2, batch: { unresolvedRejections: 2, statuses: { rejected: 2 } }, listed: 2 });

    // The same answer again: nothing more to fix, no second history entry.
    await importAck(desk, jsonAck([{ id: refusedFix, status: 'rejected', message: 'Domínio inexistente' }]));
    expect(history(refused, 'rejected')).toHaveLength(1);
    expect((await counted()).dashboard).toBe(2);

    // The clerk corrects the e-mail again: the rejection is dealt with (it stays rejected, no longer to fix).
    correct(desk, refused, { email: 'lia.prado@exemplo.com.br' });
    expect(await counted()).toMatchObject({ dashboard: 1, batch: { unresolvedRejections: 1, statuses: { rejected: 2 } }, listed: 1 });
  });

  it('dismissed with a reason, no longer counts', async () => {
    await importAck(desk, jsonAck([{ id: refusedFix, status: 'rejected', message: 'Domínio inexistente' }]));
    desk.handlers['corrections:dismissRejection']({ uuid: refusedFix, reason: 'A profissional manterá o e-mail antigo.' });
    expect((await desk.handlers['batches:dashboard']({ days: 30 })).rejected).toBe(0);
    expect((await desk.handlers['batches:get']({ id: batch.id })).batch.counts).toMatchObject({ unresolvedRejections: 0, statuses: { rejected: 1 } });
  });
});
