// The correction files of a package (corrections.jsonl, corrections.csv, dip-requests.jsonl) in
// the Schema-Version the batch was sealed with. Version 1 — batches sealed before the mother fact
// became one item — carries values as stored text and no previous CPF; it is frozen: a version-1
// batch must export the same bytes it always did. Version 2 carries the mother fact as one object
// {motherName, motherNotListed} and, on every line, the CPF Implanta knows the professional by
// (`previousCpf`), so Implanta finds her even while a CPF correction of hers is on its way.
// Version 3 writes the same lines as version 2; only the ways evidence can arrive grew (e-mail,
// phone), which a strict reader of version 2 would refuse. Version 4 adds to each DIP request the
// DIP's paper items (form, photo, payment receipt) that had arrived when the batch was sealed: an
// arrival recorded later, or undone later, does not change the package (dip_paper_items keeps
// undone rows with their time).
import type { Database } from 'better-sqlite3';
import { CORRECTION_SOURCE_LABELS, EVIDENCE_ARRIVAL_LABELS, labelOf } from '../../shared/display/labels';
import { formatFieldValue } from '../../shared/display/values';
import type { DipConsequence } from '../../shared/domain';
import { fieldLabel, MOTHER_FACT_FIELD } from '../../shared/fields';
import { formatDateBr } from '../../shared/rules/dates';
import { DIP_CONSEQUENCE_LABELS } from '../../shared/rules/dip';
import type { MotherFact } from '../../shared/rules/mother';
import { decodeMotherFact } from '../../shared/rules/motherFact';
import { csvLine } from '../../shared/spreadsheetSafety';
import { startDeflation } from '../zip/deflateThread';
import { brasiliaDateTime } from './clock';
import { csvLines, CSV_HEADER_V1, jsonLines, type CorrectionFiles, type PayloadTick } from './payloadParts';
import type { SchemaVersion } from './schemas';
import { SEALED_PEOPLE_COLUMNS, sealedRowsSha256 } from './sealedPayload';

export const CSV_HEADER_V2 = [...CSV_HEADER_V1.slice(0, 2), 'CPF anterior', ...CSV_HEADER_V1.slice(2)];
/** Version 4 names the evidence date for what it is: the day the council received the document. */
export const CSV_HEADER_V4 = CSV_HEADER_V2.map((column) => (column === 'Data do documento' ? 'Data de recebimento' : column));

/** A correction as the digest reads it (SEALED_CORRECTION_COLUMNS), as an array: 100 000 rows without an object each. */
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
];

/** What a batch says about a professional, as sealed: CPF, the CPF Implanta knows, registration number, name. */
type SealedPerson = [cpf: string, previousCpf: string | null, registrationNumber: string, name: string];

/**
 * The batch's people as it was sealed, read once and by professional_id (the digest's order):
 * looking each correction's person up in the same query (a join) cost a third of the query's time.
 */
function sealedPeople(db: Database, batchId: number): Map<number, SealedPerson> {
  const people = new Map<number, SealedPerson>();
  const rows = db
    .prepare(`SELECT ${SEALED_PEOPLE_COLUMNS.join(', ')} FROM batch_professionals WHERE batch_id = ? ORDER BY professional_id`)
    .raw(true)
    .iterate(batchId) as IterableIterator<[number, ...SealedPerson]>;
  for (const [id, ...person] of rows) people.set(id, person);
  return people;
}

/** The people again as rows of SEALED_PEOPLE_COLUMNS, for the digest. */
function* peopleRows(people: Map<number, SealedPerson>): Iterable<unknown[]> {
  for (const [id, person] of people) yield [id, ...person];
}

type PackageValue = string | null | MotherFact;

/** A stored value as a version-2 package carries it: the mother fact as an object, anything else as stored. */
export function packageValue(field: string, text: string | null): PackageValue {
  if (field !== MOTHER_FACT_FIELD) return text;
  const fact = decodeMotherFact(text);
  return { motherName: fact.motherName, motherNotListed: fact.motherNotListed };
}

interface DipRequest {
  cpf: string;
  /** Undefined in version 1 (JSON leaves the key out). */
  previousCpf: string | null | undefined;
  registrationNumber: string;
  name: string;
  corrections: string[];
  changes: { field: string; oldValue: PackageValue; newValue: PackageValue }[];
  /** Version 4 only (JSON leaves the key out before). */
  paperItems?: PaperItem[];
}

interface PaperItem {
  item: string;
  arrivedOn: string;
  way: string;
}

/** The paper items standing at the batch's sealing for each professional of its DIP requests. */
function paperItemsAt(db: Database, professionalIds: number[], sealedAt: string): Map<number, PaperItem[]> {
  const read = db.prepare(
    `SELECT item, arrived_on AS arrivedOn, way FROM dip_paper_items
     WHERE professional_id = ? AND recorded_at <= ? AND (undone_at IS NULL OR undone_at > ?)
     ORDER BY CASE item WHEN 'form' THEN 1 WHEN 'photo' THEN 2 ELSE 3 END`,
  );
  return new Map(professionalIds.map((id) => [id, read.all(id, sealedAt, sealedAt) as PaperItem[]]));
}

/**
 * The correction files of a sealed batch, with the digest of the rows they are built from
 * (`rowsSha256`, sealedPayload.ts): both come from one read of the rows. `deflateLevel`: the two
 * big files are deflated at that level as they are made (db/zip/deflateThread.ts); null: kept whole.
 */
export function correctionFiles(
  db: Database,
  version: SchemaVersion,
  batch: { id: number; sealed_at: string },
  total: number,
  tick: PayloadTick,
  deflateLevel: number | null,
): CorrectionFiles {
  // Versions 2 and 3 share every line's shape (3 only allows more values of evidence.arrival).
  const v2 = version >= 2;
  const deflation = () => (deflateLevel === null ? null : startDeflation(deflateLevel));
  const jsonl = jsonLines([], total, deflation());
  const header = version >= 4 ? CSV_HEADER_V4 : v2 ? CSV_HEADER_V2 : CSV_HEADER_V1;
  const csv = csvLines(csvLine(header), total + 1, deflation());
  const byField = new Map<string, number>();
  const dip = new Map<number, DipRequest>();
  const people = new Set<number>();
  const sealed = sealedPeople(db, batch.id);
  let done = 0;
  const add = (row: Row) => {
    const [uuid, professionalId, field, oldText, newText, reason, evidenceKind, arrival, evidenceDate, evidenceNote, operator, createdAt, source, dipAction] = row;
    const person = sealed.get(professionalId);
    if (person === undefined) return; // sealing keeps every professional of the batch: never the case
    const [cpf, storedPreviousCpf, registration, name] = person;
    const previousCpf = v2 ? storedPreviousCpf : undefined;
    const oldValue = v2 ? packageValue(field, oldText) : oldText;
    const newValue = v2 ? packageValue(field, newText) : newText;
    jsonl.add(
      JSON.stringify({
        id: uuid,
        cpf,
        previousCpf,
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
    const who = v2 ? [formatFieldValue('cpf', cpf, ''), formatFieldValue('cpf', previousCpf ?? null, '')] : [formatFieldValue('cpf', cpf, '')];
    csv.add(
      csvLine([
        uuid,
        ...who,
        registration,
        name,
        fieldLabel(field),
        formatFieldValue(field, oldText, ''),
        formatFieldValue(field, newText, ''),
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
      if (!request) dip.set(professionalId, (request = { cpf, previousCpf, registrationNumber: registration, name, corrections: [], changes: [] }));
      request.corrections.push(uuid);
      request.changes.push({ field, oldValue, newValue });
    }
    if (++done % 5000 === 0) tick(done, total);
  };
  try {
    const rowsSha256 = sealedRowsSha256(db, batch, { correction: (row) => add(row as Row), people: peopleRows(sealed) });
    tick(done, total);
    if (version >= 4) {
      const paper = paperItemsAt(db, [...dip.keys()], batch.sealed_at);
      for (const [id, request] of dip) request.paperItems = paper.get(id) ?? [];
    }
    // Insertion order of the map is the order of each professional's first correction.
    return { jsonl, csv, dipLines: jsonLines(dip.values()), byField, professionals: people.size, rowsSha256 };
  } catch (error) {
    // A cancelled or failed read: the lines' deflating threads end with it.
    jsonl.abort();
    csv.abort();
    throw error;
  }
}
