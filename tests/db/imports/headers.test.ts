// Headers → fields: the synonyms of the issue, whatever the case, accents, spaces or punctuation.
import { describe, expect, it } from 'vitest';
import { checkMapping, headerKey, mappingKey, suggestMapping, targetOfHeader } from '../../../db/imports/headers';
import { casesOf } from '../../unit/cases';

describe('header matching', () => {
  casesOf(targetOfHeader, '“%s” is %s', [
    ['CPF', 'cpf'],
    ['CPF da assistente social', 'cpf'],
    ['CPF (titular)', 'cpf'],
    ['Registro', 'registrationNumber'],
    ['Nº de registro', 'registrationNumber'],
    ['N° DE REGISTRO', 'registrationNumber'],
    ['Inscrição', 'registrationNumber'],
    ['Nome', 'name'],
    ['Nome completo', 'name'],
    ['Nome da mãe', 'motherName'],
    ['MÃE', 'motherName'],
    ['Genitora', 'motherName'],
    ['nome da genitora', 'motherName'],
    ['Não consta mãe', 'motherNotListed'],
    ['Mãe não consta', 'motherNotListed'],
    ['Nome do pai', 'fatherName'],
    ['Pai', 'fatherName'],
    ['Estado civil', 'maritalStatus'],
    ['Naturalidade', 'birthCity'],
    ['Município de nascimento', 'birthCity'],
    ['UF naturalidade', 'birthUf'],
    ['Data de nascimento', 'birthDate'],
    ['RG', 'rgNumber'],
    ['Órgão emissor', 'rgIssuer'],
    ['UF RG', 'rgUf'],
    ['E-mail', 'email'],
    ['Email', 'email'],
    ['Telefone', 'phone'],
    ['Celular', 'phone'],
    ['CEP', 'cep'],
    ['Logradouro', 'street'],
    ['Endereço', 'street'],
    ['Número', 'number'],
    ['Nº', 'number'],
    ['Complemento', 'complement'],
    ['Bairro', 'district'],
    ['Município', 'city'],
    ['Cidade', 'city'],
    ['UF', 'uf'],
    ['Estado', 'uf'],
    ['Situação do DIP', 'dipStatus'],
    ['Motivo', 'reason'],
    ['Justificativa', 'reason'],
    ['Documento', 'evidence'],
    ['Comprovante', 'evidence'],
  ]);

  it('ignores case, accents, spaces and punctuation, but not different words', () => {
    expect(headerKey('  Nome   da Mãe ')).toBe(headerKey('NOME DA MAE'));
    expect(headerKey('E-mail')).toBe(headerKey('e mail'));
    expect(targetOfHeader('Nome_da-mãe.')).toBe('motherName');
    expect(targetOfHeader('Nome do cachorro')).toBeNull();
  });

  it('leaves unknown, empty and hostile headers unmapped, and the error report’s column too', () => {
    for (const header of ['', '   ', '__proto__', 'constructor', 'prototype', 'toString', 'Erros']) expect(targetOfHeader(header)).toBeNull();
  });

  it('proposes a mapping per kind: fields the kind does not take stay ignored, the first of two columns wins', () => {
    const headers = ['CPF', 'Celular', 'Telefone', 'Situação do DIP', 'CEP', 'Erros'];
    expect(suggestMapping('corrections', headers)).toEqual(['cpf', 'phone', null, null, 'cep', null]);
    expect(suggestMapping('registry', headers)).toEqual(['cpf', 'phone', null, 'dipStatus', 'cep', null]);
    expect(suggestMapping('cep', headers)).toEqual([null, null, null, null, 'cep', null]);
  });

  it('keys a remembered mapping by the kind and the headers as matched', () => {
    expect(mappingKey('corrections', ['CPF', 'E-mail'])).toBe(mappingKey('corrections', ['cpf', 'email']));
    expect(mappingKey('corrections', ['CPF', 'E-mail'])).not.toBe(mappingKey('registry', ['CPF', 'E-mail']));
    expect(mappingKey('corrections', ['CPF', 'E-mail'])).not.toBe(mappingKey('corrections', ['E-mail', 'CPF']));
  });

  it('refuses a mapping without a key, with a field twice, or with a field of another kind', () => {
    expect(() => checkMapping('corrections', ['E-mail'], ['email'])).toThrow(/CPF ou ao Registro/);
    expect(() => checkMapping('corrections', ['CPF', 'Telefone', 'Celular'], ['cpf', 'phone', 'phone'])).toThrow(/“Telefone” e .*“Celular”.*mesmo campo/);
    expect(() => checkMapping('corrections', ['CPF', 'DIP'], ['cpf', 'dipStatus'])).toThrow(/não pode ser usada como Situação do DIP/);
    expect(() => checkMapping('cep', ['Logradouro'], ['street'])).toThrow(/CEP/);
    expect(() => checkMapping('corrections', ['CPF', 'E-mail'], ['cpf'])).toThrow(/não corresponde/);
    expect(() => checkMapping('registry', ['Registro', 'Nome'], ['registrationNumber', 'name'])).not.toThrow();
  });
});

describe('the documented synonyms', () => {
  it('docs/import-format.md lists every header of resources/import-headers.json', async () => {
    const { readFileSync } = await import('node:fs');
    const { resolve } = await import('node:path');
    const doc = readFileSync(resolve(__dirname, '../../../docs/import-format.md'), 'utf8');
    const data = JSON.parse(readFileSync(resolve(__dirname, '../../../resources/import-headers.json'), 'utf8')) as { targets: Record<string, string[]>; ignored: string[] };
    const missing = [...Object.values(data.targets).flat(), ...data.ignored].filter((name) => !doc.includes(name));
    expect(missing).toEqual([]);
  });
});
