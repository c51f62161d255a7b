// The payload of a batch package (the files under data/ in the bag), built from a sealed batch.
// Everything in it is fixed at sealing — the items, who they are about, the app version — and the
// order is the items' creation order, so the same batch always gives the same bytes.
import type { Database } from 'better-sqlite3';
import { FIELD_NAMES, fieldLabel, type FieldName } from '../../shared/fields';
import { regionLabel } from '../../shared/regions';
import { formatDateBr } from '../../shared/rules/dates';
import { DIP_CONSEQUENCE_LABELS } from '../../shared/rules/dip';
import { csvLine } from '../../shared/spreadsheetSafety';
import type { DipConsequence } from '../../shared/domain';
import { AppError } from '../../shared/errors';
import { brasiliaDateTime } from './clock';
import { humanValue, ARRIVAL_WORDS, SOURCE_WORDS } from './humanValues';
import { SCHEMA_VERSION } from './schemas';
import type { BatchRow } from './summary';

export interface PayloadFile {
  /** Inside data/. */
  path: string;
  data: Buffer;
  records: number;
}

export interface BatchPayload {
  files: PayloadFile[];
  counts: { corrections: number; professionals: number; cepChanges: number; dipRequests: number };
}

/** Columns of the payload query, read as arrays (raw mode: 100 000 rows without an object each). */
type CorrectionRow = [
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

interface CepRow {
  uuid: string;
  cep: string;
  old_value: string | null;
  new_value: string;
  reason: string;
  operator: string;
  created_at: string;
}

const CSV_HEADER = [
  'id',
  'CPF',
  'Registro',
  'Nome',
  'Campo',
  'Valor anterior',
  'Valor novo',
  'Motivo',
  'Documento',
  'Recebimento',
  'Data do documento',
  'Observação do documento',
  'Operador',
  'Criada em (horário de Brasília)',
  'Origem',
  'DIP',
];

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** The address of a CEP change in a fixed key order (stored JSON may list them otherwise). */
function address(text: string | null): { street: string; district: string; city: string; uf: string } | null {
  if (text === null) return null;
  const a = JSON.parse(text) as Record<string, string>;
  return { street: a.street ?? '', district: a.district ?? '', city: a.city ?? '', uf: a.uf ?? '' };
}

/** Called every few thousand records, so a job can report progress and stop when asked. */
export type PayloadTick = (done: number, total: number) => void;

/** Builds every payload file of a sealed batch (read it inside one transaction for a consistent view). */
export function buildPayload(db: Database, batch: BatchRow, tick: PayloadTick = () => {}): BatchPayload {
  if (batch.sealed_at === null || batch.state === 'open' || batch.state === 'cancelled') {
    throw new AppError('BATCH_STATE', `O lote ${batch.number} ainda não foi fechado: feche-o antes de exportar.`);
  }
  const total = (db.prepare('SELECT count(*) AS n FROM corrections WHERE batch_id = ?').get(batch.id) as { n: number }).n;
  const jsonl: string[] = [];
  const csv: string[] = [BOM + csvLine(CSV_HEADER)];
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
    .iterate(batch.id) as IterableIterator<CorrectionRow>;
  let done = 0;
  for (const row of rows) {
    const [uuid, professionalId, field, oldValue, newValue, reason, evidenceKind, arrival, evidenceDate, evidenceNote, operator, createdAt, source, dipAction, cpf, registration, name] =
      row;
    jsonl.push(
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
    csv.push(
      csvLine([
        uuid,
        humanValue('cpf', cpf),
        registration,
        name,
        fieldLabel(field),
        humanValue(field, oldValue),
        humanValue(field, newValue),
        reason,
        evidenceKind ?? '',
        arrival ? (ARRIVAL_WORDS[arrival] ?? arrival) : '',
        formatDateBr(evidenceDate),
        evidenceNote ?? '',
        operator,
        brasiliaDateTime(createdAt),
        SOURCE_WORDS[source] ?? source,
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

  const cepRows = db
    .prepare('SELECT uuid, cep, old_value, new_value, reason, operator, created_at FROM cep_changes WHERE batch_id = ? ORDER BY id')
    .all(batch.id) as CepRow[];
  const cepLines = cepRows.map((r) =>
    JSON.stringify({ id: r.uuid, cep: r.cep, old: address(r.old_value), new: address(r.new_value), reason: r.reason, operator: r.operator, createdAt: r.created_at }),
  );
  // Insertion order of the map is the order of each professional's first correction.
  const dipLines = [...dip.values()].map((r) => JSON.stringify(r));

  const counts = { corrections: jsonl.length, professionals: people.size, cepChanges: cepLines.length, dipRequests: dipLines.length };
  const files: { path: string; text: string; records: number }[] = [
    { path: 'corrections.jsonl', text: lines(jsonl), records: jsonl.length },
    { path: 'corrections.csv', text: csv.join(CRLF) + CRLF, records: jsonl.length },
    { path: 'cep.jsonl', text: lines(cepLines), records: cepLines.length },
    { path: 'dip-requests.jsonl', text: lines(dipLines), records: dipLines.length },
  ];
  const summary = {
    schemaVersion: SCHEMA_VERSION,
    batch: {
      id: batch.uuid,
      number: batch.number,
      region: batch.region,
      sourceOrganization: regionLabel(batch.region),
      createdAt: batch.created_at,
      sealedAt: batch.sealed_at,
      operator: batch.operator,
    },
    counts,
    // Catalogue order, so the summary reads like the form.
    fields: FIELD_NAMES.filter((f: FieldName) => byField.has(f)).map((field) => ({ field, count: byField.get(field) as number })),
    files: files.map((f) => ({ path: f.path, records: f.records })),
  };
  files.push({ path: 'summary.json', text: `${JSON.stringify(summary, null, 2)}\n`, records: 1 });
  return { files: files.map((f) => ({ path: f.path, data: Buffer.from(f.text, 'utf8'), records: f.records })), counts };
}

function lines(items: string[]): string {
  return items.length === 0 ? '' : `${items.join('\n')}\n`;
}
