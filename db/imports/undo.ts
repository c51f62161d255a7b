// Undoing a whole import: only while none of its changes went into a batch, and only for records
// nobody changed since (row version check). Each field gets back the value it had before the
// import (the mother fact as one item), with an entry in the record's history and its pendências
// refreshed; the import's corrections (or CEP changes) are removed, the rejections they answered
// and the registry conflicts they closed open again, the registry conflicts raised with them
// closed, the import is marked undone and
// audited — one transaction, as all or nothing as the import itself.
import type { Database } from 'better-sqlite3';
import type { UndoResult } from '../../shared/contract/imports';
import { AppError } from '../../shared/errors';
import type { FieldName, FieldValue } from '../../shared/fields';
import { formatCep } from '../../shared/rules/cep';
import { closeConflictsAgreedAgainOf, reopenConflictsClosedByImport } from '../agreedConflicts';
import { appendAudit } from '../audit';
import { openJobConnection, WRITING_CACHE_KIB } from '../connections';
import { jobCancelled } from '../jobs/cancel';
import type { JobContext } from '../jobs/types';
import { reopenRejectionsAnsweredBy } from '../corrections';
import { appendHistory } from '../recordHistory';
import { writeRecordFields } from '../recordState';
import { valuesOfCorrectionText } from '../../shared/rules/correctionText';
import { sameBarSpelling } from '../../shared/rules/spelling';
import { requireSettings } from '../settings';
import { writeTransaction } from '../storeLock';
import { statement } from '../statements';
import { queuedOf, requireImport, undoBlocker } from './history';
import { refreshRecordsWithCeps } from '../cepPendencies';

const LISTED = 10;

function refuse(message: string): AppError {
  return new AppError('IMPORT_UNDO_REFUSED', message);
}

function listed(items: string[]): string {
  const shown = items.slice(0, LISTED).join(', ');
  return items.length > LISTED ? `${shown} e mais ${(items.length - LISTED).toLocaleString('pt-BR')}` : shown;
}

/**
 * Whether a registry load written before import `importId` brought `value` for the record's field:
 * it raised a conflict with it, or the record took it. The baseline then holds what the main system
 * already had, not a value it caught up with.
 */
function loadedBefore(db: Database, importId: number, professionalId: number, field: string, value: string | null): boolean {
  const conflict = statement(db, 'SELECT 1 FROM registry_conflicts WHERE professional_id = ? AND field = ? AND file_value IS ? AND import_id < ? LIMIT 1');
  const taken = statement(db, "SELECT 1 FROM record_history WHERE professional_id = ? AND field = ? AND kind = 'registry_load' AND new_value IS ? AND import_id < ? LIMIT 1");
  return conflict.get(professionalId, field, value, importId) !== undefined || taken.get(professionalId, field, value, importId) !== undefined;
}

/**
 * The fields whose last registry load, written after the import, already held the value the import
 * left (the main system caught up with it), or the value of a load that raised a conflict with the
 * import's correction: their load baseline goes back to the value before the import too, so the
 * record is as if the import never happened — the main system's value is not the desk's own
 * change to keep, and the next load takes it as any other value the main system changed. A value a
 * load before the import brought stays the baseline: the main system held it all along.
 */
function forgetCaughtUp(
  db: Database,
  importId: number,
  professionalId: number,
  fields: Map<string, { before: string | null; after: string | null }>,
  conflictValues: ReadonlyMap<string, (string | null)[]>,
): void {
  const row = db.prepare('SELECT loaded_values AS loaded FROM professionals WHERE id = ?').get(professionalId) as { loaded: string | null } | undefined;
  if (!row?.loaded) return;
  let loaded: Record<string, string | null>;
  try {
    loaded = JSON.parse(row.loaded) as Record<string, string | null>;
  } catch {
    return;
  }
  if (loaded === null || typeof loaded !== 'object') return;
  let changed = false;
  for (const [field, change] of fields) {
    if (!Object.hasOwn(loaded, field)) continue;
    const had = loaded[field] ?? null;
    const raisedWithImport = (conflictValues.get(`${professionalId}:${field}`) ?? []).includes(had);
    const caughtUp = (had === change.after || sameBarSpelling(field, had, change.after)) && !loadedBefore(db, importId, professionalId, field, had);
    if (had !== change.before && (raisedWithImport || caughtUp)) {
      loaded[field] = change.before;
      changed = true;
    }
  }
  if (changed) db.prepare('UPDATE professionals SET loaded_values = ? WHERE id = ?').run(JSON.stringify(loaded), professionalId);
}

function undoCorrections(db: Database, id: number, now: string, operator: string, context: JobContext): { restored: number; removed: number; reopened: number[] } {
  const stale = db
    .prepare(
      `SELECT p.registration_number AS registration FROM professionals p
       JOIN (SELECT professional_id, max(import_row_version) AS version FROM corrections WHERE import_id = ? GROUP BY professional_id) c
         ON c.professional_id = p.id
       WHERE p.row_version <> c.version ORDER BY p.registration_number`,
    )
    .all(id) as { registration: string }[];
  if (stale.length > 0) {
    throw refuse(
      `Não é possível desfazer: ${stale.length.toLocaleString('pt-BR')} ${stale.length === 1 ? 'cadastro foi alterado' : 'cadastros foram alterados'} depois da importação (registro ${listed(stale.map((s) => s.registration))}). Corrija ${stale.length === 1 ? 'esse cadastro' : 'esses cadastros'} pela tela de correções.`,
    );
  }
  // Read first: better-sqlite3 cannot write while a query is still being iterated.
  const rows = db
    .prepare('SELECT professional_id AS professional, field, old_value AS old, new_value AS new FROM corrections WHERE import_id = ? ORDER BY professional_id, id')
    .all(id) as { professional: number; field: string; old: string | null; new: string | null }[];
  // The rejections these corrections answered are open again: the answer is gone.
  reopenRejectionsAnsweredBy(db, { importId: id });
  // Conflicts a registry load raised with these corrections are about nothing once they are gone:
  // they close without a choice, and the value the load brought is no longer the desk's to keep.
  const conflicts = db
    .prepare('SELECT professional_id AS professional, field, file_value AS file FROM registry_conflicts WHERE correction_uuid IN (SELECT uuid FROM corrections WHERE import_id = ?)')
    .all(id) as { professional: number; field: string; file: string | null }[];
  const conflictValues = new Map<string, (string | null)[]>();
  for (const c of conflicts) conflictValues.set(`${c.professional}:${c.field}`, [...(conflictValues.get(`${c.professional}:${c.field}`) ?? []), c.file]);
  db.prepare(
    'UPDATE registry_conflicts SET resolved_at = ?, resolution = NULL, operator = ? WHERE resolved_at IS NULL AND correction_uuid IN (SELECT uuid FROM corrections WHERE import_id = ?)',
  ).run(now, operator, id);
  // With no load since the import, no baseline can have caught up with it.
  const loadedSince = db.prepare("SELECT 1 FROM imports WHERE kind = 'registry' AND id > ? LIMIT 1").get(id) !== undefined;
  const note = `Importação nº ${id} desfeita`;
  let restored = 0;
  let current = -1;
  let fields = new Map<string, { before: string | null; after: string | null }>();
  const restoredFields: [number, string][] = [];
  const flush = () => {
    if (current < 0 || fields.size === 0) return;
    for (const field of fields.keys()) restoredFields.push([current, field]);
    const values: Partial<Record<FieldName, FieldValue>> = {};
    for (const [field, change] of fields) Object.assign(values, valuesOfCorrectionText(field, change.before));
    writeRecordFields(db, current, values, now);
    if (loadedSince) forgetCaughtUp(db, id, current, fields, conflictValues);
    for (const [field, change] of fields) {
      appendHistory(db, { professionalId: current, at: now, operator, kind: 'import_undone', field, oldValue: change.after, newValue: change.before, importId: id, note });
    }
    restored++;
    if (restored % 1000 === 0) {
      if (context.cancelled()) throw jobCancelled();
      context.progress({ phase: 'undo', label: 'Devolvendo os valores anteriores…', done: restored, total: null });
    }
  };
  // Rows come per professional, oldest first: a field's first old value is what it had before the
  // import, its last new value what the import left.
  for (const row of rows) {
    if (row.professional !== current) {
      flush();
      current = row.professional;
      fields = new Map();
    }
    const seen = fields.get(row.field);
    if (seen) seen.after = row.new;
    else fields.set(row.field, { before: row.old, after: row.new });
  }
  flush();
  // With the record back on the desk's value, the main system's value differs again.
  const reopened = reopenConflictsClosedByImport(db, id);
  const removed = db.prepare('DELETE FROM corrections WHERE import_id = ?').run(id).changes;
  // A conflict the import's corrections opened again by taking a record off the main system's value closes again.
  closeConflictsAgreedAgainOf(db, restoredFields, now, operator);
  return { restored, removed, reopened };
}

function undoCeps(db: Database, id: number): { restored: number; removed: number } {
  const later = db
    .prepare(
      `SELECT DISTINCT c.cep FROM cep_changes c
       WHERE c.import_id = ? AND EXISTS (SELECT 1 FROM cep_changes l WHERE l.cep = c.cep AND l.id > c.id AND (l.import_id IS NULL OR l.import_id <> ?))
       ORDER BY c.cep`,
    )
    .all(id, id) as { cep: string }[];
  if (later.length > 0) {
    throw refuse(`Não é possível desfazer: ${later.length === 1 ? 'o CEP' : 'os CEPs'} ${listed(later.map((l) => formatCep(l.cep)))} ${later.length === 1 ? 'foi alterado' : 'foram alterados'} depois da importação.`);
  }
  // A change that sent rejected data again starts from Implanta's value, but the directory held the
  // rejected data before it (cepRejections.ts): that is what comes back.
  const firsts = db
    .prepare(
      `SELECT c.cep, coalesce((SELECT r.new_value FROM cep_changes r WHERE r.status = 'rejected' AND r.resolution_note = c.uuid AND r.new_value = c.new_value LIMIT 1), c.old_value) AS old
       FROM cep_changes c WHERE c.id IN (SELECT min(id) FROM cep_changes WHERE import_id = ? GROUP BY cep)`,
    )
    .all(id) as { cep: string; old: string | null }[];
  const remove = db.prepare('DELETE FROM cep_directory WHERE cep = ?');
  const restore = db.prepare('UPDATE cep_directory SET street = @street, district = @district, city = @city, uf = @uf WHERE cep = @cep');
  for (const { cep, old } of firsts) {
    if (old === null) remove.run(cep);
    else restore.run({ ...(JSON.parse(old) as Record<string, string>), cep });
  }
  refreshRecordsWithCeps(db, firsts.map((f) => f.cep));
  // The rejections of these CEPs that the import's changes answered are to fix again.
  db.prepare(
    "UPDATE cep_changes SET resolved_at = NULL, resolution = NULL, resolution_note = NULL WHERE status = 'rejected' AND resolution = 'corrected' AND resolution_note IN (SELECT uuid FROM cep_changes WHERE import_id = ?)",
  ).run(id);
  const removed = db.prepare('DELETE FROM cep_changes WHERE import_id = ?').run(id).changes;
  return { restored: firsts.length, removed };
}

export function undoImport(input: { id: number }, context: JobContext): UndoResult {
  const db = openJobConnection(context.storePath, WRITING_CACHE_KIB);
  try {
    const settings = requireSettings(db);
    // Queued for the writer lock, and on the store this connection sees, as every write (db/storeLock.ts).
    const result = writeTransaction(db, (): UndoResult => {
      const record = requireImport(db, input.id);
      const blocker = undoBlocker(record, queuedOf(db, input.id));
      if (blocker) throw refuse(blocker);
      const now = context.nowIso();
      context.progress({ phase: 'undo', label: 'Desfazendo a importação…', done: 0, total: null });
      const undone: { restored: number; removed: number; reopened?: number[] } = record.kind === 'cep' ? undoCeps(db, input.id) : undoCorrections(db, input.id, now, settings.operator, context);
      const { restored, removed, reopened = [] } = undone;
      db.prepare("UPDATE imports SET state = 'undone', undone_at = ? WHERE id = ?").run(now, input.id);
      appendAudit(db, {
        at: now,
        operator: settings.operator,
        action: 'import.undo',
        entity: 'import',
        entityId: String(input.id),
        detail: { kind: record.kind, fileName: record.file_name, sha256: record.sha256, restoredRecords: restored, removedChanges: removed, ...(reopened.length > 0 ? { reopenedConflicts: reopened } : {}) },
      });
      return { id: input.id, restoredRecords: restored, removedChanges: removed };
    });
    db.pragma('wal_checkpoint(PASSIVE)');
    return result;
  } finally {
    db.close();
  }
}
