// The session: who works at the desk now. Kept by the process that holds the store (the app's
// main side, the browser host, one command line run), per store file, never sent by the window
// with a write: every write signs the audit with the session's operator (db/settings.ts).
import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3';

const sessions = new Map<string, string>();
let required = false;

/** The app, the browser host and the command line call this: from then on a write without a session is refused. */
export function requireSessions(on = true): void {
  required = on;
}

export function sessionsRequired(): boolean {
  return required;
}

export function setSession(storePath: string, operator: string | null): void {
  if (operator === null) sessions.delete(resolve(storePath));
  else sessions.set(resolve(storePath), operator);
}

export function sessionOf(storePath: string): string | null {
  return sessions.get(resolve(storePath)) ?? null;
}

/** Who signs for the store at `storePath`: its session's operator, else `fallback` unless sessions are required. */
export function signerOf(storePath: string, fallback: string | null): string | null {
  return sessionOf(storePath) ?? (required ? null : fallback);
}

/** The session's operator of the store `db` is connected to. */
export function sessionOperator(db: Database): string | null {
  return db.name === ':memory:' || db.name === '' ? null : sessionOf(db.name);
}

/** What a job's thread needs to sign as its desk does (db/jobs/runner.ts). */
export interface SessionCarry {
  operator: string | null;
  required: boolean;
}

export function carrySession(storePath: string): SessionCarry {
  return { operator: sessionOf(storePath), required };
}

export function takeSession(storePath: string, carry: SessionCarry | undefined): void {
  if (!carry) return;
  if (carry.required) required = true;
  setSession(storePath, carry.operator);
}
