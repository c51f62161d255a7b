// A registry conflict sets the main system's value of a field against the desk's. Once the record
// holds the main system's value — the clerk corrected the field to it, or to its own spelling of it
// (capitals, accents, spaces: the main system catches up that way, shared/rules/spelling.ts) —
// there is nothing left to choose: the conflict closes without a choice (`resolution` empty), as when a load finds the sides
// agree (db/imports/kinds/registryStaleConflicts.ts), instead of showing the same value on both sides.
import type { Database } from 'better-sqlite3';
import { currentCorrectionText } from '../shared/rules/correctionText';
import { sameBarSpelling } from '../shared/rules/spelling';
import { requireProfessional } from './registry';
import { statement } from './statements';

/** Closes the record's open conflicts of `fields` whose file value the record now holds; answers their ids. The caller owns the transaction. */
export function closeAgreedConflicts(db: Database, professionalId: number, fields: readonly string[], now: string, operator: string): number[] {
  const open = statement<{ id: number; field: string; file_value: string | null }>(
    db,
    'SELECT id, field, file_value FROM registry_conflicts WHERE professional_id = ? AND resolved_at IS NULL ORDER BY id',
  )
    .all(professionalId)
    .filter((c) => fields.includes(c.field));
  if (open.length === 0) return [];
  const record = requireProfessional(db, professionalId);
  const close = statement(db, 'UPDATE registry_conflicts SET resolved_at = ?, resolution = NULL, operator = ? WHERE id = ? AND resolved_at IS NULL');
  const closed: number[] = [];
  for (const conflict of open) {
    if (!sameBarSpelling(conflict.field, currentCorrectionText(record, conflict.field), conflict.file_value)) continue;
    close.run(now, operator, conflict.id);
    closed.push(conflict.id);
  }
  return closed;
}
