// Test stores on temporary files, and professionals built with valid CPFs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createDispatcher, createHandlers, openStore, type Store } from '../../db';
import { sealWritten } from '../../db/audit';
import { JobRunner } from '../../db/jobs/runner';
import { refreshPendencies } from '../../db/pendencies';
import { getProfessional } from '../../db/registry';
import { requireOperator } from '../../db/settings';
import { writeTransaction } from '../../db/storeLock';
import type { Envelope, Handlers } from '../../shared/contract';
import type { Professional } from '../../shared/domain';
import { cpfCheckDigits } from '../../shared/rules/cpf';
import { foldForSearch } from '../../shared/text';
import { professional } from '../unit/professional.fixture';

export interface TempDir {
  dir: string;
  file(name: string): string;
  cleanup(): void;
}

/** Steps a test adds as it goes (`cleanup(() => …)`), undone after each test, last first. */
export function cleanupAfterEach(): (step: () => void) => void {
  let steps: (() => void)[] = [];
  afterEach(() => {
    for (const step of steps.reverse()) step();
    steps = [];
  });
  return (step) => void steps.push(step);
}

export function tempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), 'cress-desk-db-'));
  return { dir, file: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestDesk {
  store: Store;
  handlers: Handlers;
  dispatch: ReturnType<typeof createDispatcher>;
  /** The desk's long jobs, run inline: `jobs.wait(jobId)` for a job a handler started. */
  jobs: JobRunner;
  /** Moves the desk's clock (corrections and audit entries take their time from it). */
  setNow(iso: string): void;
  /** A path for a file the test writes, in a folder apart from the store's, removed with the desk. */
  file(name: string): string;
  cleanup(): void;
}

/** A fresh store with handlers; `setUp` configures the desk (CRESS 9ª, SP) as a clerk would. */
export function openTestDesk(options: { setUp?: boolean; operator?: string } = {}): TestDesk {
  const dir = tempDir();
  const store = openStore({ path: dir.file('store.sqlite') });
  let files: TempDir | null = null;
  let now = new Date('2025-03-10T13:00:00.000Z');
  const jobs = new JobRunner({ storePath: () => store.path, workerPath: null, now: () => now });
  const handlers = createHandlers(store, { appVersion: '0.0.0-test', now: () => now, jobs });
  if (options.setUp !== false) {
    handlers['settings:setup']({ region: 9, seccional: null, operator: options.operator ?? 'Ana Paula', demoProfessionals: 0 });
  }
  return {
    store,
    handlers,
    dispatch: createDispatcher(handlers, undefined, { requireOperator: () => requireOperator(store.db) }),
    jobs,
    setNow: (iso) => {
      now = new Date(iso);
    },
    file: (name) => (files ??= tempDir()).file(name),
    cleanup: () => {
      store.close();
      dir.cleanup();
      files?.cleanup();
    },
  };
}

/** For every test of the file: a fresh desk (options as `openTestDesk` takes them) handed to `use`; removed after the test. */
export function testDeskForEachTest(use: (desk: TestDesk) => void, options: Parameters<typeof openTestDesk>[0] = {}): void {
  let desk: TestDesk | null = null;
  beforeEach(() => {
    desk = openTestDesk(options);
    use(desk);
  });
  afterEach(() => {
    desk?.cleanup();
    desk = null;
  });
}

/** Writes these lines as a CSV file (CRLF line ends, as Excel saves it) among the desk's files; answers its path. */
export function csvFile(desk: Pick<TestDesk, 'file'>, name: string, lines: string[], encoding: BufferEncoding = 'utf8'): string {
  const path = desk.file(name);
  writeFileSync(path, lines.join('\r\n'), encoding);
  return path;
}

/** Anything that answers channels as the dispatcher does: a test desk, a backup desk. */
interface Dispatching {
  dispatch(channel: never, input: never): Promise<Envelope<unknown>>;
}

/** What a channel answers through the dispatcher (its contract checked on the way in and out); throws when it refuses. */
export async function answerOf<T>(desk: Dispatching, channel: string, input: unknown): Promise<T> {
  const envelope = await desk.dispatch(channel as never, input as never);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.code} ${envelope.error.message}`);
  return envelope.value as T;
}

/** The refusal a channel answers through the dispatcher; throws when it accepts. */
export async function refusalOf(desk: Dispatching, channel: string, input: unknown): Promise<{ code: string; message: string }> {
  const envelope = await desk.dispatch(channel as never, input as never);
  if (envelope.ok) throw new Error(`${channel} was accepted`);
  return envelope.error;
}

/** The error a call throws, as the desk's refusals carry it; fails the test when the call goes through. */
export function refusalOfCall(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

/** A valid CPF from any number below 10^9 (`validCpf(1)` = 000.000.001-91). */
export function validCpf(n: number): string {
  const nine = String(n).padStart(9, '0');
  return nine + cpfCheckDigits(nine);
}

let sequence = 0;

/** Inserts a professional as the council's main system would have it (valid, mother's name filled). */
export function addProfessional(store: Store, overrides: Partial<Omit<Professional, 'id'>> = {}): Professional {
  sequence++;
  // The unit tests' complete record, with this module's own numbers, name and contact.
  const { id: _id, ...complete } = professional({
    registrationNumber: String(50_000 + sequence),
    cpf: validCpf(123_456_000 + sequence),
    name: 'Maria José da Silva',
    motherName: 'Antônia da Silva',
    fatherName: null,
    rgNumber: '123456789',
    // Each her own address: one shared by two records is a pendência of both (EMAIL_SHARED).
    email: `maria.silva${sequence}@example.com.br`,
    createdAt: '2024-01-15T12:00:00.000Z',
    updatedAt: '2024-01-15T12:00:00.000Z',
  });
  const p: Omit<Professional, 'id'> = { ...complete, ...overrides };
  // Sealed in the same transaction, as a registry load seals what it writes: a row left unsealed
  // would be taken, at the desk's next write, for one another program wrote (db/storeGuards.ts).
  return writeTransaction(store.db, () => {
    const result = store.db
      .prepare(
        `INSERT INTO professionals (registration_number, cpf, name, name_folded, social_name, mother_name, mother_not_listed,
          father_name, birth_date, marital_status, birth_city, birth_uf, nationality, rg_number, rg_issuer, rg_uf, email, phone,
          cep, street, number, complement, district, city, uf, dip_status, row_version, created_at, updated_at)
         VALUES (@registrationNumber, @cpf, @name, @nameFolded, @socialName, @motherName, @motherNotListed, @fatherName,
          @birthDate, @maritalStatus, @birthCity, @birthUf, @nationality, @rgNumber, @rgIssuer, @rgUf, @email, @phone, @cep,
          @street, @number, @complement, @district, @city, @uf, @dipStatus, @rowVersion, @createdAt, @updatedAt)`,
      )
      .run({ ...p, nameFolded: foldForSearch(p.name), motherNotListed: p.motherNotListed ? 1 : 0 });
    const inserted = getProfessional(store.db, Number(result.lastInsertRowid)) as Professional;
    refreshPendencies(store.db, inserted);
    sealWritten(store.db);
    return inserted;
  });
}

/** Adds `count` professionals numbered 1…count: number i has CPF `validCpf(from.cpf + i)` and registration `from.registration + i`. */
export function addNumberedProfessionals(store: Store, count: number, from: { cpf: number; registration: number }): void {
  for (let i = 1; i <= count; i++) addProfessional(store, { cpf: validCpf(from.cpf + i), registrationNumber: String(from.registration + i) });
}

let correctionFiles = 0;

/** Writes a corrections file under a new name among the desk's files, in Latin-1 and ending in a line end as Excel saves it; answers its path. */
export function correctionsCsv(desk: Pick<TestDesk, 'file'>, header: string, lines: string[]): string {
  return csvFile(desk, `correcoes-${++correctionFiles}.csv`, [header, ...lines, ''], 'latin1');
}

/** What a clerk fills besides the new values. */
export const EVIDENCE = { kind: 'RG', arrival: 'in_person', date: '2025-03-10', note: null } as const;
export const REASON = 'Documento apresentado no balcão';
