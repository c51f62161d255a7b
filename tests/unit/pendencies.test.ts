import { describe, expect, it } from 'vitest';
import type { Professional } from '../../shared/domain';
import { PENDENCY_CASE_LABELS, PENDENCY_CODES, recordPendencies, type PendencyContext } from '../../shared/rules/pendencies';
import { professional } from './professional.fixture';
import { CLEAN_REGISTRY, DESIGNED_REGISTRY, SHARED_EMAILS, TODAY } from './registryFixtures';
import { caseOfRecord } from '../../shared/rules/pendencyCases';

const context: PendencyContext<Professional> = {
  today: TODAY,
  emailIsShared: (email) => SHARED_EMAILS.has(email),
  dipDataPending: (record) => record.registrationNumber === 'DIP-PENDING',
};

describe('the Pendências worklist on a designed registry', () => {
  it.each(DESIGNED_REGISTRY.map((d) => [d.code, d.record.registrationNumber, d] as const))(
    'finds %s on record %s, and nothing else',
    (_code, _registration, designed) => {
      const found = recordPendencies(designed.record, context);
      expect(found.map((p) => ({ code: p.code, case: p.case, field: p.field }))).toEqual([
        { code: designed.code, case: designed.case, field: designed.field },
      ]);
      expect(found[0]?.suggestion).toBe(designed.suggestion);
      expect(found[0]?.message).toMatch(/\p{L}/u);
    },
  );

  it('finds every code of the worklist somewhere in the designed registry', () => {
    const codes = new Set(DESIGNED_REGISTRY.flatMap((d) => recordPendencies(d.record, context).map((p) => p.code)));
    expect([...codes].sort()).toEqual(PENDENCY_CODES.map((c) => c.code).sort());
  });

  it('asks for the DIP request to be corrected while it can be, and for a new DIP once the card is in manufacture', () => {
    const atRisk = { ...context, dipDataPending: () => true };
    const [confirmed] = recordPendencies(professional({ dipStatus: 'confirmed' }), atRisk);
    expect(confirmed?.message).toMatch(/peça à Implanta que corrija também a solicitação do DIP/);
    const [manufacture] = recordPendencies(professional({ dipStatus: 'in_manufacture' }), atRisk);
    expect(manufacture?.code).toBe('DIP_DATA_PENDING');
    expect(manufacture?.message).toBe(
      'O DIP já foi enviado para confecção e dados de identificação foram corrigidos depois: o cartão não poderá ser corrigido. Oriente a/o profissional a solicitar um novo DIP.',
    );
  });

  it('offers the whole corrected address for a misspelt provider, in the clerk’s words', () => {
    const [typo] = recordPendencies(professional({ email: 'ana@gmial.com' }), context);
    expect(typo).toMatchObject({ code: 'EMAIL_TYPO', suggestion: 'ana@gmail.com' });
    expect(typo?.message).toBe('E-mail provavelmente digitado errado: você quis dizer ana@gmail.com?');
  });
});

describe('the Pendências worklist on a clean registry', () => {
  it.each(CLEAN_REGISTRY.map((r) => [r.name, r.email, r.city, r] as const))('finds nothing on %s (%s, %s)', (_name, _email, _city, record) => {
    expect(recordPendencies(record, context)).toEqual([]);
  });

  it('finds nothing when the store gives no context at all', () => {
    expect(recordPendencies(professional())).toEqual([]);
  });
});

describe('cases of the notice', () => {
  it('labels each case with the notice’s words, so the screen can group by them', () => {
    expect(PENDENCY_CASE_LABELS.B).toBe('B — dados de acesso inválidos');
    expect(PENDENCY_CASE_LABELS.D).toBe('D — e-mail de senha não chega');
    expect(PENDENCY_CASE_LABELS.E).toBe('E — CEP não encontrado');
    expect(PENDENCY_CASE_LABELS.F).toBe('F — sem nome da mãe');
    expect(PENDENCY_CASE_LABELS.G).toBe('G — dados de identificação errados na DIP');
  });

  it('files a field’s generic problem under the case of that field', () => {
    const found = recordPendencies(professional({ street: 'x'.repeat(200), rgIssuer: 'y'.repeat(50) }), context);
    expect(found.map((p) => [p.code, p.field, p.case])).toEqual([
      ['VALUE_TOO_LONG', 'rgIssuer', 'G'],
      ['VALUE_TOO_LONG', 'street', 'E'],
    ]);
  });

  it('keeps a CEP outside the UF unflagged when the council’s directory places it in that UF', () => {
    const record = professional({ cep: '20040002', uf: 'SP' });
    expect(recordPendencies(record, { ...context, directoryUfOf: () => 'SP' })).toEqual([]);
    expect(recordPendencies(record, { ...context, directoryUfOf: () => null }).map((p) => p.code)).toEqual(['CEP_UF_MISMATCH']);
  });

  it('checks a record against the day it is given, so a birthday can make a record clean', () => {
    const record = professional({ birthDate: '2008-06-16' });
    expect(recordPendencies(record, { today: '2026-06-15' }).map((p) => p.code)).toEqual(['BIRTH_DATE_IMPLAUSIBLE']);
    expect(recordPendencies(record, { today: '2026-06-16' })).toEqual([]);
  });

  it('lists a second e-mail on a professional only when the store says it is shared', () => {
    const record = professional({ email: 'casa@gmail.com' });
    expect(recordPendencies(record, { today: TODAY })).toEqual([]);
    expect(recordPendencies(record, { today: TODAY, emailIsShared: (e) => e === 'casa@gmail.com' }).map((p) => p.code)).toEqual(['EMAIL_SHARED']);
  });
});

describe('a registry-sized scan', () => {
  it('checks thousands of clean records one after another and finds nothing on any of them', () => {
    const records = Array.from({ length: 5000 }, (_, i) => CLEAN_REGISTRY[i % CLEAN_REGISTRY.length] as Professional);
    const found = records.flatMap((record) => recordPendencies(record, context));
    expect(found).toEqual([]);
  });
});

describe('the case an atendimento proposes for a record', () => {
  it('is the case of the record’s first pendência, and none when the record has none', () => {
    expect(caseOfRecord([{ code: 'MOTHER_MISSING', field: 'motherName' }, { code: 'EMAIL_INVALID', field: 'email' }])).toBe('F');
    expect(caseOfRecord([{ code: 'VALUE_TOO_LONG', field: 'street' }])).toBe('E');
    expect(caseOfRecord([])).toBeNull();
  });
});
