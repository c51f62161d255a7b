// Stored values as people read them: on screen, in the command line and in the files that leave the desk.
import { describe, expect, it } from 'vitest';
import { EMPTY_VALUE, formatFieldValue, punctuate } from '../../../shared/display/values';
import { encodeMotherFact } from '../../../shared/rules/motherFact';

describe('formatFieldValue', () => {
  it('shows stored values the Brazilian way', () => {
    expect(formatFieldValue('cpf', '52998224725')).toBe('529.982.247-25');
    expect(formatFieldValue('cep', '01310100')).toBe('01310-100');
    expect(formatFieldValue('birthDate', '1980-05-17')).toBe('17/05/1980');
    expect(formatFieldValue('phone', '11912345678')).toBe('(11) 91234-5678');
    expect(formatFieldValue('maritalStatus', 'stable_union')).toBe('União estável');
    expect(formatFieldValue('email', 'ana@exemplo.com.br')).toBe('ana@exemplo.com.br');
  });

  it('says the mother flag in words, whether stored (boolean) or in a correction (text)', () => {
    expect(formatFieldValue('motherNotListed', true)).toBe('Sim');
    expect(formatFieldValue('motherNotListed', 'true')).toBe('Sim');
    expect(formatFieldValue('motherNotListed', false)).toBe('Não');
    expect(formatFieldValue('motherNotListed', 'false')).toBe('Não');
  });

  it('says the mother fact as the name or "Não consta mãe"', () => {
    expect(formatFieldValue('mother', encodeMotherFact({ motherName: 'Ana Souza', motherNotListed: false }))).toBe('Ana Souza');
    expect(formatFieldValue('mother', encodeMotherFact({ motherName: null, motherNotListed: true }))).toBe('Não consta mãe');
  });

  it('marks a missing value with what the caller asks for', () => {
    expect(formatFieldValue('email', null)).toBe('—');
    expect(formatFieldValue('email', undefined)).toBe('—');
    expect(formatFieldValue('email', '', EMPTY_VALUE)).toBe('(vazio)');
    expect(formatFieldValue('cpf', null, '')).toBe('');
  });

  it('leaves a code it does not know, and a field it does not know, as they are', () => {
    expect(formatFieldValue('maritalStatus', 'engaged')).toBe('engaged');
    expect(formatFieldValue('notAField', 'x')).toBe('x');
  });
});

describe('punctuate', () => {
  it('writes digits and ISO dates as they are typed, and other text unchanged', () => {
    expect(punctuate('cpf', '52998224725')).toBe('529.982.247-25');
    expect(punctuate('date', '2026-11-24')).toBe('24/11/2026');
    expect(punctuate('maritalStatus', 'married')).toBe('married');
    expect(punctuate('text', 'Rua A')).toBe('Rua A');
  });
});
