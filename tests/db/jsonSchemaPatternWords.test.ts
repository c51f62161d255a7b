// A refused JSON answer says what a field should hold in words, never as the schema's regular
// expression: the words are looked up by the pattern exactly as the schema writes it. A pattern
// changed in a schema and not in PATTERN_WORDS left the clerk the raw expression (and the table an
// entry no schema uses): every pattern of Implanta's answer must have words, and every entry must
// be a pattern some schema still uses.
import { describe, expect, it } from 'vitest';
import { describeSchemaError, PATTERN_WORDS, type JsonSchema } from '../../db/batches/jsonSchema';
import { SCHEMAS, SCHEMA_VERSIONS } from '../../db/batches/schemas';

/** Every `pattern` keyword of a schema, wherever it is (a property named "pattern" is no keyword). */
function patternsOf(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const item of schema) patternsOf(item, found);
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'pattern' && typeof value === 'string') found.add(value);
      else if (key === 'properties' || key === '$defs') for (const property of Object.values(value as Record<string, JsonSchema>)) patternsOf(property, found);
      else patternsOf(value, found);
    }
  }
  return found;
}

const ANSWER_PATTERNS = new Set(SCHEMA_VERSIONS.flatMap((version) => [...patternsOf(SCHEMAS[version].acknowledgement.schema)]));
const USED_PATTERNS = new Set(SCHEMA_VERSIONS.flatMap((version) => Object.values(SCHEMAS[version]).flatMap((compiled) => [...patternsOf(compiled.schema)])));

describe('the words of the JSON schemas’ patterns', () => {
  it('name every pattern of Implanta’s answer, in every version it is read in', () => {
    expect(ANSWER_PATTERNS.size).toBeGreaterThan(0);
    expect([...ANSWER_PATTERNS].filter((pattern) => PATTERN_WORDS[pattern] === undefined)).toEqual([]);
  });

  it('have no entry for a pattern no schema uses', () => {
    expect(Object.keys(PATTERN_WORDS).filter((pattern) => !USED_PATTERNS.has(pattern))).toEqual([]);
  });

  it('tell a version 2 answer with a date the schema refuses what the field should hold', () => {
    const answer = {
      schemaVersion: 2,
      batch: '0b7c54e2-55b5-4a37-9f8e-2d1bd1f0a9aa',
      packageSha256: 'a'.repeat(64),
      acknowledgedAt: 'ontem à tarde',
      items: [{ id: '5d0f4a39-7a39-4f7e-9b5a-3c2e1d0f9e8b', status: 'applied', dipStatus: 'confirmed', dipStatusDate: '9 de março' }],
    };
    const messages = SCHEMAS[2].acknowledgement.validate(answer).map(describeSchemaError);
    expect(messages).toEqual(
      expect.arrayContaining([
        'campo /acknowledgedAt: deve ser uma data e hora ISO 8601, como 2026-03-09T14:30:00Z ou, no horário de Brasília, 2026-03-09T11:30',
        'campo /items/0/dipStatusDate: deve ser uma data dd/mm/aaaa, AAAA-MM-DD ou data e hora ISO 8601',
      ]),
    );
    expect(messages.join('\n')).not.toMatch(/padrão|\[0-9\]/);
  });
});
