// In Excel's 1900 date system serial 60 shows as 29/02/1900 (a day Lotus invented and Excel kept)
// and serial 0 as 00/01/1900: neither is a day. A date cell holding one is refused as the date it
// shows, as a typed 31/02/1985 is — never read as the day next to it (01/03/1900, 31/12/1899).
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { serialDateText } from '../../../db/imports/readers/cells';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { addProfessional, correctionsCsv, testDeskForEachTest, type TestDesk } from '../fixtures';

let desk: TestDesk;
testDeskForEachTest((fresh) => (desk = fresh));

const HEADER = ['Registro', 'Data de nascimento', 'Motivo', 'Documento'];
const dateCell = (serial: number): XLSX.CellObject => ({ t: 'n', v: serial, z: 'dd/mm/yyyy' });

describe('the days Excel shows that the calendar lacks', () => {
  it('reads serials 0 and 60 of the 1900 system as Excel shows them, their neighbours as before', () => {
    expect(serialDateText(0)).toBe('00/01/1900');
    expect(serialDateText(0.5)).toBe('00/01/1900');
    expect(serialDateText(1)).toBe('01/01/1900');
    expect(serialDateText(59)).toBe('28/02/1900');
    expect(serialDateText(60)).toBe('29/02/1900');
    expect(serialDateText(60.25)).toBe('29/02/1900');
    expect(serialDateText(61)).toBe('01/03/1900');
    expect(serialDateText(0, true)).toBe('01/01/1904');
    expect(serialDateText(60, true)).toBe('01/03/1904');
  });

  it('refuses a date cell holding serial 60 or 0 as an invalid date, naming row and column, as a typed 31/02/1985', () => {
    for (const n of ['82001', '82002', '82003']) addProfessional(desk.store, { registrationNumber: n });
    const book = XLSX.utils.book_new();
    const sheet = XLSX.utils.aoa_to_sheet([
      HEADER,
      ['82001', dateCell(60), 'Data errada no cadastro', 'RG'],
      ['82002', dateCell(0), 'Data errada no cadastro', 'RG'],
    ]);
    XLSX.utils.book_append_sheet(book, sheet, 'Correções');
    const path = desk.file('datas.xlsx');
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const typed = correctionsCsv(desk, HEADER.join(';'), ['82003;31/02/1985;Data errada no cadastro;RG']);

    for (const dryRun of [true, false]) {
      const summary = runImport(importInput(path, { kind: 'corrections', dryRun, force: true }), jobContext(desk.store.path));
      expect(summary.errors).toEqual([
        { row: 2, column: 'Data de nascimento', code: 'DATE_INVALID', message: 'Data inválida: 29/02/1900 não existe no calendário.' },
        { row: 3, column: 'Data de nascimento', code: 'DATE_INVALID', message: 'Data inválida: 00/01/1900 não existe no calendário.' },
      ]);
      expect(summary).toMatchObject({ accepted: 0, rejected: 2 });
    }
    const csv = runImport(importInput(typed, { kind: 'corrections', dryRun: true }), jobContext(desk.store.path));
    expect(csv.errors).toEqual([{ row: 2, column: 'Data de nascimento', code: 'DATE_INVALID', message: 'Data inválida: 31/02/1985 não existe no calendário.' }]);
  });
});
