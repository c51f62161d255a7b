import { describe, expect, it } from 'vitest';
import { applyMotherRule, MOTHER_MESSAGES, type MotherFact } from '../../shared/rules/mother';

const withName: MotherFact = { motherName: 'Ana Souza', motherNotListed: false };
const notListed: MotherFact = { motherName: null, motherNotListed: true };
const neither: MotherFact = { motherName: null, motherNotListed: false };

describe('the mother rule: exactly one of name and "Não consta mãe"', () => {
  it.each<[rule: string, stored: MotherFact, change: Parameters<typeof applyMotherRule>[1], expected: MotherFact]>([
    ['setting the flag clears the stored name', withName, { motherNotListed: true }, notListed],
    ['setting the flag while clearing the name is the same as setting the flag', withName, { motherNotListed: true, motherName: null }, notListed],
    ['setting the flag while emptying the name is the same as setting the flag', withName, { motherNotListed: true, motherName: '' }, notListed],
    ['giving a name clears the stored flag', notListed, { motherName: 'Rita Lima' }, { motherName: 'Rita Lima', motherNotListed: false }],
    ['giving a name while unsetting the flag keeps the name', notListed, { motherName: 'Rita Lima', motherNotListed: false }, { motherName: 'Rita Lima', motherNotListed: false }],
    ['replacing the name keeps the flag unset', withName, { motherName: 'Ana de Souza' }, { motherName: 'Ana de Souza', motherNotListed: false }],
  ])('%s', (_rule, stored, change, expected) => {
    expect(applyMotherRule(stored, change)).toEqual({ ok: true, value: expected });
  });

  it('refuses a name and the flag together with MOTHER_CONFLICT', () => {
    expect(applyMotherRule(neither, { motherName: 'Rita Lima', motherNotListed: true })).toEqual({
      ok: false,
      code: 'MOTHER_CONFLICT',
      message: MOTHER_MESSAGES.conflict,
    });
  });

  it('refuses unsetting the flag when no name is given nor stored, with MOTHER_MISSING', () => {
    expect(applyMotherRule(notListed, { motherNotListed: false })).toEqual({
      ok: false,
      code: 'MOTHER_MISSING',
      message: MOTHER_MESSAGES.missing,
    });
    expect(applyMotherRule(notListed, { motherNotListed: false, motherName: null })).toMatchObject({ code: 'MOTHER_MISSING' });
  });

  it('refuses clearing the name when the flag is unset, with MOTHER_MISSING', () => {
    expect(applyMotherRule(withName, { motherName: null })).toMatchObject({ ok: false, code: 'MOTHER_MISSING' });
    expect(applyMotherRule(withName, { motherName: '' })).toMatchObject({ ok: false, code: 'MOTHER_MISSING' });
  });

  it('refuses any other change on a record that has neither (seed case F)', () => {
    expect(applyMotherRule(neither, {})).toMatchObject({ ok: false, code: 'MOTHER_MISSING' });
  });

  it('leaves a consistent record untouched when nothing about the mother changes', () => {
    expect(applyMotherRule(withName, {})).toEqual({ ok: true, value: withName });
    expect(applyMotherRule(notListed, {})).toEqual({ ok: true, value: notListed });
  });

  it('clearing a name on a record already marked "Não consta mãe" keeps the flag', () => {
    expect(applyMotherRule(notListed, { motherName: null })).toEqual({ ok: true, value: notListed });
  });

  it('speaks Portuguese to the clerk', () => {
    expect(MOTHER_MESSAGES.conflict).toContain('nome da mãe');
    expect(MOTHER_MESSAGES.missing).toContain('Não consta mãe');
  });
});
