// A small JSON Schema (draft 2020-12) validator for the subset the batch formats use. The schemas
// in resources/batch-schemas are the one source of truth: `batch verify` checks every JSON line of
// a package against them, the acknowledgement reader checks Implanta's answer, and the tests check
// that what the export writes passes them.
//
// Supported keywords: type (one or a list), properties, required, additionalProperties (boolean),
// enum, const, pattern, minLength, maxLength, minimum, maximum, items, minItems, if/then/else,
// $ref to "#/$defs/…", $defs, and the annotations $schema, $id, title, description (ignored). Any other
// keyword is refused when the schema is loaded, so a schema never silently asks for more than is
// checked.

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

const KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'enum',
  'const',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'items',
  'minItems',
  'if',
  'then',
  'else',
  '$ref',
  '$defs',
  '$schema',
  '$id',
  'title',
  'description',
]);

export interface SchemaError {
  /** JSON Pointer of the offending value, `` for the root. */
  at: string;
  message: string;
}

export interface CompiledSchema {
  id: string;
  validate(value: unknown): SchemaError[];
}

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value as JsonType;
}

function matchesType(value: unknown, type: JsonType): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function checkKeywords(schema: JsonSchema, path: string): void {
  for (const key of Object.keys(schema)) {
    if (!KEYWORDS.has(key)) throw new Error(`schema ${path}: keyword "${key}" is not supported by this validator`);
  }
  for (const [name, sub] of Object.entries(schema.properties ?? {})) checkKeywords(sub, `${path}/properties/${name}`);
  for (const [name, sub] of Object.entries(schema.$defs ?? {})) checkKeywords(sub, `${path}/$defs/${name}`);
  if (schema.items) checkKeywords(schema.items, `${path}/items`);
  for (const key of ['if', 'then', 'else'] as const) {
    const sub = schema[key];
    if (sub) checkKeywords(sub, `${path}/${key}`);
  }
}

/** Compiles a schema: checks it uses only supported keywords and pre-compiles its patterns. */
export function compileSchema(schema: JsonSchema): CompiledSchema {
  checkKeywords(schema, schema.$id ?? '#');
  const patterns = new Map<string, RegExp>();
  const regex = (source: string) => {
    let compiled = patterns.get(source);
    if (!compiled) patterns.set(source, (compiled = new RegExp(source, 'u')));
    return compiled;
  };
  const resolve = (ref: string): JsonSchema => {
    const match = /^#\/\$defs\/([^/]+)$/.exec(ref);
    const target = match ? schema.$defs?.[match[1] as string] : undefined;
    if (!target) throw new Error(`schema ${schema.$id ?? '#'}: unresolvable $ref ${ref}`);
    return target;
  };

  function check(node: JsonSchema, value: unknown, at: string, errors: SchemaError[]): void {
    if (errors.length >= 20) return;
    // 2020-12: a $ref applies beside the other keywords of its schema.
    if (node.$ref) check(resolve(node.$ref), value, at, errors);
    if (node.type !== undefined) {
      const types = Array.isArray(node.type) ? node.type : [node.type];
      if (!types.some((t) => matchesType(value, t))) {
        errors.push({ at, message: `deveria ser ${types.map(typeWord).join(' ou ')}, mas é ${typeWord(typeOf(value))}` });
        return;
      }
    }
    if (node.const !== undefined && JSON.stringify(value) !== JSON.stringify(node.const)) {
      errors.push({ at, message: `deveria ser ${JSON.stringify(node.const)}` });
    }
    if (node.enum && !node.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
      errors.push({ at, message: `deveria ser um de ${node.enum.map((o) => JSON.stringify(o)).join(', ')}` });
    }
    if (typeof value === 'string') {
      const length = [...value].length;
      if (node.minLength !== undefined && length < node.minLength) errors.push({ at, message: `deveria ter ao menos ${node.minLength} caractere(s)` });
      if (node.maxLength !== undefined && length > node.maxLength) errors.push({ at, message: `deveria ter no máximo ${node.maxLength} caracteres` });
      if (node.pattern !== undefined && !regex(node.pattern).test(value)) errors.push({ at, message: `não está no formato esperado (${node.pattern})` });
    }
    if (typeof value === 'number') {
      if (node.minimum !== undefined && value < node.minimum) errors.push({ at, message: `deveria ser ao menos ${node.minimum}` });
      if (node.maximum !== undefined && value > node.maximum) errors.push({ at, message: `deveria ser no máximo ${node.maximum}` });
    }
    if (Array.isArray(value)) {
      if (node.minItems !== undefined && value.length < node.minItems) errors.push({ at, message: `deveria ter ao menos ${node.minItems} item(ns)` });
      if (node.items) value.forEach((item, i) => check(node.items as JsonSchema, item, `${at}/${i}`, errors));
    }
    if (node.if) {
      // The condition's own errors are never reported: it only chooses the branch.
      const probe: SchemaError[] = [];
      check(node.if, value, at, probe);
      const branch = probe.length === 0 ? node.then : node.else;
      if (branch) check(branch, value, at, errors);
    }
    if (typeOf(value) === 'object') {
      const object = value as Record<string, unknown>;
      // Wrong values first: they say more about a line than the fields it lacks.
      for (const [name, item] of Object.entries(object)) {
        const sub = node.properties && Object.hasOwn(node.properties, name) ? node.properties[name] : undefined;
        if (sub) check(sub, item, `${at}/${name}`, errors);
        else if (node.additionalProperties === false) errors.push({ at: `${at}/${name}`, message: 'campo não previsto no formato' });
      }
      for (const name of node.required ?? []) {
        if (!Object.hasOwn(object, name)) errors.push({ at: `${at}/${name}`, message: 'campo obrigatório ausente' });
      }
    }
  }

  return {
    id: schema.$id ?? '#',
    validate(value) {
      const errors: SchemaError[] = [];
      check(schema, value, '', errors);
      return errors;
    },
  };
}

function typeWord(type: JsonType): string {
  const words: Record<JsonType, string> = {
    null: 'nulo',
    boolean: 'verdadeiro/falso',
    object: 'objeto',
    array: 'lista',
    number: 'número',
    integer: 'número inteiro',
    string: 'texto',
  };
  return words[type];
}

/** "campo /items/3/status: deveria ser um de …" */
export function describeSchemaError(error: SchemaError): string {
  return error.at === '' ? error.message : `campo ${error.at}: ${error.message}`;
}
