// A store written by the previous version of the desk, then opened by this one. The earlier store is
// best written in its own schema's SQL (`storeBefore`); the desk's modules can also be loaded as a
// build that knows only the migrations before a given one, for what SQL alone cannot write as that
// build did (a lote sealed and exported) — this build's code on an older schema, so kept to that.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import type { Store } from '../../db';
import { MIGRATIONS } from '../../db/migrate';
import type { JobRunner } from '../../db/jobs/runner';
import type { Handlers } from '../../shared/contract';
import type { AuditVerification } from '../../shared/contract/audit';
import type { Professional } from '../../shared/domain';
import { readRawRows } from '../rawStore';
import { sealedInVersion } from './batchFixtures';
import { tempDir, type TempDir } from './fixtures';

const JOURNAL = '../../db/migrations/meta/_journal.json';

export type DbModule = typeof import('../../db');
export type MigrationDesk = {
  store: Store;
  handlers: Handlers;
  modules: DbModule;
  jobs: JobRunner;
  /** Runs `write` as one transaction of the desk that seals what it wrote, as that build's own writes end. */
  sealedWrite<T>(write: () => T): T;
};

/** The build a store is opened by: the one before the migration, or this one. */
export type DeskVersion = 'previous' | 'current';

export const MIGRATION_NOW = new Date('2026-03-10T13:00:00.000Z');

/** Loads the desk as the build before migration `tag` (`previous`) or as this one (`current`), on the store at `path`. */
export async function loadDesk(tag: string, path: string, version: DeskVersion): Promise<MigrationDesk> {
  vi.resetModules();
  if (version === 'previous') {
    vi.doMock(JOURNAL, async (importOriginal) => {
      const original = ((await importOriginal()) as { default: { entries: { tag: string }[] } }).default;
      const at = original.entries.findIndex((entry) => entry.tag === tag);
      if (at < 0) throw new Error(`migration ${tag} is not in the journal`);
      const journal = { ...original, entries: original.entries.slice(0, at) };
      return { default: journal, ...journal };
    });
  } else vi.doUnmock(JOURNAL);
  const modules = await import('../../db');
  const { JobRunner } = await import('../../db/jobs/runner');
  const { sealWritten } = await import('../../db/audit');
  const { writeTransaction } = await import('../../db/storeLock');
  const store = modules.openStore({ path });
  const jobs = new JobRunner({ storePath: () => store.path, workerPath: null, now: () => MIGRATION_NOW });
  const handlers = modules.createHandlers(store, { appVersion: '1.2.3-test', now: () => MIGRATION_NOW, jobs });
  const sealedWrite = <T>(write: () => T): T =>
    writeTransaction(store.db, () => {
      const result = write();
      sealWritten(store.db);
      return result;
    });
  return { store, handlers, modules, jobs, sealedWrite };
}

/** Runs `use` on the desk loaded as `version` on the store at `path`, and closes the store however `use` ends. */
export async function withDesk<T>(tag: string, path: string, version: DeskVersion, use: (desk: MigrationDesk) => Promise<T>): Promise<T> {
  const desk = await loadDesk(tag, path, version);
  try {
    return await use(desk);
  } finally {
    desk.store.close();
  }
}

/** After each test: the next one loads the desk's modules afresh. */
export function forgetLoadedDesk(): void {
  vi.doUnmock(JOURNAL);
  vi.resetModules();
}

/**
 * A test file about migration `tag`: each test has a folder of its own (`dir`, removed after it),
 * and `loadDesk`/`withDesk` load the desk as the build before that migration or as this one.
 */
export function migrationTests(tag: string) {
  let current: TempDir | null = null;
  const folder = (): TempDir => {
    if (!current) throw new Error('the test folder exists only while a test runs');
    return current;
  };
  beforeEach(() => {
    current = tempDir();
  });
  afterEach(() => {
    forgetLoadedDesk();
    current?.cleanup();
    current = null;
  });
  const dir: TempDir = {
    get dir() {
      return folder().dir;
    },
    file: (name) => folder().file(name),
    cleanup: () => folder().cleanup(),
  };
  const keptByUpgrade = async (path: string, sealed: SealedTable, lote: { id: number; sha256: string }, meanwhile?: (desk: MigrationDesk) => void) => {
    const rows = `SELECT * FROM ${sealed.table} ORDER BY id`;
    const seals = `SELECT id, hex(seal) AS seal FROM ${sealed.seals} ORDER BY id`;
    const before = { rows: readRawRows(path, rows), seals: readRawRows(path, seals) };
    await withDesk(tag, path, 'current', async (desk) => {
      meanwhile?.(desk);
      // The lote sealed before the upgrade is still the very file Implanta received.
      expect(await exportAgain(desk, dir, lote.id)).toBe(lote.sha256);
    });
    expect({ rows: readRawRows(path, rows), seals: readRawRows(path, seals) }).toEqual(before);
    return before.rows;
  };
  return {
    dir,
    loadDesk: (path: string, version: DeskVersion) => loadDesk(tag, path, version),
    withDesk: <T>(path: string, version: DeskVersion, use: (desk: MigrationDesk) => Promise<T>) => withDesk(tag, path, version, use),
    /**
     * Opens the store at `path` with this build (running `meanwhile` on it) and checks that every row of the sealed
     * table and every seal are as they were, and that the sealed `lote` exports again byte for byte; answers the rows.
     */
    keptByUpgrade,
  };
}

/**
 * A plain store at `path` at the schema the migrations before `tag` made, with the rows `write`
 * puts there in that schema's SQL: what the build before that migration left, without running
 * this build's code on a schema it does not expect.
 */
export function storeBefore(tag: string, path: string, write: (db: Database.Database) => void): void {
  const at = MIGRATIONS.findIndex((m) => m.tag === tag);
  if (at < 0) throw new Error(`migration ${tag} is not in the journal`);
  const db = new Database(path);
  try {
    // A migration that widens a CHECK rewrites the table's SQL (db/migrate.ts): SQLite's defensive mode lifted, as there.
    db.unsafeMode(true);
    for (const migration of MIGRATIONS.slice(0, at)) for (const statement of migration.statements) db.exec(statement);
    db.unsafeMode(false);
    db.pragma(`user_version = ${at}`);
    write(db);
  } finally {
    db.close();
  }
}

/** A table whose rows the desk seals, and the table of their seals. */
export type SealedTable = { table: string; seals: string };

/** Inserts a professional with only the columns every earlier build had, as that build's own insert would; answers the id. */
export function insertProfessional(desk: MigrationDesk, p: { registrationNumber: string; cpf: string; name: string; email: string; dipStatus?: string }): number {
  const at = '2024-01-15T12:00:00.000Z';
  // Sealed as it is written: a row left unsealed is, at the desk's next write, one another program wrote.
  return desk.sealedWrite(() =>
    Number(
      desk.store.db
        .prepare(
          `INSERT INTO professionals (registration_number, cpf, name, name_folded, mother_name, mother_not_listed, email, dip_status, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'Antônia da Silva', 0, ?, ?, ?, ?)`,
        )
        .run(p.registrationNumber, p.cpf, p.name, p.name.toLowerCase(), p.email, p.dipStatus ?? 'none', at, at).lastInsertRowid,
    ),
  );
}

/** The record as the desk shows it. */
export function professionalOf(desk: MigrationDesk, id: number): Professional {
  return (desk.handlers['registry:get']({ id }) as { professional: Professional }).professional;
}

/** Saves a correction of the record at its current version as the form does: the professional's request, her RG of 2026-03-09 as evidence. */
export function saveCorrection(
  desk: MigrationDesk,
  id: number,
  changes: Record<string, string>,
  { arrival = 'in_person', dipAcknowledged = false }: { arrival?: string; dipAcknowledged?: boolean } = {},
): { corrections: { uuid: string }[] } {
  return desk.handlers['corrections:save']({
    professionalId: id,
    expectedRowVersion: professionalOf(desk, id).rowVersion,
    changes,
    reason: 'Pedido da profissional',
    evidence: { kind: 'RG', arrival, date: '2026-03-09', note: null },
    dipAcknowledged,
  } as never) as { corrections: { uuid: string }[] };
}

/** Waits for a job and answers its result, failing with its message. */
export async function job<T>(desk: MigrationDesk, started: { jobId: string } | Promise<{ jobId: string }>): Promise<T> {
  const { jobId } = await started;
  const status = await desk.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(status.error?.message ?? status.state);
  return status.result as T;
}

/** Checks, with the loaded build's own check, that every trigger, index and foreign key of the store is there as the desk made it. */
export async function expectGuardsIntact(desk: MigrationDesk): Promise<void> {
  const { checkGuards } = await import('../../db/storeGuards');
  expect(checkGuards(desk.store.db)).toEqual({ missing: [], altered: [], foreign: [] });
}

/** What `audit verify` answers. */
export async function auditVerification(desk: MigrationDesk): Promise<AuditVerification> {
  return (await desk.handlers['audit:verify']({})) as AuditVerification;
}

/** Whether `audit verify` says the trail is intact. */
export async function auditIntact(desk: MigrationDesk): Promise<boolean> {
  return (await auditVerification(desk)).ok;
}

/** A lote of every pending correction, sealed in package format `schemaVersion` (as an earlier build wrote it) and exported into `dir`. */
export async function exportedLote(desk: MigrationDesk, dir: TempDir, schemaVersion: number): Promise<{ id: number; uuid: string; sha256: string }> {
  const sealed = await sealedInVersion(desk, schemaVersion);
  const summary = (await desk.handlers['batches:get']({ id: sealed.id })).batch;
  const exported = await job<{ sha256: string }>(desk, desk.handlers['batches:export']({ id: sealed.id, path: dir.file(summary.fileName), passphrase: null, replace: false }));
  return { id: sealed.id, uuid: sealed.uuid, sha256: exported.sha256 };
}

/** Exports a sealed lote once more, into a folder of its own, and answers the package's SHA-256. */
export async function exportAgain(desk: MigrationDesk, dir: TempDir, loteId: number): Promise<string> {
  const summary = (await desk.handlers['batches:get']({ id: loteId })).batch;
  mkdirSync(dir.file('again'));
  const again = await job<{ sha256: string }>(desk, desk.handlers['batches:export']({ id: loteId, path: join(dir.file('again'), summary.fileName), passphrase: null, replace: false }));
  return again.sha256;
}
