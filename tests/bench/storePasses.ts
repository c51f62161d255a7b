// The bench on an encrypted store beside the same bench on a plain one: each pass in a process of
// its own, on a store of its own, its report printed as it runs; then one table puts each case's
// p95 on both stores side by side, with the cost of encryption (goal: at most 1.3×). The plain pass
// is the only place stores are opened without a key (useStoreKey('plain')): the built command line
// and the browser host always encrypt, so the cases that start them run on the encrypted pass only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatMs } from './report';
import type { CaseResult } from './runner';

export type StorePass = 'encrypted' | 'plain';
export const ENCRYPTION_COST_GOAL = 1.3;

/** The pass this process runs (BENCH_STORE), or null when it is the one that starts both. */
export function storePassOf(env: NodeJS.ProcessEnv): StorePass | null {
  const value = env.BENCH_STORE;
  return value === 'plain' || value === 'encrypted' ? value : null;
}

/** Runs both passes of this bundle and answers their results. */
export function runBothPasses(): Record<StorePass, CaseResult[]> {
  const folder = mkdtempSync(join(tmpdir(), 'cress-bench-passes-'));
  try {
    const run = (pass: StorePass, label: string): CaseResult[] => {
      console.log(`\n=== ${label} ===\n`);
      const results = join(folder, `${pass}.json`);
      const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1] as string], { stdio: 'inherit', env: { ...process.env, BENCH_STORE: pass, BENCH_RESULTS: results } });
      if (child.status !== 0) throw new Error(`benchmark (${label}) ended with ${child.status}`);
      return JSON.parse(readFileSync(results, 'utf8')) as CaseResult[];
    };
    return { encrypted: run('encrypted', 'Banco criptografado (como o aplicativo o grava)'), plain: run('plain', 'O mesmo banco sem criptografia, para comparar') };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Each case's p95 on both stores and their ratio, against the goal. */
export function encryptionCostTable(passes: Record<StorePass, CaseResult[]>): string {
  const header = ['caso', 'criptografado p95', 'sem criptografia p95', 'razão', `meta ≤ ${ENCRYPTION_COST_GOAL}×`];
  const rows = passes.encrypted.map((encrypted) => {
    const plain = passes.plain.find((r) => r.name === encrypted.name);
    if (!plain) return [encrypted.name, formatMs(encrypted.measured.p95), '—', '—', 'só criptografado'];
    const ratio = encrypted.measured.p95 / plain.measured.p95;
    return [encrypted.name, formatMs(encrypted.measured.p95), formatMs(plain.measured.p95), `${ratio.toFixed(2).replace('.', ',')}×`, ratio <= ENCRYPTION_COST_GOAL ? 'ok' : 'ACIMA'];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 || column === cells.length - 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join(' | ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
