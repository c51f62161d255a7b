// A CSV exported by an old system sometimes pads its fields with NUL bytes. Such a file is text
// named .csv: telling the clerk it "is not a spreadsheet, use .csv" says nothing she can act on.
// It is refused naming the line and what to do; a binary file named .csv is still "not a spreadsheet".
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openSpreadsheet } from '../../../db/imports/readers/open';
import { tempDir } from '../fixtures';

const dir = tempDir();
afterAll(() => dir.cleanup());

function refusal(name: string, bytes: Buffer): { code?: string; message: string } {
  const path = dir.file(name);
  writeFileSync(path, bytes);
  try {
    openSpreadsheet(path, name).close();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('the file was read');
}

describe('NUL bytes in a CSV', () => {
  it('names the line with the NUL bytes and says how to save the file again', () => {
    const text = 'Registro;Nome da mãe;Motivo\r\n1045;Maria Silva;Certidão apresentada\r\n1046;Joana\0\0\0;Certidão apresentada\r\n';
    const answer = refusal('cadastro.csv', Buffer.from(text, 'utf8'));
    expect(answer.code).toBe('FILE_UNREADABLE');
    expect(answer.message).toMatch(/cadastro\.csv/);
    expect(answer.message).toMatch(/linha 3/);
    expect(answer.message).toMatch(/caracteres nulos/);
    expect(answer.message).toMatch(/salve como CSV/i);
    expect(answer.message).not.toMatch(/não é uma planilha/);
  });

  it('says a CSV in UTF-16 without its byte-order mark is UTF-16', () => {
    const answer = refusal('exportado.csv', Buffer.from('Registro;Nome\r\n1045;Maria\r\n', 'utf16le'));
    expect(answer.code).toBe('FILE_UNREADABLE');
    expect(answer.message).toMatch(/UTF-16/);
    expect(answer.message).toMatch(/salve como CSV/i);
  });

  it('still calls a binary file named .csv no spreadsheet', () => {
    expect(refusal('lixo.csv', Buffer.from([1, 2, 0, 3, 0, 0, 9])).message).toMatch(/não é uma planilha/);
  });
});
