// The export for the council's main system: which records go in (changed on the desk and synced by
// Implanta since a Brasília day), how the file is written (columns of `import registry`, CSV with
// BOM and `;`, xlsx, formula cells neutralised, never over another file, audited), and the key
// property: the file imports back into the same desk changing nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { createDispatcher } from '../../db';
import { suggestMapping } from '../../db/imports/headers';
import { rescanRegistry } from '../../db/pendencyScan';
import { ownerTag, processStart } from '../../db/leftovers';
import { brasiliaDayStart, REGISTRY_EXPORT_HEADERS, REGISTRY_EXPORT_TARGETS } from '../../db/registryExport';
import type { ImportSummary } from '../../shared/contract/imports';
import type { Professional } from '../../shared/domain';
import { formatCpf } from '../../shared/rules/cpf';
import { addProfessional, correct, openBatchDesk, type BatchDesk } from './batchFixtures';
import { validCpf } from './fixtures';

let desk: BatchDesk;
let folder: string;
let files = 0;

beforeEach(() => {
  desk = openBatchDesk();
  folder = desk.dir.file('saida');
  mkdirSync(folder);
});
afterEach(() => desk.cleanup());

function out(extension: 'csv' | 'xlsx'): string {
  return join(folder, `cadastro-${++files}.${extension}`);
}

/**
 * Implanta's answer as an acknowledgement leaves it: each correction synced or rejected at
 * `answeredAt` (the batch round trip itself is covered by the batch tests).
 */
function answer(answers: Record<string, 'applied' | 'rejected'>, answeredAt: string): void {
  const update = desk.store.db.prepare('UPDATE corrections SET status = ?, status_changed_at = ? WHERE uuid = ?');
  for (const [uuid, status] of Object.entries(answers)) {
    expect(update.run(status === 'applied' ? 'synced' : 'rejected', answeredAt, uuid).changes).toBe(1);
  }
  // As an acknowledgement does, the answered records' pendências are checked again (a DIP request no longer waits).
  rescanRegistry(desk.store.db);
}

function uuidsOf(saved: { corrections: { uuid: string }[] }): string[] {
  return saved.corrections.map((c) => c.uuid);
}

function applied(...uuids: string[][]): Record<string, 'applied'> {
  return Object.fromEntries(uuids.flat().map((uuid) => [uuid, 'applied' as const]));
}

function exportSince(since: string, path: string, format?: 'csv' | 'xlsx') {
  return desk.handlers['registry:export']({ since, path, ...(format ? { format } : {}) });
}

/** Rows as text: xlsx by SheetJS, CSV decoded as UTF-8 first (the BOM tells Excel; SheetJS needs the text). */
function readRows(path: string): string[][] {
  const book = path.endsWith('.csv')
    ? XLSX.read(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { type: 'string', raw: true, FS: ';' })
    : XLSX.read(readFileSync(path), { type: 'buffer' });
  const sheet = book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet;
  return XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, raw: false, defval: '' });
}

function registrationsIn(path: string): string[] {
  return readRows(path)
    .slice(1)
    .map((row) => row[0] as string);
}

describe('which records are exported', () => {
  let onTime: Professional;
  let lateEvening: Professional;
  let before: Professional;
  let rejectedOne: Professional;
  let pendingOne: Professional;

  beforeEach(() => {
    onTime = addProfessional(desk.store, { registrationNumber: '101' });
    lateEvening = addProfessional(desk.store, { registrationNumber: '102' });
    before = addProfessional(desk.store, { registrationNumber: '103' });
    rejectedOne = addProfessional(desk.store, { registrationNumber: '104' });
    pendingOne = addProfessional(desk.store, { registrationNumber: '105' });
    addProfessional(desk.store, { registrationNumber: '106' });

    desk.setNow('2026-03-02T13:00:00.000Z');
    const early = uuidsOf(correct(desk, before, { email: 'antes@exemplo.com.br' }));
    answer(applied(early), '2026-03-05T15:00:00.000Z');

    desk.setNow('2026-03-10T13:00:00.000Z');
    const evening = uuidsOf(correct(desk, lateEvening, { email: 'noite@exemplo.com.br' }));
    // 23:30 of 11/03 in Brasília, already 12/03 in UTC.
    answer(applied(evening), '2026-03-12T02:30:00.000Z');

    desk.setNow('2026-03-12T12:00:00.000Z');
    const synced = uuidsOf(correct(desk, onTime, { email: 'nova@exemplo.com.br', street: 'Rua Augusta' }));
    const refused = uuidsOf(correct(desk, rejectedOne, { email: 'recusado@exemplo.com.br' }));
    answer({ ...applied(synced), [refused[0] as string]: 'rejected' }, '2026-03-12T15:00:00.000Z');
    correct(desk, pendingOne, { email: 'pendente@exemplo.com.br' });
  });

  it('holds the records whose change Implanta synced on or after the day, never a pending, rejected or earlier one', async () => {
    const path = out('csv');
    const result = await exportSince('2026-03-12', path);
    expect(result).toMatchObject({ path, rows: 1 });
    expect(registrationsIn(path)).toEqual(['101']);
  });

  it('counts days in Brasília time: a change synced at 23:30 of the day before stays out', async () => {
    expect(brasiliaDayStart('2026-03-12')).toBe('2026-03-12T03:00:00.000Z');
    const path = out('csv');
    expect((await exportSince('2026-03-11', path)).rows).toBe(2);
    expect(registrationsIn(path)).toEqual(['101', '102']);
    const all = out('xlsx');
    expect((await exportSince('2026-03-01', all)).rows).toBe(3);
    expect(registrationsIn(all)).toEqual(['101', '102', '103']);
  });

  it('writes the record as it is on the desk now, one row per professional however many fields changed', async () => {
    const path = out('csv');
    await exportSince('2026-03-12', path);
    const [header, row] = readRows(path) as [string[], string[]];
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('E-mail')).toBe('nova@exemplo.com.br');
    expect(cell('Logradouro')).toBe('Rua Augusta');
    expect(cell('Nome')).toBe(onTime.name);
  });

  it('writes what Implanta holds for a field whose later correction is still on its way, never the desk’s value Implanta may reject', async () => {
    desk.setNow('2026-03-12T16:00:00.000Z');
    const name = onTime.name;
    correct(desk, onTime, { name: 'Nome Ainda Não Sincronizado', street: 'Rua da Consolação' }, { dipAcknowledged: true });
    correct(desk, onTime, { street: 'Rua Haddock Lobo' });
    const path = out('csv');
    await exportSince('2026-03-12', path);
    const [header, row] = readRows(path) as [string[], string[]];
    const cell = (column: string) => row[header.indexOf(column)];
    expect(cell('Nome')).toBe(name);
    // Two corrections of the street on their way: Implanta holds the value before the first.
    expect(cell('Logradouro')).toBe('Rua Augusta');
    expect(cell('E-mail')).toBe('nova@exemplo.com.br');
  });

  it('writes the header row alone when nothing was synced since the day', async () => {
    const path = out('csv');
    // The next day (a first day still to come is refused), nothing synced since it began.
    desk.setNow('2026-03-13T15:00:00.000Z');
    expect(await exportSince('2026-03-13', path)).toMatchObject({ rows: 0 });
    expect(readFileSync(path, 'utf8')).toBe(`\uFEFF${REGISTRY_EXPORT_HEADERS.join(';')}\r\n`);
  });
});

describe('the order of the records', () => {
  it('follows the registration number as a number sorts, whatever order the records were stored in', async () => {
    const stored = ['100', '9', '10', '0011', '99'].map((registrationNumber) => addProfessional(desk.store, { registrationNumber }));
    desk.setNow('2026-03-12T12:00:00.000Z');
    const saved = stored.map((record, at) => uuidsOf(correct(desk, record, { email: `ordem${at}@exemplo.com.br` })));
    answer(applied(...saved), '2026-03-12T15:00:00.000Z');
    const path = out('csv');
    expect((await exportSince('2026-03-12', path)).rows).toBe(5);
    expect(registrationsIn(path)).toEqual(['9', '10', '99', '100', '0011']);
  });
});

describe('the file', () => {
  let maria: Professional;

  beforeEach(() => {
    maria = addProfessional(desk.store, {
      registrationNumber: '0042',
      cpf: validCpf(1234),
      name: "Maria D'Ávila Conceição",
      maritalStatus: 'stable_union',
      birthDate: '1979-01-02',
      phone: '1133334444',
      cep: '01310100',
      complement: 'Bloco "B"; apto 12',
      dipStatus: 'in_manufacture',
    });
    desk.setNow('2026-03-12T12:00:00.000Z');
    answer(applied(uuidsOf(correct(desk, maria, { email: 'maria.davila@exemplo.com.br' }))), '2026-03-12T15:00:00.000Z');
  });

  it('has exactly the columns of a registry import, which the import maps back with no mapping step', () => {
    expect(REGISTRY_EXPORT_HEADERS.slice(0, 6)).toEqual(['Registro', 'CPF', 'Nome', 'Nome social', 'Nome da mãe', 'Não consta mãe']);
    expect(REGISTRY_EXPORT_HEADERS.at(-1)).toBe('Situação do DIP');
    expect(suggestMapping('registry', REGISTRY_EXPORT_HEADERS)).toEqual([...REGISTRY_EXPORT_TARGETS]);
  });

  it('is CSV in UTF-8 with BOM and `;`, values formatted as the import expects them', async () => {
    const path = out('csv');
    await exportSince('2026-03-12', path);
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(REGISTRY_EXPORT_HEADERS.join(';'));
    expect(lines[1]).toBe(
      [
        '0042', formatCpf(validCpf(1234)), "Maria D'Ávila Conceição", '', 'Antônia da Silva', 'Não', '', 'União estável', '02/01/1979', 'Campinas', 'SP',
        'Brasileira', '123456789', 'SSP', 'SP', 'maria.davila@exemplo.com.br', '(11) 3333-4444', '01310-100', 'Avenida Paulista', '1000',
        '"Bloco ""B""; apto 12"', 'Bela Vista', 'São Paulo', 'SP', 'Em confecção',
      ].join(';'),
    );
    expect(lines.slice(2)).toEqual(['']);
  });

  it('is an xlsx SheetJS reads, CPF and CEP as text that keep their leading zeros', async () => {
    const path = out('xlsx');
    expect(await exportSince('2026-03-12', path)).toMatchObject({ rows: 1 });
    const book = XLSX.read(readFileSync(path), { type: 'buffer' });
    expect(book.SheetNames).toEqual(['Cadastro']);
    const sheet = book.Sheets.Cadastro as XLSX.WorkSheet;
    expect(sheet.B2).toMatchObject({ t: 's', v: formatCpf(validCpf(1234)) });
    expect(sheet.R2).toMatchObject({ t: 's', v: '01310-100' });
    expect(readRows(path)[0]).toEqual([...REGISTRY_EXPORT_HEADERS]);
  });

  it('neutralises a value a spreadsheet would run as a formula, in CSV and xlsx', async () => {
    desk.store.db.prepare("UPDATE professionals SET complement = '=HYPERLINK(\"http://x\")' WHERE id = ?").run(maria.id);
    const csv = out('csv');
    await exportSince('2026-03-12', csv);
    expect(readFileSync(csv, 'utf8')).toContain(`;"'=HYPERLINK(""http://x"")";`);
    const xlsx = out('xlsx');
    await exportSince('2026-03-12', xlsx);
    const sheet = XLSX.read(readFileSync(xlsx), { type: 'buffer', cellFormula: true }).Sheets.Cadastro as XLSX.WorkSheet;
    expect(sheet.U2).toMatchObject({ t: 's', v: `'=HYPERLINK("http://x")` });
    expect(sheet.U2?.f).toBeUndefined();
  });

  it('refuses to replace an existing file, and leaves it as it was', async () => {
    const path = out('csv');
    writeFileSync(path, 'planilha da colega');
    await expect(exportSince('2026-03-12', path)).rejects.toMatchObject({ code: 'EXPORT_DESTINATION', message: expect.stringMatching(/Já existe um arquivo cadastro-\d+\.csv.*Nada foi substituído/) });
    expect(readFileSync(path, 'utf8')).toBe('planilha da colega');
    expect(readdirSync(folder)).toEqual([path.split('/').pop()]);
  });

  it('refuses a relative path, a missing folder and a name that is neither .xlsx nor .csv', async () => {
    await expect(exportSince('2026-03-12', 'cadastro.csv')).rejects.toMatchObject({ code: 'EXPORT_DESTINATION' });
    await expect(exportSince('2026-03-12', join(folder, 'nao-existe', 'cadastro.csv'))).rejects.toMatchObject({ code: 'EXPORT_DESTINATION', message: expect.stringMatching(/não existe/) });
    await expect(exportSince('2026-03-12', join(folder, 'cadastro.txt'))).rejects.toMatchObject({ code: 'EXPORT_DESTINATION' });
    await expect(exportSince('2026-03-12', join(folder, 'cadastro.csv'), 'xlsx')).rejects.toMatchObject({ code: 'EXPORT_DESTINATION', message: expect.stringMatching(/\.xlsx/) });
    expect(readdirSync(folder)).toEqual([]);
  });

  it('is audited with the file name and counts, never a personal value', async () => {
    const path = out('xlsx');
    const result = await exportSince('2026-03-12', path);
    const entry = desk.store.db.prepare("SELECT operator, entity, detail FROM audit_log WHERE action = 'registry.export'").get() as { operator: string; entity: string; detail: string };
    expect(entry).toMatchObject({ operator: 'Ana Paula', entity: 'registry' });
    expect(JSON.parse(entry.detail)).toEqual({ fileName: path.split('/').pop(), format: 'xlsx', since: '2026-03-12', rows: 1, sha256: result.sha256 });
    expect(entry.detail).not.toMatch(/Maria|\d{3}\.\d{3}\.\d{3}|Paulista|davila/i);
  });

  it('answers through the dispatcher with the file’s SHA-256, and refuses a date that is not ISO', async () => {
    const dispatch = createDispatcher(desk.handlers);
    const path = out('csv');
    const answer = await dispatch('registry:export', { since: '2026-03-12', path });
    expect(answer).toMatchObject({ ok: true, value: { path, rows: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(await dispatch('registry:export', { since: '12/03/2026', path: out('csv') })).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
  });
});

describe('the round trip', () => {
  let people: Professional[];

  beforeEach(() => {
    people = [
      addProfessional(desk.store, { registrationNumber: '0007', cpf: validCpf(77), dipStatus: 'confirmed', phone: '11987654321' }),
      addProfessional(desk.store, {
        registrationNumber: '2001',
        name: 'Joana Ribeiro-Lima',
        socialName: 'Jô Ribeiro',
        fatherName: 'Paulo Lima',
        maritalStatus: 'married',
        complement: 'Casa 2; fundos',
        dipStatus: 'issued',
      }),
      addProfessional(desk.store, {
        registrationNumber: '2002',
        socialName: null,
        fatherName: null,
        maritalStatus: null,
        birthDate: null,
        birthCity: null,
        birthUf: null,
        nationality: null,
        rgNumber: null,
        rgIssuer: null,
        rgUf: null,
        phone: null,
        complement: null,
      }),
      // A value a spreadsheet would run as a formula goes out guarded ('-) and comes back as it was.
      addProfessional(desk.store, { registrationNumber: '2003', number: '-', maritalStatus: 'widowed', cep: '20040002', street: 'Rua da Assembleia', district: 'Centro', city: 'Rio de Janeiro', uf: 'RJ' }),
      // Neither a mother's name nor "Não consta mãe": a pendência, never a reason to refuse the row;
      // and a CEP, a phone and a birth date in the future the rules refuse (as the main system loaded
      // them) go out as they are stored and come back as the same pendências, no note of the load.
      addProfessional(desk.store, { registrationNumber: '2004', motherName: null, motherNotListed: false, cep: '00205376', phone: '30987654321', birthDate: '2090-05-17' }),
    ];
    desk.setNow('2026-03-12T12:00:00.000Z');
    const [first, second, third, fourth, fifth] = people as [Professional, Professional, Professional, Professional, Professional];
    const saved = [
      correct(desk, first, { motherName: null, motherNotListed: true }, { dipAcknowledged: true }),
      correct(desk, second, { name: 'Joana Ribeiro Lima', maritalStatus: 'divorced' }, { dipAcknowledged: true }),
      correct(desk, third, { email: 'terceira@exemplo.com.br', complement: 'Sala 5' }),
      correct(desk, fourth, { cep: '22041001', street: 'Avenida Atlântica', district: 'Copacabana' }),
      correct(desk, fifth, { email: 'quinta@exemplo.com.br' }),
    ];
    answer(applied(...saved.map(uuidsOf)), '2026-03-12T15:00:00.000Z');
    // Still in flight: the file carries Implanta's value, the base a load keeps the desk's correction against.
    correct(desk, second, { street: 'Rua das Palmeiras' });
  });

  /** What an import could change: the records, their corrections, pendências, history and conflicts. */
  function snapshot() {
    const db = desk.store.db;
    return {
      professionals: db
        .prepare(
          `SELECT id, registration_number, cpf, name, social_name, mother_name, mother_not_listed, father_name, birth_date, marital_status,
             birth_city, birth_uf, nationality, rg_number, rg_issuer, rg_uf, email, phone, cep, street, number, complement, district, city, uf,
             dip_status, row_version FROM professionals ORDER BY id`,
        )
        .all(),
      corrections: db.prepare('SELECT uuid, field, new_value, status FROM corrections ORDER BY id').all(),
      pendencies: db.prepare('SELECT professional_id, code, field FROM pendencies ORDER BY id').all(),
      history: db.prepare('SELECT count(*) AS n FROM record_history').get(),
      conflicts: db.prepare('SELECT count(*) AS n FROM registry_conflicts').get(),
    };
  }

  async function importBack(channel: 'imports:preview' | 'imports:run', path: string): Promise<ImportSummary> {
    const started = await createDispatcher(desk.handlers)(channel, { path, name: path.split('/').pop(), kind: 'registry' });
    if (!started.ok) throw new Error(JSON.stringify(started.error));
    return desk.job<ImportSummary>(started.value as { jobId: string }).catch((error: { message: string; details?: unknown }) => {
      throw new Error(`${channel}: ${error.message} ${JSON.stringify(error.details)}`);
    });
  }

  const NOTHING_CHANGED = { rows: 5, accepted: 0, unchanged: 5, rejected: 0, errors: [] };

  it.each(['csv', 'xlsx'] as const)('importing the exported %s back into the same desk changes nothing', async (format) => {
    const path = out(format);
    expect(await exportSince('2026-03-12', path)).toMatchObject({ rows: 5 });
    const beforeImport = snapshot();
    const preview = await importBack('imports:preview', path);
    expect(preview).toMatchObject(NOTHING_CHANGED);
    const written = await importBack('imports:run', path);
    expect(written).toMatchObject({ ...NOTHING_CHANGED, written: true, inserted: 0, updated: 0, corrections: 0 });
    expect(snapshot()).toEqual(beforeImport);
    expect(desk.store.db.prepare('SELECT conflicts FROM imports WHERE id = ?').get(written.importId)).toEqual({ conflicts: 0 });
  });

  it('leaves no partial file behind', async () => {
    const path = out('xlsx');
    await exportSince('2026-03-12', path);
    expect(readdirSync(folder).filter((name) => name.startsWith('.'))).toEqual([]);
    expect(existsSync(path)).toBe(true);
  });

  it('removes the partial copy an export killed before its rename left in the folder, as the audit export does; a running one’s stays', async () => {
    // A process that has just ended, as a desk killed outright (or a power cut) between the write and the rename.
    const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    const killed = `.cress-desk-${dead}-${processStart(process.pid)}-1764800000000.partial`;
    const running = `.cress-desk-${ownerTag()}-1764800000001.partial`;
    for (const name of [killed, running]) writeFileSync(join(folder, name), 'CPF;Nome\n52998224725;Zuleica Marcadora\n');
    const path = out('csv');
    await exportSince('2026-03-12', path);
    expect(readdirSync(folder).sort()).toEqual([running, 'cadastro-' + files + '.csv'].sort());
  });
});
