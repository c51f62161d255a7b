// Each field's value read with its own rule, and the messages that name the field when it is refused.
import { describe, expect, it } from 'vitest';
import { FIELD_NAMES, FIELDS, type FieldName, type FieldValue } from '../../shared/fields';
import { fieldValueToText, parseFieldValue, withFieldLabel } from '../../shared/rules/fieldValue';
import { readsAs } from './cases';
import { expectRefusal } from './refusal';

describe('parseFieldValue applies each field its rule', () => {
  readsAs<[field: FieldName, raw: string], FieldValue>(parseFieldValue, '%s: "%s" → %s', [
    ['cpf', '529.982.247-25', '52998224725'],
    ['name', ' Maria  Souza ', 'Maria Souza'],
    ['email', 'Maria@Example.com', 'maria@example.com'],
    ['phone', '(11) 91234-5678', '11912345678'],
    ['cep', '01310-100', '01310100'],
    ['uf', 'rj', 'RJ'],
    ['birthUf', 'mg', 'MG'],
    ['birthDate', '17/05/1980', '1980-05-17'],
    ['maritalStatus', 'Viúva', 'widowed'],
    ['street', '  Rua   Augusta ', 'Rua Augusta'],
    ['motherNotListed', 'Não', false],
  ]);

  it('empties an optional field on empty text', () => {
    for (const field of FIELD_NAMES.filter((f) => FIELDS[f].optional)) {
      expect(parseFieldValue(field, '  ')).toEqual({ ok: true, value: null });
      expect(parseFieldValue(field, null)).toEqual({ ok: true, value: null });
    }
  });

  it('refuses emptying a required field, naming it', () => {
    expect(parseFieldValue('name', '')).toEqual({ ok: false, code: 'VALUE_REQUIRED', message: 'Nome é obrigatório e não pode ficar vazio.' });
    expect(parseFieldValue('cpf', null)).toMatchObject({ ok: false, code: 'VALUE_REQUIRED' });
    expect(parseFieldValue('motherNotListed', '')).toEqual({
      ok: false,
      code: 'VALUE_REQUIRED',
      message: 'Não consta mãe: informe Sim ou Não.',
    });
  });

  it('refuses a yes/no answer for a text field', () => {
    expect(parseFieldValue('email', true)).toMatchObject({ ok: false, code: 'VALUE_INVALID' });
  });

  it('names the field in generic messages, so "Nome inválido" on the mother says which name', () => {
    const result = parseFieldValue('motherName', 'Ana 2');
    expect(result).toMatchObject({ ok: false, code: 'NAME_INVALID' });
    if (!result.ok) expect(result.message).toBe('Nome da mãe inválido: use apenas letras, espaços, apóstrofos e hífens.');
  });

  it('never says the subject twice: "Nome inválido" on the name, a date that does not exist on the birth date', () => {
    const name = parseFieldValue('name', 'Maria Aguiar 2');
    if (!name.ok) expect(name.message).toBe('Nome inválido: use apenas letras, espaços, apóstrofos e hífens.');
    expect(name.ok).toBe(false);
    expect(withFieldLabel('Data de nascimento', 'Data inválida: 31/02/1985 não existe no calendário.')).toBe('Data de nascimento inválida: 31/02/1985 não existe no calendário.');
    expect(withFieldLabel('Nome do pai', 'Parece um nome incompleto.')).toBe('Nome do pai: parece um nome incompleto.');
    expect(withFieldLabel('CEP', 'CEP 01310-100 não pertence a SP.')).toBe('CEP 01310-100 não pertence a SP.');
  });

  it('uses each field its own length limit', () => {
    const street = parseFieldValue('number', '12345678901');
    expect(street).toMatchObject({ ok: false, code: 'VALUE_TOO_LONG' });
    if (!street.ok) expect(street.message).toBe('Número: texto muito longo: no máximo 10 caracteres.');
    expect(parseFieldValue('street', '12345678901')).toEqual({ ok: true, value: '12345678901' });
  });

  it('holds a foreign nationality to the field’s 60 characters, the country included', () => {
    const long = parseFieldValue('nationality', `Estrangeira (${'Ilhas'.repeat(10)})`);
    expect(long).toMatchObject({ ok: false, code: 'VALUE_TOO_LONG' });
    if (!long.ok) expect(long.message).toBe('Nacionalidade: texto muito longo: no máximo 60 caracteres, o país incluído.');
    expect(parseFieldValue('nationality', 'Estrangeira (Portugal)')).toEqual({ ok: true, value: 'Estrangeira (Portugal)' });
  });

  it('keeps messages that already name their subject as they are', () => {
    expectRefusal(parseFieldValue('cpf', '123'), 'CPF_INVALID', /^CPF inválido/);
  });
});

describe('fieldValueToText', () => {
  it('stores flags as "true"/"false", text as is, and empty as null', () => {
    expect(fieldValueToText(true)).toBe('true');
    expect(fieldValueToText(false)).toBe('false');
    expect(fieldValueToText('Rua A')).toBe('Rua A');
    expect(fieldValueToText(null)).toBeNull();
  });
});
