// What a lote sends Implanta must be what the desk wrote. Another program may have edited a
// correction's new value, or a record's CPF or name, straight in the file (the seal queue's
// triggers dropped and made again, so neither the open nor the look before each write saw it).
// Sealed into the lote, the edit would reach Implanta and be sealed in for good. So sealing a lote
// first checks every correction it carries, and every record it names, against its seal (one keyed
// SHA-256 each, inside the sealing's transaction, before it writes anything) — and creating one
// checks the corrections it takes, whose write would otherwise seal an edit in with its lote (it
// writes no record: those are looked at when it is sealed). About 8 µs a correction and 10 µs a
// record: a lote of 100 000 corrections costs about 0.8 s more to create and 1.8 s to seal. A record whose row or
// one of whose corrections no longer matches leaves the lote — its corrections stay pending, like
// those held back for a CPF (./heldBack.ts) — and the rows are recorded in the audit trail as
// changed outside the desk. The clerk frees the record by saving it again at the desk (its row is
// sealed anew, with what she checked) or, for a correction, by cancelling it and saving the field
// again as the document shows it.
import type { Database } from 'better-sqlite3';
import type { HeldBack } from '../../shared/contract/batches';
import { checkRow, rowJsonSql, type SealedTable, type TaintedRow } from '../auditSeals';
import { columnLabel } from '../auditReplay';
import { recordUnlessRecorded, signingKeyHex } from '../sealCheck';
import { statement } from '../statements';

/** Corrections `scope` selects (SQL over `t`, a corrections row) and the records they name: each row as its seal covers it, and the seal. */
function rowsOf(table: SealedTable, scope: string): string {
  return table === 'corrections'
    ? `SELECT t.id, t.professional_id, ${rowJsonSql('corrections')}, s.seal
       FROM corrections t LEFT JOIN correction_seals s ON s.id = t.id WHERE ${scope}`
    : `SELECT p.id, p.id, ${rowJsonSql('professionals', 'p')}, s.seal
       FROM professionals p LEFT JOIN professional_seals s ON s.id = p.id
       WHERE p.id IN (SELECT t.professional_id FROM corrections t WHERE ${scope})`;
}

interface Found {
  row: TaintedRow;
  professionalId: number;
}

function changedRows(db: Database, keyHex: string, table: SealedTable, scope: string, params: readonly unknown[]): Found[] {
  const found: Found[] = [];
  for (const [id, professionalId, json, seal] of statement(db, rowsOf(table, scope)).raw().iterate(...params) as Iterable<[number, number, string, Buffer | null]>) {
    const check = seal ? checkRow(keyHex, table, json, seal) : { sound: false, columns: [] };
    if (!check.sound) found.push({ row: { table, id, columns: check.columns }, professionalId });
  }
  return found;
}

function labels(found: readonly Found[]): string {
  const names = [...new Set(found.flatMap((f) => f.row.columns.map((column) => columnLabel(f.row.table, column))))];
  return names.length > 0 ? ` (${names.join(', ')})` : '';
}

/** Why the record's corrections wait (pt-BR). */
function editedUnseenWords(found: readonly Found[]): string {
  const record = found.filter((f) => f.row.table === 'professionals');
  const corrections = found.filter((f) => f.row.table === 'corrections');
  const what = [
    ...(record.length > 0 ? [`o cadastro${labels(record)}`] : []),
    ...(corrections.length > 0 ? [`${corrections.length === 1 ? 'uma correção' : `${corrections.length} correções`} dele${labels(corrections)}`] : []),
  ].join(' e ');
  const free = [
    ...(record.length > 0 ? ['confira o cadastro e salve-o de novo no CRESS Desk'] : []),
    ...(corrections.length > 0 ? ['cancele a correção alterada e salve de novo o campo, conferido no documento'] : []),
  ].join('; ');
  return (
    `Alterado fora do CRESS Desk depois de gravado: ${what}. As correções deste cadastro ficam fora do lote, ` +
    `para que a Implanta não receba o que o CRESS Desk não gravou: veja “Verificar histórico de auditoria”, ${free}.`
  );
}

/**
 * Records with corrections `scope` selects (SQL over `t`, a corrections row: those a lote takes, or
 * carries) whose row, or one of those corrections, another program changed since the desk wrote
 * it (of the `tables` looked at): recorded in the trail (once), and answered as held back, with how many of their corrections
 * `scope` selects. Nothing when the chain is not signed with the key here (nothing can be told).
 * Called before the caller's transaction writes anything: a row it wrote waits unsealed.
 */
export function editedUnseenAmong(db: Database, scope: string, params: readonly unknown[], tables: readonly SealedTable[]): HeldBack[] {
  const keyHex = signingKeyHex(db);
  if (!keyHex) return [];
  const found = tables.flatMap((table) => changedRows(db, keyHex, table, scope, params));
  if (found.length === 0) return [];
  recordUnlessRecorded(db, found.map((f) => f.row));
  const byRecord = new Map<number, Found[]>();
  for (const f of found) byRecord.set(f.professionalId, [...(byRecord.get(f.professionalId) ?? []), f]);
  const held: HeldBack[] = [];
  for (const [professionalId, rows] of byRecord) {
    const record = statement<{ registration: string; name: string; corrections: number }>(
      db,
      `SELECT registration_number AS registration, name, (SELECT count(*) FROM corrections t WHERE t.professional_id = p.id AND (${scope})) AS corrections
       FROM professionals p WHERE id = ?`,
    ).get(...params, professionalId);
    held.push({
      professionalId,
      registrationNumber: record?.registration ?? '',
      name: record?.name ?? '',
      corrections: record?.corrections ?? 0,
      message: editedUnseenWords(rows),
    });
  }
  return held.sort((a, b) => a.registrationNumber.localeCompare(b.registrationNumber));
}
