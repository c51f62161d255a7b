// Benchmark cases of spreadsheet imports: a 250 000-row × 12-column corrections file written by
// LibreOffice (shared strings), imported whole — read, checked, written and committed — into a copy
// of the bench store (250 000 professionals), beside SheetJS only reading the same file; then the
// same rows as CSV. The import runs as the app runs it: in a job worker with the app's heap limits
// (db/jobs/runner.ts). SheetJS runs in a process of its own (its 1,5 GB would distort everything
// after it) and its own time is the reference; the import's peak memory is measured in a process of
// its own too, whose main thread only starts the job worker (runImportAlone).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import type * as XLSX from 'xlsx';
import { openSpreadsheet } from '../../db/imports/readers/open';
import { runImport } from '../../db/imports/run';
import { undoImport } from '../../db/imports/undo';
import { JOB_RESOURCE_LIMITS } from '../../db/jobs/runner';
import { sheetjs } from '../../db/sheetjs';
import type { JobContext } from '../../db/jobs/types';
import type { ImportSummary } from '../../shared/contract/imports';
import { buildXlsx } from '../fixtures/imports/zipWriter';
import type { BenchContext } from './context';
import { formatBytes, formatCount, formatMs } from './report';
import type { BenchCase } from './runner';
import { copyStore } from './context';
import { writeFloorMs } from './writeFloor';

const CHILD_FLAG = '--import-child';
const WORKER_FLAG = '--import-worker';
const XLSX_RATIO = 0.35;
const CSV_RATIO = 0.5;
const MAX_RSS = 400 * 1024 * 1024;
const HEADERS = ['CPF', 'Nome', 'Nome da mãe', 'E-mail', 'Telefone', 'CEP', 'Logradouro', 'Número', 'Bairro', 'Município', 'UF', 'Motivo'];

type ChildTask = { mode: 'sheetjs'; file: string } | { mode: 'import'; file: string; store: string };
interface ChildAnswer {
  ms: number;
  maxRss: number;
  rows: number;
  summary?: Pick<ImportSummary, 'accepted' | 'unchanged' | 'rejected' | 'corrections'>;
}

/**
 * In a child process or a job worker started by the cases below: do the task, hand the answer back,
 * and say so.
 */
export function runImportChild(argv: readonly string[]): boolean {
  if (argv[2] === WORKER_FLAG && !isMainThread) {
    const { file, store } = JSON.parse(argv[3] ?? '{}') as { file: string; store: string };
    parentPort?.postMessage(importHere(file, store));
    return true;
  }
  if (argv[2] !== CHILD_FLAG) return false;
  const task = JSON.parse(argv[3] ?? '{}') as ChildTask;
  const started = process.hrtime.bigint();
  if (task.mode === 'import') {
    // The counter case's import (concurrencyCases.ts): in a job worker, its summary handed back.
    void importInJobWorker(task.file, task.store).answer.then((summary) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const counts = { accepted: summary.accepted, unchanged: summary.unchanged, rejected: summary.rejected, corrections: summary.corrections };
      process.stdout.write(JSON.stringify({ rows: summary.rows, summary: counts, ms, maxRss: process.resourceUsage().maxRSS * 1024 }));
    });
    return true;
  }
  const { read, utils } = sheetjs();
  const book = read(readFileSync(task.file), { type: 'buffer' });
  const rows = utils.sheet_to_json(book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(JSON.stringify({ rows: rows.length, ms, maxRss: process.resourceUsage().maxRSS * 1024 }));
  return true;
}

/**
 * The import in a job worker with the app's heap limits: its answer, and its end (its writer thread
 * folds the log back into the file after answering, and the worker waits for it).
 */
function importInJobWorker(file: string, store: string): { answer: Promise<ImportSummary>; ended: Promise<void> } {
  const worker = new Worker(process.argv[1] as string, { argv: [WORKER_FLAG, JSON.stringify({ file, store })], resourceLimits: JOB_RESOURCE_LIMITS });
  const answer = new Promise<ImportSummary>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  const ended = new Promise<void>((done) => worker.once('exit', () => done()));
  return { answer, ended };
}

function runChild(task: ChildTask): ChildAnswer {
  return answerOf(spawnSync(process.execPath, [process.argv[1] as string, CHILD_FLAG, JSON.stringify(task)], { encoding: 'utf8', maxBuffer: 1 << 20 }), task.mode);
}

/**
 * The import alone in a process, for its peak memory: the process's main thread only starts the
 * job worker (as the app's main side does) and loads nothing else — not this bench, not SheetJS —,
 * so what it measures is the import's two threads and their store connections.
 */
function runImportAlone(file: string, store: string): ChildAnswer {
  const script = `
    const { Worker } = require('node:worker_threads');
    const started = process.hrtime.bigint();
    const worker = new Worker(${JSON.stringify(process.argv[1])}, { argv: [${JSON.stringify(WORKER_FLAG)}, ${JSON.stringify(JSON.stringify({ file, store }))}], resourceLimits: ${JSON.stringify(JOB_RESOURCE_LIMITS)} });
    worker.once('error', (error) => { console.error(error); process.exit(1); });
    worker.once('message', (s) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      process.stdout.write(JSON.stringify({ rows: s.rows, summary: { accepted: s.accepted, unchanged: s.unchanged, rejected: s.rejected, corrections: s.corrections }, ms, maxRss: process.resourceUsage().maxRSS * 1024 }));
    });`;
  return answerOf(spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 }), 'import');
}

/** Milliseconds for the import's own reader to read every row of the file's first sheet, nothing else. */
function readerAloneMs(file: string): number {
  const started = process.hrtime.bigint();
  const source = openSpreadsheet(file, basename(file));
  try {
    let rows = 0;
    for (const _row of source.rows((source.sheets[0] as { name: string }).name)) rows++;
    if (rows === 0) throw new Error(`benchmark: no rows read from ${file}`);
  } finally {
    source.close();
  }
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const ratioText = (ms: number, of: number) => (ms / of).toFixed(2).replace('.', ',');

function answerOf(result: SpawnSyncReturns<string>, what: string): ChildAnswer {
  if (result.status !== 0) throw new Error(`benchmark child failed (${what}): ${result.stderr}`);
  return JSON.parse(result.stdout) as ChildAnswer;
}

interface Row {
  cpf: string;
  name: string;
  mother_name: string | null;
  email: string | null;
  phone: string;
  cep: string;
  street: string;
  number: string;
  district: string;
  city: string;
  uf: string;
}

/** How the rows of a month's file are laid out. */
type FileShape = 'store' | 'council';

/**
 * What a month of requests looks like: every professional of the store once, by CPF (typed as a
 * number, so it loses its leading zeros). `store`: in the store's own order, half with a new
 * e-mail, a third with a new phone, a fifth with a new address. `council`: as the council's own
 * system lists them — by name, an order unrelated to the store's — with about 60 % of the rows
 * changing one or two fields (e-mail, phone, or the address); the rest of the row as the store has it.
 */
function writeCorrectionsCsv(context: BenchContext, path: string, shape: FileShape): number {
  const rows = context.store.db
    .prepare(`SELECT cpf, name, mother_name, email, phone, cep, street, number, district, city, uf FROM professionals ORDER BY ${shape === 'store' ? 'id' : 'name, registration_number'}`)
    .all() as Row[];
  const lines = [HEADERS.join(';')];
  rows.forEach((p, i) => {
    // In the council's file which rows change follows a pseudo-random draw, not the row's place.
    const draw = shape === 'store' ? i : (Math.imul(i + 1, 2654435761) >>> 0) % 100;
    const changes =
      shape === 'store'
        ? { email: i % 2 === 0, phone: i % 3 === 0, moved: i % 5 === 0 }
        : { email: draw < 30 || (draw >= 50 && draw < 60), phone: draw >= 30 && draw < 45, moved: draw >= 45 && draw < 55 };
    const email = changes.email ? `contato.${i}@exemplo.com.br` : (p.email ?? '');
    const phone = changes.phone ? `119${String(70_000_000 + i).padStart(8, '0')}` : p.phone;
    lines.push(
      [
        p.cpf.replace(/^0+/, ''),
        p.name,
        p.mother_name ?? '',
        email,
        phone,
        p.cep,
        changes.moved ? 'Rua Nova Esperança' : p.street,
        changes.moved ? String(1 + (i % 900)) : p.number,
        p.district,
        p.city,
        p.uf,
        'Atualização cadastral do mês',
      ].join(';'),
    );
  });
  writeFileSync(path, `${lines.join('\r\n')}\r\n`, 'utf8');
  return rows.length;
}

/** LibreOffice converts the CSV when installed; otherwise our writer lays the file out as it would. */
function writeCorrectionsXlsx(csv: string, dir: string): { file: string; writer: string } {
  const file = csv.replace(/\.csv$/, '.xlsx');
  const soffice = spawnSync('soffice', ['--headless', '--infilter=CSV:59,34,76,1,,1046,true,true', '--convert-to', 'xlsx', '--outdir', dir, csv], {
    encoding: 'utf8',
  });
  const converted = file;
  if (soffice.status === 0 && existsSync(converted)) return { file, writer: 'LibreOffice (soffice --convert-to xlsx)' };
  const rows = readFileSync(csv, 'utf8')
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(';'));
  writeFileSync(file, buildXlsx(rows, { sheetName: basename(file, '.xlsx') }));
  return { file, writer: 'gerador próprio no formato do LibreOffice (strings compartilhadas) — LibreOffice não instalado' };
}

const jobHere = (store: string): JobContext => ({ storePath: store, nowIso: () => new Date().toISOString(), progress: () => undefined, cancelled: () => false });

/** The import (writer thread included), in this thread: until its answer is ready. */
function importHere(file: string, store: string): ImportSummary {
  const context = jobHere(store);
  return runImport(
    { path: file, name: file, kind: 'corrections', sheet: '', mapping: null, allOrNothing: false, reason: null, reportPath: null, errorLimit: 100, dryRun: false, force: true },
    context,
  );
}

function importCase(context: BenchContext, label: string, ratio: number, prepare: () => { file: string; sheetjsFile: string }): BenchCase {
  let file = '';
  let sheetjsFile = '';
  let store = '';
  let summary: ImportSummary | null = null;
  let memory: ChildAnswer | null = null;
  let ended: Promise<void> = Promise.resolve();
  let read: ChildAnswer | null = null;
  let floorMs = Number.NaN;
  let readerMs = Number.NaN;
  const benchCase: BenchCase = {
    name: label,
    targetMs: Number.NaN,
    measured: {
      runs: 1,
      before: () => {
        ({ file, sheetjsFile } = prepare());
        store = copyStore(context, `import-${Date.now()}.db`);
      },
      step: async () => {
        const run = importInJobWorker(file, store);
        summary = await run.answer;
        ended = run.ended;
      },
      after: async () => {
        // The writer thread folds the log back into the file after answering: let it finish first.
        await ended;
        // The same import again, alone in a process, for its peak memory.
        memory = runImportAlone(file, copyStore(context, `import-memory-${Date.now()}.db`));
        const s = summary as ImportSummary | null;
        if (!s) return;
        floorMs = writeFloorMs(copyStore(context, `import-floor-${Date.now()}.db`), { corrections: s.corrections, records: s.accepted });
        readerMs = readerAloneMs(file);
        console.log(
          `  ${label}: ${formatCount(s.rows)} linhas (${formatCount(s.accepted)} aceitas, ${formatCount(s.unchanged)} sem mudança, ${formatCount(s.rejected)} recusadas; ${formatCount(s.corrections)} correções); pico de memória num processo só seu: ${formatBytes(memory.maxRss)} (alvo < ${formatBytes(MAX_RSS)})`,
        );
        // Shown, not a target: undoing is one transaction, and a clerk's save waits for it.
        if (s.importId === null) return;
        const undoStart = process.hrtime.bigint();
        undoImport({ id: s.importId }, jobHere(store));
        console.log(`  desfazer esta importação (uma transação só; uma gravação do balcão espera por ela): ${formatMs(Number(process.hrtime.bigint() - undoStart) / 1e6)}`);
      },
    },
    reference: {
      runs: 1,
      step: () => {
        read = runChild({ mode: 'sheetjs', file: sheetjsFile });
      },
      after: () => {
        const answer = read as ChildAnswer | null;
        if (answer) console.log(`  SheetJS (XLSX.read + sheet_to_json), num processo à parte: ${formatCount(answer.rows)} linhas em ${formatMs(answer.ms)}, pico ${formatBytes(answer.maxRss)}`);
        const s = summary as ImportSummary | null;
        if (answer && s && Number.isFinite(floorMs)) {
          console.log(
            `  só o SQLite gravando o mesmo (${formatCount(s.corrections)} correções com histórico em ${formatCount(s.accepted)} cadastros, seladas, em passos; sem ler nem conferir): ${formatMs(floorMs)} = ${ratioText(floorMs, answer.ms)}× SheetJS — o mínimo de qualquer importação com um gravador só`,
          );
          // Rows in the store's order are written only once the whole file is read: reading, then
          // the writer's floor, is the least such an import can take.
          console.log(
            `  só o leitor da importação lendo o arquivo (sem conferir nem gravar): ${formatMs(readerMs)} = ${ratioText(readerMs, answer.ms)}× SheetJS; ler e depois gravar: ${ratioText(readerMs + floorMs, answer.ms)}× SheetJS`,
          );
        }
      },
    },
  };
  // The target is known only once SheetJS ran (its own time, without starting its process): the
  // runner reads it after timing both sides. Over the memory ceiling, the case misses its target too.
  Object.defineProperty(benchCase, 'targetMs', {
    get: () => {
      const reference = read as ChildAnswer | null;
      return reference ? ratio * reference.ms : Number.NaN;
    },
  });
  benchCase.otherMiss = () => {
    const peak = memory as ChildAnswer | null;
    return peak && peak.maxRss >= MAX_RSS ? `memória ${formatBytes(peak.maxRss)}` : null;
  };
  return benchCase;
}

export function importCases(context: BenchContext): BenchCase[] {
  const prepared = new Map<FileShape, { csv: string; xlsx: string }>();
  const prepare = (shape: FileShape) => {
    let files = prepared.get(shape);
    if (!files) {
      const csv = join(context.dir, shape === 'store' ? 'correcoes.csv' : 'correcoes-conselho.csv');
      const rows = writeCorrectionsCsv(context, csv, shape);
      const xlsx = writeCorrectionsXlsx(csv, context.dir);
      console.log(`  Planilha de ${formatCount(rows)} linhas × ${HEADERS.length} colunas (${SHAPE_LABEL[shape]}); xlsx escrito por: ${xlsx.writer}`);
      prepared.set(shape, (files = { csv, xlsx: xlsx.file }));
    }
    return files;
  };
  const ratio = (r: number) => String(r).replace('.', ',');
  return [
    importCase(context, `importar correções xlsx, ordem do banco (≤ ${ratio(XLSX_RATIO)}× SheetJS, pico < 400 MB)`, XLSX_RATIO, () => {
      const { xlsx } = prepare('store');
      return { file: xlsx, sheetjsFile: xlsx };
    }),
    importCase(context, `importar correções xlsx, ordem do conselho (≤ ${ratio(XLSX_RATIO)}× SheetJS, pico < 400 MB)`, XLSX_RATIO, () => {
      const { xlsx } = prepare('council');
      return { file: xlsx, sheetjsFile: xlsx };
    }),
    importCase(context, `importar correções csv, ordem do banco (≤ ${ratio(CSV_RATIO)}× SheetJS)`, CSV_RATIO, () => {
      const { csv } = prepare('store');
      return { file: csv, sheetjsFile: csv };
    }),
  ];
}

const SHAPE_LABEL: Record<FileShape, string> = {
  store: 'na ordem do banco; metade muda o e-mail, um terço o telefone, um quinto o endereço',
  council: 'por nome, como o sistema do conselho lista; cerca de 60 % das linhas mudam um ou dois campos',
};
