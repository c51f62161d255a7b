// Kill-at-random-moments harness: runs an operation of the built `cress-desk` command, SIGKILLs it
// after a random delay, and checks what it left: the store passes integrity_check, the audit chain
// verifies, and the operation happened whole or not at all. Each feature adds its operations.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { openRawStore } from '../rawStore';
import { checkGuards } from '../../db/storeGuards';

export const CLI = resolve(__dirname, '../../out/cli/cress-desk.cjs');

export interface Outcome {
  /** What the operation left: 'whole', 'none' or a description of a partial effect. */
  effect: 'whole' | 'none' | string;
}

export interface FaultCase {
  /** Shown in the table. */
  operation: string;
  kills: number;
  /** Prepares a store (once); each kill works on a fresh copy of it. */
  prepare(dir: string): Promise<string> | string;
  /** The command-line arguments of the operation (the store is passed with --db). */
  args(dir: string): string[];
  /** Reads the killed store (and files) and says what the operation left. */
  inspect(db: Database.Database, dir: string): Outcome;
  /** What an undisturbed run leaves (default `whole`; `none` for an operation that must be refused). */
  undisturbed?: 'whole' | 'none';
  /** Another program working on the store during each run (started before it, stopped after it). */
  beside?(store: string, dir: string): Promise<{ stop(): Promise<void> }>;
  /** Runs the command itself (another place for the store: a full disk); default runCli. */
  run?(store: string, args: string[], killAfterMs: number | null, dir: string): Promise<void>;
  /** Environment of the command (on top of this process's). */
  env?: Record<string, string>;
  /**
   * What is left is seen through the next program that opens the store (an import written in steps
   * is rolled back at that open), not in the raw file.
   */
  seenAfterReopen?: boolean;
}

export interface FaultRow {
  operation: string;
  kills: number;
  intact: number;
  whole: number;
  none: number;
  partial: string[];
}

export function runCli(args: string[], killAfterMs: number | null, env: Record<string, string> = {}): Promise<number | null> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore', env: { ...process.env, ...env } });
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      done(code);
    });
  });
}

function copyStore(from: string, to: string): void {
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(from + suffix)) copyFileSync(from + suffix, to + suffix);
}

/** Hash chain and anchor, recomputed the way `audit verify` does, without opening through the app. */
async function auditVerifies(storePath: string): Promise<boolean> {
  const code = await runCli(['--db', storePath, 'audit', 'verify'], null);
  return code === 0;
}

export async function runFaultCase(c: FaultCase): Promise<FaultRow> {
  const base = mkdtempSync(join(tmpdir(), 'cress-fault-'));
  const row: FaultRow = { operation: c.operation, kills: c.kills, intact: 0, whole: 0, none: 0, partial: [] };
  try {
    const prepared = await c.prepare(base);
    // One undisturbed run tells how long the operation takes; the kills spread over 0–120 % of it.
    const rehearsal = mkdtempSync(join(base, 'rehearsal-'));
    copyStore(prepared, join(rehearsal, 'store.sqlite'));
    /** One run of the operation (with whatever works beside it); answers how long the operation took. */
    const run = async (dir: string, store: string, killAfterMs: number | null): Promise<number> => {
      const beside = await c.beside?.(store, dir);
      const started = Date.now();
      try {
        if (c.run) await c.run(store, c.args(dir), killAfterMs, dir);
        else await runCli(['--db', store, ...c.args(dir)], killAfterMs, c.env);
        return Date.now() - started;
      } finally {
        await beside?.stop();
      }
    };
    const took = await run(rehearsal, join(rehearsal, 'store.sqlite'), null);
    const maxDelayMs = Math.max(50, Math.round(took * 1.2));
    // …and must do the whole operation: otherwise every kill would look like "nothing happened".
    const rehearsed = openRawStore(join(rehearsal, 'store.sqlite'));
    const rehearsedOutcome = c.inspect(rehearsed, rehearsal);
    rehearsed.close();
    const undisturbed = c.undisturbed ?? 'whole';
    if (rehearsedOutcome.effect !== undisturbed) throw new Error(`${c.operation}: an undisturbed run left ${rehearsedOutcome.effect}, not ${undisturbed}`);
    for (let i = 0; i < c.kills; i++) {
      const dir = mkdtempSync(join(base, `kill-${i}-`));
      const store = join(dir, 'store.sqlite');
      copyStore(prepared, store);
      // Spread the kills over the whole run: before start, during the work, around the commit.
      const delay = Math.floor((i / c.kills) * maxDelayMs + Math.random() * (maxDelayMs / c.kills));
      await run(dir, store, delay);
      // Every guard trigger as its migration made it, right after the kill (bulk writes drop some inside their transaction).
      const killed = openRawStore(store);
      const guards = checkGuards(killed);
      killed.close();
      const guarded = guards.missing.length + guards.altered.length + guards.foreign.length === 0;
      if (c.seenAfterReopen) await runCli(['--db', store, 'info'], null);
      const db = openRawStore(store);
      try {
        const ok = guarded && (db.pragma('integrity_check', { simple: true }) as string) === 'ok';
        const outcome = c.inspect(db, dir);
        db.close();
        if (ok && (await auditVerifies(store))) row.intact++;
        if (outcome.effect === 'whole') row.whole++;
        else if (outcome.effect === 'none') row.none++;
        else row.partial.push(outcome.effect);
      } finally {
        if (db.open) db.close();
      }
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  return row;
}

export function faultTable(rows: FaultRow[]): string {
  const header = ['operação', 'kills', 'armazenamento íntegro', 'inteira', 'nada', 'efeitos parciais'];
  const lines = rows.map((r) => [r.operation, String(r.kills), `${r.intact}/${r.kills}`, String(r.whole), String(r.none), String(r.partial.length)]);
  const all = [header, ...lines];
  const widths = header.map((_, i) => Math.max(...all.map((l) => (l[i] ?? '').length)));
  return all.map((l) => l.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')).join('\n');
}
