// Stores and files the fault cases start from, made with the built command like a desk would.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openRawStore, readRawRows } from '../rawStore';
import { runCli, type FaultCase } from './harness';

export async function deskWith(dir: string, professionals: number): Promise<string> {
  const base = join(dir, 'base');
  mkdirSync(base, { recursive: true });
  const store = join(base, 'store.sqlite');
  await runCli(['--db', store, 'init', '--region', '9', '--operator', 'Ana Souza'], null);
  await runCli(['--db', store, 'demo', '--professionals', String(professionals), '--seed', '4'], null);
  return store;
}

/** A store of 1 000 professionals backed up into `saved/`, then grown to 1 500: whether the backup came back shows. */
export async function deskWithBackup(dir: string): Promise<{ store: string; backupFile: string }> {
  const store = await deskWith(dir, 1000);
  const folder = join(dir, 'saved');
  mkdirSync(folder, { recursive: true });
  await runCli(['--db', store, 'backup', 'create', '--out', folder], null);
  const backupFile = join(folder, readdirSync(folder).find((name) => name.endsWith('.zip') && !name.startsWith('.')) ?? 'missing.zip');
  await runCli(['--db', store, 'demo', '--professionals', '500', '--seed', '9'], null);
  settle(store);
  return { store, backupFile };
}

/**
 * What the correction cases prepare and run: on a desk of 300 demo records, "Não consta mãe" set on
 * a record whose mother is named (`target()`, its registration number, once prepared).
 */
export function motherFlagCorrection(): Pick<FaultCase, 'prepare' | 'args'> & { target(): string } {
  let target = '';
  return {
    async prepare(dir) {
      const store = await deskWith(dir, 300);
      target = (read<{ r: string }>(store, "SELECT registration_number AS r FROM professionals WHERE mother_name IS NOT NULL AND dip_status IN ('none','requested') LIMIT 1")[0] as { r: string }).r;
      settle(store);
      return store;
    },
    args: () => ['correct', target, '--field', 'motherNotListed', '--value', 'sim', '--reason', 'RG sem filiação materna', '--evidence', 'RG'],
    target: () => target,
  };
}

/** Folds the WAL back so a plain file copy is the whole store; answers the store, for a prepare to return. */
export function settle(store: string): string {
  const db = openRawStore(store);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return store;
}

export function read<T>(store: string, sql: string, ...params: unknown[]): T[] {
  return readRawRows<T>(store, sql, params);
}

export function count(db: Database.Database, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

/** What each named query counts, in the order named (a query with parameters as `[sql, ...params]`). */
export function counts<K extends string>(db: Database.Database, queries: Record<K, string | [string, ...unknown[]]>): Record<K, number> {
  const entries = Object.entries(queries) as [K, string | [string, ...unknown[]]][];
  return Object.fromEntries(entries.map(([name, query]) => [name, typeof query === 'string' ? count(db, query) : count(db, ...query)])) as Record<K, number>;
}

/** A semicolon CSV in Windows-1252, as pt-BR Excel saves it. */
export function writeExcelCsv(path: string, lines: string[]): string {
  writeFileSync(path, Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'));
  return path;
}
