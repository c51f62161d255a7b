// An answer sheet is read by SheetJS over its whole range, row by row and column by column. One
// cell at XFD1048576 — forged, or a stray keystroke at the sheet's end — made that range 17 billion
// cells: reading the answer never ended. The range is now the cells the sheet has, and a sheet
// whose cells spread far beyond any answer is refused naming its farthest cell.
import { describe, expect, it } from 'vitest';
import { readAck } from '../../db/batches/ackRead';
import { buildZip } from '../fixtures/imports/zipWriter';
import { ACK_IDS, ackFileWriter } from './ackFiles';

const file = ackFileWriter('cress-ack-far-cell-');

const PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** An answer whose sheet holds these cells (address → text) and nothing else. */
function answerWith(cells: Record<string, string>, dimension = ''): Buffer {
  const byRow = new Map<number, string[]>();
  for (const [ref, text] of Object.entries(cells)) {
    const row = Number(/\d+$/.exec(ref)?.[0]);
    byRow.set(row, [...(byRow.get(row) ?? []), `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`]);
  }
  const rows = [...byRow].map(([row, xml]) => `<row r="${row}">${xml.join('')}</row>`).join('');
  return buildZip([
    {
      name: '[Content_Types].xml',
      data: `${PROLOG}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    },
    { name: '_rels/.rels', data: `${PROLOG}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `${PROLOG}<workbook xmlns="${MAIN}" xmlns:r="${OFFICE}"><sheets><sheet name="Resposta" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `${PROLOG}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
    { name: 'xl/worksheets/sheet1.xml', data: `${PROLOG}<worksheet xmlns="${MAIN}">${dimension}<sheetData>${rows}</sheetData></worksheet>` },
  ]);
}

const ANSWER = { A1: 'id', B1: 'situação', A2: ACK_IDS[0] as string, B2: 'aplicada' };

async function refusalOf(path: string): Promise<{ code: string; message: string } | null> {
  return readAck(path, 'resposta.xlsx').then(
    () => null,
    (error: unknown) => error as { code: string; message: string },
  );
}

describe('an xlsx answer with a cell far from its table', () => {
  it('one cell at XFD1048576 is refused at once, naming it', async () => {
    const started = performance.now();
    const refusal = await refusalOf(file('resposta.xlsx', answerWith({ ...ANSWER, XFD1048576: 'x' })));
    expect(refusal?.code).toBe('ACK_INVALID');
    expect(refusal?.message).toContain('XFD1048576');
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('a sheet that only says it reaches XFD1048576 is read by the cells it has', async () => {
    const path = file('dimensao.xlsx', answerWith(ANSWER, '<dimension ref="A1:XFD1048576"/>'));
    expect((await readAck(path, 'dimensao.xlsx')).answers).toEqual([expect.objectContaining({ id: ACK_IDS[0], status: 'synced' })]);
  });

  it('a stray cell a few columns and rows away is read as before', async () => {
    const path = file('perto.xlsx', answerWith({ ...ANSWER, Z300: 'anotação' }));
    expect((await readAck(path, 'perto.xlsx')).answers).toEqual([expect.objectContaining({ id: ACK_IDS[0], status: 'synced' })]);
  });
});
