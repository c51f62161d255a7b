import { describe, expect, it } from 'vitest';
import { anotherPerson, type KnownIdentity } from '../../shared/rules/registryIdentity';

const ANA: KnownIdentity = { cpf: ['52998224725'], name: ['Ana Lúcia Prado'], birthDate: ['1980-05-17'] };

describe('a registry row and the record with its registration number', () => {
  it('another CPF, name and birth date: another person', () => {
    expect(anotherPerson(ANA, { cpf: '11144477735', name: 'Joana Lima', birthDate: '1990-04-03' })).toEqual(['cpf', 'name', 'birthDate']);
  });

  it('another CPF and name, the same birth date: another person', () => {
    expect(anotherPerson(ANA, { cpf: '11144477735', name: 'Joana Lima', birthDate: '1980-05-17' })).toEqual(['cpf', 'name']);
  });

  it('another CPF and birth date, the same name: another person', () => {
    expect(anotherPerson(ANA, { cpf: '11144477735', name: 'Ana Lúcia Prado', birthDate: '1990-04-03' })).toEqual(['cpf', 'birthDate']);
  });

  it('the CPF corrected in the main system, same name and birth date: the same person', () => {
    expect(anotherPerson(ANA, { cpf: '11144477735', name: 'ANA LUCIA  PRADO', birthDate: '1980-05-17' })).toBeNull();
  });

  it('a name changed after marriage, same CPF: the same person', () => {
    expect(anotherPerson(ANA, { cpf: '52998224725', name: 'Ana Lúcia Prado Mendes', birthDate: '1980-05-17' })).toBeNull();
  });

  it('a name and a birth date changed, same CPF: the same person (the CPF identifies her)', () => {
    expect(anotherPerson(ANA, { cpf: '52998224725', name: 'Joana Lima', birthDate: '1990-04-03' })).toBeNull();
  });

  it('another CPF, with no name or birth date in the row: nothing to contradict', () => {
    expect(anotherPerson(ANA, { cpf: '11144477735' })).toBeNull();
    expect(anotherPerson(ANA, { cpf: '11144477735', name: null, birthDate: '' })).toBeNull();
  });

  it('a record without a CPF, or without a name and birth date, is not contradicted', () => {
    expect(anotherPerson({ cpf: [null], name: ['Ana Lúcia Prado'], birthDate: [] }, { cpf: '11144477735', name: 'Joana Lima' })).toBeNull();
    expect(anotherPerson({ cpf: ['52998224725'], name: [null, ''], birthDate: [undefined] }, { cpf: '11144477735', name: 'Joana Lima', birthDate: '1990-04-03' })).toBeNull();
  });

  it('any value the record is known by counts: a desk correction the main system has not caught up with is no other person', () => {
    const corrected: KnownIdentity = { cpf: ['52998224725', '11144477735'], name: ['Ana Lúcia Prado', 'Ana Lucia Prado'], birthDate: ['1980-05-17'] };
    expect(anotherPerson(corrected, { cpf: '11144477735', name: 'Ana Lucia Prado', birthDate: '1980-05-17' })).toBeNull();
    expect(anotherPerson(corrected, { cpf: '39053344705', name: 'Ana Lucia Prado', birthDate: '1980-05-17' })).toBeNull();
    expect(anotherPerson(corrected, { cpf: '39053344705', name: 'Bia Reis', birthDate: '1980-05-17' })).toEqual(['cpf', 'name']);
  });
});
