import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { csvField, csvLine, neutralizeCell, startsLikeFormula, unguardedCell, unneutralizeCell } from '../../shared/spreadsheetSafety';

describe('neutralizeCell', () => {
  it.each(['=HYPERLINK("http://x","clique")', '+5511912345678', '-2+3', '@SUM(A1)', '\tcmd', '\r=1+1'])('prefixes %j with an apostrophe', (text) => {
    expect(startsLikeFormula(text)).toBe(true);
    expect(neutralizeCell(text)).toBe(`'${text}`);
  });

  it.each(['Maria da Silva', '01310-100', '', ' =não é fórmula', "'já protegido", '123.456.789-09'])('leaves %j as it is', (text) => {
    expect(startsLikeFormula(text)).toBe(false);
    expect(neutralizeCell(text)).toBe(text);
  });
});

describe('csvField and csvLine', () => {
  it('quotes separators, quotes and line breaks, after neutralising', () => {
    expect(csvField('Rua A; casa 2')).toBe('"Rua A; casa 2"');
    expect(csvField('diz "olá"')).toBe('"diz ""olá"""');
    expect(csvField('linha 1\nlinha 2')).toBe('"linha 1\nlinha 2"');
    expect(csvField('=1;2')).toBe(`"'=1;2"`);
    expect(csvField('a,b', ',')).toBe('"a,b"');
    expect(csvLine(['=cmd|', 'ok', '@x'])).toBe("'=cmd|;ok;'@x");
  });

  it('a spreadsheet program reads every neutralised cell back as text, never as a formula', () => {
    const hostile = ['=1+1', '+1+1', '-1+1', '@SUM(1,1)', '=HYPERLINK("http://exemplo.invalid","x")'];
    const csv = `${csvLine(['valor'])}\r\n${hostile.map((h) => csvLine([h])).join('\r\n')}\r\n`;
    const sheet = XLSX.read(csv, { type: 'string', FS: ';' }).Sheets.Sheet1!;
    for (let row = 0; row < hostile.length; row++) {
      const cell = sheet[`A${row + 2}`] as XLSX.CellObject;
      expect(cell.f).toBeUndefined();
      expect(cell.t).toBe('s');
      expect(String(cell.v)).toBe(`'${hostile[row]}`);
    }
  });

  it('reads a guarded cell back as the value it guarded, and leaves any other apostrophe alone', () => {
    for (const value of ['=1+1', '-', '+55 11 91234-5678', '@fulano']) expect(unneutralizeCell(neutralizeCell(value))).toBe(value);
    expect(unneutralizeCell("'")).toBe("'");
    expect(unneutralizeCell("'Olho d'água")).toBe("'Olho d'água");
    expect(unneutralizeCell("D'Ávila")).toBe("D'Ávila");
  });

  it('reads a cell another system guarded as text the way the spreadsheet program shows it', () => {
    expect(unguardedCell('="01077"')).toBe('01077');
    expect(unguardedCell('="Rua ""A"", 10"')).toBe('Rua "A", 10');
    expect(unguardedCell("'01077")).toBe('01077');
    expect(unguardedCell("'036.123.456-78")).toBe('036.123.456-78');
    expect(unguardedCell("'=1+1")).toBe('=1+1');
    // Anything else stays as written: a formula that is not a text, an apostrophe in a name.
    expect(unguardedCell('=A1&B1')).toBe('=A1&B1');
    expect(unguardedCell('="01077" & "x"')).toBe('="01077" & "x"');
    expect(unguardedCell("'Olho d'água")).toBe("'Olho d'água");
    expect(unguardedCell("D'Ávila")).toBe("D'Ávila");
    expect(unguardedCell("'")).toBe("'");
  });
});
