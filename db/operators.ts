// The operators of the desk and the session's choice: a PIN checked against its slow hash, five
// wrong ones in a row make the operator wait a minute, twice as long at each lock of the same day
// up to an hour (the admin PIN too), a forgotten PIN is
// cleared only with the council's admin PIN. Every change and every lock is an audit entry; a PIN
// or a hash never is.
import type { Database } from 'better-sqlite3';
import type { Operator } from '../shared/contract/operators';
import { plural } from '../shared/display/plural';
import { AppError } from '../shared/errors';
import { foldForSearch } from '../shared/text';
import { appendAudit } from './audit';
import { hashPin, pinMatches } from './pinHash';
import { sessionOperator, setSession } from './session';
import { requireSettings } from './settings';
import { writeTransaction } from './storeLock';
import { adminPinDetail, adminPinHash, refuseAdminPinOutside } from './adminPinTrail';
import { pinOutside, pinOutsideMessage, pinSetDetail } from './operatorPinTrail';
import { refuseOperatorOutside } from './operatorTrail';

export const MAX_WRONG_PINS = 5;
export const LOCK_MS = 60_000;
/** The longest wait: a four-digit PIN tried five times an hour takes months to find. */
export const MAX_LOCK_MS = 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

/**
 * How long a new lock lasts: a minute, doubled by each lock of the same PIN in the last day (the
 * audit trail's `lockAction` entries about `entity`), an hour at most. A clerk who mistypes now and
 * then waits a minute; a program trying every PIN soon waits an hour at each fifth try.
 */
function lockMs(db: Database, lockAction: string, entity: { entity: string; id: string | null }, now: string): number {
  const since = new Date(Date.parse(now) - DAY_MS).toISOString();
  const earlier = db
    .prepare('SELECT count(*) FROM audit_log WHERE entity = ? AND entity_id IS ? AND action = ? AND at > ?')
    .pluck()
    .get(entity.entity, entity.id, lockAction, since) as number;
  return Math.min(LOCK_MS * 2 ** Math.min(earlier, 10), MAX_LOCK_MS);
}

/** A lock's wait in words: "1 minuto", "32 minutos". */
function lockWords(ms: number): string {
  return plural(Math.max(1, Math.round(ms / 60_000)), 'minuto', 'minutos');
}

/** Who signs a PIN reset made before anyone started a session. */
export const ADMINISTRATOR = 'administrador do CRESS';

interface OperatorRow {
  id: number;
  name: string;
  pin_hash: string | null;
  disabled_at: string | null;
  failed_pins: number;
  locked_until: string | null;
}

function toOperator(row: OperatorRow, now: string): Operator {
  return {
    id: row.id,
    name: row.name,
    hasPin: row.pin_hash !== null,
    disabled: row.disabled_at !== null,
    lockedUntil: row.locked_until !== null && row.locked_until > now ? row.locked_until : null,
  };
}

function rowById(db: Database, id: number): OperatorRow {
  const row = db.prepare('SELECT * FROM operators WHERE id = ?').get(id) as OperatorRow | undefined;
  if (!row) throw new AppError('OPERATOR_NOT_FOUND', 'Este operador não existe.');
  return row;
}

/**
 * A name as the desk compares it: without accents and case ("José" is "JOSE"), any apostrophe one
 * (D'Ávila, D’Ávila), inner spaces collapsed — so "jose d'avila" is José D'Ávila, never a second
 * operator whose first PIN anyone could set.
 */
export function operatorNameKey(name: string): string {
  return foldForSearch(name.trim()).replace(/[\u2018\u2019\u02bc`\u00b4]/g, "'");
}

/** A name as stored (and signed): one Unicode form, inner spaces collapsed. */
export function storedName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

function rowByName(db: Database, name: string): OperatorRow | undefined {
  const key = operatorNameKey(name);
  // A desk has a handful of operators: compared here, where SQLite's lower() knows no accents.
  return (db.prepare('SELECT * FROM operators').all() as OperatorRow[]).find((row) => operatorNameKey(row.name) === key);
}

/**
 * Letters of the Latin alphabet (accented too), digits ("Recepção 2"), spaces, and the apostrophes,
 * hyphens, dots and brackets of names: no letter of another alphabet that looks like a Latin one.
 */
const LATIN_NAME = /^[\p{Script=Latin}\p{M}\p{Nd} '’.()-]+$/u;

export function isActiveOperator(db: Database, name: string): boolean {
  const row = rowByName(db, name);
  return row !== undefined && row.disabled_at === null;
}

export function listOperators(db: Database, now: string): { operators: Operator[]; adminPinSet: boolean } {
  const rows = db.prepare('SELECT * FROM operators ORDER BY disabled_at IS NOT NULL, name COLLATE NOCASE').all() as OperatorRow[];
  return { operators: rows.map((row) => toOperator(row, now)), adminPinSet: adminPinHash(db) !== null };
}

/** The names of the operators who may sign, in the order the list shows them. */
export function activeOperatorNames(db: Database): string[] {
  return db.prepare('SELECT name FROM operators WHERE disabled_at IS NULL ORDER BY name COLLATE NOCASE').pluck().all() as string[];
}

/** Inserts an operator (the caller owns the transaction and the audit entry). */
export function insertOperator(db: Database, name: string, pin: string | null, now: string): OperatorRow {
  const trimmed = storedName(name);
  if (!LATIN_NAME.test(trimmed)) {
    throw new AppError('INPUT_INVALID', `O nome do operador deve ter só letras do alfabeto latino (com ou sem acento), algarismos, espaços, apóstrofo, hífen, ponto ou parênteses: “${trimmed}” não serve.`, {
      field: 'name',
    });
  }
  const same = rowByName(db, trimmed);
  if (same) throw new AppError('OPERATOR_EXISTS', `Já existe um operador chamado ${same.name}.`, { field: 'name' });
  const id = db.prepare('INSERT INTO operators (name, pin_hash, created_at) VALUES (?, ?, ?)').run(trimmed, pin === null ? null : hashPin(pin), now).lastInsertRowid;
  return rowById(db, Number(id));
}

export function addOperator(db: Database, input: { name: string }, now: string): Operator {
  return writeTransaction(db, () => {
    const { operator } = requireSettings(db);
    const row = insertOperator(db, input.name, null, now);
    appendAudit(db, { at: now, operator, action: 'operator.add', entity: 'operator', entityId: String(row.id), detail: { name: row.name } });
    return toOperator(row, now);
  });
}

export function disableOperator(db: Database, input: { id: number }, now: string): Operator {
  return writeTransaction(db, () => {
    const { operator } = requireSettings(db);
    const row = rowById(db, input.id);
    if (row.disabled_at !== null) return toOperator(row, now);
    if (row.name === operator) throw new AppError('INPUT_INVALID', 'Você não pode desativar a si mesmo: peça a outro operador.');
    db.prepare('UPDATE operators SET disabled_at = ? WHERE id = ?').run(now, row.id);
    appendAudit(db, { at: now, operator, action: 'operator.disable', entity: 'operator', entityId: String(row.id), detail: { name: row.name } });
    return toOperator(rowById(db, row.id), now);
  });
}

export function setAdminPin(db: Database, input: { pin: string }, now: string): { adminPinSet: true } {
  return writeTransaction(db, () => {
    const { operator } = requireSettings(db);
    // One cleared outside the desk is not set again: whoever cleared it would choose the next.
    refuseAdminPinOutside(db, 'pin');
    if (adminPinHash(db) !== null) throw new AppError('INPUT_INVALID', 'O PIN de administrador do CRESS já foi definido.');
    db.prepare('UPDATE settings SET admin_pin_hash = ? WHERE id = 1').run(hashPin(input.pin));
    appendAudit(db, { at: now, operator, action: 'settings.admin_pin', entity: 'settings', entityId: null, detail: adminPinDetail(db) });
    return { adminPinSet: true };
  });
}

/**
 * Checks the council's admin PIN, before the write it allows: like an operator's PIN, the fifth
 * wrong one in a row refuses it for a minute, and that lock is an audit entry.
 */
function checkAdminPin(db: Database, pin: string, now: string): void {
  // An admin PIN put in or cleared outside the desk is never checked: nothing is counted or cleared with it.
  refuseAdminPinOutside(db, 'adminPin');
  const hash = adminPinHash(db);
  if (hash === null) throw new AppError('ADMIN_PIN_WRONG', 'Defina antes o PIN de administrador do CRESS.', { field: 'adminPin' });
  const read = () => db.prepare('SELECT admin_failed_pins AS failed, admin_locked_until AS until FROM settings WHERE id = 1').get() as { failed: number; until: string | null };
  const admin = read();
  if (admin.until !== null && admin.until > now) throw lockedError(admin.until, now);
  if (pinMatches(pin, hash)) {
    if (admin.failed > 0 || admin.until !== null) writeTransaction(db, () => db.prepare('UPDATE settings SET admin_failed_pins = 0, admin_locked_until = NULL WHERE id = 1').run());
    return;
  }
  throw writeTransaction(db, () => {
    const failed = read().failed + 1;
    if (failed >= MAX_WRONG_PINS) {
      const wait = lockMs(db, 'settings.admin_pin_locked', { entity: 'settings', id: null }, now);
      const until = new Date(Date.parse(now) + wait).toISOString();
      db.prepare('UPDATE settings SET admin_failed_pins = 0, admin_locked_until = ? WHERE id = 1').run(until);
      appendAudit(db, { at: now, operator: 'sistema', action: 'settings.admin_pin_locked', entity: 'settings', entityId: null, detail: { wrong: failed, until, minutes: wait / 60_000 } });
      return lockedError(until, now);
    }
    db.prepare('UPDATE settings SET admin_failed_pins = ? WHERE id = 1').run(failed);
    const left = MAX_WRONG_PINS - failed;
    const wait = lockWords(lockMs(db, 'settings.admin_pin_locked', { entity: 'settings', id: null }, now));
    return new AppError('ADMIN_PIN_WRONG', `PIN de administrador incorreto. ${left === 1 ? 'Resta 1 tentativa' : `Restam ${left} tentativas`} antes de aguardar ${wait}.`, {
      field: 'adminPin',
      details: { left },
    });
  });
}

/** Also from the choice of who works, before any session: then signed by the council's administrator. */
export function resetOperatorPin(db: Database, input: { id: number; adminPin: string }, now: string): Operator {
  requireSettings(db);
  checkAdminPin(db, input.adminPin, now);
  return writeTransaction(db, () => {
    const operator = sessionOperator(db) ?? ADMINISTRATOR;
    const row = rowById(db, input.id);
    db.prepare('UPDATE operators SET pin_hash = NULL, failed_pins = 0, locked_until = NULL WHERE id = ?').run(row.id);
    appendAudit(db, { at: now, operator, action: 'operator.pin_reset', entity: 'operator', entityId: String(row.id), detail: { name: row.name } });
    return toOperator(rowById(db, row.id), now);
  });
}

function lockedError(until: string, now: string): AppError {
  const seconds = Math.max(1, Math.ceil((Date.parse(until) - Date.parse(now)) / 1000));
  const wait = seconds >= 55 ? lockWords(seconds * 1000) : `${seconds} segundos`;
  return new AppError('PIN_LOCKED', `Cinco PINs incorretos seguidos: aguarde ${wait} para tentar de novo.`, { field: 'pin', details: { until, seconds } });
}

/**
 * Starts the session of the store `db` is connected to as `name`. An operator without a PIN takes
 * the one typed; otherwise it must match. A wrong PIN is counted even though nothing else is written.
 * A right PIN writes nothing (so a session starts while another program holds the writer lock).
 */
export function startSession(db: Database, input: { name: string; pin: string }, now: string): { operator: string; pinSet: boolean } {
  const row = rowByName(db, input.name);
  if (!row) throw new AppError('OPERATOR_NOT_FOUND', `Não há operador chamado ${input.name.trim()}.`, { field: 'name' });
  if (row.disabled_at !== null) throw new AppError('OPERATOR_DISABLED', `${row.name} foi desativado e não pode iniciar uma sessão.`, { field: 'name' });
  // One the trail never added, or enabled again outside the desk, signs nothing: not even a first PIN.
  refuseOperatorOutside(db, row);
  if (row.locked_until !== null && row.locked_until > now) throw lockedError(row.locked_until, now);
  // A PIN cleared or put in outside the desk is never checked nor replaced: nobody signs as her with it.
  const outside = pinOutside(db, row.id, row.pin_hash);
  if (outside) throw new AppError('AUDIT_BROKEN', pinOutsideMessage(row.name, outside), { field: 'name' });
  let pinSet = false;
  if (row.pin_hash === null) {
    writeTransaction(db, () => {
      const changed = db.prepare('UPDATE operators SET pin_hash = ?, failed_pins = 0, locked_until = NULL WHERE id = ? AND pin_hash IS NULL').run(hashPin(input.pin), row.id).changes;
      if (changed === 0) throw new AppError('PIN_WRONG', 'O PIN deste operador acabou de ser criado em outra janela: digite-o.', { field: 'pin' });
      appendAudit(db, { at: now, operator: row.name, action: 'operator.pin_set', entity: 'operator', entityId: String(row.id), detail: { name: row.name, ...pinSetDetail(db, row.id) } });
    });
    pinSet = true;
  } else if (pinMatches(input.pin, row.pin_hash)) {
    if (row.failed_pins > 0 || row.locked_until !== null) {
      writeTransaction(db, () => db.prepare('UPDATE operators SET failed_pins = 0, locked_until = NULL WHERE id = ?').run(row.id));
    }
  } else {
    throw wrongPin(db, row.id, now);
  }
  setSession(db.name, row.name, db.prepare('SELECT pin_hash FROM operators WHERE id = ?').pluck().get(row.id) as string | null);
  return { operator: row.name, pinSet };
}

/** Counts a wrong PIN; the fifth in a row makes the operator wait. Answers the error to tell. */
function wrongPin(db: Database, id: number, now: string): AppError {
  return writeTransaction(db, () => {
    const failed = (db.prepare('SELECT failed_pins FROM operators WHERE id = ?').pluck().get(id) as number) + 1;
    if (failed >= MAX_WRONG_PINS) {
      const wait = lockMs(db, 'operator.pin_locked', { entity: 'operator', id: String(id) }, now);
      const until = new Date(Date.parse(now) + wait).toISOString();
      db.prepare('UPDATE operators SET failed_pins = 0, locked_until = ? WHERE id = ?').run(until, id);
      const name = db.prepare('SELECT name FROM operators WHERE id = ?').pluck().get(id) as string;
      appendAudit(db, { at: now, operator: 'sistema', action: 'operator.pin_locked', entity: 'operator', entityId: String(id), detail: { name, wrong: failed, until, minutes: wait / 60_000 } });
      return lockedError(until, now);
    }
    db.prepare('UPDATE operators SET failed_pins = ? WHERE id = ?').run(failed, id);
    const left = MAX_WRONG_PINS - failed;
    const wait = lockWords(lockMs(db, 'operator.pin_locked', { entity: 'operator', id: String(id) }, now));
    return new AppError('PIN_WRONG', `PIN incorreto. ${left === 1 ? 'Resta 1 tentativa' : `Restam ${left} tentativas`} antes de aguardar ${wait}.`, { field: 'pin', details: { left } });
  });
}

export function endSession(db: Database): { operator: null } {
  setSession(db.name, null);
  return { operator: null };
}

/** The session's operator, if any. */
export function currentOperator(db: Database): string | null {
  return sessionOperator(db);
}
