// The correction files of a Schema-Version 1 package: the format of batches sealed before the
// mother fact became one item (the mother's name and "Não consta mãe" as two lines, values as
// stored text). Frozen: a version-1 batch must export the same bytes it always did.
import type { Database } from 'better-sqlite3';
import { CORRECTION_SOURCE_LABELS, EVIDENCE_ARRIVAL_LABELS, labelOf } from '../../shared/display/labels';
import { formatFieldValue } from '../../shared/display/values';
import { fieldLabel } from '../../shared/fields';
import { formatDateBr } from '../../shared/rules/dates';
import { DIP_CONSEQUENCE_LABELS } from '../../shared/rules/dip';
import { csvLine } from '../../shared/spreadsheetSafety';
import type { DipConsequence } from '../../shared/domain';
import { brasiliaDateTime } from './clock';
import { csvLines, CSV_HEADER_V1, jsonLines, type CorrectionFiles, type PayloadTick } from './payloadParts';

/** Columns of the payload query, read as arrays (raw mode: 100 000 rows without an object each). */
type Row = [
  uuid: string,
  professionalId: number,
  field: string,
  oldValue: string | null,
  newValue: string | null,
  reason: string,
  evidenceKind: string | null,
  evidenceArrival: string | null,
  evidenceDate: string | null,
  evidenceNote: string | null,
  operator: string,
  createdAt: string,
  source: string,
  dipConsequence: DipConsequence,
  cpf: string,
  registrationNumber: string,
  name: string,
];

export function correctionFilesV1(db: Database, batchId: number, total: number, tick: PayloadTick): CorrectionFiles {
  const jsonl = jsonLines([], total);
  const csv = csvLines(csvLine(CSV_HEADER_V1), total + 1);
  const byField = new Map<string, number>();
  const dip = new Map<number, { cpf: string; registrationNumber: string; name: string; corrections: string[]; changes: { field: string; oldValue: string | null; newValue: string | null }[] }>();
  const people = new Set<number>();
  const rows = db
    .prepare(
      `SELECT c.uuid, c.professional_id, c.field, c.old_value, c.new_value, c.reason, c.evidence_kind, c.evidence_arrival,
         c.evidence_date, c.evidence_note, c.operator, c.created_at, c.source, c.dip_consequence,
         s.cpf, s.registration_number, s.name
       FROM corrections c JOIN batch_professionals s ON s.batch_id = c.batch_id AND s.professional_id = c.professional_id
       WHERE c.batch_id = ? ORDER BY c.id`,
    )
    .raw(true)
    .iterate(batchId) as IterableIterator<Row>;
  let done = 0;
  for (const row of rows) {
    const [uuid, professionalId, field, oldValue, newValue, reason, evidenceKind, arrival, evidenceDate, evidenceNote, operator, createdAt, source, dipAction, cpf, registration, name] =
      row;
    jsonl.add(
      JSON.stringify({
        id: uuid,
        cpf,
        registrationNumber: registration,
        name,
        field,
        oldValue,
        newValue,
        reason,
        evidence: { kind: evidenceKind, arrival, date: evidenceDate, note: evidenceNote },
        operator,
        createdAt,
        source,
        dipAction,
      }),
    );
    csv.add(
      csvLine([
        uuid,
        formatFieldValue('cpf', cpf, ''),
        registration,
        name,
        fieldLabel(field),
        formatFieldValue(field, oldValue, ''),
        formatFieldValue(field, newValue, ''),
        reason,
        evidenceKind ?? '',
        arrival ? labelOf(EVIDENCE_ARRIVAL_LABELS, arrival) : '',
        formatDateBr(evidenceDate),
        evidenceNote ?? '',
        operator,
        brasiliaDateTime(createdAt),
        labelOf(CORRECTION_SOURCE_LABELS, source),
        dipAction === 'none' ? '' : DIP_CONSEQUENCE_LABELS[dipAction],
      ]),
    );
    byField.set(field, (byField.get(field) ?? 0) + 1);
    people.add(professionalId);
    if (dipAction === 'correct_dip_request') {
      let request = dip.get(professionalId);
      if (!request) dip.set(professionalId, (request = { cpf, registrationNumber: registration, name, corrections: [], changes: [] }));
      request.corrections.push(uuid);
      request.changes.push({ field, oldValue, newValue });
    }
    if (++done % 5000 === 0) tick(done, total);
  }
  tick(done, total);
  // Insertion order of the map is the order of each professional's first correction.
  return { jsonl, csv, dipLines: jsonLines(dip.values()), byField, professionals: people.size };
}
