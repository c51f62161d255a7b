// A CEP of the council's directory vouches for its UF (the CEP_UF_MISMATCH rule: a CEP outside the
// Correios ranges is right for the UF the directory gives it). When entries change — saved on the
// CEPs screen, imported, an import of them undone — the records holding those CEPs have their
// pendências looked at again, inside the caller's transaction: the worklist never waits for the
// next scan of the registry to drop or bring back a record. There is no index on professionals.cep:
// one scan for the whole set of CEPs.
import type { Database } from 'better-sqlite3';
import { refreshPendencies } from './pendencies';
import { toProfessional, type ProfessionalRow } from './professionalRow';

/** Refreshes the pendências of every record holding one of `ceps`; how many records. */
export function refreshRecordsWithCeps(db: Database, ceps: Iterable<string>): number {
  const list = [...new Set(ceps)];
  if (list.length === 0) return 0;
  const holders = db.prepare('SELECT * FROM professionals WHERE cep IN (SELECT value FROM json_each(?))').all(JSON.stringify(list)) as ProfessionalRow[];
  for (const row of holders) refreshPendencies(db, toProfessional(row));
  return holders.length;
}

/** The CEPs an import of the directory changed. */
export function cepsOfImport(db: Database, importId: number): string[] {
  return db.prepare('SELECT DISTINCT cep FROM cep_changes WHERE import_id = ?').pluck().all(importId) as string[];
}
