// An .ods saved by LibreOffice with an AutoFilter on, rows hidden by hand or a column hidden: the
// rows and columns are still in the file and read like the others, and the summary says so, as it
// does for an xlsx (SheetJS, which reads the .ods, does not tell them).
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OdsVisibilityScanner } from '../../../db/imports/readers/odsVisibility';
import type { Professional } from '../../../shared/domain';
import { deskWithPeopleForEachTest, type Person } from '../../fixtures/imports/people';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { buildZip } from '../../fixtures/imports/zipWriter';
import type { TestDesk } from '../fixtures';

let desk: TestDesk;
let people: Record<Person, Professional>;
deskWithPeopleForEachTest((fresh) => ({ desk, people } = fresh));

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
const cell = (text: string) => `<table:table-cell office:value-type="string"><text:p>${text}</text:p></table:table-cell>`;
const row = (cells: string[], attributes = '') => `<table:table-row${attributes}>${cells.map(cell).join('')}</table:table-row>`;

/** An .ods as LibreOffice writes one: the columns declared first, rows with `table:visibility` when hidden. */
function ods(name: string, table: string): string {
  const path = desk.file(name);
  writeFileSync(
    path,
    buildZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 },
      {
        name: 'META-INF/manifest.xml',
        data: '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>',
      },
      { name: 'styles.xml', data: '<?xml version="1.0"?><office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>' },
      { name: 'content.xml', data: `<?xml version="1.0"?><office:document-content ${NS}><office:body><office:spreadsheet>${table}</office:spreadsheet></office:body></office:document-content>` },
    ]),
  );
  return path;
}

function rowsOf(who: Person[]): string[][] {
  return who.map((p, i) => [people[p].registrationNumber, `nova.${i}@exemplo.com.br`, 'Pedido da profissional']);
}

describe('rows and columns an .ods hides', () => {
  it('rows left out by a filter or hidden by hand are imported, and the summary names them', () => {
    const [ana, fernanda, helena, gabriela] = rowsOf(['ana', 'fernanda', 'helena', 'gabriela']);
    const table =
      '<table:table table:name="Correções"><table:table-column table:number-columns-repeated="3"/>' +
      '<table:table-header-rows>' +
      row(['Registro', 'E-mail', 'Motivo']) +
      '</table:table-header-rows>' +
      row(ana!) +
      row(fernanda!, ' table:visibility="filter"') +
      '<table:table-row-group>' +
      row(helena!) +
      row(gabriela!, ' table:visibility="collapse"') +
      '</table:table-row-group>' +
      '<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>' +
      '</table:table>';
    const summary = runImport(importInput(ods('filtrada.ods', table), { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ rows: 4, accepted: 4, hiddenRows: { count: 2, first: [3, 5] }, hiddenColumns: [] });
  });

  it('a hidden column the import uses is named by letter and header', () => {
    const table =
      '<table:table table:name="Correções"><table:table-column/><table:table-column table:visibility="collapse"/><table:table-column table:number-columns-repeated="1022"/>' +
      [['Registro', 'E-mail', 'Motivo'], ...rowsOf(['ana', 'helena'])].map((cells) => row(cells)).join('') +
      '</table:table>';
    const summary = runImport(importInput(ods('coluna-oculta.ods', table), { kind: 'corrections', dryRun: true }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ accepted: 2, hiddenColumns: [{ letter: 'B', header: 'E-mail' }], hiddenRows: { count: 0 } });
  });

  it('each sheet is told its own: a hidden row on another sheet is no news for this one', () => {
    const other = '<table:table table:name="Rascunho"><table:table-row table:visibility="collapse"><table:table-cell/></table:table-row></table:table>';
    const table =
      other +
      '<table:table table:name="Correções">' +
      [['Registro', 'E-mail', 'Motivo'], ...rowsOf(['ana'])].map((cells) => row(cells)).join('') +
      '</table:table>';
    const summary = runImport(importInput(ods('duas-abas.ods', table), { kind: 'corrections', sheet: 'Correções', dryRun: true }), jobContext(desk.store.path));
    expect(summary.hiddenRows).toEqual({ count: 0, first: [] });
  });
});

describe('the .ods visibility scanner', () => {
  it('reads tags split anywhere between two chunks, and counts repeated rows as one span', () => {
    const xml =
      '<table:table table:name="A &amp; B"><table:table-row table:number-rows-repeated="3" table:visibility="collapse"><table:table-cell/></table:table-row>' +
      '<table:table-row><table:table-cell><table:table table:name="dentro"><table:table-row table:visibility="collapse"/></table:table></table:table-cell></table:table-row>' +
      '<table:table-row table:visibility="filter"/></table:table>';
    for (let cut = 1; cut < xml.length; cut += 7) {
      const scanner = new OdsVisibilityScanner();
      scanner.feed(xml.slice(0, cut));
      scanner.feed(xml.slice(cut));
      expect(scanner.sheets.get('A & B')).toEqual({ rows: [{ first: 0, last: 2 }, { first: 4, last: 4 }], columns: [] });
    }
  });
});
