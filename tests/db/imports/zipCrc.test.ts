// A spreadsheet whose zip part changed after its checksum was written — a byte flipped on a bad
// pendrive, a download cut and patched — reads as XML all the same, and the changed value would be
// imported as if the clerk had typed it. Every part the import reads has its CRC-32 checked: such a
// file is refused as damaged, in a preview as in an import, and nothing is written.
import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { ZipReader } from '../../../db/zip';
import { importInput, jobContext, runImport } from '../../fixtures/imports/jobs';
import { buildXlsx, rawZip, type RawZipEntry } from '../../fixtures/imports/zipWriter';
import { loadRegistry, openBatchDesk, type BatchDesk } from '../batchFixtures';
import { validCpf } from '../fixtures';

const CPF = validCpf(4321);
const SHEET = 'xl/worksheets/sheet1.xml';
const STORED = 0;
const DEFLATED = 8;

let desk: BatchDesk;
beforeEach(() => {
  desk = openBatchDesk();
  loadRegistry(desk, ['Registro;CPF;Nome;Nome da mãe;E-mail', `00123;${CPF};Maria Souza;Rita Souza;maria@exemplo.com.br`]);
});
afterEach(() => desk.cleanup());

let files = 0;
function saved(name: string, bytes: Buffer): string {
  const path = desk.dir.file(`${++files}-${name}`);
  writeFileSync(path, bytes);
  return path;
}

/** The parts of a zip, inflated. */
function partsOf(zip: Buffer): { name: string; data: Buffer }[] {
  const reader = ZipReader.openSync(saved('partes.zip', zip));
  try {
    return reader.entries.map((entry) => ({ name: entry.name, data: reader.readSync(entry.name) }));
  } finally {
    reader.closeSync();
  }
}

interface Damage {
  part: string;
  method: typeof STORED | typeof DEFLATED;
  /** The part's bytes as damaged; its CRC stays the one of the original bytes. */
  edit?: (text: string) => string;
  /** Only the recorded CRC changes (in the local header and the directory alike). */
  crcOff?: boolean;
}

/** The zip again, `part` written with `method`, damaged as said; every other part intact. */
function damaged(zip: Buffer, { part, method, edit, crcOff = false }: Damage): Buffer {
  const entries: RawZipEntry[] = partsOf(zip).map(({ name, data }) => {
    if (name !== part) return { name, compressed: deflateRawSync(data), size: data.length, crc: crc32(data) };
    const written = edit ? Buffer.from(edit(data.toString('utf8')), 'utf8') : data;
    expect(written.length).toBe(data.length);
    const crc = crcOff ? (crc32(data) ^ 0x10) >>> 0 : crc32(data);
    return { name, compressed: method === STORED ? written : deflateRawSync(written), size: written.length, crc, method };
  });
  return rawZip(entries);
}

const xlsx = () => buildXlsx([['CPF', 'E-mail'], [CPF, 'maria.nova@exemplo.com.br']], { inlineStrings: true, numbers: false });
// One letter of the new e-mail changed: still a valid e-mail, the row would be accepted.
const flipped = (text: string) => text.replace('maria.nova@', 'maria.nowa@');

const written = () => ({
  email: desk.store.db.prepare("SELECT email FROM professionals WHERE registration_number = '00123'").pluck().get(),
  corrections: desk.store.db.prepare('SELECT COUNT(*) FROM corrections').pluck().get(),
  imports: desk.store.db.prepare('SELECT COUNT(*) FROM imports').pluck().get(),
});

function refusal(path: string, dryRun: boolean): { code: string; message: string } {
  try {
    runImport(importInput(path, { kind: 'corrections', dryRun }), jobContext(desk.store.path, { now: desk.now().toISOString() }));
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('the damaged file was imported');
}

function expectRefusedUnwritten(file: Buffer, name = 'correcoes.xlsx'): void {
  const path = saved(name, file);
  const before = written();
  for (const dryRun of [true, false]) {
    const error = refusal(path, dryRun);
    expect(error.code).toBe('FILE_UNREADABLE');
    expect(error.message).toMatch(/^O arquivo está danificado/);
    expect(error.message).toMatch(/Abra a planilha no Excel ou no LibreOffice, salve de novo/);
  }
  expect(written()).toEqual(before);
  expect(before).toMatchObject({ email: 'maria@exemplo.com.br', corrections: 0 });
}

describe('a spreadsheet whose zip part does not match its CRC-32', () => {
  it('refuses an xlsx whose stored sheet had a byte changed after its CRC was written', () => {
    expectRefusedUnwritten(damaged(xlsx(), { part: SHEET, method: STORED, edit: flipped }));
  });

  it('refuses an xlsx whose deflated sheet has only its recorded CRC changed', () => {
    expectRefusedUnwritten(damaged(xlsx(), { part: SHEET, method: DEFLATED, crcOff: true }));
  });

  it('refuses a byte changed past the sheet data, which the reader never looks at', () => {
    expectRefusedUnwritten(damaged(xlsx(), { part: SHEET, method: STORED, edit: (text) => text.replace('</worksheet>', '</workshoet>') }));
  });

  it('refuses a changed byte in the shared strings too', () => {
    const shared = buildXlsx([['CPF', 'E-mail'], [CPF, 'maria.nova@exemplo.com.br']], { numbers: false });
    expectRefusedUnwritten(damaged(shared, { part: 'xl/sharedStrings.xml', method: STORED, edit: flipped }));
  });

  it('refuses an ods whose content.xml had a byte changed', () => {
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['CPF', 'E-mail'], [CPF, 'maria.nova@exemplo.com.br']]), 'Correções');
    const ods = XLSX.write(book, { type: 'buffer', bookType: 'ods' }) as Buffer;
    expectRefusedUnwritten(damaged(ods, { part: 'content.xml', method: STORED, edit: flipped }), 'correcoes.ods');
  });

  it('imports the same file when its CRCs match', () => {
    const intact = damaged(xlsx(), { part: SHEET, method: STORED });
    const summary = runImport(importInput(saved('correcoes.xlsx', intact), { kind: 'corrections' }), jobContext(desk.store.path, { now: desk.now().toISOString() }));
    expect(summary).toMatchObject({ errors: [], accepted: 1 });
    expect(written().email).toBe('maria.nova@exemplo.com.br');
  });
});
