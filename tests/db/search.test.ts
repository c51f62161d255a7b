import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfessionalSummary } from '../../shared/contract';
import { formatCpf } from '../../shared/rules/cpf';
import { addProfessional, EVIDENCE, openTestDesk, REASON, validCpf, type TestDesk } from './fixtures';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk();
});
afterEach(() => desk.cleanup());

function search(text: string, page = 0, pageSize = 25) {
  return desk.handlers['registry:search']({ text, page, pageSize }) as { total: number; items: ProfessionalSummary[] };
}
const names = (text: string) => search(text).items.map((i) => i.name);

describe('searching by name', () => {
  beforeEach(() => {
    addProfessional(desk.store, { name: 'José Antônio Gonçalves', registrationNumber: '1001' });
    addProfessional(desk.store, { name: 'Maria José da Silva', registrationNumber: '1002' });
    addProfessional(desk.store, { name: 'Ângela Araújo', registrationNumber: '1003' });
    addProfessional(desk.store, { name: 'Josefa Conceição', registrationNumber: '1004' });
    addProfessional(desk.store, { name: 'Beatriz Lima', registrationNumber: '1005' });
  });

  it('ignores accents and case, sorting by name', () => {
    expect(names('JOSE')).toEqual(['José Antônio Gonçalves', 'Josefa Conceição', 'Maria José da Silva']);
    expect(names('angela araujo')).toEqual(['Ângela Araújo']);
    expect(names('GONÇALVES')).toEqual(['José Antônio Gonçalves']);
  });

  it('takes every word as the start of a word of the name', () => {
    expect(names('jos sil')).toEqual(['Maria José da Silva']);
    expect(names('silva maria')).toEqual(['Maria José da Silva']);
    expect(names('ilva')).toEqual([]);
  });

  it('survives quotes and FTS syntax typed by the clerk', () => {
    expect(names('"maria" OR NEAR(')).toEqual([]);
    expect(names("d'araujo")).toEqual([]);
    expect(search('*').total).toBe(5);
  });

  it('lists everyone by name for an empty search, a page at a time', () => {
    expect(search('').total).toBe(5);
    expect(search('', 0, 2).items.map((i) => i.name)).toEqual(['Ângela Araújo', 'Beatriz Lima']);
    expect(search('', 2, 2).items.map((i) => i.name)).toEqual(['Maria José da Silva']);
    expect(search('jose', 1, 2)).toMatchObject({ total: 3, items: [{ name: 'Maria José da Silva' }] });
  });

  it('masks the CPF and counts corrections still open', async () => {
    const p = addProfessional(desk.store, { name: 'Renata Xavier', cpf: validCpf(111_444_777) });
    await desk.dispatch('corrections:save', { professionalId: p.id, expectedRowVersion: 1, changes: { email: 'renata@exemplo.com.br' }, reason: REASON, evidence: EVIDENCE });
    const [hit] = search('xavier').items;
    expect(hit).toMatchObject({ id: p.id, cpfMasked: '***.444.777-**', openCorrections: 1, uf: 'SP', dipStatus: 'none' });
    expect(JSON.stringify(hit)).not.toContain(p.cpf);
  });
});

describe('searching by number', () => {
  it('finds a CPF typed with punctuation or with its leading zeros lost', () => {
    const cpf = validCpf(12_345_678); // 012345678xx
    const p = addProfessional(desk.store, { cpf, name: 'Clara Nunes' });
    addProfessional(desk.store, { name: 'Outra Pessoa' });
    for (const typed of [cpf, formatCpf(cpf), cpf.slice(1), ` ${formatCpf(cpf).slice(1)} `]) {
      expect(search(typed)).toMatchObject({ total: 1, items: [{ id: p.id }] });
    }
  });

  it('finds a registration number exactly, then the numbers it starts', () => {
    addProfessional(desk.store, { registrationNumber: '4521', name: 'Exata' });
    addProfessional(desk.store, { registrationNumber: '45210', name: 'Começa Um' });
    addProfessional(desk.store, { registrationNumber: '45219', name: 'Começa Dois' });
    addProfessional(desk.store, { registrationNumber: '4522', name: 'Vizinha' });
    expect(names('4521')).toEqual(['Exata', 'Começa Um', 'Começa Dois']);
    expect(names('45219')).toEqual(['Começa Dois']);
    expect(names('9999')).toEqual([]);
  });

  it('finds one record exactly by CPF or registration number', () => {
    const cpf = validCpf(7_654_321);
    const p = addProfessional(desk.store, { cpf, registrationNumber: '778899' });
    const find = (key: string) => desk.handlers['registry:find']({ key }) as { id: number } | null;
    expect(find(formatCpf(cpf))?.id).toBe(p.id);
    expect(find(String(Number(cpf)))?.id).toBe(p.id); // a spreadsheet cell dropped the zeros
    expect(find('778899')?.id).toBe(p.id);
    expect(find('77889')).toBeNull();
    expect(find(validCpf(1_111_112))).toBeNull();
  });

  it('finds CPFs by their first nine digits, typed with or without punctuation', () => {
    const p = addProfessional(desk.store, { cpf: validCpf(123_456_789), name: 'Helena Prado' });
    addProfessional(desk.store, { cpf: validCpf(123_456_780), name: 'Outra Pessoa' });
    for (const typed of ['123456789', '123.456.789', '123.456.789-']) expect(search(typed)).toMatchObject({ total: 1, items: [{ id: p.id }] });
    expect(names('1234567')).toEqual(['Helena Prado', 'Outra Pessoa']);
  });

  it('finds a CPF by the digits the list shows, pasted with its mask or typed', () => {
    const p = addProfessional(desk.store, { cpf: validCpf(111_357_193), name: 'Rita Moura' });
    addProfessional(desk.store, { cpf: validCpf(357_193_111), name: 'Começa Igual' });
    const shown = search('rita').items[0]!.cpfMasked;
    expect(shown).toBe('***.357.193-**');
    for (const typed of [shown, '357.193']) expect(search(typed).items.map((i) => i.id)).toContain(p.id);
    expect(names('***.357.193-**')).toEqual(['Rita Moura']);
    // Six bare digits are a registration number or the start of a CPF, not its middle.
    expect(names('357193')).toEqual(['Começa Igual']);
  });

  it('lists registration numbers before CPFs that start with the same digits', () => {
    addProfessional(desk.store, { cpf: validCpf(452_100_000), name: 'Ana Pelo CPF' });
    addProfessional(desk.store, { registrationNumber: '452100', name: 'Zélia Pelo Registro' });
    expect(names('452100')).toEqual(['Zélia Pelo Registro', 'Ana Pelo CPF']);
  });
});

