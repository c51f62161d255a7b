// `npm run bench`: fills a temporary store with synthetic professionals and times the registry's
// hot paths through the same handlers the app uses. It is a report: the exit code is 0 even when
// a target is missed; the verdict column says so. It runs twice — on an encrypted store, as the app
// keeps it, and on a plain one — and prints each case's cost of encryption (storePasses.ts).
// `BENCH_BUSY=1` runs the encrypted pass as it is, then beside a process that keeps one core busy,
// and prints both reports; `BENCH_ONLY=<pattern>` runs only the cases whose name matches;
// `BENCH_KEEP=1` keeps the bench's folder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHandlers, openStore, type Store } from '../../db';
import { STORE_KEY_ENV, useStoreKey } from '../../db/storeKey';
import type { BenchContext } from './context';
import { backupCases, backupResponsiveness } from './backupCases';
import { answerCases } from './answerCases';
import { batchCases } from './batchCases';
import { correctionDuringImport } from './concurrencyCases';
import { importCases, runImportChild } from './importCases';
import { registryCases } from './registryCases';
import { storeOpenCases } from './storeOpenCases';
import { formatBytes, formatCount, formatMs, machineLines, resultTable, VERDICT_OK, VERDICT_OVER } from './report';
import { runCases, type BenchCase, type CaseResult } from './runner';
import { encryptionCostTable, runBothPasses, storePassOf } from './storePasses';

const DEFAULT_PROFESSIONALS = 250_000;
const REGION_SP = 9;

function professionalsToGenerate(): number {
  const fromEnv = process.env.BENCH_PROFESSIONALS;
  if (fromEnv === undefined || fromEnv === '') return DEFAULT_PROFESSIONALS;
  const value = Number(fromEnv);
  if (!Number.isInteger(value) || value < 1) throw new Error(`BENCH_PROFESSIONALS inválido: "${fromEnv}" (use um número inteiro positivo).`);
  return value;
}

/**
 * What the store occupies once its write-ahead log is folded back in: after a big transaction the
 * -wal file keeps its size, so adding it would count the data twice.
 */
function storeSize(store: Store): number {
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  return [store.path, `${store.path}-wal`].reduce((sum, file) => sum + (existsSync(file) ? statSync(file).size : 0), 0);
}

/** `BENCH_ONLY=<pattern>`: only the cases whose name matches (case-insensitive), while working on one. */
function casesToRun(): RegExp {
  const pattern = process.env.BENCH_ONLY;
  return pattern ? new RegExp(pattern, 'i') : /.*/;
}

const printCase = (r: CaseResult) => console.log(`  ${r.name}: p95 ${formatMs(r.measured.p95)}`);

/** The chosen cases, then the counter while a whole month's import runs beside it (its own timing: a save every moment). */
async function benchPass(context: BenchContext, cases: BenchCase[], only: RegExp): Promise<CaseResult[]> {
  const results = await runCases(cases, printCase, () => context.store.foldLog());
  if (only.test('correção durante importação')) {
    const counter = await correctionDuringImport(context);
    for (const line of counter.lines) console.log(line);
    results.push(counter.result);
  }
  return results;
}

function printVerdict(results: readonly CaseResult[]): void {
  const over = results.filter((r) => !r.withinTarget);
  console.log(
    over.length === 0
      ? `\nVeredito: ${VERDICT_OK} — todos os ${results.length} casos dentro do alvo.`
      : `\nVeredito: ${over.length} de ${results.length} casos ${VERDICT_OVER}: ${over.map((r) => r.name).join('; ')}.`,
  );
}

async function main(): Promise<void> {
  const professionals = professionalsToGenerate();
  const dir = mkdtempSync(join(tmpdir(), 'cress-bench-'));
  // A key of the bench's own (inherited by the commands and imports it starts), never the desk's.
  process.env[STORE_KEY_ENV] ||= join(dir, 'store.key');
  const store = openStore({ path: join(dir, 'cress.db') });
  try {
    const handlers = createHandlers(store, { appVersion: 'bench' });
    await handlers['settings:setup']({ region: REGION_SP, seccional: null, operator: 'Benchmark', demoProfessionals: 0 });
    const context: BenchContext = { store, handlers, dir, professionals, region: REGION_SP };

    const sqliteVersion = (store.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
    console.log('CRESS Desk — benchmark do cadastro\n');
    for (const line of machineLines(sqliteVersion)) console.log(line);
    console.log(`Profissionais: ${formatCount(professionals)} (CRESS ${REGION_SP}ª Região)\n`);

    // Later features add their own groups of cases here.
    // The command line and the browser host always encrypt: their cases run on the encrypted pass only.
    const opening = storePassOf(process.env) === 'plain' ? [] : storeOpenCases(context);
    const cases: BenchCase[] = [...registryCases(context), ...batchCases(context), ...backupCases(context), ...opening, ...importCases(context), ...answerCases(context)];
    const only = casesToRun();
    const [fill, ...chosen] = cases.filter((c, i) => i === 0 || only.test(c.name)); // the first case fills the store the others use
    const fillResult = await runCases([fill as BenchCase], printCase, () => store.foldLog());
    const idle = [...fillResult, ...(await benchPass(context, chosen, only))];

    console.log(`\nTamanho do arquivo de dados: ${formatBytes(storeSize(store))}`);
    console.log(`Pico de memória (RSS): ${formatBytes(process.resourceUsage().maxRSS * 1024)}\n`);
    console.log(resultTable(idle));
    if (only.test('backup')) for (const line of await backupResponsiveness(context, join(__dirname, '..', 'worker', 'jobs.cjs'))) console.log(line);
    printVerdict(idle);
    if (process.env.BENCH_RESULTS) writeFileSync(process.env.BENCH_RESULTS, JSON.stringify(idle));

    console.log('Referência: a mesma operação em better-sqlite3 puro (SELECT preparado, INSERT simples em banco à parte, consulta FTS5 direta).');
  } finally {
    store.close();
    // BENCH_KEEP=1 leaves the folder (store, key, spreadsheets) to profile one case by hand.
    if (process.env.BENCH_KEEP === '1') console.log(`Pasta mantida: ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `BENCH_BUSY=1`: the whole bench twice, each in a process of its own on a store of its own — as
 * it is, then beside a process that keeps one core busy (as an antivirus scanning the disk or a
 * browser would on a council PC) — both reports printed.
 */
function runIdleThenBusy(): void {
  const again = (label: string) => {
    console.log(`\n=== ${label} ===\n`);
    const run = spawnSync(process.execPath, [...process.execArgv, process.argv[1] as string], { stdio: 'inherit', env: { ...process.env, BENCH_BUSY: '', BENCH_STORE: 'encrypted' } });
    if (run.status !== 0) throw new Error(`benchmark (${label}) ended with ${run.status}`);
  };
  again('Máquina livre');
  const spinner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
  try {
    again('Com um núcleo ocupado por outro processo (um laço sem fim)');
  } finally {
    spinner.kill('SIGKILL');
  }
}

/** Both passes, then the cost of encryption case by case. */
function runEncryptedAndPlain(): void {
  const passes = runBothPasses();
  console.log('\nCusto da criptografia (p95 de cada caso, no mesmo banco gerado):\n');
  console.log(encryptionCostTable(passes));
}

// The plain pass (and the import children it starts) open every store without a key.
if (storePassOf(process.env) === 'plain') useStoreKey('plain');
// The import cases start this same bundle again to measure one import in a process of its own.
if (!runImportChild(process.argv)) {
  if (process.env.BENCH_BUSY === '1') runIdleThenBusy();
  else if (storePassOf(process.env) === null) runEncryptedAndPlain();
  else
    main().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
