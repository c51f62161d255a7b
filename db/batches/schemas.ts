// The batch formats' JSON Schemas (resources/batch-schemas, documented in docs/batch-format.md),
// compiled once per Schema-Version, and which payload file each one describes. A package is
// checked with the schemas of the version it declares; a batch is exported with the version it
// was sealed with (batches.schema_version), so an old package stays the same file.
import acknowledgement1 from '../../resources/batch-schemas/acknowledgement.schema.json';
import cepChange1 from '../../resources/batch-schemas/cep-change.schema.json';
import correction1 from '../../resources/batch-schemas/correction.schema.json';
import dipRequest1 from '../../resources/batch-schemas/dip-request.schema.json';
import summary1 from '../../resources/batch-schemas/summary.schema.json';
import acknowledgement2 from '../../resources/batch-schemas/v2/acknowledgement.schema.json';
import cepChange2 from '../../resources/batch-schemas/v2/cep-change.schema.json';
import correction2 from '../../resources/batch-schemas/v2/correction.schema.json';
import dipRequest2 from '../../resources/batch-schemas/v2/dip-request.schema.json';
import summary2 from '../../resources/batch-schemas/v2/summary.schema.json';
import cepChange3 from '../../resources/batch-schemas/v3/cep-change.schema.json';
import correction3 from '../../resources/batch-schemas/v3/correction.schema.json';
import dipRequest3 from '../../resources/batch-schemas/v3/dip-request.schema.json';
import summary3 from '../../resources/batch-schemas/v3/summary.schema.json';
import cepChange4 from '../../resources/batch-schemas/v4/cep-change.schema.json';
import correction4 from '../../resources/batch-schemas/v4/correction.schema.json';
import dipRequest4 from '../../resources/batch-schemas/v4/dip-request.schema.json';
import summary4 from '../../resources/batch-schemas/v4/summary.schema.json';
import { compileSchema, type CompiledSchema, type JsonSchema } from './jsonSchema';

/**
 * Package formats this desk writes and reads: 1 (the mother fact in two items), 2 (one item,
 * previousCpf), 3 (evidence may also arrive by e-mail or phone), 4 (each DIP request carries the
 * DIP's paper items that had arrived when the batch was sealed).
 */
export const SCHEMA_VERSIONS = [1, 2, 3, 4] as const;
export type SchemaVersion = (typeof SCHEMA_VERSIONS)[number];

/** The version new batches are sealed with. */
export const CURRENT_SCHEMA_VERSION: SchemaVersion = 4;

export function isSchemaVersion(value: unknown): value is SchemaVersion {
  return (SCHEMA_VERSIONS as readonly unknown[]).includes(value);
}

interface VersionSchemas {
  correction: CompiledSchema;
  cepChange: CompiledSchema;
  dipRequest: CompiledSchema;
  summary: CompiledSchema;
  /**
   * Implanta's answer in this version of the format (version 1 or 2 of the answer answers any
   * package; version 3 of the package left the answer as version 2 had it).
   */
  acknowledgement: CompiledSchema;
}

/** Compiled on first use: opening the app does not pay for schemas it may never check against. */
function compile(schema: unknown): CompiledSchema {
  let compiled: CompiledSchema | null = null;
  const json = schema as JsonSchema;
  return {
    id: json.$id ?? '#',
    schema: json,
    validate: (value) => (compiled ??= compileSchema(json)).validate(value),
  };
}

export const SCHEMAS: Record<SchemaVersion, VersionSchemas> = {
  1: {
    correction: compile(correction1),
    cepChange: compile(cepChange1),
    dipRequest: compile(dipRequest1),
    summary: compile(summary1),
    acknowledgement: compile(acknowledgement1),
  },
  2: {
    correction: compile(correction2),
    cepChange: compile(cepChange2),
    dipRequest: compile(dipRequest2),
    summary: compile(summary2),
    acknowledgement: compile(acknowledgement2),
  },
  3: {
    correction: compile(correction3),
    cepChange: compile(cepChange3),
    dipRequest: compile(dipRequest3),
    summary: compile(summary3),
    acknowledgement: compile(acknowledgement2),
  },
  4: {
    correction: compile(correction4),
    cepChange: compile(cepChange4),
    dipRequest: compile(dipRequest4),
    summary: compile(summary4),
    acknowledgement: compile(acknowledgement2),
  },
};

/** Payload files (inside data/) checked line by line (`jsonl`) or whole (`json`), for a version. */
export function payloadSchemas(version: SchemaVersion): Record<string, { schema: CompiledSchema; lines: boolean }> {
  const schemas = SCHEMAS[version];
  return {
    'data/corrections.jsonl': { schema: schemas.correction, lines: true },
    'data/cep.jsonl': { schema: schemas.cepChange, lines: true },
    'data/dip-requests.jsonl': { schema: schemas.dipRequest, lines: true },
    'data/summary.json': { schema: schemas.summary, lines: false },
  };
}
