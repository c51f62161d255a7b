// The session: who works at the desk now. Kept by the process that holds the store (the app's
// main side, the browser host, one command line run), per store file, never sent by the window
// with a write: every write signs the audit with the session's operator (db/settings.ts). Another
// program may disable the operator or clear its PIN meanwhile: the session then ends at its next
// use, and nothing more is signed in that name.
import { resolve } from 'node:path';
import type { Database } from 'better-sqlite3';
import { statement } from './statements';

/** A session: its operator, and the PIN hash the operator had when it started (unknown in a job's thread). */
interface Session {
  operator: string;
  pinHash?: string | null;
}

const sessions = new Map<string, Session>();
/** Why a session ended by itself (its operator changed in another program), for the refusal that follows. */
const endedWhy = new Map<string, string>();
let required = false;

/** The app, the browser host and the command line call this: from then on a write without a session is refused. */
export function requireSessions(on = true): void {
  required = on;
}

export function sessionsRequired(): boolean {
  return required;
}

export function setSession(storePath: string, operator: string | null, pinHash?: string | null): void {
  endedWhy.delete(resolve(storePath));
  if (operator === null) sessions.delete(resolve(storePath));
  else sessions.set(resolve(storePath), pinHash === undefined ? { operator } : { operator, pinHash });
}

export function sessionOf(storePath: string): string | null {
  return sessions.get(resolve(storePath))?.operator ?? null;
}

/**
 * What ended the session, if its operator is no longer what it was when the session started: the
 * operator disabled, or its PIN cleared or changed, by another program on the same store (a
 * window, the command line, the browser host). Null while it holds.
 */
function endedBy(db: Database, session: Session): string | null {
  let row: { disabled_at: string | null; pin_hash: string | null } | undefined;
  try {
    row = statement<{ disabled_at: string | null; pin_hash: string | null }>(db, 'SELECT disabled_at, pin_hash FROM operators WHERE name = ?').get(session.operator);
  } catch {
    return null; // a store from before operators (being migrated)
  }
  if (!row) return 'não existe mais';
  if (row.disabled_at !== null) return 'foi desativado';
  if (session.pinHash !== undefined && row.pin_hash !== session.pinHash) return row.pin_hash === null ? 'teve o PIN apagado' : 'teve o PIN trocado';
  return null;
}

/** Why the session of `storePath` ended by itself, when it did (see sessionOperator). */
export function sessionEndedWhy(storePath: string): string | null {
  return endedWhy.get(resolve(storePath)) ?? null;
}

/** Who signs for the store at `storePath`: its session's operator, else `fallback` unless sessions are required. */
export function signerOf(storePath: string, fallback: string | null): string | null {
  return sessionOf(storePath) ?? (required ? null : fallback);
}

/** The session's operator of the store `db` is connected to; a session whose operator changed elsewhere ends here. */
export function sessionOperator(db: Database): string | null {
  if (db.name === ':memory:' || db.name === '') return null;
  const path = resolve(db.name);
  const session = sessions.get(path);
  if (!session) return null;
  const why = endedBy(db, session);
  if (why === null) return session.operator;
  sessions.delete(path);
  endedWhy.set(path, `A sessão de ${session.operator} terminou: o operador ${why} em outro programa. Escolha quem está atendendo (nome e PIN) para continuar.`);
  return null;
}

/** What a job's thread needs to sign as its desk does (db/jobs/runner.ts). */
export interface SessionCarry {
  operator: string | null;
  required: boolean;
  pinHash?: string | null;
}

export function carrySession(storePath: string): SessionCarry {
  const session = sessions.get(resolve(storePath));
  return { operator: session?.operator ?? null, required, ...(session?.pinHash !== undefined ? { pinHash: session.pinHash } : {}) };
}

export function takeSession(storePath: string, carry: SessionCarry | undefined): void {
  if (!carry) return;
  if (carry.required) required = true;
  setSession(storePath, carry.operator, carry.pinHash);
}
