// Stores and files the fault cases start from, made with the built command like a desk would.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from './harness';

export async function deskWith(dir: string, professionals: number): Promise<string> {
  const base = join(dir, 'base');
  mkdirSync(base, { recursive: true });
  const store = join(base, 'store.sqlite');
  await runCli(['--db', store, 'init', '--region', '9', '--operator', 'Ana Souza'], null);
  await runCli(['--db', store, 'demo', '--professionals', String(professionals), '--seed', '4'], null);
  return store;
}

/** Folds the WAL back so a plain file copy is the whole store. */
export function settle(store: string): void {
  const db = new Database(store);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

export function read<T>(store: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(store, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export function count(db: Database.Database, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

/** A semicolon CSV in Windows-1252, as pt-BR Excel saves it. */
export function writeExcelCsv(path: string, lines: string[]): string {
  writeFileSync(path, Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'));
  return path;
}
