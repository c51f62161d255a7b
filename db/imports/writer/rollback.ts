// Rolling back a corrections import that was written in steps and did not finish (stagedWriter.ts):
// a step failed, or its process died — then the next open of the store finds the import's mark
// and no live process holding its staging file. Everything the finished steps wrote goes: each
// field gets back the value it had before the import (if it still shows the import's value —
// a later change by someone else stays), the record's pendências are recomputed and the load
// notes the import removed are put back (from the staging file, when it is still there); the
// import's corrections and history entries are removed, the rejections they answered and the
// registry conflicts they closed are open again, and the mark is cleared — one transaction, with an audit entry saying so. An unfinished
// import never got its own row nor its audit entry, so the store is as if it never ran.
import type { Database } from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FieldName, FieldValue } from '../../../shared/fields';
import type { ErrorCode } from '../../../shared/errors';
import { caseOfPendency } from '../../../shared/rules/pendencyCases';
import { closeConflictsAgreedAgainOf, reopenConflictsClosedByImport } from '../../agreedConflicts';
import { appendAudit } from '../../audit';
import { refreshPendencies } from '../../pendencies';
import { writeRecordFields } from '../../recordState';
import { currentCorrectionText, valuesOfCorrectionText } from '../../../shared/rules/correctionText';
import { getProfessional } from '../../registry';
import { unattendedOperator } from '../../settings';
import { writeTransaction } from '../../storeLock';
import type { DroppedNote } from './applier';
import { clearMark, unfinishedImports } from './reservations';
import { ImportStage, removeStageFiles, stageNamesOf } from './stage';

/** A staging file nobody holds and nobody could read for this long was left by a killed import. */
const UNREADABLE_AFTER_MS = 60_000;

interface Change {
  professional: number;
  field: string;
  old: string | null;
  new: string | null;
  status: string;
  batch: number | null;
  /** The record's row_version once this correction was written. */
  version: number;
}

/** Why an unfinished import is rolled back: it failed or was cancelled in its own process, or was found at the next open. */
export type RollbackReason = 'failed' | 'cancelled' | 'interrupted';

/**
 * Rolls the unfinished import back (its own transaction), saying `why`. Does nothing when the mark is
 * gone (the import finished, or another program rolled it back first).
 */
export function rollbackUnfinishedImport(db: Database, target: { importId: number; mark: string }, notes: readonly DroppedNote[], now: string, why: RollbackReason): void {
  writeTransaction(db, () => {
    if (db.prepare('SELECT 1 FROM store_tasks WHERE name = ?').get(target.mark) === undefined) return;
    const id = target.importId;
    const changes = db
      .prepare(
        `SELECT professional_id AS professional, field, old_value AS old, new_value AS new, status, batch_id AS batch, import_row_version AS version
         FROM corrections WHERE import_id = ? ORDER BY professional_id, id`,
      )
      .all(id) as Change[];
    // A correction someone took into a lote (or cancelled) in the seconds the import was being
    // written has a life of its own now: its record keeps what it says.
    const claimed = new Set(changes.filter((c) => c.status !== 'pending' || c.batch !== null).map((c) => c.professional));
    const byRecord = new Map<number, { fields: Map<string, { before: string | null; after: string | null }>; first: number; last: number }>();
    for (const change of changes) {
      if (claimed.has(change.professional)) continue;
      let record = byRecord.get(change.professional);
      if (!record) byRecord.set(change.professional, (record = { fields: new Map(), first: change.version, last: change.version }));
      record.first = Math.min(record.first, change.version);
      record.last = Math.max(record.last, change.version);
      const seen = record.fields.get(change.field);
      if (seen) seen.after = change.new;
      else record.fields.set(change.field, { before: change.old, after: change.new });
    }
    const versionBack = db.prepare('UPDATE professionals SET row_version = ? WHERE id = ?');
    let restored = 0;
    for (const [professional, written] of byRecord) {
      const record = getProfessional(db, professional);
      if (!record) continue;
      const values: Partial<Record<FieldName, FieldValue>> = {};
      for (const [field, change] of written.fields) {
        if (currentCorrectionText(record, field) === change.after) Object.assign(values, valuesOfCorrectionText(field, change.before));
      }
      if (Object.keys(values).length === 0) {
        refreshPendencies(db, record);
        continue;
      }
      writeRecordFields(db, professional, values, now);
      // Untouched since the import: its version goes back too, as if the import never ran (a
      // window opened meanwhile then sees a conflict instead of saving over it).
      if (record.rowVersion === written.last) versionBack.run(written.first - 1, professional);
      restored++;
    }
    const keep = [...claimed];
    const others = keep.length > 0 ? ` AND professional_id NOT IN (${keep.join(', ')})` : '';
    db.prepare(
      `UPDATE corrections SET resolved_at = NULL, resolution = NULL, resolution_note = NULL
       WHERE status = 'rejected' AND resolution = 'corrected' AND resolution_note IN (SELECT uuid FROM corrections WHERE import_id = ?${others})`,
    ).run(id);
    const reopened = reopenConflictsClosedByImport(db, id, claimed);
    db.prepare(`DELETE FROM record_history WHERE import_id = ?${others}`).run(id);
    const removed = db.prepare(`DELETE FROM corrections WHERE import_id = ?${others}`).run(id).changes;
    // A conflict its corrections opened again by taking a record off the main system's value closes again.
    const restoredFields = [...byRecord].flatMap(([professional, written]) => [...written.fields.keys()].map((field) => [professional, field] as const));
    closeConflictsAgreedAgainOf(db, restoredFields, now, unattendedOperator(db) ?? 'sistema');
    const putBack = db.prepare(
      `INSERT INTO pendencies (professional_id, code, field, message, source, case_letter)
       SELECT ?, ?, ?, ?, 'load', ? WHERE NOT EXISTS (SELECT 1 FROM pendencies WHERE professional_id = ? AND source = 'load' AND field IS ? AND code = ?)`,
    );
    for (const note of notes) {
      if (!byRecord.has(note.professionalId)) continue;
      const letter = caseOfPendency(note.code as ErrorCode, note.field as FieldName | null);
      putBack.run(note.professionalId, note.code, note.field, note.message, letter, note.professionalId, note.field, note.code);
    }
    // The corrections are gone: what depended on them (a DIP request awaiting them) is checked again.
    for (const professional of byRecord.keys()) {
      const record = getProfessional(db, professional);
      if (record) refreshPendencies(db, record);
    }
    clearMark(db, target.mark);
    appendAudit(db, {
      at: now,
      operator: unattendedOperator(db) ?? 'sistema',
      action: 'import.rollback',
      entity: 'import',
      entityId: String(id),
      detail: { why, restoredRecords: restored, removedCorrections: removed, keptRecords: keep.length, ...(reopened.length > 0 ? { reopenedConflicts: reopened } : {}) },
    });
  });
}

/**
 * At every open: rolls back the imports whose process is gone, and removes staging files nobody
 * holds and no unfinished import needs. Answers how many imports were rolled back.
 */
export function recoverUnfinishedImports(db: Database, storePath: string): number {
  const unfinished = unfinishedImports(db);
  const folder = dirname(storePath);
  let rolledBack = 0;
  for (const entry of unfinished) {
    const stagePath = join(folder, entry.stageName);
    let stage: ImportStage | 'held' | 'unreadable' | null = null;
    if (existsSync(stagePath)) {
      stage = ImportStage.openAbandoned(stagePath);
      if (stage === 'held') continue; // its import is still at work
    }
    const notes = stage instanceof ImportStage ? stage.dropped() : [];
    try {
      rollbackUnfinishedImport(db, entry, notes, new Date().toISOString(), 'interrupted');
      rolledBack++;
      if (stage !== null) removeStageFiles(stagePath);
    } finally {
      if (stage instanceof ImportStage) stage.close();
    }
  }
  const needed = new Set(unfinishedImports(db).map((u) => u.stageName));
  for (const name of stageNamesOf(storePath)) {
    if (needed.has(name)) continue;
    // An import killed before it wrote anything left only its staging file.
    const path = join(folder, name);
    const stage = ImportStage.openAbandoned(path);
    if (stage instanceof ImportStage) stage.remove();
    else if (stage === 'unreadable' && Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > UNREADABLE_AFTER_MS) removeStageFiles(path);
  }
  return rolledBack;
}
