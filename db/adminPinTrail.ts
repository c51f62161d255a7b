// The council's admin PIN hash (`settings.admin_pin_hash`) must be the one the keyed trail last
// recorded. The setup's entry (`settings.setup`) says which admin PIN the desk started with — a
// keyed digest of its hash (an HMAC with the audit key: never the hash), or null for none — and an
// entry that sets one later (`settings.admin_pin`) carries the digest of the hash it set. Someone
// with the store key alone could otherwise put in the hash of a PIN they chose, clear any
// operator's PIN with it and choose hers — or clear the admin PIN so that any operator sets a new
// one. Either way the admin PIN clears no PIN and is not set again, and `audit verify` names it.
// A store set up before the setup recorded the digest is taken as it is until the desk sets an
// admin PIN; a digest made with a key that no longer signs the chain cannot be checked (docs/store.md).
import type { Database } from 'better-sqlite3';
import { AppError } from '../shared/errors';
import { hmacHex, readAuditKeyOrNull, type AuditKey } from './auditKey';
import type { PinOutside } from './operatorPinTrail';
import { statement } from './statements';
import { detailOf, keyOfEntry } from './trailDigest';

const LAST_ADMIN_PIN_EVENT = `SELECT id, action, detail FROM audit_log
  WHERE entity = 'settings' AND entity_id IS NULL AND action IN ('settings.setup', 'settings.admin_pin')
  ORDER BY id DESC LIMIT 1`;

function adminPinDigest(key: AuditKey, pinHash: string): string {
  return hmacHex(key, JSON.stringify(['settings.admin_pin', pinHash]));
}

/** The store's admin PIN hash, null when none is set (or no settings yet). */
export function adminPinHash(db: Database): string | null {
  const row = statement<{ hash: string | null }>(db, 'SELECT admin_pin_hash AS hash FROM settings WHERE id = 1').get();
  return row?.hash ?? null;
}

/**
 * What the setup's entry and a `settings.admin_pin` entry add for the admin PIN the store has now:
 * its keyed digest, null when there is none (nothing without the key, when no entry can be written anyway).
 */
export function adminPinDetail(db: Database): { adminPinDigest?: string | null } {
  const hash = adminPinHash(db);
  if (hash === null) return { adminPinDigest: null };
  const key = readAuditKeyOrNull();
  return key === null ? {} : { adminPinDigest: adminPinDigest(key, hash) };
}

/** Whether the admin PIN hash (`pinHash`, null when none) is other than the trail says; `key`: the desk's audit key. */
export function adminPinOutside(db: Database, pinHash: string | null, key: AuditKey | null = readAuditKeyOrNull()): PinOutside | null {
  const last = statement<{ id: number; action: string; detail: string }>(db, LAST_ADMIN_PIN_EVENT).get();
  const detail = last ? detailOf(last.detail) : null;
  // No setup in the trail (a store the migration tests build) or a damaged entry: nothing to compare with.
  if (!last || detail === null) return null;
  // A setup from before the digest: its admin PIN, if any, is taken as it is.
  if (last.action === 'settings.setup' && !('adminPinDigest' in detail)) return null;
  const digest = detail.adminPinDigest;
  const trailSet = last.action === 'settings.admin_pin' || typeof digest === 'string';
  if (pinHash === null) return trailSet ? 'cleared' : null;
  if (!trailSet) return 'changed'; // the setup set none and the desk never set one since
  const checkWith = typeof digest === 'string' ? keyOfEntry(db, last.id, key) : null;
  if (typeof digest !== 'string' || checkWith === null) return null; // set before digests, or under another key
  return digest === adminPinDigest(checkWith, pinHash) ? null : 'changed';
}

/** Why an admin action is refused, and what `audit verify` says (pt-BR). */
export function adminPinOutsideMessage(how: PinOutside): string {
  const what =
    how === 'cleared'
      ? 'foi apagado fora do CRESS Desk: a trilha de auditoria registra o PIN definido e nenhum apagamento'
      : 'foi trocado fora do CRESS Desk: o PIN gravado não é o que a trilha de auditoria registrou';
  return `O PIN de administrador do CRESS ${what}. Para proteger a assinatura dos operadores, ele não apaga PIN de ninguém nem é definido de novo; o responsável pelo Regional deve restaurar uma cópia de segurança de antes da alteração.`;
}

/** Refuses an admin action (AUDIT_BROKEN) while the admin PIN is other than the trail says. */
export function refuseAdminPinOutside(db: Database, field: string): void {
  const outside = adminPinOutside(db, adminPinHash(db));
  if (outside) throw new AppError('AUDIT_BROKEN', adminPinOutsideMessage(outside), { field });
}

/** What `audit verify` says of an admin PIN set or cleared outside the desk; null when none was. */
export function adminPinOutsideProblem(db: Database): string | null {
  if (!statement(db, "SELECT 1 FROM pragma_table_info('settings') WHERE name = 'admin_pin_hash'").get()) return null; // before migration 0013
  const outside = adminPinOutside(db, adminPinHash(db));
  return outside ? adminPinOutsideMessage(outside) : null;
}
