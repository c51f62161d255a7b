// The CPF told for a new atendimento is read by the one rule of shared/rules/cpf.ts: a CPF a
// spreadsheet left without its leading zeros, or pasted with a character that takes no room, opens
// the atendimento (and finds the record) as it does everywhere else on the desk.
import { afterEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contract/contacts';
import { formatCpf } from '../../shared/rules/cpf';
import { addProfessional, answerOf, openTestDesk, refusalOf, type TestDesk, validCpf } from './fixtures';

let desk: TestDesk | null = null;
afterEach(() => {
  desk?.cleanup();
  desk = null;
});

function add(d: TestDesk, input: Record<string, unknown>): Promise<Contact> {
  return answerOf<Contact>(d, 'contacts:add', { channel: 'phone', case: 'B', summary: 'Não recebe a senha', ...input });
}

// 000.140.891-73: a valid CPF with three leading zeros, which a number cell shows as 14089173.
const ZEROS_LOST = validCpf(140_891);

describe('the CPF told for a new atendimento', () => {
  it('puts back the leading zeros a number cell dropped, short of nine digits too', async () => {
    desk = openTestDesk();
    expect(ZEROS_LOST).toBe('00014089173');
    const told = await add(desk, { cpf: '14089173', name: 'Joana Prado' });
    expect(told.person).toEqual({ professionalId: null, registrationNumber: null, name: 'Joana Prado', cpf: ZEROS_LOST });
    const someone = addProfessional(desk.store, { cpf: ZEROS_LOST });
    const found = await add(desk, { cpf: '14089173' });
    expect(found.person.professionalId).toBe(someone.id);
  });

  it('reads a CPF pasted with a zero-width space, a soft hyphen or a byte-order mark as it looks', async () => {
    desk = openTestDesk();
    const told = await add(desk, { cpf: '\uFEFF529.982.247\u200B-25\u00AD', name: 'Joana Prado' });
    expect(told.person.cpf).toBe('52998224725');
    const someone = addProfessional(desk.store, { cpf: validCpf(987_654_321) });
    const found = await add(desk, { cpf: `${formatCpf(someone.cpf).slice(0, 7)}\u200B${formatCpf(someone.cpf).slice(7)}` });
    expect(found.person.professionalId).toBe(someone.id);
  });

  it('still refuses what is not a whole CPF, and a typed one with a digit missing', async () => {
    desk = openTestDesk();
    const refuse = (cpf: string) => refusalOf(desk!, 'contacts:add', { cpf, channel: 'phone', case: 'B', summary: 'Não recebe a senha' });
    // Eight digits that padded make no valid CPF: a typo, not a lost zero.
    expect(await refuse('14089174')).toMatchObject({ code: 'CPF_INVALID' });
    // Eight digits typed with a hyphen: only a number cell drops zeros.
    expect(await refuse('140891-73')).toMatchObject({ code: 'CPF_INVALID' });
    expect((await refuse('123.456.789-0')).message).toContain('CPF incompleto');
    expect(await refuse('529.982.247-25x')).toMatchObject({ code: 'CPF_INVALID' });
    expect(desk.store.db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
  });
});
