// A change of the council's CEP directory Implanta rejected stays to fix until it is dealt with: a
// new change of that CEP (the CEPs screen, a CEP import) answers it, as a new correction of a field
// answers the field's rejection; dismissing it is in rejections.ts.
import type { Database } from 'better-sqlite3';
import { statement } from './statements';

/** Answers the rejections of this CEP still to fix; the note names the change, so undoing its import opens them again. */
export function resolveCepRejectionsBy(db: Database, cep: string, now: string, changeUuid: string): number {
  return statement(db, "UPDATE cep_changes SET resolved_at = ?, resolution = 'corrected', resolution_note = ? WHERE cep = ? AND status = 'rejected' AND resolved_at IS NULL").run(
    now,
    changeUuid,
    cep,
  ).changes;
}
