// What the correction form warns about under a changed field: the Pendências worklist's soft rules
// on the record the draft would make, never a second copy of an error, never a field left alone.
import { describe, expect, it } from 'vitest';
import { newDraft, type CorrectionDraft } from '../../../renderer/lib/draft';
import { draftWarnings } from '../../../renderer/lib/draftWarnings';
import type { Professional } from '../../../shared/domain';
import { professional } from '../professional.fixture';

const NOW = new Date(2026, 10, 24, 15, 30);

function warningsFor(edits: CorrectionDraft['edits'], record: Professional = professional(), patch: Partial<CorrectionDraft> = {}) {
  return draftWarnings(record, { ...newDraft(record, NOW), edits, ...patch }, NOW);
}

describe('draftWarnings', () => {
  it('offers the likely address under an e-mail typed with a misspelt provider', () => {
    expect(warningsFor({ email: 'maria@gmial.com' })).toEqual({
      email: [{ code: 'EMAIL_TYPO', message: expect.stringContaining('maria@gmail.com') as string, suggestion: 'maria@gmail.com' }],
    });
  });

  it('says nothing while the clerk has changed nothing, even on a record full of pendências', () => {
    const record = professional({ email: 'maria@gmial.com', city: 'Gotham', fatherName: 'José' });
    expect(warningsFor({}, record)).toEqual({});
  });

  it('leaves the pendências of untouched fields to the top of the record', () => {
    const record = professional({ email: 'maria@gmial.com', city: 'Gotham' });
    expect(warningsFor({ phone: '(11) 98888-7777' }, record)).toEqual({});
  });

  it('warns about a name that looks incomplete, under that name', () => {
    expect(warningsFor({ fatherName: 'José da' }).fatherName).toEqual([
      { code: 'NAME_SUSPECT', message: expect.stringContaining('parte do nome parece faltar') as string },
    ]);
  });

  it('warns about a mother’s name that looks incomplete, under the mother’s name', () => {
    expect(warningsFor({ motherName: 'Ana' }).motherName?.map((w) => w.code)).toEqual(['NAME_SUSPECT']);
  });

  it('warns about a município that is not in the UF, and about a naturalidade likewise', () => {
    const warnings = warningsFor({ city: 'Campinas do Norte', birthCity: 'Gotham' });
    expect(warnings.city?.map((w) => w.code)).toEqual(['CITY_UNKNOWN']);
    expect(warnings.birthCity?.map((w) => w.code)).toEqual(['BIRTHPLACE_UNKNOWN']);
  });

  it('puts under a new UF what it makes wrong in the município and the CEP left as they were', () => {
    const warnings = warningsFor({ uf: 'RJ' });
    expect(warnings.uf?.map((w) => w.code)).toEqual(['CITY_UNKNOWN', 'CEP_UF_MISMATCH']);
    expect(warnings.uf?.[0]?.message).toContain('São Paulo');
    expect(warnings.city).toBeUndefined();
    expect(warnings.cep).toBeUndefined();
  });

  it('warns about a CEP typed from another UF under the CEP', () => {
    expect(warningsFor({ cep: '20040-020' }).cep?.map((w) => w.code)).toEqual(['CEP_UF_MISMATCH']);
  });

  it('warns that a cleared e-mail leaves the professional without the password e-mail', () => {
    expect(warningsFor({ email: '' }).email?.map((w) => w.code)).toEqual(['EMAIL_MISSING']);
  });

  it('never repeats as a warning a value the rules refuse: that one keeps its error', () => {
    expect(warningsFor({ phone: '(10) 91234-5678', birthDate: '01/01/2020', email: 'maria@gmial' })).toEqual({});
  });

  it('hides a field’s warning once the store has named an error for it', () => {
    expect(warningsFor({ cep: '20040-020' }, professional(), { serverErrors: { cep: 'CEP 20040-020 não pertence à UF SP.' } })).toEqual({});
  });

  it('does not warn about a município when the new UF is refused', () => {
    expect(warningsFor({ uf: 'XX' })).toEqual({});
  });

  it('says under the e-mail, in the worklist’s words, an address the store found on another record', () => {
    const record = professional();
    const shared = draftWarnings(record, { ...newDraft(record, NOW), edits: { email: ' Casa@Gmail.com' } }, NOW, 'casa@gmail.com');
    expect(shared.email?.map((w) => w.code)).toEqual(['EMAIL_SHARED']);
    expect(shared.email?.[0]?.message).toContain('O e-mail casa@gmail.com também está no cadastro de outra/o profissional');
    // The store's answer was about another address: nothing said.
    expect(draftWarnings(record, { ...newDraft(record, NOW), edits: { email: 'nova@gmail.com' } }, NOW, 'casa@gmail.com')).toEqual({});
  });

  it('says nothing about a clean change', () => {
    expect(warningsFor({ email: 'maria@gmail.com', city: 'Campinas', fatherName: 'José da Silva' })).toEqual({});
  });
});
