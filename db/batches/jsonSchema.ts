// Checks documents against the JSON Schemas (draft 2020-12) in resources/batch-schemas, the one
// source of truth for the batch formats: `batch verify` checks every JSON line of a package, the
// acknowledgement reader checks Implanta's answer, and the tests check what the export writes.
//
// Validation is ajv's, a well-kept implementation of the standard, in strict mode: a keyword it
// does not know, or an unresolvable $ref, is refused when the schema is compiled, so a schema never
// silently asks for more than is checked. Messages are ajv-i18n's Brazilian Portuguese ones, with
// what they leave out added (the allowed values, the unexpected field, type names in Portuguese).
import type { ErrorObject, ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import localizePtBr from 'ajv-i18n/localize/pt-BR';

/** The keywords the batch formats use (strict mode refuses unknown ones at compile time). */
export type JsonSchema = {
  type?: JsonType | JsonType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  /** When the value passes `if`, it must pass `then`; otherwise `else` (a field's values by the field). */
  if?: JsonSchema;
  then?: JsonSchema;
  else?: JsonSchema;
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
};

type JsonType = 'null' | 'boolean' | 'object' | 'array' | 'number' | 'integer' | 'string';

export interface SchemaError {
  /** JSON Pointer of the offending value (of the object, for a missing or unexpected field), `` for the root. */
  at: string;
  message: string;
  /** The rule broken (`pattern`, `enum`, `required`…), for a reader that words some of them its own way. */
  keyword: string;
}

export interface CompiledSchema {
  id: string;
  /** The schema as written (its patterns must each have words: PATTERN_WORDS). */
  schema: JsonSchema;
  validate(value: unknown): SchemaError[];
}

const MAX_ERRORS = 20;
/** Past this many values a document is only told its first error: every error of a huge one would cost too much. */
const MAX_NODES_FOR_ALL_ERRORS = 10_000;

// Schemas are compiled without being registered by $id, so two schemas may share one (as tests do).
const OPTIONS = { strict: true, allowUnionTypes: true, addUsedSchema: false, verbose: true } as const;
const allErrors = new Ajv2020({ ...OPTIONS, allErrors: true });
const firstError = new Ajv2020({ ...OPTIONS, allErrors: false });
const cache = new WeakMap<JsonSchema, CompiledSchema>();

/** Compiles a schema once (the same object gives the same compiled schema); throws when ajv refuses it. */
export function compileSchema(schema: JsonSchema): CompiledSchema {
  const cached = cache.get(schema);
  if (cached) return cached;
  const id = schema.$id ?? '#';
  const compile = (ajv: Ajv2020): ValidateFunction => {
    try {
      return ajv.compile(schema);
    } catch (error) {
      throw new Error(`schema ${id}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  };
  const all = compile(allErrors);
  let first: ValidateFunction | null = null;
  const compiled: CompiledSchema = {
    id,
    schema,
    validate(value) {
      const check = hasFewNodes(value) ? all : (first ??= compile(firstError));
      return check(value) ? [] : toSchemaErrors(check.errors ?? []);
    },
  };
  cache.set(schema, compiled);
  return compiled;
}

function hasFewNodes(value: unknown): boolean {
  let budget = MAX_NODES_FOR_ALL_ERRORS;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    if (--budget < 0) return false;
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (stack.length > budget) return false;
      stack.push(child);
    }
  }
  return true;
}

function toSchemaErrors(raw: ErrorObject[]): SchemaError[] {
  // `if` only chooses the branch: its own error repeats the branch's. A value of the wrong type
  // gets only that error, not also every other rule of the same schema it cannot meet.
  const wrongType = new Set(raw.filter((e) => e.keyword === 'type').map((e) => `${e.instancePath} ${parentOf(e.schemaPath)}`));
  const kept = raw.filter(
    (e) => e.keyword !== 'if' && (e.keyword === 'type' || !wrongType.has(`${e.instancePath} ${parentOf(e.schemaPath)}`)),
  );
  // Wrong values first: they say more about a line than the fields it lacks.
  kept.sort((a, b) => Number(a.keyword === 'required') - Number(b.keyword === 'required'));
  const errors = kept.slice(0, MAX_ERRORS).map((e) => ({ ...e, params: { ...e.params } }));
  localizePtBr(errors);
  return errors.map((e) => ({ at: e.instancePath, message: messageOf(e), keyword: e.keyword }));
}

function parentOf(schemaPath: string): string {
  return schemaPath.slice(0, schemaPath.lastIndexOf('/'));
}

function messageOf(error: ErrorObject): string {
  const localized = error.message ?? `não segue a regra "${error.keyword}"`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type': {
      // ajv-i18n leaves some type names in English ("object", "string,null").
      const expected = String(params.type).split(',') as JsonType[];
      return `deve ser ${expected.map(typeWord).join(' ou ')}, mas é ${typeWord(typeOf(error.data))}`;
    }
    case 'enum':
      return `${localized}: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${localized} ${JSON.stringify(params.allowedValue)}`;
    case 'additionalProperties':
      return `${localized}: ${JSON.stringify(params.additionalProperty)}`;
    case 'pattern': {
      const words = PATTERN_WORDS[String(params.pattern)];
      return words ? `deve ser ${words}` : localized;
    }
    default:
      return localized;
  }
}

const UUID_EXAMPLE = '0b7c54e2-55b5-4a37-9f8e-2d1bd1f0a9aa';
/**
 * The shapes the batch formats ask for, in words: whoever reads the message reads no regular
 * expressions. Keyed by the pattern exactly as a schema writes it: every pattern of Implanta's
 * answer has its words, and every entry is a pattern some schema of db/batches/schemas.ts still
 * uses (tests/db/jsonSchemaPatternWords.test.ts), so a schema's pattern changed is never left
 * with the raw expression for a message, nor the table with the old one.
 */
export const PATTERN_WORDS: Readonly<Record<string, string>> = {
  '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$': `um UUID em letras minúsculas, como ${UUID_EXAMPLE}`,
  '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$': `um UUID (em letras minúsculas ou maiúsculas), como ${UUID_EXAMPLE}`,
  '^[0-9a-fA-F-]{36}$': `um UUID de 36 caracteres, como ${UUID_EXAMPLE}`,
  '^[0-9a-fA-F]{64}$': 'um SHA-256: 64 algarismos hexadecimais (0 a 9 e a a f)',
  '^[0-9]{4}-[0-9]{4,}$': 'um número de lote como 2026-0001',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}T': 'uma data e hora ISO 8601, como 2026-03-09T14:30:00Z',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$': 'uma data e hora ISO 8601, como 2026-03-09T14:30:00Z ou, no horário de Brasília, 2026-03-09T11:30',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}$': 'uma data AAAA-MM-DD, como 2026-03-09',
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,3})?Z$': 'uma data e hora em UTC, como 2026-03-09T14:30:00Z',
  '^([0-9]{2}/[0-9]{2}/[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?)$':
    'uma data dd/mm/aaaa, AAAA-MM-DD ou data e hora ISO 8601',
};

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

/** Each JSON type as an error message names it. */
const TYPE_WORDS: Record<JsonType, string> = {
  null: 'nulo',
  boolean: 'verdadeiro/falso',
  object: 'objeto',
  array: 'lista',
  number: 'número',
  integer: 'número inteiro',
  string: 'texto',
};

/** A type the schema names, in words (a name this desk does not know, as it is). */
function typeWord(type: JsonType): string {
  return TYPE_WORDS[type] ?? type;
}

/** "campo /items/3/status: deve ser igual a um dos valores permitidos: …" */
export function describeSchemaError(error: SchemaError): string {
  return error.at === '' ? error.message : `campo ${error.at}: ${error.message}`;
}
