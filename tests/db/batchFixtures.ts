// A desk with a job runner the tests can wait on, and quick ways to queue corrections and CEP
// changes the way a clerk would (through the handlers).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createHandlers, openStore, type Store } from '../../db';
import { sealWritten } from '../../db/audit';
import { JobRunner } from '../../db/jobs/runner';
import { writeTransaction } from '../../db/storeLock';
import type { AckResult, BatchSummary, ExportResult, Handlers, ParsedInput } from '../../shared/contract';
import type { Professional } from '../../shared/domain';
import { importInput, jobContext, runImport } from '../fixtures/imports/jobs';
import { addProfessional, EVIDENCE, REASON, tempDir, type TempDir } from './fixtures';

export interface BatchDesk {
  store: Store;
  handlers: Handlers;
  jobs: JobRunner;
  dir: TempDir;
  now(): Date;
  setNow(iso: string): void;
  /** Runs a channel that starts a job and returns the job's result (or throws its error). */
  job<T>(started: { jobId: string } | Promise<{ jobId: string }>): Promise<T>;
  cleanup(): void;
}

export function openBatchDesk(options: { region?: number; operator?: string; appVersion?: string } = {}): BatchDesk {
  const dir = tempDir();
  const store = openStore({ path: dir.file('store.sqlite') });
  let now = new Date('2026-03-10T13:00:00.000Z');
  const clock = () => now;
  const jobs = new JobRunner({ storePath: () => store.path, workerPath: null, now: clock });
  const handlers = createHandlers(store, { appVersion: options.appVersion ?? '1.2.3-test', now: clock, jobs });
  handlers['settings:setup']({ region: options.region ?? 9, seccional: null, operator: options.operator ?? 'Ana Paula', demoProfessionals: 0 });
  return {
    store,
    handlers,
    jobs,
    dir,
    now: clock,
    setNow: (iso) => {
      now = new Date(iso);
    },
    async job<T>(started: { jobId: string } | Promise<{ jobId: string }>): Promise<T> {
      const { jobId } = await started;
      const status = await jobs.wait(jobId);
      if (status.state !== 'done') {
        const error = new Error(status.error?.message ?? status.state) as Error & { code?: string; details?: unknown };
        error.code = status.error?.code;
        error.details = status.error?.details;
        throw error;
      }
      return status.result as T;
    },
    cleanup: () => {
      store.close();
      dir.cleanup();
    },
  };
}

/** For every test of the file: a new lote desk holding Maria Souza with the e-mail `email`, both handed to `use`; removed after the test. */
export function mariaSouzaForEachTest(email: string, use: (desk: BatchDesk, maria: Professional) => void): void {
  let desk: BatchDesk | null = null;
  beforeEach(() => {
    desk = openBatchDesk();
    use(desk, addProfessional(desk.store, { name: 'Maria Souza', email }));
  });
  afterEach(() => {
    desk?.cleanup();
    desk = null;
  });
}

/** A lote of every pending item, sealed as an earlier version of the desk did: opened, and so sealed, in package format `schemaVersion`. */
export async function sealedInVersion(desk: { handlers: Handlers; store: Store }, schemaVersion: number): Promise<BatchSummary> {
  const created = await desk.handlers['batches:create']({});
  desk.store.db.prepare('UPDATE batches SET schema_version = ? WHERE id = ?').run(schemaVersion, created.id);
  return desk.handlers['batches:seal']({ id: created.id });
}

/** Saves one correction through the handler, as the form does (on the record as it is now), optionally for an atendimento. */
export function correct(
  desk: { handlers: Handlers },
  professional: Professional,
  changes: ParsedInput<'corrections:save'>['changes'],
  options: { dipAcknowledged?: boolean; contactId?: number } = {},
) {
  const current = desk.handlers['registry:get']({ id: professional.id }) as { professional: Professional };
  return desk.handlers['corrections:save']({
    professionalId: professional.id,
    expectedRowVersion: current.professional.rowVersion,
    changes,
    reason: REASON,
    evidence: EVIDENCE,
    dipAcknowledged: options.dipAcknowledged ?? false,
    ...(options.contactId === undefined ? {} : { contactId: options.contactId }),
  }) as { corrections: { uuid: string; field: string }[] };
}

/** `count` professionals, each with one e-mail correction; returns the corrections' uuids. */
export function queueEmailCorrections(desk: BatchDesk, count: number, overrides: Partial<Omit<Professional, 'id'>> = {}): string[] {
  const uuids: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = addProfessional(desk.store, overrides);
    uuids.push(correct(desk, p, { email: `nova.caixa.${p.registrationNumber}@exemplo.com.br` }).corrections[0]!.uuid);
  }
  return uuids;
}

export { addProfessional };

/** Creates, seals, exports and marks sent a batch of everything pending. */
export async function sendBatch(desk: BatchDesk): Promise<{ batch: BatchSummary; sha256: string; path: string }> {
  const created = await desk.handlers['batches:create']({});
  await desk.handlers['batches:seal']({ id: created.id });
  const exported = await exportPackage(desk, created.id, `out-${created.number}`);
  return { batch: await desk.handlers['batches:markSent']({ id: created.id }), sha256: exported.sha256, path: exported.path };
}

/** `changes` corrected on `professional` in one save, and a lote with it sent: the first correction's id, the lote, its package's SHA-256. */
export async function correctAndSend(
  desk: BatchDesk,
  professional: Professional,
  changes: ParsedInput<'corrections:save'>['changes'],
): Promise<{ uuid: string; batch: BatchSummary; sha256: string }> {
  const uuid = correct(desk, professional, changes).corrections[0]?.uuid as string;
  const { batch, sha256 } = await sendBatch(desk);
  return { uuid, batch, sha256 };
}

/** Exports a sealed batch into a new folder of the desk's temporary directory. */
export async function exportPackage(desk: BatchDesk, id: number, folderName: string): Promise<ExportResult> {
  const summary = (await desk.handlers['batches:get']({ id })).batch;
  const folder = desk.dir.file(folderName);
  mkdirSync(folder, { recursive: true });
  return desk.job<ExportResult>(desk.handlers['batches:export']({ id, path: join(folder, summary.fileName), passphrase: null, replace: false }));
}

/** One payload file of a package (`corrections.jsonl`), or a tag file (`../bag-info.txt`), as text. */
export function packageFile(zip: string, stem: string, file: string): string {
  const entry = file.startsWith('../') ? `${stem}/${file.slice(3)}` : `${stem}/data/${file}`;
  return execFileSync('unzip', ['-p', zip, entry]).toString('utf8');
}

/** The JSON Lines of a payload file, parsed. */
export function packageLines(zip: string, stem: string, file: string): Record<string, unknown>[] {
  return packageFile(zip, stem, file)
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** What each query answers now, under its name: a picture of the store to compare before and after a step that must change nothing. */
export function storePicture(desk: BatchDesk, queries: Record<string, string>): Record<string, unknown[]> {
  return Object.fromEntries(Object.entries(queries).map(([name, sql]) => [name, desk.store.db.prepare(sql).all()]));
}

let registryFiles = 0;
/** The council's main system loads these lines (a header, then rows) at the desk's time; returns the import's summary. */
export function loadRegistry(desk: BatchDesk, lines: readonly string[]) {
  const path = desk.dir.file(`cadastro-${++registryFiles}.csv`);
  writeFileSync(path, lines.join('\r\n'));
  return runImport(importInput(path, { kind: 'registry', force: true }), jobContext(desk.store.path, { now: desk.now().toISOString() }));
}

let ackFiles = 0;
/** Writes an acknowledgement file (JSON object, or text for CSV) into the desk's directory. */
export function writeAck(desk: BatchDesk, name: string, content: string | Buffer | Record<string, unknown>): string {
  const path = desk.dir.file(`${++ackFiles}-${name}`);
  writeFileSync(path, Buffer.isBuffer(content) || typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

export function importAck(desk: BatchDesk, path: string): Promise<AckResult> {
  return desk.job<AckResult>(desk.handlers['batches:acknowledge']({ path, fileName: path.split('/').pop() }));
}

/** Implanta's answer to one correction of a sent lote — applied, or rejected with its message — imported as the clerk would. */
export function answerOne(desk: BatchDesk, sent: { batch: { uuid: string }; sha256: string }, uuid: string, answer: 'applied' | { rejected: string }): Promise<AckResult> {
  const item = answer === 'applied' ? { id: uuid, status: 'applied' } : { id: uuid, status: 'rejected', message: answer.rejected };
  return importAck(desk, writeAck(desk, 'resposta.json', { schemaVersion: 1, batch: sent.batch.uuid, packageSha256: sent.sha256, items: [item] }));
}

/** Fixed ids of the legacy batch below, so its package is the same file on every run. */
export const LEGACY_BATCH_UUID = '7d1c2a9e-3b4f-4c5d-8e6f-0a1b2c3d4e5f';
export const LEGACY_CORRECTION_UUIDS = [
  '11111111-1111-4111-8111-111111111111',
  '22222222-2222-4222-8222-222222222222',
  '33333333-3333-4333-8333-333333333333',
] as const;

/**
 * A batch as a desk sealed it before Schema-Version 2 (two items for the mother fact: the name and
 * "Não consta mãe"), with fixed ids, times and people, so its package is always the same bytes.
 */
export async function sealLegacyBatch(desk: BatchDesk): Promise<{ id: number; number: string }> {
  const db = desk.store.db;
  const a = addProfessional(desk.store, { registrationNumber: '70001', cpf: '52998224725', name: 'Joana Dias', dipStatus: 'confirmed' });
  const b = addProfessional(desk.store, { registrationNumber: '70002', cpf: '11144477735', name: 'Rita de Cássia Souza' });
  const insert = db.prepare(
    `INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, evidence_kind, evidence_arrival, evidence_date,
       evidence_note, operator, created_at, status, source, dip_consequence)
     VALUES (?, ?, ?, ?, ?, 'Certidão de nascimento apresentada', 'Certidão', 'in_person', '2026-03-02', NULL, 'Ana Paula', ?, 'pending', 'manual', ?)`,
  );
  const [name, flag, email] = LEGACY_CORRECTION_UUIDS;
  // Sealed as that desk sealed what it saved: left unsealed, the next write takes them for another program's.
  writeTransaction(db, () => {
    insert.run(name, a.id, 'motherName', 'Antônia da Silva', null, '2026-03-02T14:05:11.204Z', 'correct_dip_request');
    insert.run(flag, a.id, 'motherNotListed', 'false', 'true', '2026-03-02T14:05:11.204Z', 'correct_dip_request');
    insert.run(email, b.id, 'email', 'rita@exemplo.com.br', 'rita.souza@exemplo.com.br', '2026-03-03T10:00:00.000Z', 'none');
    sealWritten(db);
  });
  const batch = await desk.handlers['batches:create']({});
  db.prepare('UPDATE batches SET uuid = ?, schema_version = 1 WHERE id = ?').run(LEGACY_BATCH_UUID, batch.id);
  desk.setNow('2026-03-10T18:45:30.000Z');
  await desk.handlers['batches:seal']({ id: batch.id });
  return { id: batch.id, number: batch.number };
}
