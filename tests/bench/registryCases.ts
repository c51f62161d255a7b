// Benchmark cases of the registry: filling it, exact lookups and name search, each beside the
// bare better-sqlite3 equivalent.
import Database from 'better-sqlite3';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sealWritten } from '../../db/audit';
import { generateDemoProfessionals, mulberry32 } from '../../db/demo';
import { JobRunner } from '../../db/jobs/runner';
import { writeTransaction } from '../../db/storeLock';
import { formatCpf } from '../../shared/rules/cpf';
import { foldForSearch } from '../../shared/text';
import type { BenchContext } from './context';
import type { BenchCase, Timed } from './runner';

const LOOKUPS = 2000;
const NAME_QUERIES = 500;
const PAGE = { page: 0, pageSize: 25 };

/** Keys of professionals picked at random (reproducibly) from the filled registry. */
function sampleKeys(context: BenchContext, count: number, seed: number): { cpf: string; registration: string; name: string }[] {
  const random = mulberry32(seed);
  const byId = context.store.db.prepare<[number], { cpf: string; registration: string; name: string }>(
    'SELECT cpf, registration_number AS registration, name FROM professionals WHERE id = ?',
  );
  const { low, high } = context.store.db.prepare('SELECT min(id) AS low, max(id) AS high FROM professionals').get() as { low: number; high: number };
  const keys = [];
  while (keys.length < count) {
    const row = byId.get(low + Math.floor(random() * (high - low + 1)));
    if (row) keys.push(row);
  }
  return keys;
}

/** Times the same lookups through a handler and through one bare prepared SELECT. */
function lookupCase(
  context: BenchContext,
  name: string,
  seed: number,
  keyOf: (key: { cpf: string; registration: string }, run: number) => string,
  lookup: (key: string) => unknown,
  bareSql: string,
  bareKeyOf: (key: { cpf: string; registration: string }) => string,
): BenchCase {
  let keys: { cpf: string; registration: string }[] = [];
  let bare: Database.Statement<[string]>;
  return {
    name,
    targetMs: 2,
    measured: {
      runs: LOOKUPS,
      before: () => {
        keys = sampleKeys(context, LOOKUPS, seed);
      },
      step: (run) => lookup(keyOf(keys[run]!, run)),
    },
    reference: {
      runs: LOOKUPS,
      before: () => {
        bare = context.store.db.prepare(bareSql);
      },
      step: (run) => {
        if (!bare.get(bareKeyOf(keys[run]!))) throw new Error(`${name}: referência não encontrou a chave`);
      },
    },
  };
}

function checkFound(value: unknown, what: string): void {
  const found = value !== null && (typeof value !== 'object' || !('items' in value) || (value as { items: unknown[] }).items.length > 0);
  if (!found) throw new Error(`${what}: nenhum resultado para uma chave que existe`);
}

/** A handler's answer must find something; a sync answer is checked without a promise tick. */
function expectFound(result: unknown, what: string): unknown {
  if (result instanceof Promise) return result.then((value: unknown) => checkFound(value, what));
  checkFound(result, what);
  return undefined;
}

/** Fragments a clerk types: a first name, a surname, both, a 3-letter prefix, with and without accents. */
function nameFragments(context: BenchContext): string[] {
  const fixed = ['maria silva', 'con', 'José', 'jose', 'Conceição', 'conceicao', 'Gonçalves', 'goncalves'];
  return sampleKeys(context, NAME_QUERIES, 3).map(({ name }, i) => {
    const words = name.split(' ').filter((w) => w.length > 2);
    const first = words[0]!;
    const last = words[words.length - 1]!;
    switch (i % 8) {
      case 0: return first;
      case 1: return foldForSearch(first);
      case 2: return last;
      case 3: return foldForSearch(last);
      case 4: return foldForSearch(`${first} ${last}`);
      case 5: return foldForSearch(last).slice(0, 3);
      case 6: return `${first} ${foldForSearch(last).slice(0, 3)}`;
      default: return fixed[Math.floor(i / 8) % fixed.length]!;
    }
  });
}

/** Every word a prefix, as an FTS5 query: `maria sil` → `"maria"* "sil"*`. */
function ftsQuery(text: string): string {
  return foldForSearch(text)
    .split(' ')
    .map((word) => `"${word}"*`)
    .join(' ');
}

function generationCase(context: BenchContext): BenchCase {
  const count = context.professionals;
  const scratchPath = join(context.dir, 'scratch.db');
  let scratch: Database.Database;
  const reference: Timed = {
    runs: 1,
    before: () => {
      scratch = new Database(scratchPath);
      scratch.pragma('journal_mode = WAL');
      scratch.pragma('synchronous = NORMAL');
      scratch.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, cpf TEXT NOT NULL, name TEXT NOT NULL)');
    },
    step: () => {
      const insert = scratch.prepare('INSERT INTO scratch (cpf, name) VALUES (?, ?)');
      scratch.transaction(() => {
        for (let i = 0; i < count; i++) insert.run(String(10_000_000_000 + i), 'Maria da Conceição Silva');
      })();
    },
    after: () => {
      scratch.close();
      rmSync(scratchPath, { force: true });
      rmSync(`${scratchPath}-wal`, { force: true });
      rmSync(`${scratchPath}-shm`, { force: true });
    },
  };
  return {
    name: `Gerar ${count.toLocaleString('pt-BR')} profissionais`,
    targetMs: 20_000,
    measured: {
      runs: 1,
      // Sealed in the transaction that makes them, as the app's insertDemoProfessionals does: a
      // write after it would otherwise find them in the seal queue, as another program's rows.
      step: () => {
        const { inserted } = writeTransaction(context.store.db, () => {
          const made = generateDemoProfessionals(context.store.db, { count, region: context.region, seed: 1 });
          sealWritten(context.store.db);
          return made;
        });
        if (inserted !== count) throw new Error(`Geração inseriu ${inserted} de ${count}`);
      },
    },
    reference,
  };
}

export function registryCases(context: BenchContext): BenchCase[] {
  const { handlers } = context;
  const find = (key: string) => expectFound(handlers['registry:find']({ key }), 'registry:find');
  const search = (text: string) => expectFound(handlers['registry:search']({ text, ...PAGE }), 'registry:search');
  const byCpf = 'SELECT * FROM professionals WHERE cpf = ?';
  const byRegistration = 'SELECT * FROM professionals WHERE registration_number = ?';
  // Half the CPFs typed with punctuation, half as bare digits.
  const typedCpf = (key: { cpf: string }, run: number) => (run % 2 === 0 ? formatCpf(key.cpf) : key.cpf);

  let fragments: string[] = [];
  let fts: Database.Statement<[string]>;
  const nameSearch: BenchCase = {
    name: 'Busca por nome, 1ª página (registry:search)',
    targetMs: 30,
    measured: {
      runs: NAME_QUERIES,
      before: () => {
        fragments = nameFragments(context);
      },
      step: (run) => search(fragments[run]!),
    },
    reference: {
      runs: NAME_QUERIES,
      before: () => {
        fts = context.store.db.prepare('SELECT rowid FROM professionals_fts WHERE professionals_fts MATCH ? LIMIT 25');
      },
      step: (run) => fts.all(ftsQuery(fragments[run]!)),
    },
  };

  // The worklist's full check: every record's rules again, written in one transaction (goal 3 s),
  // run as the app runs it: a job in the job worker, which shares the records with a second thread.
  const workerPath = join(__dirname, '..', 'worker', 'jobs.cjs');
  const jobs = new JobRunner({ storePath: () => context.store.path, workerPath: existsSync(workerPath) ? workerPath : null });
  const scanInJobWorker = async () => {
    const status = await jobs.wait(jobs.start('quality:scan', {}));
    if (status.state !== 'done') throw new Error(`quality:scan: ${status.error?.message ?? status.state}`);
  };
  const qualityScan: BenchCase = {
    name: 'Pendências: conferir o cadastro inteiro (quality:scan)',
    targetMs: 3000,
    measured: { runs: 3, step: () => scanInJobWorker() },
    reference: {
      runs: 3,
      step: () => {
        let rows = 0;
        for (const _row of context.store.db.prepare('SELECT * FROM professionals').iterate()) rows++;
        if (rows === 0) throw new Error('quality:scan: cadastro vazio');
      },
    },
  };

  return [
    generationCase(context),
    lookupCase(context, 'CPF exato (registry:find)', 11, typedCpf, find, byCpf, (k) => k.cpf),
    lookupCase(context, 'Nº de registro exato (registry:find)', 12, (k) => k.registration, find, byRegistration, (k) => k.registration),
    lookupCase(context, 'CPF na busca (registry:search)', 13, typedCpf, search, byCpf, (k) => k.cpf),
    lookupCase(context, 'Nº de registro na busca (registry:search)', 14, (k) => k.registration, search, byRegistration, (k) => k.registration),
    nameSearch,
    qualityScan,
  ];
}
