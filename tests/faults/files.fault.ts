// Operations that write files or swap the store, killed at random moments: a backup, a restore,
// a batch export and the import of Implanta's acknowledgement.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import type Database from 'better-sqlite3';
import { CLI, runCli, type FaultCase } from './harness';
import { count, deskWith, deskWithBackup, read, settle, writeExcelCsv } from './stores';

/** The destination folder (the commands refuse a missing one, as a clerk's unplugged drive). */
function folderIn(dir: string, name: string): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** Final-named zips in a folder (temporary names start with a dot). */
function finals(dir: string, pattern: RegExp): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => pattern.test(f) && !f.startsWith('.')) : [];
}

/** The command on the case's own store (a verification reads this desk's key and region from it). */
function verifies(dir: string, args: string[]): boolean {
  return spawnSync(process.execPath, [CLI, '--db', join(dir, 'store.sqlite'), ...args], { stdio: 'ignore' }).status === 0;
}

/** A whole file, no file, or a partial one under a final name. */
function fileOutcome(files: string[], check: (file: string) => boolean): { effect: string } {
  if (files.length === 0) return { effect: 'none' };
  const broken = files.filter((f) => !check(f));
  return broken.length === 0 ? { effect: 'whole' } : { effect: `partial file under a final name: ${broken.join(', ')}` };
}

export const backupCreate: FaultCase = {
  operation: 'backup',
  kills: 30,
  prepare: async (dir) => {
    const store = await deskWith(dir, 3000);
    settle(store);
    return store;
  },
  args: (dir) => ['backup', 'create', '--out', folderIn(dir, 'backups')],
  inspect(_db, dir) {
    const folder = join(dir, 'backups');
    return fileOutcome(finals(folder, /^CRESS09-DEMONSTRACAO-backup-.*\.zip$/), (f) => verifies(dir, ['backup', 'verify', join(folder, f)]));
  },
};

let backupFile = '';
export const backupRestore: FaultCase = {
  operation: 'restauração',
  kills: 30,
  async prepare(dir) {
    const prepared = await deskWithBackup(dir);
    backupFile = prepared.backupFile;
    return prepared.store;
  },
  args: () => ['backup', 'restore', backupFile, '--yes'],
  inspect(db: Database.Database) {
    const professionals = count(db, 'SELECT count(*) AS n FROM professionals');
    if (professionals === 1000) return { effect: 'whole' };
    if (professionals === 1500) return { effect: 'none' };
    return { effect: `professionals=${professionals}` };
  },
};

export async function deskWithSealedBatch(dir: string): Promise<{ store: string; batch: string }> {
  const store = await deskWith(dir, 1500);
  const people = read<{ cpf: string }>(store, "SELECT cpf FROM professionals WHERE mother_name IS NOT NULL AND dip_status = 'none' LIMIT 800");
  const file = writeExcelCsv(join(dir, 'pedidos.csv'), ['CPF;E-mail;Motivo;Documento', ...people.map((p, i) => `${p.cpf};lote.${i}@exemplo.com.br;Pedido;RG`)]);
  await runCli(['--db', store, 'import', 'corrections', file], null);
  await runCli(['--db', store, 'batch', 'create'], null);
  await runCli(['--db', store, 'batch', 'seal', '2026-0001'], null);
  return { store, batch: '2026-0001' };
}

/** A desk whose sealed batch was exported into `out` and marked sent: the store, and the ids of the sent corrections in order. */
export async function deskWithSentBatch(dir: string, out: string): Promise<{ store: string; sent: string[] }> {
  const { store, batch } = await deskWithSealedBatch(dir);
  await runCli(['--db', store, 'batch', 'export', batch, '--out', out], null);
  await runCli(['--db', store, 'batch', 'mark-sent', batch], null);
  const sent = read<{ uuid: string }>(store, "SELECT uuid FROM corrections WHERE status = 'sent' ORDER BY id").map((c) => c.uuid);
  if (sent.length === 0) throw new Error('the batch was not sent: nothing to acknowledge');
  return { store, sent };
}

/**
 * A desk whose sent batch Implanta answered in the CSV `name`: the header, then `line(uuid, i)` for each sent
 * correction in order. Answers the settled store, the answer file and the ids of the sent corrections.
 */
export async function deskWithAnswer(
  dir: string,
  out: string,
  name: string,
  header: string,
  line: (uuid: string, i: number) => string,
): Promise<{ store: string; answer: string; sent: string[] }> {
  const { store, sent } = await deskWithSentBatch(dir, out);
  const answer = writeExcelCsv(join(dir, name), [header, ...sent.map(line)]);
  return { store: settle(store), answer, sent };
}

export const batchExport: FaultCase = {
  operation: 'exportação de lote',
  kills: 30,
  async prepare(dir) {
    const { store } = await deskWithSealedBatch(dir);
    settle(store);
    return store;
  },
  args: (dir) => ['batch', 'export', '2026-0001', '--out', folderIn(dir, 'pacotes')],
  inspect(db, dir) {
    const sealed = count(db, "SELECT count(*) AS n FROM batches WHERE state IN ('sealed', 'exported')");
    if (sealed !== 1) return { effect: `batch state changed: ${sealed}` };
    const folder = join(dir, 'pacotes');
    return fileOutcome(finals(folder, /^CRESS09-DEMONSTRACAO-lote-.*\.zip$/), (f) => verifies(dir, ['batch', 'verify', join(folder, f)]));
  },
};

let ackFile = '';
let ackCount = 0;
export const acknowledgement: FaultCase = {
  operation: 'retorno da Implanta',
  kills: 30,
  async prepare(dir) {
    const { store, answer, sent } = await deskWithAnswer(dir, folderIn(dir, 'pacotes'), 'retorno.csv', 'id;situação;mensagem', (uuid, i) =>
      i % 10 === 0 ? `${uuid};rejeitada;E-mail recusado pelo provedor` : `${uuid};aplicada;`,
    );
    ackFile = answer;
    ackCount = sent.length;
    return store;
  },
  args: () => ['batch', 'ack', ackFile],
  inspect(db) {
    const answered = count(db, "SELECT count(*) AS n FROM corrections WHERE status IN ('synced', 'rejected')");
    const sent = count(db, "SELECT count(*) AS n FROM corrections WHERE status = 'sent'");
    if (answered === ackCount && sent === 0) return { effect: 'whole' };
    if (answered === 0 && sent === ackCount) return { effect: 'none' };
    return { effect: `answered=${answered} sent=${sent}` };
  },
};
