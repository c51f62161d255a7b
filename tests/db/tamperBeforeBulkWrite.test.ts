// A record edited by another program with the seal queue's triggers dropped, then made again as
// they were, leaves only its seal to tell. A corrections import or a registry load that then
// writes the record would seal the edit in with its own change, and `audit verify` would say the
// store is intact. What must hold: the bulk writer records what it found before it writes the
// record — with the corrections import's writer in a thread of its own too — and verify names the
// record and the field, without its value.
import type Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyAudit } from '../../db/auditReplay';
import type { Professional } from '../../shared/domain';
import { importInput, jobContext, runImport, withImportStepRows } from '../fixtures/imports/jobs';
import { openRawStore } from '../rawStore';
import { addProfessional, openTestDesk, type TestDesk } from './fixtures';
import { builtWorker } from './imports/numberedDesk';

/** The writer thread a corrections import starts: none (on the job's connection) unless a test sets it. */
let writerScript: string | null = null;
vi.mock('../../db/imports/writer/link', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../db/imports/writer/link')>();
  return { ...original, writerScript: () => writerScript };
});

let desk: TestDesk;
let maria: Professional;
let others: Professional[];

beforeEach(() => {
  desk = openTestDesk();
  maria = addProfessional(desk.store, { registrationNumber: '40001', motherName: 'Antônia da Silva' });
  others = Array.from({ length: 30 }, (_, i) => addProfessional(desk.store, { registrationNumber: String(60_000 + i) }));
});
afterEach(() => {
  writerScript = null;
  desk.cleanup();
});

/** Another program edits maria's row with the seal queue's trigger dropped, then makes it again. */
function editUnqueued(sql: string): void {
  const db: Database.Database = openRawStore(desk.store.path);
  try {
    const made = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'professionals_unsealed_update'").pluck().get() as string;
    db.exec('DROP TRIGGER professionals_unsealed_update');
    db.prepare(sql).run(maria.id);
    db.exec(made);
  } finally {
    db.close();
  }
}

const outsideChanges = () =>
  (desk.store.db.prepare("SELECT detail FROM audit_log WHERE action = 'store.outside_changes' ORDER BY id").pluck().all() as string[]).map((d) => JSON.parse(d) as Record<string, unknown>);

/** A corrections file giving maria (somewhere in the middle) and the others new e-mails. */
function emailsFile(name: string, prefix: string): string {
  const people = [...others.slice(0, 15), maria, ...others.slice(15)];
  const path = desk.file(name);
  writeFileSync(path, ['CPF;E-mail', ...people.map((p, i) => `${p.cpf};${prefix}.${i}@exemplo.com.br`)].join('\r\n'), 'latin1');
  return path;
}

const importEmails = (path: string, options: { dryRun?: boolean } = {}) =>
  withImportStepRows(4, () => runImport(importInput(path, { kind: 'corrections', ...options }), jobContext(desk.store.path)));

describe.each([
  ['on the job’s own connection', null],
  ['by its writer thread', 'thread'],
] as const)('a corrections import written %s', (_how, writer) => {
  beforeEach(() => {
    if (writer) writerScript = builtWorker('importWriter');
  });

  it('records the record another program edited before it writes it, and verify still names it after', () => {
    editUnqueued("UPDATE professionals SET mother_name = 'Outra Pessoa' WHERE id = ?");
    const summary = importEmails(emailsFile('emails.csv', 'passo'));
    expect(summary).toMatchObject({ written: true, accepted: 31 });
    expect(desk.store.db.prepare('SELECT email FROM professionals WHERE id = ?').pluck().get(maria.id)).toBe('passo.15@exemplo.com.br');
    expect(outsideChanges()).toEqual([expect.objectContaining({ professionals: 1, corrections: 0, found: 'write', rows: [{ t: 'p', id: maria.id, c: ['mother_name'] }] })]);
    const result = verifyAudit(desk.store.db);
    expect(result.ok).toBe(false);
    expect(result.rows).toEqual([expect.objectContaining({ registrationNumber: '40001', fields: ['mother_name'] })]);
    expect(JSON.stringify(result)).not.toContain('Outra Pessoa');
  });

  it('records it once, however many times it is read before the desk writes it again', () => {
    editUnqueued("UPDATE professionals SET mother_name = 'Outra Pessoa' WHERE id = ?");
    const file = emailsFile('emails.csv', 'previa');
    expect(importEmails(file, { dryRun: true })).toMatchObject({ written: false });
    expect(importEmails(file)).toMatchObject({ written: true, accepted: 31 });
    expect(outsideChanges()).toEqual([expect.objectContaining({ rows: [{ t: 'p', id: maria.id, c: ['mother_name'] }] })]);
  });

  it('finds nothing in a store nobody else touched', () => {
    expect(importEmails(emailsFile('emails.csv', 'limpo'))).toMatchObject({ written: true, accepted: 31 });
    expect(outsideChanges()).toEqual([]);
    expect(verifyAudit(desk.store.db)).toMatchObject({ ok: true, rows: [] });
  });
});

describe('a registry load', () => {
  it('records the record another program edited before it writes the main system’s values over it', () => {
    editUnqueued("UPDATE professionals SET email = 'desvio@exemplo.com' WHERE id = ?");
    const path = desk.file('cadastro.csv');
    const header = 'Registro;CPF;Nome;Nome da mãe;Não consta mãe;Situação do DIP;Data de nascimento;E-mail;Município;UF';
    writeFileSync(path, [header, `40001;${maria.cpf};${maria.name};Antônia da Silva;;;;;Campinas;SP`].join('\r\n'), 'latin1');
    const summary = runImport(importInput(path, { kind: 'registry', force: true }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ written: true, updated: 1 });
    expect(desk.store.db.prepare('SELECT city FROM professionals WHERE id = ?').pluck().get(maria.id)).toBe('Campinas');
    expect(outsideChanges()).toEqual([expect.objectContaining({ professionals: 1, found: 'write', rows: [{ t: 'p', id: maria.id, c: ['email'] }] })]);
    expect(verifyAudit(desk.store.db).rows).toEqual([expect.objectContaining({ registrationNumber: '40001', fields: ['email'] })]);
  });
});
