// The small JSON Schema validator behind `batch verify` and the acknowledgement reader.
import { describe, expect, it } from 'vitest';
import { compileSchema, describeSchemaError, type JsonSchema } from '../../db/batches/jsonSchema';

const person = compileSchema({
  $id: 'test',
  type: 'object',
  additionalProperties: false,
  required: ['cpf', 'tags'],
  $defs: { uf: { enum: ['SP', 'RJ'] } },
  properties: {
    cpf: { type: 'string', pattern: '^[0-9]{11}$' },
    name: { type: ['string', 'null'], minLength: 2, maxLength: 5 },
    age: { type: 'integer', minimum: 0, maximum: 130 },
    uf: { $ref: '#/$defs/uf' },
    version: { const: 1 },
    tags: { type: 'array', minItems: 1, items: { type: 'string' } },
  },
});

describe('compileSchema', () => {
  it('accepts a value that follows the schema', () => {
    expect(person.validate({ cpf: '12345678909', name: null, age: 40, uf: 'SP', version: 1, tags: ['a'] })).toEqual([]);
  });

  it('names each broken rule with its JSON pointer', () => {
    const errors = person.validate({ cpf: '123', name: 'x', age: 1.5, uf: 'MG', version: 2, tags: [], extra: true });
    expect(errors.map(describeSchemaError)).toEqual([
      'campo /cpf: não está no formato esperado (^[0-9]{11}$)',
      'campo /name: deveria ter ao menos 2 caractere(s)',
      'campo /age: deveria ser número inteiro, mas é número',
      'campo /uf: deveria ser um de "SP", "RJ"',
      'campo /version: deveria ser 1',
      'campo /tags: deveria ter ao menos 1 item(ns)',
      'campo /extra: campo não previsto no formato',
    ]);
    expect(person.validate({ tags: [3] }).map(describeSchemaError)).toEqual(['campo /tags/0: deveria ser texto, mas é número inteiro', 'campo /cpf: campo obrigatório ausente']);
    expect(person.validate([]).map(describeSchemaError)).toEqual(['deveria ser objeto, mas é lista']);
    expect(person.validate({ cpf: '12345678909', tags: ['a'], name: 'abcdef', age: 131 }).map(describeSchemaError)).toEqual([
      'campo /name: deveria ter no máximo 5 caracteres',
      'campo /age: deveria ser no máximo 130',
    ]);
  });

  it('refuses a schema that asks for keywords it does not check, and unresolvable references', () => {
    expect(() => compileSchema({ type: 'object', properties: { a: { oneOf: [] } } } as unknown as JsonSchema)).toThrow(/keyword "oneOf" is not supported/);
    expect(() => compileSchema({ $ref: '#/$defs/missing' }).validate(1)).toThrow(/unresolvable/);
  });
});
