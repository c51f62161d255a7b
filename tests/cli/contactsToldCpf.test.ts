// `cress-desk contact add` with a CPF that has no record yet, read by the one rule of
// shared/rules/cpf.ts: a CPF a spreadsheet left without its leading zeros, or pasted with a
// character that takes no room, opens the atendimento with the CPF as told.
import { describe, expect, it } from 'vitest';
import { cliDesk, initDesk } from './command';

const desk = cliDesk('cress-contacts-told-cpf-', (d) => initDesk(d, { professionals: 5, seed: 5 }));
const { run, json } = desk;

const add = (key: string) => json('contact', 'add', key, '--channel', 'phone', '--case', 'B', '--summary', 'Não recebe a senha', '--name', 'Joana Prado');

describe('contact add with a CPF and no record', () => {
  it('puts back the leading zeros a number cell dropped (14089173 is 000.140.891-73)', () => {
    const added = add('14089173');
    expect(added.code, added.stderr).toBe(0);
    expect(added.body.person).toEqual({ professionalId: null, registrationNumber: null, name: 'Joana Prado', cpf: '00014089173' });
  });

  it('reads a CPF pasted with a zero-width space as it looks', () => {
    const added = add('529.982.247\u200B-25');
    expect(added.code, added.stderr).toBe(0);
    expect(added.body.person).toMatchObject({ professionalId: null, cpf: '52998224725' });
  });

  it('still exits 1 for a number that is neither a record nor a CPF', () => {
    const refused = run('contact', 'add', '14089174', '--channel', 'phone', '--case', 'B', '--summary', 'Não recebe a senha');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('PROFESSIONAL_NOT_FOUND');
  });
});
