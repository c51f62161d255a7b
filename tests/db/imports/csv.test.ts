// CSV as spreadsheet programs save it: encodings, separators, line ends, quoted fields.
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvParser, CsvSource, detectSeparator } from '../../../db/imports/readers/csv';
import { DEFAULT_LIMITS } from '../../../db/imports/readers/limits';
import type { RawRow } from '../../../db/imports/readers/source';
import { AppError } from '../../../shared/errors';
import { tempDir } from '../fixtures';

const dir = tempDir();
afterAll(() => dir.cleanup());

function parseAll(text: string, separator = ';', pieces = 1): RawRow[] {
  const parser = new CsvParser(separator, 1 << 20);
  const rows: RawRow[] = [];
  const size = Math.ceil(text.length / pieces);
  for (let at = 0; at < text.length; at += size) rows.push(...parser.push(text.slice(at, at + size), at + size >= text.length));
  return rows;
}

function readFile(name: string, bytes: Buffer): { rows: RawRow[]; encoding: string } {
  const path = dir.file(name);
  writeFileSync(path, bytes);
  const source = new CsvSource(path, 'teste', DEFAULT_LIMITS);
  try {
    return { rows: [...source.rows()], encoding: source.encoding };
  } finally {
    source.close();
  }
}

describe('CSV parsing', () => {
  const text = 'CPF;Motivo;E-mail\r\n123;"Pedido ""urgente""; ver\r\nverso";a@b.com\r\n456;;\n789;"x";\r\n';

  it('splits records on CRLF, LF or CR and keeps separators, quotes and line breaks inside quoted fields', () => {
    const rows = parseAll(text);
    expect(rows.map((r) => r.cells)).toEqual([
      ['CPF', 'Motivo', 'E-mail'],
      ['123', 'Pedido "urgente"; ver\r\nverso', 'a@b.com'],
      ['456', '', ''],
      ['789', 'x', ''],
    ]);
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3, 4]);
    expect(parseAll('a;b\rc;d').map((r) => r.cells)).toEqual([['a', 'b'], ['c', 'd']]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const whole = parseAll(text).map((r) => r.cells);
    for (const pieces of [2, 3, 7, text.length]) expect(parseAll(text, ';', pieces).map((r) => r.cells)).toEqual(whole);
  });

  it('detects the separator from the header line, quotes aside', () => {
    expect(detectSeparator('CPF;Nome;E-mail')).toBe(';');
    expect(detectSeparator('CPF,Nome,E-mail')).toBe(',');
    expect(detectSeparator('CPF\tNome\tE-mail')).toBe('\t');
    expect(detectSeparator('"Nome, completo";CPF')).toBe(';');
    expect(detectSeparator('CPF')).toBe(';');
  });

  it('refuses a quote that never closes instead of reading the whole file as one cell', () => {
    const parser = new CsvParser(';', 100);
    expect(() => parser.push(`a;"${'x'.repeat(200)}`, false)).toThrow(/grande demais/);
  });
});

describe('CSV files', () => {
  const rows = [
    ['Nome', 'Município', 'Motivo'],
    ['Conceição Gonçalves', 'São João', 'Certidão'],
  ];
  const csv = rows.map((r) => r.join(';')).join('\r\n');

  it('reads UTF-8 with and without BOM, Windows-1252 and UTF-16 alike', () => {
    const cases: [string, Buffer, string][] = [
      ['utf8.csv', Buffer.from(csv, 'utf8'), 'utf-8'],
      ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]), 'utf-8'],
      ['cp1252.csv', Buffer.from(csv, 'latin1'), 'windows-1252'],
      ['utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]), 'utf-16le'],
    ];
    for (const [name, bytes, encoding] of cases) {
      const read = readFile(name, bytes);
      expect(read.encoding, name).toBe(encoding);
      expect(read.rows.map((r) => r.cells), name).toEqual(rows);
    }
  });

  it('reads Windows-1252 characters that Latin-1 lacks (curly quotes, en dash)', () => {
    const bytes = Buffer.concat([Buffer.from('Motivo\r\n', 'latin1'), Buffer.from([0x93, 0x4f, 0x4b, 0x94, 0x20, 0x96, 0x20, 0xe7])]);
    expect(readFile('quotes.csv', bytes).rows[1]?.cells).toEqual(['“OK” – ç']);
  });

  it('takes Excel’s sep= line as the separator and not as a row, numbering rows as Excel shows them', () => {
    const read = readFile('sep.csv', Buffer.from('sep=,\r\nCPF,Nome\r\n123,Ana\r\n', 'utf8'));
    expect(read.rows).toEqual([
      { row: 1, cells: ['CPF', 'Nome'] },
      { row: 2, cells: ['123', 'Ana'] },
    ]);
  });

  it('decides the encoding on the whole file: one Windows-1252 byte far down is enough', () => {
    const body = `Nome\r\n${'Ana\r\n'.repeat(200_000)}`;
    const bytes = Buffer.concat([Buffer.from(body, 'utf8'), Buffer.from('Jo\xe3o\r\n', 'latin1')]);
    const read = readFile('late.csv', bytes);
    expect(read.encoding).toBe('windows-1252');
    expect(read.rows.at(-1)?.cells).toEqual(['João']);
  });

  /** What the reader refuses a file with, as the import would show it. */
  function refusal(name: string, bytes: Buffer): AppError {
    try {
      readFile(name, bytes);
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error(`${name} was read`);
  }

  const utf8 = (text: string) => Buffer.from(text, 'utf8');
  const cp1252 = (text: string) => Buffer.from(text, 'latin1');

  it('refuses a UTF-8 file with a row in Windows-1252, naming the first line in UTF-8, instead of reading it all as mojibake', () => {
    // Rows pasted from another tool: the UTF-8 rows would read "Rua SÃ£o JoÃ£o", "ConceiÃ§Ã£o".
    const bytes = Buffer.concat([
      utf8('Registro;Logradouro;Bairro;Motivo\r\n1002;Rua São João;Conceição;Mudança de endereço\r\n'),
      cp1252('1003;Rua João Pessoa;Centro;Mudança de endereço\r\n'),
    ]);
    const error = refusal('mistura.csv', bytes);
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.message).toMatch(/mistura.*UTF-8.*Windows-1252/);
    expect(error.message).toMatch(/linha 2 /);
    expect(error.message).toMatch(/linha 3 /);
  });

  it('refuses the mix whichever comes first and however far apart, naming lines as a spreadsheet program shows them', () => {
    // Windows-1252 first, the UTF-8 row beyond the first chunk read.
    const far = Buffer.concat([cp1252('sep=;\r\nNome;Motivo\r\nAna;"Mudança\r\nde endereço"\r\n'), utf8(`${'Ana;x\r\n'.repeat(60_000)}Bia;Certidão\r\n`)]);
    const error = refusal('longe.csv', far);
    expect(error.code).toBe('FILE_UNREADABLE');
    // The sep= line is not a row and the quoted line break stays inside row 2.
    expect(error.message).toMatch(/linha 60003 /);
    expect(error.message).toMatch(/linha 2 /);
    // UTF-8 first, the Windows-1252 byte far down.
    const late = Buffer.concat([utf8(`Nome\r\nConceição\r\n${'Ana\r\n'.repeat(100_000)}`), cp1252('João\r\n')]);
    expect(refusal('tarde.csv', late).message).toMatch(/linha 2 .*linha 100003 /);
  });

  it('refuses a file whose BOM says UTF-8 while a row is in Windows-1252, naming that row, instead of storing “�”', () => {
    // The desk's own export (UTF-8 with BOM) with rows appended from an ANSI file.
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const plain = Buffer.concat([bom, utf8('Registro;Logradouro\r\n1002;Rua Direita\r\n'), cp1252('1003;Rua São João\r\n')]);
    const error = refusal('bom-ansi.csv', plain);
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.message).toMatch(/UTF-8/);
    expect(error.message).toMatch(/linha 3 .*Windows-1252/);
    expect(error.message).not.toMatch(/\uFFFD/);
    // The same when the header already has UTF-8 accents, and far beyond the first chunk read.
    const far = Buffer.concat([bom, utf8(`Nome da mãe;Motivo\r\n${'Ana;x\r\n'.repeat(100_000)}`), cp1252('Conceição;Mudança\r\n')]);
    expect(refusal('bom-longe.csv', far).message).toMatch(/linha 100002 /);
    // A file all in UTF-8 after its BOM still reads.
    expect(readFile('bom-ok.csv', Buffer.concat([bom, utf8('Nome\r\nConceição\r\n')])).rows[1]?.cells).toEqual(['Conceição']);
  });

  it('refuses the mix when the UTF-8 rows are in capitals whose only accents are Ô, Ó or À', () => {
    for (const [name, row] of [
      ['antonio.csv', 'RUA ANTÔNIO PRADO;CASA'],
      ['otica.csv', 'RUA DA ÓTICA;FUNDOS'],
      ['crase.csv', 'RUA B;EM FRENTE À IGREJA'],
    ] as const) {
      const bytes = Buffer.concat([utf8(`Logradouro;Complemento\r\n${row}\r\n`), cp1252('Rua São João;\r\n')]);
      const error = refusal(name, bytes);
      expect(error.code, name).toBe('FILE_UNREADABLE');
      expect(error.message, name).toMatch(/linha 2 .*linha 3 /);
    }
  });

  it('still reads a Windows-1252 file full of accents, symbols and capitals exactly as written', () => {
    const lines = [
      ['Nome', 'Logradouro', 'Bairro', 'Motivo'],
      ['JOÃO CONCEIÇÃO', 'RUA SÃO JOÃO, Nº 12', 'IRMÃ “DULCE”', 'Mudança de endereço – 1ª via'],
      ['Maria Conceição Gonçalves', 'Avenida Getúlio Vargas, 3º andar', 'Jardim Ipê', 'Certidão de casamento…'],
      ['ÁÉÍÓÚ ÂÊÔ ÃÕ Ç À Ü', 'áéíóú âêô ãõ ç à ü', 'MANHÃ\u00a0CIDADÃ § 2°', 'CAPITÃ€ IRMÃ” ALEMÃ–'],
    ];
    const high: Record<string, string> = { '€': '\x80', '…': '\x85', '“': '\x93', '”': '\x94', '–': '\x96' };
    const text = lines.map((r) => r.join(';')).join('\r\n');
    const read = readFile('acentos-1252.csv', cp1252(text.replace(/[€…“”–]/g, (c) => high[c] as string)));
    expect(read.encoding).toBe('windows-1252');
    expect(read.rows.map((r) => r.cells)).toEqual(lines);
  });

  it('still reads a UTF-8 file full of accents and symbols exactly as written', () => {
    const lines = [
      ['Nome', 'Logradouro', 'Bairro', 'Motivo'],
      ['JOÃO CONCEIÇÃO', 'Rua São João, nº 12', 'Irmã “Dulce”', 'Mudança de endereço – 1ª via'],
      ['ÁÉÍÓÚ ÂÊÔ ÃÕ Ç À Ü', 'áéíóú âêô ãõ ç à ü', 'Manhã\u00a0cidadã § 2°', 'Ação…'],
    ];
    const read = readFile('acentos-utf8.csv', utf8(lines.map((r) => r.join(';')).join('\r\n')));
    expect(read.encoding).toBe('utf-8');
    expect(read.rows.map((r) => r.cells)).toEqual(lines);
  });
});
