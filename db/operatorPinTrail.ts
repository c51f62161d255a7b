// The PIN hash an operator has must be the one the keyed trail last recorded for her. An entry that
// sets a PIN (`operator.pin_set`) carries a keyed digest of the hash it set — an HMAC with the audit
// key, of the operator's id and the hash: never the hash — and a reset (`operator.pin_reset`, only
// with the council's administrator PIN) says there is none. Someone with the store key alone could
// otherwise clear a PIN (whoever knows the name then chooses a new one) or put in the hash of a PIN
// they chose, another operator's, or an older one of hers — and sign as her. Either way no session
// takes the operator, and `audit verify` names her, until the administrator resets the PIN.
// Entries written before the trail recorded digests (and a setup's PIN from before it had an entry)
// are taken as they are, as are digests made with a key that no longer signs the chain: the next
// PIN the desk sets is recorded with one (docs/store.md).
import type { Database } from 'better-sqlite3';
import { hmacHex, readAuditKeyOrNull, type AuditKey } from './auditKey';
import { statement } from './statements';
import { detailOf, hasOperators, keyOfEntry } from './trailDigest';

const LAST_PIN_EVENT = `SELECT id, action, detail FROM audit_log
  WHERE entity = 'operator' AND entity_id = ? AND action IN ('operator.pin_set', 'operator.pin_reset')
  ORDER BY id DESC LIMIT 1`;
const ADDED = "SELECT 1 FROM audit_log WHERE entity = 'operator' AND entity_id = ? AND action = 'operator.add' LIMIT 1";

/** How an operator's PIN differs from what the trail says: cleared, or another hash in its place. */
export type PinOutside = 'cleared' | 'changed';

function pinDigest(key: AuditKey, id: number, pinHash: string): string {
  return hmacHex(key, JSON.stringify(['operator.pin', id, pinHash]));
}

/** What an `operator.pin_set` entry adds for the PIN operator `id` has now: its keyed digest (none without the key, when the entry cannot be written anyway). */
export function pinSetDetail(db: Database, id: number): { pinDigest?: string } {
  const hash = statement<{ pin_hash: string | null }>(db, 'SELECT pin_hash FROM operators WHERE id = ?').get(id)?.pin_hash ?? null;
  const key = readAuditKeyOrNull();
  return hash === null || key === null ? {} : { pinDigest: pinDigest(key, id, hash) };
}

/** Whether operator `id`'s PIN hash (`pinHash`, null when none) is other than the trail says; `key`: the desk's audit key. */
export function pinOutside(db: Database, id: number, pinHash: string | null, key: AuditKey | null = readAuditKeyOrNull()): PinOutside | null {
  const last = statement<{ id: number; action: string; detail: string }>(db, LAST_PIN_EVENT).get(String(id));
  if (pinHash === null) return last?.action === 'operator.pin_set' ? 'cleared' : null;
  // No PIN entry: only a setup from before the setup's PIN was in the trail left a hash so (its
  // first operator, never `operator.add`-ed); any other operator's first PIN is an entry.
  if (!last) return statement(db, ADDED).get(String(id)) === undefined ? null : 'changed';
  if (last.action === 'operator.pin_reset') return 'changed';
  const digest = digestOf(last.detail);
  const checkWith = digest === null ? null : keyOfEntry(db, last.id, key);
  if (digest === null || checkWith === null) return null; // recorded before digests, or under another key
  return digest === pinDigest(checkWith, id, pinHash) ? null : 'changed';
}

function digestOf(detail: string): string | null {
  const digest = detailOf(detail)?.pinDigest;
  return typeof digest === 'string' ? digest : null;
}

/** What `audit verify` says of the operators whose PIN was cleared or changed outside the desk; null when none. */
export function pinsOutsideProblem(db: Database): string | null {
  if (!hasOperators(db)) return null;
  const key = readAuditKeyOrNull();
  const rows = db.prepare('SELECT id, name, pin_hash FROM operators ORDER BY id').all() as { id: number; name: string; pin_hash: string | null }[];
  const named = (how: PinOutside) => rows.filter((o) => pinOutside(db, o.id, o.pin_hash, key) === how).map((o) => o.name);
  const messages = (['cleared', 'changed'] as const).flatMap((how) => {
    const names = named(how);
    return names.length === 0 ? [] : [pinOutsideMessage(names.join(', '), how)];
  });
  return messages.length === 0 ? null : messages.join(' ');
}

/** Why the operator's session is refused, and what `audit verify` says (pt-BR). */
export function pinOutsideMessage(name: string, how: PinOutside): string {
  const what =
    how === 'cleared'
      ? 'foi apagado fora do CRESS Desk: a trilha de auditoria registra o PIN definido e nenhum apagamento com o PIN de administrador'
      : 'foi trocado fora do CRESS Desk: o PIN gravado não é o que a trilha de auditoria registrou';
  return `O PIN de ${name} ${what}. Para proteger a assinatura de ${name}, ninguém entra com esse nome até o responsável pelo Regional apagar o PIN com o PIN de administrador.`;
}
