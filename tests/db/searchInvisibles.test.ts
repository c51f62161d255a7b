// A search pasted from a web page or a PDF, with characters that take no room on screen in it, is
// searched as it looks: a CPF or a registration number, not a name.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProfessionalSummary } from '../../shared/contract';
import { formatCpf } from '../../shared/rules/cpf';
import { addProfessional, openTestDesk, validCpf, type TestDesk } from './fixtures';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk();
});
afterEach(() => desk.cleanup());

function search(text: string) {
  return desk.handlers['registry:search']({ text, page: 0, pageSize: 25 }) as { total: number; items: ProfessionalSummary[] };
}

describe('searching text pasted with invisible characters', () => {
  it('finds a CPF with a zero-width space, a soft hyphen or a byte-order mark in it', () => {
    const cpf = validCpf(12_345_678);
    const p = addProfessional(desk.store, { cpf, name: 'Clara Nunes', registrationNumber: '4521' });
    addProfessional(desk.store, { name: 'Outra Pessoa' });
    const shown = formatCpf(cpf);
    for (const typed of [`${shown.slice(0, 4)}\u200B${shown.slice(4)}`, `\uFEFF${shown}`, `${cpf.slice(1, 6)}\u00AD${cpf.slice(6)}`]) {
      expect(search(typed)).toMatchObject({ total: 1, items: [{ id: p.id }] });
    }
  });

  it('finds a registration number and the start of a name pasted the same way', () => {
    const p = addProfessional(desk.store, { name: 'Clara Nunes', registrationNumber: '4521' });
    addProfessional(desk.store, { name: 'Outra Pessoa', registrationNumber: '9999' });
    expect(search('45\u200B21')).toMatchObject({ total: 1, items: [{ id: p.id }] });
    expect(search('Cla\u200Bra')).toMatchObject({ total: 1, items: [{ id: p.id }] });
  });
});
