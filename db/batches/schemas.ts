// The batch formats' JSON Schemas (resources/batch-schemas, documented in docs/batch-format.md),
// compiled once, and which payload file each one describes.
import acknowledgement from '../../resources/batch-schemas/acknowledgement.schema.json';
import cepChange from '../../resources/batch-schemas/cep-change.schema.json';
import correction from '../../resources/batch-schemas/correction.schema.json';
import dipRequest from '../../resources/batch-schemas/dip-request.schema.json';
import summary from '../../resources/batch-schemas/summary.schema.json';
import { compileSchema, type CompiledSchema, type JsonSchema } from './jsonSchema';

/** The version written as Schema-Version in bag-info.txt and as schemaVersion in JSON files. */
export const SCHEMA_VERSION = 1;

export const SCHEMAS = {
  correction: compileSchema(correction as JsonSchema),
  cepChange: compileSchema(cepChange as JsonSchema),
  dipRequest: compileSchema(dipRequest as JsonSchema),
  summary: compileSchema(summary as JsonSchema),
  acknowledgement: compileSchema(acknowledgement as JsonSchema),
} as const;

/** Payload files (inside data/) checked line by line (`jsonl`) or whole (`json`). */
export const PAYLOAD_SCHEMAS: Record<string, { schema: CompiledSchema; lines: boolean }> = {
  'data/corrections.jsonl': { schema: SCHEMAS.correction, lines: true },
  'data/cep.jsonl': { schema: SCHEMAS.cepChange, lines: true },
  'data/dip-requests.jsonl': { schema: SCHEMAS.dipRequest, lines: true },
  'data/summary.json': { schema: SCHEMAS.summary, lines: false },
};
