// Benchmark case of Implanta's answer to the 100 000-correction lote of the batch cases: checking
// what it would change ("Conferir", a dry run) beside applying the same answer, in the same run.
// The check does all the apply does and then rolls back; it must not cost much more. Runs last:
// applying gives half the records Implanta's e-mail back, which the other cases must not see.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AckResult, ExportResult } from '../../shared/contract/batches';
import { jobResult } from './batchCases';
import type { BenchContext } from './context';
import type { BenchCase } from './runner';

/** Checking the answer may take at most this many times what applying it takes. */
const CHECK_FACTOR = 1.5;

export function answerCases(context: BenchContext): BenchCase[] {
  const { handlers } = context;
  const folder = join(context.dir, 'answer-bench');
  const answer = join(folder, 'resposta.json');
  const applyTimes: number[] = [];
  let items = 0;

  const acknowledge = async (dryRun: boolean): Promise<AckResult> => {
    const started = await handlers['batches:acknowledge']({ path: answer, fileName: 'resposta.json', dryRun });
    const result = await jobResult<AckResult>(handlers, started.jobId);
    if (result.applied + result.rejected !== items) throw new Error(`answer bench: ${result.applied + result.rejected} of ${items} items answered`);
    return result;
  };

  return [
    {
      name: `Lote: conferir a resposta da Implanta (100.000 itens, metade rejeitada) ≤ ${CHECK_FACTOR.toLocaleString('pt-BR')}× aplicá-la`,
      // Known once the apply (the reference) has run: the runner reads it after both timings.
      get targetMs() {
        return applyTimes.length === 0 ? Number.NaN : CHECK_FACTOR * Math.max(...applyTimes);
      },
      measured: {
        runs: 1,
        // The lote the batch cases sealed is exported once more (for its SHA-256), marked sent, and
        // answered: every other correction applied, the rest rejected.
        before: async () => {
          const { db } = context.store;
          const batch = db.prepare("SELECT id, uuid FROM batches WHERE state IN ('sealed', 'exported') ORDER BY id DESC LIMIT 1").get() as { id: number; uuid: string } | undefined;
          if (!batch) throw new Error('answer bench: no sealed lote; run it with the other "Lote:" cases (BENCH_ONLY=Lote)');
          mkdirSync(folder, { recursive: true });
          const exported = await jobResult<ExportResult>(
            handlers,
            (await handlers['batches:export']({ id: batch.id, path: join(folder, 'lote.zip'), passphrase: null, replace: false })).jobId,
          );
          await handlers['batches:markSent']({ id: batch.id });
          const ids = db.prepare('SELECT uuid FROM corrections WHERE batch_id = ? ORDER BY id').pluck().all(batch.id) as string[];
          items = ids.length;
          const answered = ids.map((id, i) => (i % 2 === 0 ? { id, status: 'applied' } : { id, status: 'rejected', message: 'E-mail já cadastrado para outra pessoa na Implanta' }));
          writeFileSync(answer, JSON.stringify({ schemaVersion: 2, batch: batch.uuid, packageSha256: exported.sha256, items: answered }));
        },
        step: async () => {
          await acknowledge(true);
        },
      },
      reference: {
        runs: 1,
        step: async () => {
          const start = process.hrtime.bigint();
          await acknowledge(false);
          applyTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
        },
        after: () => rmSync(folder, { recursive: true, force: true }),
      },
    },
  ];
}
