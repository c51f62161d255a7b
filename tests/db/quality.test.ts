// The Pendências worklist as the store keeps it: a designed registry shows every code of the notice's
// cases and a clean one shows nothing; what needs the whole registry (an e-mail on two records, a
// confirmed DIP request waiting for an identification correction) appears and goes away as the data
// changes; and the export, filled in and imported back as corrections, clears what it fixes.
import { readFileSync, writeFileSync } from 'node:fs';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QualityItem } from '../../shared/contract/quality';
import type { Professional } from '../../shared/domain';
import { undoImport } from '../../db/imports/undo';
import { importInput, jobContext, runImport } from '../fixtures/imports/jobs';
import { CLEAN_REGISTRY, DESIGNED_REGISTRY } from '../unit/registryFixtures';
import { addProfessional, EVIDENCE, openTestDesk, REASON, validCpf, type TestDesk } from './fixtures';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk();
});
afterEach(() => desk.cleanup());

const SHARED_ON_PURPOSE = new Set(['familia.souza@gmail.com', 'casa@gmail.com']);
let used: Set<string>;
beforeEach(() => {
  used = new Set();
});

/** Stores a fixture record; each keeps an address of her own unless the test shares one on purpose. */
function add(record: Professional): Professional {
  const { id: _id, ...values } = record;
  if (values.email && used.has(values.email) && !SHARED_ON_PURPOSE.has(values.email)) values.email = `pessoa${used.size}@exemplo.com.br`;
  if (values.email) used.add(values.email);
  return addProfessional(desk.store, values);
}

function items(filters: { case?: string; code?: string } = {}): QualityItem[] {
  return (desk.handlers['quality:list']({ case: null, code: null, page: 0, pageSize: 1000, ...filters } as never) as { items: QualityItem[] }).items;
}

function codesOf(registration: string): string[] {
  return items()
    .filter((i) => i.registrationNumber === registration)
    .map((i) => i.code);
}

/** Saves a correction of `person` through the dispatcher, as the form does. */
function saveCorrection(person: Professional, changes: Record<string, string>, options: { dipAcknowledged?: boolean } = {}) {
  return desk.dispatch('corrections:save', { professionalId: person.id, expectedRowVersion: person.rowVersion, changes, reason: REASON, evidence: EVIDENCE, ...options });
}

describe('the worklist of a registry', () => {
  it('finds each designed defect on its record with its case, and nothing on the clean records', async () => {
    const clean = CLEAN_REGISTRY.map(add);
    const designed = DESIGNED_REGISTRY.filter((d) => d.code !== 'DIP_DATA_PENDING').map((d) => ({ ...d, stored: add(d.record) }));
    // The shared address is on one more professional.
    add({ ...CLEAN_REGISTRY[0]!, registrationNumber: '7001', cpf: '39053344705', email: 'familia.souza@gmail.com' });
    const { jobId } = desk.handlers['quality:scan']({}) as { jobId: string };
    const scan = (await desk.jobs.wait(jobId)).result as { scanned: number };
    expect(scan.scanned).toBe(clean.length + designed.length + 1);

    for (const record of clean) expect(codesOf(record.registrationNumber), record.name).toEqual([]);
    for (const d of designed) {
      const found = items().filter((i) => i.registrationNumber === d.stored.registrationNumber);
      expect(found.map((i) => [i.code, i.case]), `${d.code} ${JSON.stringify(d.record.name)}`).toContainEqual([d.code, d.case]);
      if (d.suggestion) expect(found.find((i) => i.code === d.code)?.suggestion).toBe(d.suggestion);
    }
    const summary = desk.handlers['quality:summary']({}) as { records: number; byCase: Record<string, number>; byCode: Record<string, number> };
    expect(summary.byCode.EMAIL_SHARED).toBe(2);
    expect(summary.byCase).toMatchObject({ B: 2, E: 4, F: 3 });
    expect(items({ case: 'F' }).every((i) => i.case === 'F')).toBe(true);
    expect(items({ code: 'EMAIL_TYPO' }).map((i) => i.suggestion)).toEqual(['maria@gmail.com', 'ana.paula@hotmail.com', 'rosa@yahoo.com.br']);
  });

  it('tells both records that share an e-mail, and neither once one of them is corrected', async () => {
    const first = add({ ...CLEAN_REGISTRY[1]!, email: 'casa@gmail.com' });
    const second = add({ ...CLEAN_REGISTRY[2]!, email: 'casa@gmail.com' });
    expect(codesOf(first.registrationNumber)).toEqual(['EMAIL_SHARED']);
    expect(codesOf(second.registrationNumber)).toEqual(['EMAIL_SHARED']);
    const saved = await saveCorrection(second, { email: 'graca.souza@bol.com.br' });
    expect(saved.ok).toBe(true);
    expect(codesOf(first.registrationNumber)).toEqual([]);
    expect(codesOf(second.registrationNumber)).toEqual([]);
  });

  it('answers, before any correction is saved, whether another record holds an address (not the record itself)', async () => {
    const owner = add({ ...CLEAN_REGISTRY[4]!, email: 'casa@gmail.com' });
    const other = add({ ...CLEAN_REGISTRY[5]!, email: 'outra.pessoa@gmail.com' });
    const inUse = async (email: string, professionalId: number) => {
      const answer = await desk.dispatch('registry:emailInUse', { email, professionalId });
      expect(answer.ok, JSON.stringify(answer)).toBe(true);
      return answer.ok ? (answer.value as { inUse: boolean }).inUse : null;
    };
    expect(await inUse(' Casa@Gmail.com ', other.id)).toBe(true);
    expect(await inUse('casa@gmail.com', owner.id)).toBe(false);
    expect(await inUse('ninguem@gmail.com', other.id)).toBe(false);
  });

  it('marks a confirmed DIP request while a name correction waits for Implanta, and forgets it once the correction is cancelled', async () => {
    const person = add({ ...CLEAN_REGISTRY[3]!, dipStatus: 'confirmed' });
    expect(codesOf(person.registrationNumber)).toEqual([]);
    const saved = await saveCorrection(person, { name: 'João Batista dos Santos Neto' }, { dipAcknowledged: true });
    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    expect(items({ code: 'DIP_DATA_PENDING' }).map((i) => [i.registrationNumber, i.case])).toEqual([[person.registrationNumber, 'G']]);
    if (!saved.ok) return;
    const correction = (saved.value as { corrections: { uuid: string }[] }).corrections[0]!;
    const cancelled = await desk.dispatch('corrections:cancel', { uuid: correction.uuid, reason: 'Digitado no cadastro errado' });
    expect(cancelled.ok, JSON.stringify(cancelled)).toBe(true);
    expect(items({ code: 'DIP_DATA_PENDING' })).toEqual([]);
  });
});

describe('after a corrections import', () => {
  it('finds an address the import made shared and a confirmed DIP request its identification row put at risk', () => {
    const owner = add({ ...CLEAN_REGISTRY[6]!, email: 'luciana@outlook.com' });
    const other = add({ ...CLEAN_REGISTRY[7]!, email: 'rafaela@live.com' });
    const dip = add({ ...CLEAN_REGISTRY[8]!, dipStatus: 'confirmed' });
    const path = desk.file('correcoes.csv');
    writeFileSync(
      path,
      [
        'Registro;E-mail;Nome;Motivo;Documento comprobatório',
        `${other.registrationNumber};luciana@outlook.com;;Pedido no balcão;`,
        `${dip.registrationNumber};;Beatriz Nogueira Prado;Casamento;Certidão de casamento`,
      ].join('\r\n'),
    );
    const summary = runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ accepted: 2, rejected: 0 });
    expect(codesOf(owner.registrationNumber)).toEqual(['EMAIL_SHARED']);
    expect(codesOf(other.registrationNumber)).toEqual(['EMAIL_SHARED']);
    expect(items({ code: 'DIP_DATA_PENDING' }).map((i) => i.registrationNumber)).toEqual([dip.registrationNumber]);
    expect(items({ case: 'D' }).every((i) => i.case === 'D')).toBe(true);
  });

  it('forgets a shared address once the import gives one of its records an address of its own, and leaves the other e-mails it changed alone', () => {
    const first = add({ ...CLEAN_REGISTRY[9]!, email: 'familia.souza@gmail.com' });
    const second = add({ ...CLEAN_REGISTRY[10]!, email: 'familia.souza@gmail.com' });
    const third = add({ ...CLEAN_REGISTRY[11]!, email: 'sandra@gmail.com' });
    expect(codesOf(first.registrationNumber)).toEqual(['EMAIL_SHARED']);
    const path = desk.file('correcoes-emails.csv');
    writeFileSync(
      path,
      [
        'Registro;E-mail;Motivo',
        `${second.registrationNumber};josefa.conceicao@gmail.com;Pedido no balcão`,
        `${third.registrationNumber};sandra.regina@gmail.com;Pedido no balcão`,
      ].join('\r\n'),
    );
    const summary = runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ accepted: 2, rejected: 0 });
    expect(codesOf(first.registrationNumber)).toEqual([]);
    expect(codesOf(second.registrationNumber)).toEqual([]);
    expect(codesOf(third.registrationNumber)).toEqual([]);

    // Undone, the address is shared again: both are told, and the addresses it gave are no one's.
    undoImport({ id: summary.importId as number }, jobContext(desk.store.path));
    expect(codesOf(first.registrationNumber)).toEqual(['EMAIL_SHARED']);
    expect(codesOf(second.registrationNumber)).toEqual(['EMAIL_SHARED']);
    expect(codesOf(third.registrationNumber)).toEqual([]);
  });
  it('keeps what a row did not touch: an address shared with another record and a DIP request at risk stay on a record whose phone alone changed', async () => {
    const first = add({ ...CLEAN_REGISTRY[9]!, email: 'familia.souza@gmail.com' });
    add({ ...CLEAN_REGISTRY[10]!, email: 'familia.souza@gmail.com' });
    const dip = add({ ...CLEAN_REGISTRY[8]!, dipStatus: 'confirmed' });
    const saved = await saveCorrection(dip, { name: 'Beatriz Nogueira Prado' }, { dipAcknowledged: true });
    expect(saved.ok, JSON.stringify(saved)).toBe(true);
    expect(codesOf(first.registrationNumber)).toEqual(['EMAIL_SHARED']);
    expect(codesOf(dip.registrationNumber)).toEqual(['DIP_DATA_PENDING']);
    const path = desk.file('correcoes-telefones.csv');
    writeFileSync(
      path,
      ['Registro;Telefone;Motivo', `${first.registrationNumber};(11) 98888-1234;Pedido no balcão`, `${dip.registrationNumber};(11) 97777-4321;Pedido no balcão`].join('\r\n'),
    );
    const summary = runImport(importInput(path, { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ accepted: 2, rejected: 0, corrections: 2 });
    expect(codesOf(first.registrationNumber)).toEqual(['EMAIL_SHARED']);
    expect(codesOf(dip.registrationNumber)).toEqual(['DIP_DATA_PENDING']);
  });
});

describe('the export to correct', () => {
  it('holds the records with pendências and a Pendências column; filled in and imported back, the fixes clear them', async () => {
    const typo = add({ ...CLEAN_REGISTRY[4]!, email: 'analuiza@gmail.con' });
    add(CLEAN_REGISTRY[5]!);
    const path = desk.file('pendencias.xlsx');
    const written = (await desk.handlers['quality:export']({ case: null, code: null, path })) as { rows: number };
    expect(written.rows).toBe(1);
    const sheet = XLSX.read(readFileSync(path)).Sheets['Pendências'] as XLSX.WorkSheet;
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(sheet, { raw: false });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ Registro: typo.registrationNumber, 'E-mail': 'analuiza@gmail.con' });
    expect(rows[0]!['Pendências']).toMatch(/você quis dizer analuiza@gmail\.com/);
    // Never over a file already there.
    await expect(Promise.resolve().then(() => desk.handlers['quality:export']({ case: null, code: null, path }))).rejects.toMatchObject({ code: 'EXPORT_DESTINATION' });

    // The clerk fixes the e-mail, says why and on what document, and imports the file as corrections.
    const fixed = rows.map((r) => ({ ...r, 'E-mail': 'analuiza@gmail.com', Motivo: 'E-mail confirmado por telefone', 'Documento comprobatório': 'Ligação da profissional' }));
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.json_to_sheet(fixed), 'Pendências');
    const back = desk.file('corrigido.xlsx');
    writeFileSync(back, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const summary = runImport(importInput(back, { kind: 'corrections' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ accepted: 1, rejected: 0, corrections: 1 });
    expect(codesOf(typo.registrationNumber)).toEqual([]);
  });

  it('lists the records by registration number as a number sorts, whatever order they were stored in', async () => {
    for (const [at, registrationNumber] of ['100', '9', '10', '0011', '99'].entries()) add({ ...CLEAN_REGISTRY[4]!, registrationNumber, cpf: validCpf(900 + at), email: `pessoa${at}@gmail.con` });
    const path = desk.file('pendencias-ordem.xlsx');
    expect(((await desk.handlers['quality:export']({ case: null, code: null, path })) as { rows: number }).rows).toBe(5);
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(XLSX.read(readFileSync(path)).Sheets['Pendências'] as XLSX.WorkSheet, { raw: false });
    expect(rows.map((row) => row.Registro)).toEqual(['9', '10', '99', '100', '0011']);
  });

  it('filled in for a record missing its mother, takes the e-mail fixed and leaves the mother a pendência (case D does not wait on case F)', async () => {
    const motherless = add({ ...CLEAN_REGISTRY[4]!, email: 'analuiza@gmail.con', motherName: null, motherNotListed: false });
    const path = desk.file('pendencias.xlsx');
    await desk.handlers['quality:export']({ case: null, code: null, path });
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(XLSX.read(readFileSync(path)).Sheets['Pendências'] as XLSX.WorkSheet, { raw: false, defval: '' });
    expect(rows[0]).toMatchObject({ 'Nome da mãe': '', 'Não consta mãe': 'Não' });
    const untouched = desk.file('como-veio.xlsx');
    const fixed = desk.file('corrigido.xlsx');
    for (const [file, sheetRows] of [
      [untouched, rows],
      [fixed, rows.map((r) => ({ ...r, 'E-mail': 'analuiza@gmail.com', Motivo: 'E-mail confirmado por telefone', 'Documento comprobatório': 'Ligação da profissional' }))],
    ] as const) {
      const book = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(book, XLSX.utils.json_to_sheet([...sheetRows]), 'Pendências');
      writeFileSync(file, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    }
    expect(runImport(importInput(untouched, { kind: 'corrections', dryRun: true }), jobContext(desk.store.path))).toMatchObject({ accepted: 0, unchanged: 1, rejected: 0 });
    expect(runImport(importInput(fixed, { kind: 'corrections' }), jobContext(desk.store.path))).toMatchObject({ accepted: 1, rejected: 0, corrections: 1 });
    expect(codesOf(motherless.registrationNumber)).toEqual(['MOTHER_MISSING']);
  });

  it('imports back untouched as unchanged, even for a birth date today’s rules find implausible, and takes the fix on that row', async () => {
    const old = add({ ...CLEAN_REGISTRY[4]!, email: 'analuiza@gmail.con', birthDate: '1890-05-10' });
    const path = desk.file('pendencias-data.csv');
    await desk.handlers['quality:export']({ case: null, code: null, path });
    const rows = XLSX.utils.sheet_to_json<Record<string, string>>(XLSX.read(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { type: 'string', raw: true, FS: ';' }).Sheets.Sheet1 as XLSX.WorkSheet, {
      raw: false,
      defval: '',
    });
    expect(rows[0]).toMatchObject({ 'Data de nascimento': '10/05/1890' });
    expect(codesOf(old.registrationNumber)).toContain('BIRTH_DATE_IMPLAUSIBLE');
    expect(runImport(importInput(path, { kind: 'corrections', dryRun: true }), jobContext(desk.store.path))).toMatchObject({ accepted: 0, unchanged: 1, rejected: 0 });
    const fixed = desk.file('pendencias-data-corrigida.xlsx');
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.json_to_sheet(rows.map((r) => ({ ...r, 'E-mail': 'analuiza@gmail.com', Motivo: 'E-mail confirmado por telefone' }))), 'Pendências');
    writeFileSync(fixed, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    expect(runImport(importInput(fixed, { kind: 'corrections' }), jobContext(desk.store.path))).toMatchObject({ accepted: 1, rejected: 0, corrections: 1 });
  });
});
