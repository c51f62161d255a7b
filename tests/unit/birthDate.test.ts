import { describe, expect, it } from 'vitest';
import { parseBirthDate } from '../../shared/rules/birthDate';
import { parseFieldValue } from '../../shared/rules/fieldValue';
import { planCorrection } from '../../shared/rules/correction';
import { professional } from './professional.fixture';
import { expectRefusal } from './refusal';

const TODAY = '2026-06-15';

describe('birth dates', () => {
  it('accepts the birth date of an adult, typed or as stored', () => {
    expect(parseBirthDate('17/05/1980', TODAY)).toEqual({ ok: true, value: '1980-05-17' });
    expect(parseBirthDate('1980-05-17', TODAY)).toEqual({ ok: true, value: '1980-05-17' });
  });

  it('refuses a birth date before 1900 as such, not as a day missing from the calendar', () => {
    const result = parseBirthDate('01/01/1890', TODAY);
    expect(result).toMatchObject({ ok: false, code: 'BIRTH_DATE_IMPLAUSIBLE' });
    if (!result.ok) {
      expect(result.message).toContain('anterior a 1900');
      expect(result.message).not.toContain('não existe no calendário');
    }
  });

  it('refuses a birth date in the future', () => {
    expectRefusal(parseBirthDate('16/06/2026', TODAY), 'BIRTH_DATE_IMPLAUSIBLE', 'no futuro');
  });

  it('refuses the birth date of someone under 18 today, and accepts it from the 18th birthday on', () => {
    expectRefusal(parseBirthDate('16/06/2008', TODAY), 'BIRTH_DATE_IMPLAUSIBLE', 'a/o profissional teria menos de 18 anos');
    expect(parseBirthDate('15/06/2008', TODAY)).toEqual({ ok: true, value: '2008-06-15' });
  });

  it('counts someone born on 29 February as 18 from 1 March in a common year', () => {
    expect(parseBirthDate('29/02/2008', '2026-02-28')).toMatchObject({ ok: false, code: 'BIRTH_DATE_IMPLAUSIBLE' });
    expect(parseBirthDate('29/02/2008', '2026-03-01')).toEqual({ ok: true, value: '2008-02-29' });
  });

  it('still refuses a day that is not in the calendar as such', () => {
    expectRefusal(parseBirthDate('31/02/1980', TODAY), 'DATE_INVALID', 'não existe no calendário');
  });

  it('uses the real date when no day is given', () => {
    expect(parseBirthDate('01/01/2999')).toMatchObject({ ok: false, code: 'BIRTH_DATE_IMPLAUSIBLE' });
    expect(parseBirthDate('01/01/1970')).toMatchObject({ ok: true });
  });

  it('refuses an implausible birth date as a correction value, on the form and in imports alike', () => {
    expect(parseFieldValue('birthDate', '01/01/1890', { today: TODAY })).toMatchObject({ ok: false, code: 'BIRTH_DATE_IMPLAUSIBLE' });
    const plan = planCorrection(professional(), { birthDate: '01/01/2999' });
    expect(plan.errors).toMatchObject([{ code: 'BIRTH_DATE_IMPLAUSIBLE', field: 'birthDate' }]);
  });
});
