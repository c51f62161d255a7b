// An operator's PIN is only ever cleared by the council's administrator PIN, and the trail says so
// (`operator.pin_reset`). A PIN cleared with the store key alone — `UPDATE operators SET pin_hash =
// NULL` — would let whoever knows the operator's name choose a new PIN and sign as her. So a missing
// PIN whose trail last says "set" is a change made outside the desk: no session takes a new PIN for
// it, and `audit verify` names it.
import type { Database } from 'better-sqlite3';
import { statement } from './statements';

const LAST_PIN_EVENT = `SELECT action FROM audit_log
  WHERE entity = 'operator' AND entity_id = ? AND action IN ('operator.pin_set', 'operator.pin_reset')
  ORDER BY id DESC LIMIT 1`;

/** Whether operator `id` (who has no PIN now) had one the desk never cleared. */
export function pinClearedOutside(db: Database, id: number): boolean {
  return statement<{ action: string }>(db, LAST_PIN_EVENT).get(String(id))?.action === 'operator.pin_set';
}

/** The names of the operators without a PIN whose PIN was cleared outside the desk. */
export function operatorsWithPinClearedOutside(db: Database): string[] {
  // A store from before operators (schema < 13), verified as it is before its upgrade, has none.
  if (!db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'operators'").get()) return [];
  const withoutPin = db.prepare('SELECT id, name FROM operators WHERE pin_hash IS NULL ORDER BY id').all() as { id: number; name: string }[];
  return withoutPin.filter((o) => pinClearedOutside(db, o.id)).map((o) => o.name);
}

/** Why the session is refused (pt-BR). */
export function pinClearedOutsideMessage(name: string): string {
  return `O PIN de ${name} foi apagado fora do CRESS Desk: a trilha de auditoria registra o PIN definido e nenhum apagamento com o PIN de administrador. Para proteger a assinatura de ${name}, ninguém entra com esse nome até o responsável pelo Regional apagar o PIN com o PIN de administrador.`;
}
