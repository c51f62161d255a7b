// The JSON Schema checks behind `batch verify` and the acknowledgement reader: where and what, in Portuguese.
import { describe, expect, it } from 'vitest';
import { compileSchema, describeSchemaError, type JsonSchema } from '../../db/batches/jsonSchema';
import { SCHEMAS, SCHEMA_VERSIONS } from '../../db/batches/schemas';

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
      'não são permitidas propriedades adicionais: "extra"',
      'campo /cpf: deve corresponder ao padrão "^[0-9]{11}$"',
      'campo /name: não deve ser mais curta que 2 caracteres',
      'campo /age: deve ser número inteiro, mas é número',
      'campo /uf: deve ser igual a um dos valores permitidos: "SP", "RJ"',
      'campo /version: deve ser igual à constante 1',
      'campo /tags: não deve ter menos que 1 elemento',
    ]);
    // Wrong values before missing fields.
    expect(person.validate({ tags: [3] }).map(describeSchemaError)).toEqual(['campo /tags/0: deve ser texto, mas é número inteiro', 'deve ter a propriedade obrigatória cpf']);
    expect(person.validate([]).map(describeSchemaError)).toEqual(['deve ser objeto, mas é lista']);
    expect(person.validate({ cpf: '12345678909', tags: ['a'], name: 'abcdef', age: 131 }).map(describeSchemaError)).toEqual([
      'campo /name: não deve ser maior que 5 caracteres',
      'campo /age: deve ser <= 130',
    ]);
    // A value of the wrong type is told only that.
    expect(person.validate({ cpf: '12345678909', tags: ['a'], uf: 3, name: 7 }).map(describeSchemaError)).toEqual([
      'campo /name: deve ser texto ou nulo, mas é número inteiro',
      'campo /uf: deve ser igual a um dos valores permitidos: "SP", "RJ"',
    ]);
  });

  it('tells a huge document its first error only, and compiles a schema once', () => {
    const many = { cpf: '1', tags: Array.from({ length: 20_000 }, () => 1) };
    expect(person.validate(many)).toHaveLength(1);
    const schema: JsonSchema = { type: 'string' };
    expect(compileSchema(schema)).toBe(compileSchema(schema));
  });

  it('compiles every schema the formats ship in strict mode, each telling an empty object what it lacks', () => {
    for (const version of SCHEMA_VERSIONS) {
      for (const [name, schema] of Object.entries(SCHEMAS[version])) {
        expect(schema.validate({}).map(describeSchemaError), `${version} ${name}`).toContainEqual(expect.stringMatching(/^deve ter a propriedade obrigatória \w+$/));
      }
    }
  });

  it('refuses a schema with a keyword it does not know, and unresolvable references', () => {
    expect(() => compileSchema({ type: 'object', properties: { a: { minLenght: 2 } } } as unknown as JsonSchema)).toThrow(/unknown keyword: "minLenght"/);
    expect(() => compileSchema({ $ref: '#/$defs/missing' }).validate(1)).toThrow(/can't resolve reference #\/\$defs\/missing/);
  });
});
