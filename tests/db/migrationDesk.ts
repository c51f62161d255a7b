// A store written by the previous version of the desk, then opened by this one: the desk's modules
// loaded as a build knows its migrations — all of them, or only those before a given migration.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';
import type { Store } from '../../db';
import type { JobRunner } from '../../db/jobs/runner';
import type { Handlers } from '../../shared/contract';
import type { AuditVerification } from '../../shared/contract/audit';
import { sealedInVersion } from './batchFixtures';
import type { TempDir } from './fixtures';

const JOURNAL = '../../db/migrations/meta/_journal.json';

export type DbModule = typeof import('../../db');
export type MigrationDesk = { store: Store; handlers: Handlers; modules: DbModule; jobs: JobRunner };

export const MIGRATION_NOW = new Date('2026-03-10T13:00:00.000Z');

/** Loads the desk as the build before migration `tag` (`previous`) or as this one (`current`), on the store at `path`. */
export async function loadDesk(tag: string, path: string, version: 'previous' | 'current'): Promise<MigrationDesk> {
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
  const store = modules.openStore({ path });
  const jobs = new JobRunner({ storePath: () => store.path, workerPath: null, now: () => MIGRATION_NOW });
  const handlers = modules.createHandlers(store, { appVersion: '1.2.3-test', now: () => MIGRATION_NOW, jobs });
  return { store, handlers, modules, jobs };
}

/** Runs `use` on the desk loaded as `version` on the store at `path`, and closes the store however `use` ends. */
export async function withDesk<T>(tag: string, path: string, version: 'previous' | 'current', use: (desk: MigrationDesk) => Promise<T>): Promise<T> {
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

/** Waits for a job and answers its result, failing with its message. */
export async function job<T>(desk: MigrationDesk, started: { jobId: string } | Promise<{ jobId: string }>): Promise<T> {
  const { jobId } = await started;
  const status = await desk.jobs.wait(jobId);
  if (status.state !== 'done') throw new Error(status.error?.message ?? status.state);
  return status.result as T;
}

/** Whether `audit verify` says the trail is intact. */
export async function auditIntact(desk: MigrationDesk): Promise<boolean> {
  return ((await desk.handlers['audit:verify']({})) as AuditVerification).ok;
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
