// An answer of Implanta saved by Excel as "Pasta de Trabalho do Excel 97-2003" (.xls) is read like
// an .xlsx one; an Office file protected with a password, or a file that is no spreadsheet, is
// refused saying so — never as a sheet without the "id" and "situação" columns.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { readAck } from '../../db/batches/ackRead';

const dir = mkdtempSync(join(tmpdir(), 'cress-desk-ack-kinds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ids = ['0b7c54e2-55b5-4a37-9f8e-2d1bd1f0a9aa', '5d0f4a39-7a39-4f7e-9b5a-3c2e1d0f9e8b'];
let count = 0;
function file(name: string, content: Buffer): string {
  const path = join(dir, `${++count}-${name}`);
  writeFileSync(path, content);
  return path;
}

function xls(rows: unknown[][]): Buffer {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows, { cellDates: true }), 'Resposta');
  return XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer;
}

describe('an answer as an Excel 97-2003 workbook (.xls)', () => {
  it('is read as a spreadsheet, a date cell as the date it holds', async () => {
    const path = file('resposta.xls', xls([['ID', 'Situação', 'Mensagem', 'Situação do DIP', 'Data do DIP'], [ids[0], 'aplicada', '', 'Confirmado', new Date(Date.UTC(2026, 2, 9))], [ids[1], 'Rejeitada', 'CPF divergente', '', '']]));
    const ack = await readAck(path, 'resposta.xls');
    expect(ack.answers).toEqual([
      expect.objectContaining({ id: ids[0], status: 'synced', dipStatus: 'confirmed', dipStatusDate: '2026-03-09', line: 2 }),
      expect.objectContaining({ id: ids[1], status: 'rejected', message: 'CPF divergente', line: 3 }),
    ]);
  });

  it('protected with a password is refused saying so', async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', Buffer.alloc(64, 1));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', Buffer.alloc(512, 2));
    const path = file('resposta.xlsx', Buffer.from(XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer));
    await expect(readAck(path, 'resposta.xlsx')).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(/protegida por senha/) });
  });
});

describe('a file that is no spreadsheet, CSV or JSON', () => {
  it('is refused as such, not as a sheet missing columns', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0), Buffer.from('id;situação\n')]);
    await expect(readAck(file('resposta.csv', pdf), 'resposta.csv')).rejects.toMatchObject({ code: 'ACK_INVALID', message: expect.stringMatching(/não é uma planilha, um CSV nem um JSON/) });
  });
});

describe('a DIP date as Excel may leave it in an answer', () => {
  it('with its time (a date-time cell saved as CSV), or as the day’s serial number (a date cell that lost its format), is read as that day', async () => {
    const text = `id;situação;situação do DIP;data do DIP\r\n${ids[0]};aplicada;Confirmado;09/03/2026 14:30\r\n${ids[1]};aplicada;Emitido;46090\r\n`;
    const ack = await readAck(file('resposta.csv', Buffer.from(text, 'latin1')), 'resposta.csv');
    expect(ack.answers.map((a) => a.dipStatusDate)).toEqual(['2026-03-09', '2026-03-09']);
  });

  it('that names no day is still refused, naming the line', async () => {
    const text = `id;situação;situação do DIP;data do DIP\r\n${ids[0]};aplicada;Confirmado;123\r\n`;
    await expect(readAck(file('resposta.csv', Buffer.from(text, 'latin1')), 'resposta.csv')).rejects.toMatchObject({ message: expect.stringMatching(/^Linha 2, coluna data do DIP: "123"/) });
  });
});

describe('a JSON answer saved as "Unicode" (UTF-16) by Windows’ Notepad', () => {
  it('is read as the JSON it is, little- or big-endian', async () => {
    const json = JSON.stringify({ schemaVersion: 1, batch: ids[0], packageSha256: 'a'.repeat(64), items: [{ id: ids[1], status: 'applied' }] }, null, 2);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(Buffer.from(json, 'utf16le')).swap16()]);
    for (const [name, bytes] of [['resposta.json', le], ['resposta-be.txt', be]] as const) {
      const ack = await readAck(file(name, bytes), name);
      expect(ack).toMatchObject({ format: 'json', batch: { uuid: ids[0] }, answers: [expect.objectContaining({ id: ids[1], status: 'synced' })] });
    }
  });
});
