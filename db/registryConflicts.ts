// Conflicts between the council's main system and the desk: a registry load brought a third value
// for a field whose correction is still on its way to Implanta. The desk kept the correction; the
// clerk chooses (docs/store.md, "One model of a record").
import type { Database } from 'better-sqlite3';
import type { RegistryConflict } from '../shared/contract/registry';
import { statement } from './statements';

interface Row {
  id: number;
  import_id: number | null;
  row: number | null;
  professional_id: number;
  registration_number: string;
  name: string;
  field: string;
  desk_value: string | null;
  file_value: string | null;
  correction_uuid: string;
  created_at: string;
  resolved_at: string | null;
  resolution: 'kept' | 'file' | null;
}

function toConflict(r: Row): RegistryConflict {
  return {
    id: r.id,
    importId: r.import_id,
    row: r.row,
    professionalId: r.professional_id,
    registrationNumber: r.registration_number,
    name: r.name,
    field: r.field,
    deskValue: r.desk_value,
    fileValue: r.file_value,
    correctionUuid: r.correction_uuid,
    createdAt: r.created_at,
    resolvedAt: r.resolved_at,
    resolution: r.resolution,
  };
}

const SELECT = `SELECT c.*, p.registration_number, p.name FROM registry_conflicts c JOIN professionals p ON p.id = c.professional_id`;

/** A record's conflicts still waiting for the clerk's choice. */
export function openConflictsOf(db: Database, professionalId: number): RegistryConflict[] {
  return statement<Row>(db, `${SELECT} WHERE c.professional_id = ? AND c.resolved_at IS NULL ORDER BY c.id`).all(professionalId).map(toConflict);
}

export function countOpenConflicts(db: Database): number {
  return statement<{ n: number }>(db, 'SELECT count(*) AS n FROM registry_conflicts WHERE resolved_at IS NULL').get()?.n ?? 0;
}
