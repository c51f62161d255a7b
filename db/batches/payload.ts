// The payload of a batch package (the files under data/ in the bag), built from a sealed batch in
// the Schema-Version it was sealed with. Everything in it is fixed at sealing — the items, who they
// are about, the app version — and the order is the items' creation order, so the same batch
// always gives the same bytes.
import type { Database } from 'better-sqlite3';
import { FIELD_NAMES, MOTHER_FACT_FIELD, type FieldName } from '../../shared/fields';
import { regionLabel } from '../../shared/regions';
import { AppError } from '../../shared/errors';
import type { DeflatedEntry } from '../zip/entryDeflater';
import { correctionFiles } from './correctionFiles';
import { jsonLines, type PayloadTick } from './payloadParts';
import { isSchemaVersion, type SchemaVersion } from './schemas';
import type { BatchRow } from './summary';

export type { PayloadTick } from './payloadParts';

export interface PayloadFile {
  /** Inside data/. */
  path: string;
  /** Its bytes, or its bytes already deflated (ZipWriter takes either). */
  data: Buffer | DeflatedEntry;
  records: number;
}

/** A payload file as built: a file deflated as it was made may still be on its way. */
export interface BuiltPayloadFile extends Omit<PayloadFile, 'data'> {
  data: Buffer | Promise<DeflatedEntry>;
}

export interface BatchPayload {
  files: BuiltPayloadFile[];
  counts: { corrections: number; professionals: number; cepChanges: number; dipRequests: number };
  /** The digest of the rows it was built from, to compare with the sealing's (sealedPayload.ts). */
  rowsSha256: string;
}

interface CepRow {
  uuid: string;
  cep: string;
  old_value: string | null;
  new_value: string;
  reason: string;
  operator: string;
  created_at: string;
}

/** The fields of each version in catalogue order (summary.json lists them so, like the form). */
const ONE_MOTHER_FACT = FIELD_NAMES.flatMap((f: FieldName): string[] => (f === 'motherName' ? [MOTHER_FACT_FIELD] : f === 'motherNotListed' ? [] : [f]));
export const PACKAGE_FIELDS: Record<SchemaVersion, string[]> = {
  1: [...FIELD_NAMES],
  2: ONE_MOTHER_FACT,
  3: ONE_MOTHER_FACT,
  4: ONE_MOTHER_FACT,
};

/** The address of a CEP change in a fixed key order (stored JSON may list them otherwise). */
function address(text: string | null): { street: string; district: string; city: string; uf: string } | null {
  if (text === null) return null;
  const a = JSON.parse(text) as Record<string, string>;
  return { street: a.street ?? '', district: a.district ?? '', city: a.city ?? '', uf: a.uf ?? '' };
}

/** The Schema-Version a batch is exported with. */
export function batchSchemaVersion(batch: Pick<BatchRow, 'schema_version' | 'number'>): SchemaVersion {
  if (!isSchemaVersion(batch.schema_version)) {
    throw new AppError('BATCH_STATE', `O lote ${batch.number} usa o formato ${batch.schema_version}, que esta versão do CRESS Desk não sabe gravar. Atualize o aplicativo.`);
  }
  return batch.schema_version;
}

/**
 * Builds every payload file of a sealed batch (read it inside one transaction for a consistent view).
 * `deflateLevel`: the big files are deflated at that level while they are made (see payloadFiles).
 */
export function buildPayload(db: Database, batch: BatchRow, tick: PayloadTick = () => {}, deflateLevel: number | null = null): BatchPayload {
  if (batch.sealed_at === null || batch.state === 'open' || batch.state === 'cancelled') {
    throw new AppError('BATCH_STATE', `O lote ${batch.number} ainda não foi lacrado: lacre-o antes de exportar.`);
  }
  const version = batchSchemaVersion(batch);
  const total = (db.prepare('SELECT count(*) AS n FROM corrections WHERE batch_id = ?').get(batch.id) as { n: number }).n;
  const corrections = correctionFiles(db, version, { id: batch.id, sealed_at: batch.sealed_at }, total, tick, deflateLevel);
  // Handed their last lines at once: nothing below leaves a deflating thread waiting for more.
  const { jsonl, csv, dipLines, byField } = corrections;
  const jsonlData = jsonl.data();
  const csvData = csv.data();

  const cepRows = db
    .prepare('SELECT uuid, cep, old_value, new_value, reason, operator, created_at FROM cep_changes WHERE batch_id = ? ORDER BY id')
    .all(batch.id) as CepRow[];
  const cepLines = jsonLines(
    cepRows.map((r) => ({ id: r.uuid, cep: r.cep, old: address(r.old_value), new: address(r.new_value), reason: r.reason, operator: r.operator, createdAt: r.created_at })),
  );

  const counts = { corrections: jsonl.count, professionals: corrections.professionals, cepChanges: cepLines.count, dipRequests: dipLines.count };
  const files: BuiltPayloadFile[] = [
    { path: 'corrections.jsonl', data: jsonlData, records: jsonl.count },
    { path: 'corrections.csv', data: csvData, records: jsonl.count },
    { path: 'cep.jsonl', data: cepLines.bytes(), records: cepLines.count },
    { path: 'dip-requests.jsonl', data: dipLines.bytes(), records: dipLines.count },
  ];
  const summary = {
    schemaVersion: version,
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
    fields: PACKAGE_FIELDS[version].filter((f) => byField.has(f)).map((field) => ({ field, count: byField.get(field) as number })),
    files: files.map((f) => ({ path: f.path, records: f.records })),
  };
  files.push({ path: 'summary.json', data: Buffer.from(`${JSON.stringify(summary, null, 2)}\n`, 'utf8'), records: 1 });
  return { files, counts, rowsSha256: corrections.rowsSha256 };
}

/** The payload's files once the deflating of those deflated as they were made is done. */
export async function payloadFiles(payload: BatchPayload): Promise<PayloadFile[]> {
  return Promise.all(payload.files.map(async (file) => ({ ...file, data: await file.data })));
}
