// Implanta's acknowledgement: JSON, CSV or xlsx; every refusal leaves the store exactly as it was;
// importing twice changes nothing; a partial answer leaves the rest sent.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { AckResult, BatchSummary } from '../../shared/contract';
import { addProfessional, correct, exportPackage, importAck, openBatchDesk, queueEmailCorrections, sendBatch, storePicture, writeAck, type BatchDesk } from './batchFixtures';

let desk: BatchDesk;
let batch: BatchSummary;
let uuids: string[];
let cepUuid: string;
let packageSha: string;

beforeEach(async () => {
  desk = openBatchDesk();
  uuids = queueEmailCorrections(desk, 4);
  desk.handlers['cep:save']({ cep: '13010-000', street: 'Rua Barão de Jaguara', district: 'Centro', city: 'Campinas', uf: 'SP', reason: 'CEP novo informado' });
  cepUuid = (desk.store.db.prepare('SELECT uuid FROM cep_changes').get() as { uuid: string }).uuid;
  ({ batch, sha256: packageSha } = await sendBatch(desk));
  desk.setNow('2026-03-11T10:00:00.000Z');
});
afterEach(() => desk.cleanup());

function jsonAck(items: { id: string; status: string; message?: string }[], overrides: Record<string, unknown> = {}): string {
  return writeAck(desk, 'confirmacao.json', JSON.stringify({ schemaVersion: 1, batch: batch.uuid, number: batch.number, packageSha256: packageSha, items, ...overrides }));
}

/** Everything an acknowledgement may touch: statuses, messages, batches, the audit trail. */
const snapshot = () =>
  storePicture(desk, {
    corrections: 'SELECT uuid, status, status_message, status_changed_at, batch_id FROM corrections ORDER BY id',
    cep: 'SELECT uuid, status, status_message FROM cep_changes ORDER BY id',
    batches: 'SELECT * FROM batches ORDER BY id',
    audit: 'SELECT count(*) AS n FROM audit_log',
  });

function statusOf(uuid: string) {
  return desk.store.db.prepare('SELECT status, status_message FROM corrections WHERE uuid = ?').get(uuid);
}

describe('a complete answer', () => {
  it('as JSON: applied become synced, rejected keep the message, the batch is acknowledged', async () => {
    const result = await importAck(
      desk,
      jsonAck([
        ...uuids.slice(0, 3).map((id) => ({ id, status: 'applied' })),
        { id: uuids[3]!, status: 'rejected', message: 'E-mail já usado por outra profissional na plataforma.' },
        { id: cepUuid, status: 'applied' },
      ]),
    );
    expect(result).toMatchObject({ applied: 4, rejected: 1, unchanged: 0, unanswered: 0, format: 'json', batch: { state: 'acknowledged', acknowledgedAt: desk.now().toISOString(), overdue: false } });
    expect(statusOf(uuids[0]!)).toEqual({ status: 'synced', status_message: null });
    expect(statusOf(uuids[3]!)).toEqual({ status: 'rejected', status_message: 'E-mail já usado por outra profissional na plataforma.' });
    expect(desk.store.db.prepare('SELECT status FROM cep_changes').get()).toEqual({ status: 'synced' });
    expect((await desk.handlers['batches:dashboard']({ days: 30 })).rejected).toBe(1);
    const audit = desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'batch.acknowledge'").get() as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ number: '2026-0001', format: 'json', applied: 4, rejected: 1, sha256: result.fileSha256 });
  });

  it('importing the same file again changes nothing', async () => {
    const path = jsonAck(uuids.map((id) => ({ id, status: 'applied' })));
    await importAck(desk, path);
    const before = snapshot();
    const again = await importAck(desk, path);
    expect(again).toMatchObject({ applied: 0, rejected: 0, unchanged: 4 });
    expect(snapshot()).toEqual(before);
  });

  it('a rejection answered again with another reason: the first answer stands, and the result says so', async () => {
    await importAck(desk, jsonAck([{ id: uuids[0]!, status: 'rejected', message: 'CPF divergente' }]));
    const before = snapshot();
    const sheet = `id;situação;mensagem\r\n${uuids[1]};aplicada;\r\n${uuids[0]};rejeitada;Certidão sem averbação\r\n`;
    const again = await importAck(desk, writeAck(desk, 'de-novo.csv', sheet));
    expect(again).toMatchObject({ applied: 1, unchanged: 1, otherMessages: [{ line: 3, kept: 'CPF divergente', file: 'Certidão sem averbação' }] });
    expect(desk.store.db.prepare('SELECT status_message FROM corrections WHERE uuid = ?').pluck().get(uuids[0])).toBe('CPF divergente');
    expect(snapshot()).not.toEqual(before); // the other row was applied
    // The same reason again is no news.
    expect(await importAck(desk, writeAck(desk, 'igual.csv', `id;situação;mensagem\r\n${uuids[0]};rejeitada;CPF divergente\r\n`))).toMatchObject({ unchanged: 1, otherMessages: [] });
  });

  it('as CSV the way Implanta staff save it: ";", Portuguese words, Windows-1252', async () => {
    const rows = ['id;situação;mensagem', `${uuids[0]};aplicada;`, `${uuids[1]};Rejeitada;Domínio do e-mail não aceita mensagens`, `${uuids[2]};APLICADA;`, `${uuids[3]};applied;ok`, `${cepUuid};aplicada;`];
    const result = await importAck(desk, writeAck(desk, 'resposta.csv', Buffer.from(`${rows.join('\r\n')}\r\n`, 'latin1')));
    expect(result).toMatchObject({ format: 'csv', applied: 4, rejected: 1, unanswered: 0 });
    expect(statusOf(uuids[1]!)).toEqual({ status: 'rejected', status_message: 'Domínio do e-mail não aceita mensagens' });
  });

  it('as xlsx, with the columns in another order and a UTF-8 CSV with BOM alike', async () => {
    const sheet = XLSX.utils.aoa_to_sheet([['Mensagem', 'ID', 'Situação'], ['', uuids[0], 'aplicada'], ['Nome divergente do CPF', uuids[1], 'rejeitada']]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Resposta');
    const result = await importAck(desk, writeAck(desk, 'resposta.xlsx', XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer));
    expect(result).toMatchObject({ format: 'xlsx', applied: 1, rejected: 1, unanswered: 3 });
    expect(statusOf(uuids[1]!)).toEqual({ status: 'rejected', status_message: 'Nome divergente do CPF' });

    const csv = await importAck(desk, writeAck(desk, 'resto.csv', `\uFEFFid,situacao,mensagem\n${uuids[2]},applied,\n`));
    expect(csv).toMatchObject({ format: 'csv', applied: 1, unanswered: 2 });
  });

  it('a spreadsheet answering every correction names the CEP change it cannot hold (it is only in cep.jsonl); a JSON answer does not', async () => {
    const rows = ['id;situação', ...uuids.map((uuid) => `${uuid};aplicada`)];
    const sheet = await importAck(desk, writeAck(desk, 'so-correcoes.csv', `${rows.join('\r\n')}\r\n`));
    expect(sheet).toMatchObject({ applied: 4, unanswered: 1, unansweredCeps: ['13010000'] });
    const json = await importAck(desk, jsonAck([{ id: uuids[0]!, status: 'applied' }]));
    expect(json.unansweredCeps).toEqual([]);
  });

  it('as xlsx whose first sheet is a hidden one of instructions: the answers are read from the sheet people see', async () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Preencha a aba Resposta com uma linha por correção.']]), 'Instruções');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['id', 'situação', 'mensagem'], [uuids[0], 'aplicada', '']]), 'Resposta');
    book.Workbook = { Sheets: [{ name: 'Instruções', Hidden: 1 }, { name: 'Resposta', Hidden: 0 }] };
    const result = await importAck(desk, writeAck(desk, 'resposta-oculta.xlsx', XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer));
    expect(result).toMatchObject({ format: 'xlsx', applied: 1 });
  });
});

describe("what Implanta's messages may carry", () => {
  // A message is shown in the record, in the lists and in a terminal: nothing in it may take over
  // the terminal (escape sequences), hide as a NUL, or make the text read backwards on screen.
  const hostile = 'Nome\u0000 divergente\u001b[31m do CPF\u202e fc.liame\u2066\r\nfim\u0085';

  it('keep the words, without control characters or bidirectional overrides, from JSON and from a spreadsheet', async () => {
    await importAck(desk, jsonAck([{ id: uuids[0]!, status: 'rejected', message: hostile }]));
    expect(statusOf(uuids[0]!)).toEqual({ status: 'rejected', status_message: 'Nome divergente [31m do CPF fc.liame fim' });

    const sheet = XLSX.utils.aoa_to_sheet([['id', 'situação', 'mensagem'], [uuids[1], 'rejeitada', hostile]]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'Resposta');
    await importAck(desk, writeAck(desk, 'resposta.xlsx', XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer));
    expect(statusOf(uuids[1]!)).toEqual({ status: 'rejected', status_message: 'Nome divergente [31m do CPF fc.liame fim' });
  });
});

describe('looking before applying', () => {
  it('says what the answer would change and writes nothing; applying it then does exactly that, and a file changed since is refused', async () => {
    const path = jsonAck([...uuids.slice(0, 3).map((id) => ({ id, status: 'applied' })), { id: uuids[3]!, status: 'rejected', message: 'Nome divergente do CPF' }]);
    const before = snapshot();
    const preview = await desk.job<AckResult>(desk.handlers['batches:acknowledge']({ path, fileName: 'confirmacao.json', dryRun: true }));
    expect(preview).toMatchObject({ applied: 3, rejected: 1, unchanged: 0, unanswered: 1, batch: { state: 'sent' } });
    expect(snapshot()).toEqual(before);

    writeFileSync(path, JSON.stringify({ schemaVersion: 1, batch: batch.uuid, number: batch.number, packageSha256: packageSha, items: [{ id: uuids[0], status: 'rejected' }] }));
    await expect(desk.job<AckResult>(desk.handlers['batches:acknowledge']({ path, fileName: 'confirmacao.json', expectedSha256: preview.fileSha256 }))).rejects.toMatchObject({ code: 'FILE_CHANGED' });
    expect(snapshot()).toEqual(before);

    const again = jsonAck([...uuids.slice(0, 3).map((id) => ({ id, status: 'applied' })), { id: uuids[3]!, status: 'rejected', message: 'Nome divergente do CPF' }]);
    const looked = await desk.job<AckResult>(desk.handlers['batches:acknowledge']({ path: again, fileName: 'confirmacao.json', dryRun: true }));
    const applied = await desk.job<AckResult>(desk.handlers['batches:acknowledge']({ path: again, fileName: 'confirmacao.json', expectedSha256: looked.fileSha256 }));
    expect(applied).toMatchObject({ applied: looked.applied, rejected: looked.rejected, unanswered: looked.unanswered });
    expect(statusOf(uuids[3]!)).toEqual({ status: 'rejected', status_message: 'Nome divergente do CPF' });
  });
});

describe('a partial answer', () => {
  it('leaves the ids it does not mention sent, counts them, and the batch is no longer overdue', async () => {
    desk.setNow('2026-03-12T10:00:00.000Z');
    expect((await desk.handlers['batches:get']({ id: batch.id })).batch.overdue).toBe(true);
    const result = await importAck(desk, jsonAck([{ id: uuids[0]!, status: 'applied' }]));
    expect(result).toMatchObject({ applied: 1, unanswered: 4, batch: { state: 'sent', overdue: false, counts: { unanswered: 4 } } });
    expect(statusOf(uuids[1]!)).toMatchObject({ status: 'sent' });
    const rest = await importAck(desk, jsonAck([...uuids.slice(1).map((id) => ({ id, status: 'applied' })), { id: cepUuid, status: 'applied' }]));
    expect(rest).toMatchObject({ applied: 4, unanswered: 0, batch: { state: 'acknowledged' } });
  });
});

describe('a lote exported again after it was sent', () => {
  const exportAgain = (name: string, passphrase: string) =>
    desk.job<{ sha256: string }>(desk.handlers['batches:export']({ id: batch.id, path: desk.dir.file(`${name}-${batch.fileName}`), passphrase, replace: false }));

  it('still takes an answer naming any package this desk wrote of it, the one Implanta received among them', async () => {
    const sent = await exportAgain('enviado', 'senha combinada com a Implanta 2026');
    const later = await exportAgain('de-novo', 'outra senha para a copia 2026');
    expect(later.sha256).not.toBe(sent.sha256);

    expect(await importAck(desk, jsonAck([{ id: uuids[0]!, status: 'applied' }], { packageSha256: sent.sha256 }))).toMatchObject({ applied: 1 });
    expect(await importAck(desk, jsonAck([{ id: uuids[1]!, status: 'applied' }], { packageSha256: later.sha256 }))).toMatchObject({ applied: 1 });
    expect(await importAck(desk, jsonAck([{ id: uuids[2]!, status: 'applied' }]))).toMatchObject({ applied: 1 });
    await expect(importAck(desk, jsonAck([{ id: uuids[3]!, status: 'applied' }], { packageSha256: 'b'.repeat(64) }))).rejects.toMatchObject({ code: 'ACK_CHECKSUM' });
  });
});

describe('refusals change nothing', () => {
  async function refused(path: string, code: string, message?: RegExp) {
    const before = snapshot();
    await expect(importAck(desk, path)).rejects.toMatchObject({ code, ...(message ? { message: expect.stringMatching(message) } : {}) });
    expect(snapshot()).toEqual(before);
  }

  it('an unknown batch', () => refused(jsonAck([{ id: uuids[0]!, status: 'applied' }], { batch: '0b7c54e2-55b5-4a37-9f8e-2d1bd1f0a9aa' }), 'ACK_UNKNOWN_BATCH'));

  it('a wrong checksum of the package', () => refused(jsonAck([{ id: uuids[0]!, status: 'applied' }], { packageSha256: 'a'.repeat(64) }), 'ACK_CHECKSUM', /SHA-256/));

  it('a truncated file', async () => {
    const full = JSON.stringify({ schemaVersion: 1, batch: batch.uuid, packageSha256: packageSha, items: uuids.map((id) => ({ id, status: 'applied' })) });
    await refused(writeAck(desk, 'cortado.json', full.slice(0, full.length - 30)), 'ACK_INVALID', /cortado ou foi alterado \(linha 1, coluna \d+\)\.$/);
    // The parser's own words are English and quote the file: the clerk reads neither.
    await refused(writeAck(desk, 'alterado.json', `{"schemaVersion": 1,\n "items": [Maria Souza]}`), 'ACK_INVALID', /^(?!.*(Maria|Unexpected|valid JSON)).*não é um JSON válido/s);
  });

  it('a file that does not follow the format', () =>
    refused(jsonAck([{ id: uuids[0]!, status: 'ok' }]), 'ACK_INVALID', /^Item 1 da resposta \(CPF [\d.-]+\): a situação \(status\) deve ser igual a um dos valores permitidos: "applied", "rejected"/));

  it('duplicate ids, naming where each answer is', async () => {
    await refused(jsonAck([{ id: uuids[0]!, status: 'applied' }, { id: uuids[0]!, status: 'rejected', message: 'x' }]), 'ACK_DUPLICATE_IDS', new RegExp(`${uuids[0]!} \\(itens 1 e 2\\)`));
    const sheet = `id;situação;mensagem\r\n${uuids[0]};aplicada;\r\n${uuids[1]};aplicada;\r\n${uuids[0]};rejeitada;x\r\n`;
    await refused(writeAck(desk, 'repetida.csv', sheet), 'ACK_DUPLICATE_IDS', new RegExp(`${uuids[0]!} \\(linhas 2 e 4\\)`));
  });

  it('unknown ids, naming their line', async () => {
    await refused(jsonAck([{ id: uuids[0]!, status: 'applied' }, { id: '11111111-2222-4333-8444-555555555555', status: 'applied' }]), 'ACK_UNKNOWN_IDS', /11111111-2222-4333-8444-555555555555 \(item 2\)/);
    await refused(writeAck(desk, 'outra.csv', `id;situação\r\n${uuids[0]};aplicada\r\n11111111-2222-4333-8444-555555555555;aplicada\r\n`), 'ACK_UNKNOWN_IDS', /555555555555 \(linha 3\)/);
  });

  it('an empty id or situação cell is called empty, and “recusada” is read as rejected', async () => {
    await refused(writeAck(desk, 'vazia.csv', `id;situação;mensagem\r\n;aplicada;\r\n`), 'ACK_INVALID', /^Linha 2, coluna id: a célula está vazia \(esperado um UUID/);
    await refused(writeAck(desk, 'sem-situacao.csv', `id;situação;mensagem\r\n${uuids[0]};;Caixa inexistente\r\n`), 'ACK_INVALID', /^Linha 2, coluna situação: a célula está vazia; use aplicada/);
    const result = await importAck(desk, writeAck(desk, 'recusada.csv', `id;situação;mensagem\r\n${uuids[0]};Recusada;Caixa inexistente\r\n`));
    expect(result).toMatchObject({ rejected: 1, applied: 0 });
  });

  it('a batch not yet sent, and ids of two batches', async () => {
    const later = queueEmailCorrections(desk, 1);
    const open = await desk.handlers['batches:create']({});
    await refused(writeAck(desk, 'nao-enviado.csv', `id;situação;mensagem\n${later[0]};aplicada;\n`), 'ACK_NOT_SENT', /ainda está em revisão: lacre, exporte e envie o pacote antes/);
    await refused(writeAck(desk, 'dois.csv', `id;situação;mensagem\n${later[0]};aplicada;\n${uuids[0]};aplicada;\n`), 'ACK_MIXED_BATCHES', new RegExp(`${batch.number}.*${open.number}|${open.number}.*${batch.number}`));
  });

  it('a lote cancelled, one sealed but never exported, and one exported but not marked sent: each says what happened to it', async () => {
    const later = queueEmailCorrections(desk, 1);
    const answer = () => writeAck(desk, 'lote-novo.csv', `id;situação;mensagem\n${later[0]};aplicada;\n`);
    const cancelled = await desk.handlers['batches:create']({});
    await desk.handlers['batches:cancel']({ id: cancelled.id });
    await refused(answer(), 'ACK_NOT_SENT', /de uma correção desta mesa que não está em nenhum lote \(o lote foi cancelado/);
    await refused(
      writeAck(desk, 'lote-cancelado.json', JSON.stringify({ schemaVersion: 1, batch: cancelled.uuid, number: cancelled.number, packageSha256: 'c'.repeat(64), items: [{ id: later[0], status: 'applied' }] })),
      'ACK_NOT_SENT',
      new RegExp(`O lote ${cancelled.number} foi cancelado nesta mesa`),
    );

    const lote = await desk.handlers['batches:create']({});
    await desk.handlers['batches:seal']({ id: lote.id });
    await refused(answer(), 'ACK_NOT_SENT', new RegExp(`O lote ${lote.number} foi lacrado, mas ainda não foi exportado`));
    await exportPackage(desk, lote.id, 'lote-novo');
    await refused(answer(), 'ACK_NOT_SENT', new RegExp(`O lote ${lote.number} ainda não foi marcado como enviado`));
  });

  it('an answer for another batch', async () => {
    const later = queueEmailCorrections(desk, 1);
    await sendBatch(desk);
    await refused(jsonAck([{ id: later[0]!, status: 'applied' }]), 'ACK_MIXED_BATCHES', /outro lote/);
  });

  it('a different answer for a correction already answered', async () => {
    await importAck(desk, jsonAck([{ id: uuids[0]!, status: 'rejected', message: 'CPF divergente' }]));
    // Named by the professional's CPF, as the clerk finds her.
    await refused(jsonAck([{ id: uuids[1]!, status: 'applied' }, { id: uuids[0]!, status: 'applied' }]), 'ACK_CONFLICT', /^Uma correção já respondida recebe outra resposta neste arquivo: CPF \d{3}\.\d{3}\.\d{3}-\d{2} \(item 2, id [0-9a-f-]{36}\), antes “rejeitada”, agora “aplicada”\./);
  });

  it('a spreadsheet without the id and situação columns, or with an unknown situação', async () => {
    await refused(writeAck(desk, 'sem-colunas.csv', `codigo;resultado\n${uuids[0]};ok\n`), 'ACK_INVALID', /colunas "id" e "situação"/);
    await refused(writeAck(desk, 'situacao.csv', `id;situação\n${uuids[0]};talvez\n`), 'ACK_INVALID', /Linha 2, coluna situação: "talvez"/);
    await refused(writeAck(desk, 'vazio.csv', ''), 'ACK_INVALID', /vazio/);
  });
});

describe('after a rejection', () => {
  it('the clerk saves a new correction and it goes into the next batch; the rejected one stays as it was', async () => {
    const p = addProfessional(desk.store);
    const first = correct(desk, p, { email: 'errado@exemplo.com.br' }).corrections[0]!.uuid;
    const { batch: second, sha256 } = await sendBatch(desk);
    const ack = writeAck(desk, 'r.json', JSON.stringify({ schemaVersion: 1, batch: second.uuid, packageSha256: sha256, items: [{ id: first, status: 'rejected', message: 'Domínio inexistente' }] }));
    await importAck(desk, ack);
    const fix = correct(desk, p, { email: 'certo@exemplo.com.br' }).corrections[0]!.uuid;
    const third = await desk.handlers['batches:create']({});
    expect(third.counts.corrections).toBe(1);
    expect(desk.store.db.prepare('SELECT batch_id FROM corrections WHERE uuid = ?').get(fix)).toEqual({ batch_id: third.id });
    expect(statusOf(first)).toEqual({ status: 'rejected', status_message: 'Domínio inexistente' });
  });
});
