// Benchmark cases of batches for Implanta: creating and sealing a batch of 100 000 corrections,
// and exporting its package beside Info-ZIP (`zip -X -r`) zipping the same files in the same run.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sealWritten } from '../../db/audit';
import { writeTransaction } from '../../db/storeLock';
import type { Handlers } from '../../shared/contract';
import type { ExportResult } from '../../shared/contract/batches';
import type { BenchContext } from './context';
import type { BenchCase } from './runner';

const CORRECTIONS = 100_000;
const EXPORT_RUNS = 3;
/** The export may take at most this many times what Info-ZIP takes for the same files. */
const EXPORT_FACTOR = 1.5;

/** Waits for a job started through the handlers (the bench runs jobs inline). */
export async function jobResult<T>(handlers: Handlers, jobId: string): Promise<T> {
  for (;;) {
    const status = await handlers['jobs:status']({ id: jobId });
    if (status.state === 'done') return status.result as T;
    if (status.state !== 'running') throw new Error(`job ${status.state}: ${status.error?.message}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * 100 000 pending e-mail corrections, one per professional, written straight into SQLite — then
 * sealed for the audit trail, as each would have been when the clerk saved it.
 */
function insertPendingCorrections(context: BenchContext): void {
  const { db } = context.store;
  const already = (db.prepare("SELECT count(*) AS n FROM corrections WHERE status = 'pending'").get() as { n: number }).n;
  if (already > 0) throw new Error(`batch bench: ${already} corrections already pending; run the batch cases before others that add corrections`);
  // One transaction that seals what it wrote, as the desk's own writes end.
  writeTransaction(db, () => {
    db.prepare(
      `INSERT INTO corrections (uuid, professional_id, field, old_value, new_value, reason, evidence_kind, evidence_arrival, evidence_date,
         operator, created_at, status, source, dip_consequence)
       SELECT lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-a' || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
         id, 'email', email, 'caixa' || id || '@exemplo.com.br', 'E-mail informado pela profissional no balcão', 'RG', 'in_person', '2026-03-01',
         'Benchmark', '2026-03-02T12:00:00.000Z', 'pending', 'manual', 'none'
       FROM professionals ORDER BY id LIMIT ?`,
    ).run(CORRECTIONS);
    sealWritten(db);
  });
}

export function batchCases(context: BenchContext): BenchCase[] {
  const { handlers } = context;
  const folder = join(context.dir, 'batch-bench');
  const bagFolder = join(folder, 'bag');
  let batchId = 0;
  let run = 0;
  const zipTimes: number[] = [];
  const infoZip = spawnSync('zip', ['-v']).status === 0;

  const createAndSeal: BenchCase = {
    name: `Lote: gerar + fechar ${CORRECTIONS.toLocaleString('pt-BR')} correções`,
    targetMs: 3000,
    measured: {
      runs: 1,
      // The 100 000 corrections were saved over weeks: the desk folded their log long before the
      // clerk generates the lote (db/logFold.ts), so the step does not inherit that fold.
      before: () => {
        insertPendingCorrections(context);
        context.store.foldLog();
      },
      step: async () => {
        const batch = await handlers['batches:create']({});
        await handlers['batches:seal']({ id: batch.id });
        batchId = batch.id;
        if (batch.counts.corrections !== CORRECTIONS) throw new Error(`batch bench: the batch holds ${batch.counts.corrections} corrections`);
      },
      // The clerk has the lote once it is sealed; the desk folds its log into the file when it is
      // quiet (db/logFold.ts). Shown, not hidden: what that fold takes, once the desk is quiet.
      after: () => {
        const start = process.hrtime.bigint();
        context.store.foldLog();
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        console.log(`    depois, com a mesa parada, o registro do banco volta ao arquivo em ${Math.round(ms).toLocaleString('pt-BR')} ms (fora da espera do balcão)`);
      },
    },
  };

  const exportCase: BenchCase = {
    name: `Lote: exportar o pacote (${CORRECTIONS.toLocaleString('pt-BR')} correções) ≤ ${EXPORT_FACTOR.toLocaleString('pt-BR')}× zip -X -r`,
    // Known once Info-ZIP (the reference) has run: the runner reads it after both timings.
    get targetMs() {
      return zipTimes.length === 0 ? Number.NaN : EXPORT_FACTOR * Math.max(...zipTimes);
    },
    measured: {
      runs: EXPORT_RUNS,
      before: () => {
        mkdirSync(folder, { recursive: true });
      },
      step: async () => {
        const out = join(folder, `run-${run++}`);
        mkdirSync(out);
        const started = await handlers['batches:export']({ id: batchId, path: join(out, 'lote.zip'), passphrase: null, replace: false });
        await jobResult<ExportResult>(handlers, started.jobId);
      },
    },
    reference: {
      runs: EXPORT_RUNS,
      before: () => {
        if (!infoZip) throw new Error('Info-ZIP (zip) is not installed: apt-get install zip');
        // The same files the export packaged, unpacked from its own package.
        execFileSync('unzip', ['-q', join(folder, 'run-0', 'lote.zip'), '-d', bagFolder]);
      },
      step: (i) => {
        const start = process.hrtime.bigint();
        execFileSync('zip', ['-q', '-X', '-r', join(folder, `info-zip-${i}.zip`), '.'], { cwd: bagFolder });
        zipTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
      },
      after: () => rmSync(folder, { recursive: true, force: true }),
    },
  };
  return [createAndSeal, exportCase];
}
