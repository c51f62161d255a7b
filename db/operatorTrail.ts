// Who may sign is the trail's word, not the `operators` table's alone: an operator exists because
// the trail added her (`operator.add`, under her id and name, or the setup's first operator — id 1,
// the trail's desk operator), and a disabled one stays disabled (`operator.disable`; nothing in the
// desk enables her again). Someone with the store key alone could otherwise insert an operator (her
// first session sets the PIN they choose) or clear `disabled_at`, and sign in a name the desk never
// admitted or took back. Such an operator starts no session, and `audit verify` names her, until an
// operator disables her in the desk. Every store is held to it: these entries exist since operators
// do (migration 0013 made the settings' operator the first one, without an entry) (docs/store.md).
import type { Database } from 'better-sqlite3';
import { AppError } from '../shared/errors';
import { foldForSearch } from '../shared/text';
import { statement } from './statements';
import { detailOf, hasOperators } from './trailDigest';

/** How an operator differs from what the trail says: added outside the desk, or enabled again there. */
export type OperatorOutside = 'added' | 'enabled';

interface OperatorState {
  id: number;
  name: string;
  disabled_at: string | null;
}

const EVENTS = `SELECT action, detail FROM audit_log
  WHERE entity = 'operator' AND entity_id = ? AND action IN ('operator.add', 'operator.disable') ORDER BY id`;
const DESK_OPERATOR = `SELECT action, detail FROM audit_log
  WHERE entity = 'settings' AND entity_id IS NULL AND action IN ('settings.setup', 'settings.update') ORDER BY id`;

/** Names compared as the desk compares them (no accents, no case), so a name stored in another form is hers. */
const sameName = (a: unknown, b: string) => typeof a === 'string' && foldForSearch(a.trim()) === foldForSearch(b.trim());

/** The desk's operator as the trail last recorded it (the setup's, or a change before migration 0013); undefined when the trail has no setup. */
function trailDeskOperator(db: Database): string | undefined {
  let name: string | undefined;
  for (const entry of statement<{ action: string; detail: string }>(db, DESK_OPERATOR).all()) {
    const detail = detailOf(entry.detail);
    const changed = (detail?.changes as { operator?: { to?: unknown } } | undefined)?.operator?.to;
    const value = entry.action === 'settings.setup' ? detail?.operator : changed;
    if (typeof value === 'string') name = value;
  }
  return name;
}

/** Whether the operator is other than the trail says: one it never added, or one enabled while its last word on her is a disable. */
export function operatorOutside(db: Database, row: OperatorState): OperatorOutside | null {
  const events = statement<{ action: string; detail: string }>(db, EVENTS).all(String(row.id));
  const disabledByTrail = events.some((e) => e.action === 'operator.disable');
  if (disabledByTrail && row.disabled_at === null) return 'enabled';
  const addedByTrail = events.some((e) => e.action === 'operator.add' && sameName(detailOf(e.detail)?.name, row.name));
  if (addedByTrail || disabledByTrail) return null;
  // The setup's first operator (or migration 0013's): the first row, named as the trail's desk operator.
  if (row.id === 1) {
    const setupName = trailDeskOperator(db);
    if (setupName === undefined || sameName(setupName, row.name)) return null;
  }
  return 'added';
}

/** Why the operator's session is refused, and what `audit verify` says of `names` (pt-BR). */
export function operatorOutsideMessage(names: string[], how: OperatorOutside): string {
  const many = names.length > 1;
  const who = names.join(', ');
  const what =
    how === 'added'
      ? `${many ? 'foram incluídos' : 'foi incluído'} fora do CRESS Desk: a trilha de auditoria não registra ${many ? 'a inclusão deles' : 'a inclusão'}`
      : `${many ? 'foram reativados' : 'foi reativado'} fora do CRESS Desk: a trilha de auditoria registra a desativação e nenhuma reativação`;
  return `${who} ${what}. Para proteger as assinaturas da mesa, ninguém entra com ${many ? 'esses nomes' : 'esse nome'} até outro operador ${many ? 'desativá-los' : 'desativá-lo'} em Configurações → Operadores.`;
}

/** Refuses the session of an operator the trail did not add, or enabled outside the desk (AUDIT_BROKEN). */
export function refuseOperatorOutside(db: Database, row: OperatorState): void {
  const outside = operatorOutside(db, row);
  if (outside) throw new AppError('AUDIT_BROKEN', operatorOutsideMessage([row.name], outside), { field: 'name' });
}

/** What `audit verify` says of the operators added or enabled outside the desk; null when none. */
export function operatorsOutsideProblem(db: Database): string | null {
  if (!hasOperators(db)) return null;
  const rows = db.prepare('SELECT id, name, disabled_at FROM operators ORDER BY id').all() as OperatorState[];
  const messages = (['added', 'enabled'] as const).flatMap((how) => {
    const names = rows.filter((row) => operatorOutside(db, row) === how).map((row) => row.name);
    return names.length === 0 ? [] : [operatorOutsideMessage(names, how)];
  });
  return messages.length === 0 ? null : messages.join(' ');
}
