// Stored values as people read them: on screen, in the command line and in the files that leave the desk.
import { describe } from 'vitest';
import { EMPTY_VALUE, formatFieldValue, punctuate } from '../../../shared/display/values';
import type { FieldValue } from '../../../shared/fields';
import { encodeMotherFact } from '../../../shared/rules/motherFact';
import { casesOf } from '../cases';

describe('formatFieldValue', () => {
  casesOf<[field: string, stored: FieldValue], string>(formatFieldValue, 'shows %s %j as %s', [
    // Stored values the Brazilian way.
    ['cpf', '52998224725', '529.982.247-25'],
    ['cep', '01310100', '01310-100'],
    ['birthDate', '1980-05-17', '17/05/1980'],
    ['phone', '11912345678', '(11) 91234-5678'],
    ['maritalStatus', 'stable_union', 'União estável'],
    ['email', 'ana@exemplo.com.br', 'ana@exemplo.com.br'],
    // The mother flag in words, whether stored (boolean) or in a correction (text).
    ['motherNotListed', true, 'Sim'],
    ['motherNotListed', 'true', 'Sim'],
    ['motherNotListed', false, 'Não'],
    ['motherNotListed', 'false', 'Não'],
    // The mother fact as the name or "Não consta mãe".
    ['mother', encodeMotherFact({ motherName: 'Ana Souza', motherNotListed: false }), 'Ana Souza'],
    ['mother', encodeMotherFact({ motherName: null, motherNotListed: true }), 'Não consta mãe'],
    // A code it does not know, and a field it does not know, left as they are.
    ['maritalStatus', 'engaged', 'engaged'],
    ['notAField', 'x', 'x'],
  ]);

  casesOf<[field: string, stored: null | undefined | '', empty: string | undefined], string>(
    formatFieldValue,
    'marks a missing %s (%j) with what the caller asks for (%j): %j',
    [
      ['email', null, undefined, '—'],
      ['email', undefined, undefined, '—'],
      ['email', '', EMPTY_VALUE, '(vazio)'],
      ['cpf', null, '', ''],
    ],
  );
});

describe('punctuate', () => {
  casesOf(punctuate, 'writes digits and ISO dates as they are typed, and other text unchanged: %s %s is %s', [
    ['cpf', '52998224725', '529.982.247-25'],
    ['date', '2026-11-24', '24/11/2026'],
    ['maritalStatus', 'married', 'married'],
    ['text', 'Rua A', 'Rua A'],
  ]);
});
