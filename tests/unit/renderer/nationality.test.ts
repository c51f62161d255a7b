// The nationality select of the correction form: what it composes is exactly what the rule accepts,
// and every stored value shows as a choice, or as itself when it is off the DIP's list.
import { describe, expect, it } from 'vitest';
import { composeNationality, nationalityChoice } from '../../../renderer/lib/nationality';
import { parseNationality } from '../../../shared/rules/vocabulary';

describe('composeNationality', () => {
  it('writes each choice of the list as the rule keeps it', () => {
    for (const [kind, country, text] of [
      ['brazilian', '', 'Brasileira'],
      ['naturalized', '', 'Brasileira naturalizada'],
      ['foreign', 'Portugal', 'Estrangeira (Portugal)'],
    ] as const) {
      expect(composeNationality(kind, country)).toBe(text);
      expect(parseNationality(composeNationality(kind, country))).toEqual({ ok: true, value: text });
    }
  });

  it('leaves a foreigner without a country to the rule, which asks for the country', () => {
    const parsed = parseNationality(composeNationality('foreign', '  '));
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toContain('informe também o país');
  });

  it('clears the field when nothing is chosen', () => {
    expect(composeNationality(null)).toBe('');
  });
});

describe('nationalityChoice', () => {
  it('reads back what the select composed, keeping the country as typed', () => {
    expect(nationalityChoice('Estrangeira (Guiné (Bissau))')).toEqual({ kind: 'foreign', country: 'Guiné (Bissau)', unlisted: null });
    expect(nationalityChoice(composeNationality('foreign', 'Costa '))).toEqual({ kind: 'foreign', country: 'Costa ', unlisted: null });
    expect(nationalityChoice('Estrangeira')).toEqual({ kind: 'foreign', country: '', unlisted: null });
    expect(nationalityChoice('Brasileira naturalizada')).toEqual({ kind: 'naturalized', country: '', unlisted: null });
  });

  it('shows a stored spelling the rule accepts as its choice', () => {
    expect(nationalityChoice('brasileiro').kind).toBe('brazilian');
    expect(nationalityChoice('estrangeiro - Itália')).toEqual({ kind: 'foreign', country: 'Itália', unlisted: null });
  });

  it('keeps a stored value off the list visible as it is', () => {
    expect(nationalityChoice('Portuguesa')).toEqual({ kind: null, country: '', unlisted: 'Portuguesa' });
  });

  it('shows an empty field as no choice', () => {
    expect(nationalityChoice('')).toEqual({ kind: null, country: '', unlisted: null });
  });
});
