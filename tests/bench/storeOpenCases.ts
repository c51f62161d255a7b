// Benchmark cases of opening the national store (250 000 professionals, 1 000 000 corrections):
// the built `cress-desk info` as the council's IT runs it, and the browser host from its launch to
// the answer of a first name search — each a process of its own, beside a bare Node process that
// opens the same file with better-sqlite3 and runs the same query (docs/store.md, "Opening the store").
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { startHostProcess } from '../cli/processes';
import { storeKeyPragmas } from '../rawStore';
import { fillCorrections } from './backupCases';
import { formatMs } from './report';
import type { BenchContext } from './context';
import type { BenchCase, Timed } from './runner';

const RUNS = 5;
const INFO_TARGET_MS = 500;
const SEARCH_TARGET_MS = 1000;
// Beside this bundle (out/bench): the built command and host.
const CLI = resolve(__dirname, '../cli/cress-desk.cjs');
const HOST = resolve(__dirname, '../host/host.cjs');
const BETTER_SQLITE3 = createRequire(__filename).resolve('better-sqlite3');

/** A Node process that opens `store` (with the desk's key, tests/rawStore.ts) and runs `sql` once, the barest way. */
function bareOpen(store: string, sql: string): Timed {
  const script = `const D = require(${JSON.stringify(BETTER_SQLITE3)}); const db = new D(${JSON.stringify(store)}, { fileMustExist: true }); for (const p of JSON.parse(process.env.STORE_KEY_PRAGMAS)) db.pragma(p); db.prepare(${JSON.stringify(sql)}).all(); db.close();`;
  let env: NodeJS.ProcessEnv | null = null;
  return {
    runs: RUNS,
    step: () => {
      env ??= { ...process.env, STORE_KEY_PRAGMAS: JSON.stringify(storeKeyPragmas(store)) };
      const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env });
      if (result.status !== 0) throw new Error(`referência: ${result.stderr}`);
    },
  };
}

/** Runs `command` to its end; rejects when it fails. */
function runToEnd(args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${args.join(' ')}: ${errors}`))));
  });
}

export function storeOpenCases(context: BenchContext): BenchCase[] {
  const store = context.store.path;
  // A first name from the registry, once it is filled.
  let name = '';
  const firstName = () => (name ||= (context.store.db.prepare('SELECT name FROM professionals ORDER BY id LIMIT 1 OFFSET 777').pluck().get() as string).split(' ')[0] as string);
  return [
    {
      name: `cress-desk info no banco nacional (${(1_000_000).toLocaleString('pt-BR')} correções; < ${INFO_TARGET_MS} ms)`,
      targetMs: INFO_TARGET_MS,
      measured: {
        runs: RUNS,
        // The first run after a build fills Node's compile cache for the command (as the first run
        // after an install does): timed and printed apart, not one of the runs the target is about.
        before: async () => {
          fillCorrections(context);
          const started = performance.now();
          await runToEnd([CLI, '--db', store, 'info']);
          console.log(`  cress-desk info, 1ª execução depois da compilação (cache de compilação vazio): ${formatMs(performance.now() - started)}`);
        },
        step: () => runToEnd([CLI, '--db', store, 'info']),
      },
      reference: bareOpen(store, 'SELECT * FROM settings'),
    },
    {
      name: `Prévia no navegador: da partida à 1ª busca por nome (< ${SEARCH_TARGET_MS} ms)`,
      targetMs: SEARCH_TARGET_MS,
      measured: {
        runs: RUNS,
        before: () => void firstName(),
        step: async () => {
          const host = await startHostProcess(store, HOST);
          try {
            const answer = await host.invoke('registry:search', { text: name });
            if (!answer.ok) throw new Error(`busca: ${JSON.stringify(answer.error)}`);
          } finally {
            await host.stop();
          }
        },
      },
      reference: {
        runs: RUNS,
        step: () => bareOpen(store, `SELECT rowid FROM professionals_fts WHERE professionals_fts MATCH '"${firstName().toLowerCase()}"' LIMIT 50`).step(0),
      },
    },
  ];
}
