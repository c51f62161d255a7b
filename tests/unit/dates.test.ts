import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateBr, formatDateTimeBr, parseDateBr, todayIso } from '../../shared/rules/dates';
import { expectRefusal } from './refusal';

describe('parseDateBr', () => {
  it('reads dd/mm/aaaa into ISO', () => {
    expect(parseDateBr('17/05/1980')).toEqual({ ok: true, value: '1980-05-17' });
  });

  it('reads days and months written with one digit', () => {
    expect(parseDateBr('1/2/1990')).toEqual({ ok: true, value: '1990-02-01' });
  });

  it('reads ISO dates as they are', () => {
    expect(parseDateBr('1980-05-17')).toEqual({ ok: true, value: '1980-05-17' });
    expect(parseDateBr(' 2024-02-29 ')).toEqual({ ok: true, value: '2024-02-29' });
  });

  it('accepts 29 February in a leap year only', () => {
    expect(parseDateBr('29/02/2024')).toEqual({ ok: true, value: '2024-02-29' });
    expect(parseDateBr('29/02/2000')).toEqual({ ok: true, value: '2000-02-29' });
    expect(parseDateBr('29/02/2023')).toMatchObject({ ok: false, code: 'DATE_INVALID' });
    expect(parseDateBr('29/02/1900')).toMatchObject({ ok: false, code: 'DATE_INVALID' });
  });

  it.each(['31/02/2020', '31/04/2021', '00/01/2020', '32/01/2020', '2021-02-30', '30/13/2020'])(
    'refuses %s, which is not in the calendar',
    (input) => {
      expectRefusal(parseDateBr(input), 'DATE_INVALID', 'não existe no calendário');
    },
  );

  it.each(['4/22/1955', '10/13/2020'])('refuses %s naming the month-first order, and warns the column may hold swapped days', (input) => {
    const result = parseDateBr(input);
    expectRefusal(result, 'DATE_INVALID', 'ordem mês/dia/ano');
    expect(result.ok ? '' : result.message).toMatch(/Confira toda a coluna/);
  });

  it.each(['17-05-1980', '17/05/80', '1980/05/17', 'ontem', '', '17.05.1980'])('refuses %s, asking for dd/mm/aaaa', (input) => {
    expectRefusal(parseDateBr(input), 'DATE_INVALID', 'dd/mm/aaaa');
  });

  it('says a year outside 1900–2100 is out of range, not that the day is missing from the calendar', () => {
    const result = parseDateBr('01/01/1890');
    expect(result).toMatchObject({ ok: false, code: 'DATE_INVALID' });
    if (!result.ok) {
      expect(result.message).toContain('o ano deve estar entre 1900 e 2100');
      expect(result.message).not.toContain('não existe no calendário');
    }
  });

  it('refuses years outside 1900–2100', () => {
    expect(parseDateBr('01/01/1899')).toMatchObject({ ok: false, code: 'DATE_INVALID' });
    expect(parseDateBr('01/01/2101')).toMatchObject({ ok: false, code: 'DATE_INVALID' });
  });

  it('every real calendar day round-trips through formatDateBr', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
        const iso = date.toISOString().slice(0, 10);
        expect(parseDateBr(formatDateBr(iso))).toEqual({ ok: true, value: iso });
      }),
    );
  });
});

describe('formatting dates for the clerk', () => {
  it('shows ISO dates and date-times as dd/mm/aaaa', () => {
    expect(formatDateBr('1980-05-17')).toBe('17/05/1980');
    expect(formatDateBr('2024-02-29T23:59:00.000Z')).toBe('29/02/2024');
  });

  it('shows nothing for a missing date', () => {
    expect(formatDateBr(null)).toBe('');
    expect(formatDateBr(undefined)).toBe('');
    expect(formatDateBr('')).toBe('');
  });

  it('shows a date-time as dd/mm/aaaa hh:mm in local time', () => {
    const local = new Date(2024, 1, 29, 8, 5);
    expect(formatDateTimeBr(local.toISOString())).toBe('29/02/2024 08:05');
    expect(formatDateTimeBr(null)).toBe('');
  });

  it("gives today's local date as ISO", () => {
    expect(todayIso(new Date(2024, 0, 9, 23, 30))).toBe('2024-01-09');
  });
});
