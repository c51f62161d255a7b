// A change of the council's CEP directory Implanta rejected stays to fix until it is dealt with: a
// new change of that CEP (the CEPs screen, a CEP import) answers it, as a new correction of a field
// answers the field's rejection; dismissing it is in rejections.ts.
import type { Database } from 'better-sqlite3';
import { formatCep } from '../shared/rules/cep';
import { refusedAgainText } from './refusedBefore';
import { statement } from './statements';

/** Answers the rejections of this CEP still to fix; the note names the change, so undoing its import opens them again. */
export function resolveCepRejectionsBy(db: Database, cep: string, now: string, changeUuid: string): number {
  return statement(db, "UPDATE cep_changes SET resolved_at = ?, resolution = 'corrected', resolution_note = ? WHERE cep = ? AND status = 'rejected' AND resolved_at IS NULL").run(
    now,
    changeUuid,
    cep,
  ).changes;
}

/**
 * The open rejection of this CEP whose rejected data the directory still holds, if any: Implanta
 * refused that data, so entering it again is sending it again (a new change), not "nothing changed".
 * Its old value is what Implanta still holds, the new change's starting point.
 */
export function rejectedDataStillHeld(
  db: Database,
  cep: string,
  address: { street: string; district: string; city: string; uf: string },
): { oldValue: string | null; warning: string } | null {
  const row = statement<{ old_value: string | null; new_value: string; status_message: string | null; batch: string | null }>(
    db,
    `SELECT c.old_value, c.new_value, c.status_message, b.number AS batch FROM cep_changes c LEFT JOIN batches b ON b.id = c.batch_id
      WHERE c.cep = ? AND c.status = 'rejected' AND c.resolved_at IS NULL ORDER BY c.id DESC LIMIT 1`,
  ).get(cep);
  if (!row) return null;
  const rejected = JSON.parse(row.new_value) as Record<string, string>;
  const same = (['street', 'district', 'city', 'uf'] as const).every((key) => (rejected[key] ?? '') === address[key]);
  if (!same) return null;
  // Sent again, and said so (refusedBefore.ts does the same for a correction).
  return { oldValue: row.old_value, warning: refusedAgainText(`estes mesmos dados do CEP ${formatCep(cep)}`, 'O CEP vai', row.batch, row.status_message) };
}
