// Files exported by the .NET OpenXML SDK often write SpreadsheetML with a prefix for its namespace
// (`<x:worksheet xmlns:x="…/main"><x:sheetData><x:row><x:c>…`). They are as valid as any: the
// import reads them, every row and value as in the same file written without the prefix.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ImportSummary } from '../../../shared/contract/imports';
import { openSpreadsheet } from '../../../db/imports/readers/open';
import type { Professional } from '../../../shared/domain';
import { deskWithPeopleForEachTest, type Person } from '../../fixtures/imports/people';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { buildZip } from '../../fixtures/imports/zipWriter';
import { unzipEntries } from '../../fuzz/generators';
import type { TestDesk } from '../fixtures';

let desk: TestDesk;
let people: Record<Person, Professional>;
deskWithPeopleForEachTest((fresh) => ({ desk, people } = fresh));

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Every unprefixed element of a part in namespace `ns` written as `prefix:name`, the namespace declared for the prefix. */
function withPrefix(xml: string, ns: string, prefix: string): string {
  const declared = xml.replace(`xmlns="${ns}"`, `xmlns:${prefix}="${ns}"`);
  if (declared === xml) throw new Error(`no default namespace ${ns} to prefix`);
  // Names already prefixed (mc:AlternateContent) have a colon the name pattern stops at.
  return declared.replace(/<(\/?)([A-Za-z_][\w.-]*)(?=[\s/>])/g, `<$1${prefix}:$2`);
}

type Strings = 'shared' | 'inline';

/** The correction file the xlsx package writes: shared strings (a rich one among them) or inline strings; a date cell; column B hidden. */
function baseParts(strings: Strings): { name: string; data: Buffer }[] {
  const who: Person[] = ['ana', 'fernanda', 'helena'];
  const sheet = XLSX.utils.aoa_to_sheet([
    ['Registro', 'E-mail', 'Data de nascimento', 'Motivo'],
    ...who.map((p, i) => [people[p].registrationNumber, `nova.${i}@exemplo.com.br`, 29_358, 'Pedido da profissional & família']),
  ]);
  for (let r = 2; r <= 4; r++) (sheet[`C${r}`] as XLSX.CellObject).z = 'dd/mm/yyyy';
  sheet['!cols'] = [{}, { hidden: true }];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Correções');
  const entries = unzipEntries(XLSX.write(book, { type: 'buffer', bookType: 'xlsx', bookSST: strings === 'shared' }) as Buffer);
  const rewrite = (xml: string, pattern: RegExp, by: string) => {
    const rewritten = xml.replace(pattern, by);
    if (rewritten === xml) throw new Error(`nothing matched ${pattern}`);
    return rewritten;
  };
  return entries.map(({ name, data }) => {
    let xml = data.toString('utf8');
    if (strings === 'shared' && name === 'xl/sharedStrings.xml') {
      // A rich string with a phonetic run, as Excel writes them: the runs joined, the phonetic part left out.
      xml = rewrite(xml, /<si><t[^>]*>Pedido da profissional &amp; família<\/t><\/si>/, '<si><r><t>Pedido da </t></r><r><rPr><b/></rPr><t>profissional &amp; família</t></r><rPh sb="0" eb="1"><t>ペ</t></rPh></si>');
    }
    // Text cells as inline strings, as some exporters write them.
    if (strings === 'inline' && name === 'xl/worksheets/sheet1.xml') xml = rewrite(xml, /t="str"><v>([^<]*)<\/v>/g, 't="inlineStr"><is><t>$1</t></is>');
    return { name, data: Buffer.from(xml, 'utf8') };
  });
}

/** Which parts carry the prefix: all of them, or (as some exporters do) only the sheet and its strings. */
type Prefixed = 'all' | 'sheet';

function partWithPrefix(name: string, xml: string, prefixed: Prefixed): string {
  if (name.endsWith('.rels')) return prefixed === 'all' ? withPrefix(xml, RELATIONSHIPS, 'pr') : xml;
  const sheetOrStrings = name === 'xl/worksheets/sheet1.xml' || name === 'xl/sharedStrings.xml';
  if (!sheetOrStrings && (prefixed === 'sheet' || !['xl/workbook.xml', 'xl/styles.xml'].includes(name))) return xml;
  return withPrefix(xml, MAIN, 'x');
}

function xlsxFile(strings: Strings, prefixed: Prefixed | null): string {
  const parts = baseParts(strings).map(({ name, data }) => ({ name, data: prefixed ? Buffer.from(partWithPrefix(name, data.toString('utf8'), prefixed), 'utf8') : data }));
  if (prefixed) {
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml')?.data.toString('utf8') ?? '';
    // The file really is prefixed as the .NET SDK writes it.
    expect(sheet).toMatch(/<x:worksheet xmlns:x="[^"]+main"[\s\S]*<x:sheetData><x:row r="1"><x:c r="A1"/);
  }
  const path = desk.file(`${strings}-${prefixed ?? 'plain'}.xlsx`);
  writeFileSync(path, buildZip(parts));
  return path;
}

function readAll(path: string) {
  const source = openSpreadsheet(path, path);
  try {
    const sheets = source.sheets.map((s) => ({ ...s }));
    const rows = sheets.map((s) => [...source.rows(s.name)]);
    return { sheets, rows, estimate: source.rowEstimate('Correções'), hiddenColumns: source.hiddenColumns('Correções') };
  } finally {
    source.close();
  }
}

/** What a preview says of a file, but for what tells one file from another. */
function preview(path: string): Omit<ImportSummary, 'file' | 'sha256'> {
  const { file: _file, sha256: _sha256, ...summary } = runImport(importInput(path, { kind: 'corrections', dryRun: true }), jobContext(desk.store.path, { now: '2026-03-02T12:00:00.000Z' }));
  return summary;
}

describe('an xlsx whose SpreadsheetML carries a namespace prefix', () => {
  it.each([
    ['shared', 'all'],
    ['shared', 'sheet'],
    ['inline', 'all'],
    ['inline', 'sheet'],
  ] as const)('%s strings, prefix on %s parts: read as the same file without the prefix', (strings, prefixed) => {
    const plain = readAll(xlsxFile(strings, null));
    // The file without the prefix is read as written: the runs of a rich string joined, the date as a date.
    expect(plain.rows[0]?.[1]?.cells).toEqual([people.ana.registrationNumber, 'nova.0@exemplo.com.br', '17/05/1980', 'Pedido da profissional & família']);
    expect(plain.estimate).toBe(4);
    expect(plain.hiddenColumns).toEqual([{ first: 1, last: 1 }]);
    expect(readAll(xlsxFile(strings, prefixed))).toEqual(plain);
  });

  it('imports the same rows and values, and names the same hidden column', () => {
    const plain = preview(xlsxFile('shared', null));
    expect(plain).toMatchObject({ rows: 3, accepted: 3, rejected: 0, hiddenColumns: [{ letter: 'B', header: 'E-mail' }] });
    expect(preview(xlsxFile('shared', 'all'))).toEqual(plain);
  });
});
