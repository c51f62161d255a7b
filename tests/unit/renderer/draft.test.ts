// The correction form as data: only real changes travel, in the form the store expects,
// and the clerk is told what is wrong before anything is sent.
import { describe, expect, it } from 'vitest';
import { planCorrection } from '../../../shared/rules/correction';
import { MOTHER_MESSAGES } from '../../../shared/rules/mother';
import {
  draftChanges,
  evidenceErrors,
  fieldErrors,
  firstFieldWithError,
  newDraft,
  saveInput,
  shownText,
  type CorrectionDraft,
} from '../../../renderer/lib/draft';
import { professional } from '../professional.fixture';

const NOW = new Date(2026, 10, 24, 15, 30);

function draftOf(patch: Partial<CorrectionDraft> = {}, record = professional()): CorrectionDraft {
  return { ...newDraft(record, NOW), ...patch };
}

describe('what the form shows before any edit', () => {
  it('shows stored values as a clerk types them', () => {
    const record = professional();
    const draft = draftOf();
    expect(shownText(draft, record, 'cpf')).toBe('529.982.247-25');
    expect(shownText(draft, record, 'birthDate')).toBe('17/05/1980');
    expect(shownText(draft, record, 'cep')).toBe('01310-100');
    expect(shownText(draft, record, 'phone')).toBe('(11) 91234-5678');
    expect(shownText(draft, record, 'complement')).toBe('');
  });

  it('starts with today as the date the document was received, in person', () => {
    const draft = draftOf();
    expect(draft.evidenceDate).toBe('24/11/2026');
    expect(draft.evidenceArrival).toBe('in_person');
  });
});

describe('draftChanges', () => {
  it('sends nothing while the clerk has changed nothing', () => {
    expect(draftChanges(professional(), draftOf())).toEqual({});
  });

  it('sends only the field that changed', () => {
    expect(draftChanges(professional(), draftOf({ edits: { email: 'nova.caixa@exemplo.com.br' } }))).toEqual({
      email: 'nova.caixa@exemplo.com.br',
    });
  });

  it('does not count as a change the same value typed another way', () => {
    const edits = { cpf: '52998224725', phone: '11 91234 5678', city: ' São Paulo ', birthDate: '17/05/1980' };
    expect(draftChanges(professional(), draftOf({ edits }))).toEqual({});
  });

  it('sends a birth date typed as dd/mm/aaaa in ISO', () => {
    expect(draftChanges(professional(), draftOf({ edits: { birthDate: '01/02/1979' } }))).toEqual({ birthDate: '1979-02-01' });
  });

  it('sends an emptied optional field as null (clear it)', () => {
    expect(draftChanges(professional(), draftOf({ edits: { fatherName: '   ' } }))).toEqual({ fatherName: null });
  });

  it('marks "Não consta mãe" without sending a name', () => {
    expect(draftChanges(professional(), draftOf({ motherChoice: 'notListed' }))).toEqual({ motherNotListed: true });
  });

  it('gives a flagged record a mother’s name and unsets the flag in one change', () => {
    const record = professional({ motherName: null, motherNotListed: true });
    const draft = draftOf({ motherChoice: 'name', edits: { motherName: 'Joana Pereira' } }, record);
    expect(draftChanges(record, draft)).toEqual({ motherNotListed: false, motherName: 'Joana Pereira' });
  });

  it('produces changes the store’s own rules accept, with the same old → new', () => {
    const record = professional({ motherName: null, motherNotListed: false });
    const draft = draftOf({ motherChoice: 'notListed', edits: { email: 'nova@exemplo.com.br', cep: '01001-000' } }, record);
    const plan = planCorrection(record, draftChanges(record, draft));
    expect(plan.errors).toEqual([]);
    expect(plan.changes.map((c) => [c.field, c.newValue])).toEqual([
      ['motherNotListed', true],
      ['email', 'nova@exemplo.com.br'],
      ['cep', '01001000'],
    ]);
  });
});

describe('fieldErrors', () => {
  it('explains an invalid e-mail and an incomplete CEP under their fields', () => {
    const errors = fieldErrors(professional(), draftOf({ edits: { email: 'nao-e-um-email', cep: '1234' } }));
    expect(errors.email).toMatch(/^E-mail inválido/);
    expect(errors.cep).toMatch(/^CEP inválido/);
    expect(Object.keys(errors).sort()).toEqual(['cep', 'email']);
  });

  it('refuses to empty a field that may not be empty', () => {
    expect(fieldErrors(professional(), draftOf({ edits: { name: '' } })).name).toBe('Nome é obrigatório e não pode ficar vazio.');
  });

  it('asks for the mother’s name when the clerk chose "Nome da mãe" on a flagged record and left it empty', () => {
    const record = professional({ motherName: null, motherNotListed: true });
    expect(fieldErrors(record, draftOf({ motherChoice: 'name' }, record)).motherName).toBe(MOTHER_MESSAGES.missing);
  });

  it('says nothing about fields the clerk did not touch', () => {
    expect(fieldErrors(professional(), draftOf())).toEqual({});
  });
});

describe('evidenceErrors', () => {
  it('says a reason longer than the store keeps is too long, with its length', () => {
    const errors = evidenceErrors({ ...draftOf(), reason: `  ${'a'.repeat(501)}  ` }, NOW);
    expect(errors.reason).toBe('Motivo muito longo: no máximo 500 caracteres (tem 501).');
    // A whole document pasted into the field: its length written as the rest of the text writes numbers.
    expect(evidenceErrors({ ...draftOf(), reason: 'b'.repeat(12_345) }, NOW).reason).toBe('Motivo muito longo: no máximo 500 caracteres (tem 12.345).');
  });

  it('requires a reason and the document seen', () => {
    const errors = evidenceErrors(draftOf(), NOW);
    expect(errors.reason).toBe('Informe o motivo da correção.');
    expect(errors.evidenceKind).toMatch(/^Informe o documento apresentado/);
    expect(errors.evidenceDate).toBeUndefined();
  });

  it('refuses an impossible or future date of receipt', () => {
    const base = { reason: 'RG apresentado', evidenceKind: 'RG' };
    expect(evidenceErrors(draftOf({ ...base, evidenceDate: '31/02/2026' }), NOW).evidenceDate).toMatch(/não existe no calendário/);
    expect(evidenceErrors(draftOf({ ...base, evidenceDate: '25/11/2026' }), NOW).evidenceDate).toBe(
      'A data de recebimento não pode estar no futuro.',
    );
    expect(evidenceErrors(draftOf({ ...base, evidenceDate: '24/11/2026' }), NOW)).toEqual({});
  });

  it('refuses "Não informado" as the document of a name change, not of an e-mail change', () => {
    const draft = draftOf({ reason: 'Pedido no balcão', evidenceKind: 'Não informado', evidenceDate: '24/11/2026' });
    expect(evidenceErrors(draft, NOW, ['name']).evidenceKind).toMatch(/dados de identificação \(Nome\) exige o documento comprobatório/);
    expect(evidenceErrors(draft, NOW, ['email'])).toEqual({});
  });
});

describe('saveInput', () => {
  it('sends the row version the clerk started from, the evidence date in ISO and trimmed texts', () => {
    const startedOn = professional({ rowVersion: 4 });
    const draft = draftOf(
      { reason: '  E-mail informado no balcão ', evidenceKind: ' RG ', evidenceArrival: 'post', evidenceDate: '20/11/2026', evidenceNote: ' ' },
      startedOn,
    );
    const reloaded = professional({ rowVersion: 5 });
    const input = saveInput(reloaded, draft, { email: 'a@b.com.br' }, false);
    expect(input).toEqual({
      professionalId: 1,
      expectedRowVersion: 4,
      changes: { email: 'a@b.com.br' },
      reason: 'E-mail informado no balcão',
      evidence: { kind: 'RG', arrival: 'post', date: '2026-11-20', note: null },
      dipAcknowledged: false,
    });
  });

  it('names the atendimento chosen in the form, and none when the clerk chose none', () => {
    const record = professional();
    expect(saveInput(record, draftOf({ contactId: 7 }), { email: 'a@b.com.br' }, false)).toMatchObject({ contactId: 7 });
    expect(saveInput(record, draftOf(), { email: 'a@b.com.br' }, false)).not.toHaveProperty('contactId');
  });
});

describe('where the form takes the clerk after Revisar correção with errors', () => {
  it('goes to the first field with an error as the form shows them, the name before the CPF', () => {
    expect(firstFieldWithError({ cpf: 'CPF inválido', name: 'nome inválido', reason: 'Informe o motivo' })).toBe('name');
    expect(firstFieldWithError({ evidenceDate: 'Data inválida', phone: 'Telefone inválido' })).toBe('phone');
    expect(firstFieldWithError({ motherNotListed: 'Marque ou informe', birthDate: 'Data inválida' })).toBe('motherNotListed');
    expect(firstFieldWithError({})).toBeUndefined();
  });
});
