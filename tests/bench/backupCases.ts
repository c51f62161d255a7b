// Benchmark cases of backups on the full store (250 000 professionals, 1 000 000 corrections):
// creating a verified backup — plain and encrypted — and verifying one, each against a bare
// better-sqlite3 VACUUM INTO followed by integrity_check of the copy, measured in the same run
// (SQLite's online backup API cannot copy an encrypted store: VACUUM INTO is what a SQLite tool
// with the key does, as the desk does). The target is 1.5× that reference. The plain creation
// also runs through the job runner's worker thread, as in the app, while the main thread's
// event-loop delay is measured: the window's side must stay responsive.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { sealWritten } from '../../db/audit';
import { writeTransaction } from '../../db/storeLock';
import { createBackup } from '../../db/backups/create';
import { verifyBackup } from '../../db/backups/verify';
import type { JobContext } from '../../db/jobs/types';
import { JobRunner } from '../../db/jobs/runner';
import { openRawStore } from '../rawStore';
import type { BenchContext } from './context';
import { formatCount, formatMs } from './report';
import type { BenchCase, Timed } from './runner';

const CORRECTIONS = 1_000_000;
const RUNS = 2;
const TARGET_FACTOR = 1.5;

/** Tops the store up to a million corrections with one INSERT … SELECT (the app's path is not what is timed here). */
export function fillCorrections(context: BenchContext): void {
  const db = context.store.db;
  const existing = db.prepare('SELECT count(*) FROM corrections').pluck().get() as number;
  const missing = CORRECTIONS - existing;
  if (missing <= 0) return;
  const professionals = db.prepare('SELECT max(id) FROM professionals').pluck().get() as number;
  writeTransaction(db, () => {
    db.exec(`INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, evidence_kind, evidence_arrival, evidence_date,
        operator, created_at, status, source, dip_consequence)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${missing})
      SELECT lower(hex(randomblob(16))), 1 + (i % ${professionals}),
        CASE i % 4 WHEN 0 THEN 'email' WHEN 1 THEN 'cep' WHEN 2 THEN 'motherName' ELSE 'name' END,
        'valor anterior ' || i, 'valor novo ' || i, 'Documento apresentado no balcão', 'RG', 'in_person', '2026-11-24', 'Benchmark',
        '2026-11-24T12:00:00.000Z', CASE i % 5 WHEN 0 THEN 'synced' ELSE 'pending' END, 'manual', 'none' FROM n`);
    // Sealed as the desk seals what it writes: left unsealed, the next process to open the store would
    // find a million rows written by another program and record it (seconds charged to that open).
    sealWritten(db);
  });
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** A job context on the bench's store with a clock a second further on each call (new file names). */
function jobContext(storePath: string): JobContext {
  let tick = Date.parse('2026-11-24T15:30:00Z');
  return {
    storePath,
    nowIso: () => new Date((tick += 1000)).toISOString(),
    progress: () => {},
    cancelled: () => false,
  };
}

export function backupCases(context: BenchContext): BenchCase[] {
  const folder = join(context.dir, 'backups');
  const copy = join(context.dir, 'reference-copy.sqlite');
  const contextFor = jobContext(context.store.path);
  let lastFile = '';

  /** VACUUM INTO + integrity_check of the copy: the least any SQLite tool would do. Records its slowest run. */
  const bare = (slowest: { ms: number }): Timed => ({
    runs: RUNS,
    step: async () => {
      const start = process.hrtime.bigint();
      rmSync(copy, { force: true });
      const source = openRawStore(context.store.path, { readonly: true });
      source.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
      source.close();
      const check = openRawStore(copy, { readonly: true });
      const result = check.pragma('integrity_check', { simple: true });
      check.close();
      if (result !== 'ok') throw new Error(`referência: integrity_check respondeu ${String(result)}`);
      slowest.ms = Math.max(slowest.ms, Number(process.hrtime.bigint() - start) / 1e6);
    },
    after: () => rmSync(copy, { force: true }),
  });

  /** A case whose target is 1.5× its own reference, read by the runner once both have run. */
  const relative = (name: string, measured: Timed): BenchCase => {
    const slowest = { ms: Number.NaN };
    return {
      name,
      get targetMs() {
        return slowest.ms * TARGET_FACTOR;
      },
      measured,
      reference: { ...bare(slowest), before: () => void (slowest.ms = 0) },
    };
  };

  const create = (passphrase: string | null, prepare?: () => void): Timed => ({
    runs: RUNS,
    before: () => {
      prepare?.();
      mkdirSync(folder, { recursive: true });
    },
    step: async () => {
      lastFile = (await createBackup({ folder, passphrase, trigger: 'manual', appVersion: 'bench' }, contextFor)).file;
    },
  });

  return [
    relative('backup: criar e verificar (sem senha)', create(null, () => fillCorrections(context))),
    relative('backup: criar e verificar (AES-256)', create('senha do benchmark')),
    relative('backup: verificar um arquivo (sem senha)', {
      runs: RUNS,
      before: async () => {
        lastFile = (await createBackup({ folder, passphrase: null, trigger: 'manual', appVersion: 'bench' }, contextFor)).file;
      },
      step: async () => {
        const verification = await verifyBackup({ file: lastFile, passphrase: null }, contextFor);
        if (!verification.valid) throw new Error(`verificação falhou: ${verification.problems[0]?.message}`);
      },
    }),
  ];
}

/** Prints the reference figure and how the main thread fared while a backup ran in the job worker. */
export async function backupResponsiveness(context: BenchContext, workerPath: string): Promise<string[]> {
  if (!existsSync(workerPath)) return ['Thread principal durante o backup: não medido (worker de tarefas não compilado).'];
  const folder = join(context.dir, 'backups-worker');
  mkdirSync(folder, { recursive: true });
  const runner = new JobRunner({ storePath: () => context.store.path, workerPath });
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const start = Date.now();
  const id = runner.start('backups:create', { folder, passphrase: null, trigger: 'manual', appVersion: 'bench' });
  const status = await runner.wait(id);
  delay.disable();
  if (status.state !== 'done') return [`Backup no worker falhou: ${status.error?.message ?? status.state}`];
  const rows = context.store.db.prepare('SELECT count(*) FROM corrections').pluck().get() as number;
  return [
    `Backup no worker de tarefas (como no aplicativo): ${formatMs(Date.now() - start)} com ${formatCount(rows)} correções;`,
    `  atraso máximo da thread principal nesse tempo: ${formatMs(delay.max / 1e6)} (p99 ${formatMs(delay.percentile(99) / 1e6)}) — a janela continua respondendo.`,
  ];
}
