// A conflict sets the main system's value of a field against the desk's. A later load that brings
// another value for that field says the main system has moved on (it caught up with the desk, or
// changed the field once more): the old conflict closes — without a choice of the clerk
// (`resolution` stays null) — so that "use the file's value" can never bring back a value the main
// system itself has left. A new third value is a conflict of its own, stored by the load. A load
// that brings the same value closes the conflict too once the record holds it (the correction was
// rejected or cancelled, and the record took the main system's value): both sides now agree.
import type { Database, Statement } from 'better-sqlite3';

export class StaleConflicts {
  private readonly openOf: Statement<[number], { id: number; field: string; file_value: string | null }>;
  private readonly close: Statement<[string, string, number]>;
  /** Records with an open conflict when the load began: few, the others are not looked up. */
  private readonly some = new Set<number>();

  constructor(db: Database) {
    this.openOf = db.prepare('SELECT id, field, file_value FROM registry_conflicts WHERE professional_id = ? AND resolved_at IS NULL');
    this.close = db.prepare('UPDATE registry_conflicts SET resolved_at = ?, resolution = NULL, operator = ? WHERE id = ? AND resolved_at IS NULL');
    for (const row of db.prepare('SELECT DISTINCT professional_id AS id FROM registry_conflicts WHERE resolved_at IS NULL').iterate() as Iterable<{ id: number }>) {
      this.some.add(row.id);
    }
  }

  /**
   * Closes the record's open conflicts whose file value the row no longer states, or whose field the
   * record holds at the file's value after the row (`agreed`): call before storing the row's own
   * conflicts. Answers how many it closed.
   */
  settle(professionalId: number, values: ReadonlyMap<string, string | null>, agreed: ReadonlySet<string>, now: string, operator: string): number {
    let closed = 0;
    if (!this.some.has(professionalId)) return closed;
    for (const conflict of this.openOf.all(professionalId)) {
      if (!values.has(conflict.field)) continue;
      if (values.get(conflict.field) === conflict.file_value && !agreed.has(conflict.field)) continue;
      closed += this.close.run(now, operator, conflict.id).changes;
    }
    return closed;
  }
}
