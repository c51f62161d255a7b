// How a correction is planned from what the clerk typed: the changes it makes, what it refuses and what it means for the DIP.
import { describe, expect, it } from 'vitest';
import type { DipStatus, Professional } from '../../shared/domain';
import { DIP_CONSEQUENCE_MESSAGES } from '../../shared/rules/dip';
import { planCorrection } from '../../shared/rules/correction';
import { professional } from './professional.fixture';

/** The changes planned for `requested` on `current`, after checking the plan refuses nothing. */
function plannedChanges(current: Professional, requested: Parameters<typeof planCorrection>[1]) {
  const plan = planCorrection(current, requested);
  expect(plan.errors).toEqual([]);
  return plan.changes;
}

describe('planCorrection: ordinary changes', () => {
  it('an e-mail correction is one change, no errors, nothing for the DIP', () => {
    const plan = planCorrection(professional(), { email: 'Maria.Nova@Example.com' });
    expect(plan.errors).toEqual([]);
    expect(plan.changes).toEqual([{ field: 'email', oldValue: 'maria@example.com.br', newValue: 'maria.nova@example.com' }]);
    expect(plan.dipConsequence).toBe('none');
    expect(plan.dipMessage).toBeNull();
  });

  it('stores values normalised: CPF and CEP as digits, dates as ISO, names with collapsed spaces', () => {
    const changes = plannedChanges(professional(), {
      cpf: '111.444.777-35',
      cep: '01001-000',
      birthDate: '01/02/1979',
      fatherName: '  José   de Souza ',
    });
    expect(changes).toEqual([
      { field: 'cpf', oldValue: '52998224725', newValue: '11144477735' },
      { field: 'fatherName', oldValue: 'José Souza', newValue: 'José de Souza' },
      { field: 'birthDate', oldValue: '1980-05-17', newValue: '1979-02-01' },
      { field: 'cep', oldValue: '01310100', newValue: '01001000' },
    ]);
  });

  it('a value typed differently but meaning the same is no change', () => {
    // The record's own values, each typed another way.
    const retyped = { email: ' MARIA@example.com.br ', cpf: '529.982.247-25', cep: '01310-100', phone: '(11) 91234-5678', uf: 'sp', maritalStatus: 'Solteira' };
    expect(plannedChanges(professional(), retyped)).toEqual([]);
  });

  it('clearing an optional field is a change to empty', () => {
    expect(plannedChanges(professional(), { complement: null, district: '' })).toEqual([{ field: 'district', oldValue: 'Bela Vista', newValue: null }]);
  });
});

describe('planCorrection: the mother rule', () => {
  it('setting "Não consta mãe" on a record with a mother name changes both: flag on, name cleared', () => {
    expect(plannedChanges(professional(), { motherNotListed: true })).toEqual([
      { field: 'motherName', oldValue: 'Ana Souza', newValue: null },
      { field: 'motherNotListed', oldValue: false, newValue: true },
    ]);
  });

  it('reads the flag as clerks write it', () => {
    expect(plannedChanges(professional(), { motherNotListed: 'Sim' }).map((c) => c.field)).toEqual(['motherName', 'motherNotListed']);
  });

  it('giving a mother name on a record marked "Não consta mãe" clears the flag', () => {
    expect(plannedChanges(professional({ motherName: null, motherNotListed: true }), { motherName: 'Rita Lima' })).toEqual([
      { field: 'motherName', oldValue: null, newValue: 'Rita Lima' },
      { field: 'motherNotListed', oldValue: true, newValue: false },
    ]);
  });

  it('a record with neither mother nor flag still takes an e-mail-only change (case D does not wait on case F)', () => {
    expect(plannedChanges(professional({ motherName: null, motherNotListed: false }), { email: 'nova@example.com' })).toEqual([{ field: 'email', oldValue: expect.anything(), newValue: 'nova@example.com' }]);
  });

  it('a record with neither mother nor flag refuses a change of the mother fact that leaves it missing', () => {
    const plan = planCorrection(professional({ motherName: null, motherNotListed: true }), { motherNotListed: false });
    expect(plan.errors).toEqual([
      expect.objectContaining({ code: 'MOTHER_MISSING', field: 'motherName', message: expect.stringContaining('nome da mãe') }),
    ]);
  });

  it('refuses a mother name and the flag together with MOTHER_CONFLICT', () => {
    const plan = planCorrection(professional({ motherName: null, motherNotListed: false }), {
      motherName: 'Rita Lima',
      motherNotListed: true,
    });
    expect(plan.errors.map((e) => e.code)).toEqual(['MOTHER_CONFLICT']);
  });

  it('refuses clearing the mother name without setting the flag', () => {
    const plan = planCorrection(professional(), { motherName: '' });
    expect(plan.errors.map((e) => e.code)).toEqual(['MOTHER_MISSING']);
  });

  it('reports an invalid mother name once, as a name error, not also as a missing mother', () => {
    const plan = planCorrection(professional({ motherName: null, motherNotListed: false }), { motherName: 'Ana 2' });
    expect(plan.errors).toEqual([expect.objectContaining({ code: 'NAME_INVALID', field: 'motherName' })]);
  });
});

describe('planCorrection: CEP against the address UF', () => {
  it('refuses a CEP outside the address UF with CEP_UF_MISMATCH, in Portuguese', () => {
    const plan = planCorrection(professional({ uf: 'RJ', cep: '20040020' }), { cep: '01310-100' });
    expect(plan.errors).toEqual([
      {
        code: 'CEP_UF_MISMATCH',
        field: 'cep',
        message: 'CEP 01310-100 não pertence à UF RJ. Confira o CEP e a UF, ou cadastre o CEP em CEPs.',
      },
    ]);
  });

  it('refuses changing the UF away from the stored CEP', () => {
    const plan = planCorrection(professional(), { uf: 'MG' });
    expect(plan.errors.map((e) => e.code)).toEqual(['CEP_UF_MISMATCH']);
  });

  it('accepts a CEP and UF changed together when they agree', () => {
    expect(plannedChanges(professional(), { cep: '30130-010', uf: 'MG' }).map((c) => c.field)).toEqual(['cep', 'uf']);
  });

  it('accepts a CEP the council directory gives to the address UF', () => {
    const plan = planCorrection(professional({ uf: 'RJ', cep: '20040020' }), { cep: '01310-100' }, {
      directoryUfOf: (cep) => (cep === '01310100' ? 'RJ' : null),
    });
    expect(plan.errors).toEqual([]);
  });

  it('still refuses when the directory gives the CEP to another UF or does not know it', () => {
    const current = professional({ uf: 'RJ', cep: '20040020' });
    expect(planCorrection(current, { cep: '01310-100' }, { directoryUfOf: () => 'MG' }).errors.map((e) => e.code)).toEqual([
      'CEP_UF_MISMATCH',
    ]);
    expect(planCorrection(current, { cep: '01310-100' }, { directoryUfOf: () => null }).errors.map((e) => e.code)).toEqual([
      'CEP_UF_MISMATCH',
    ]);
  });

  it('reports a malformed CEP as CEP_INVALID only', () => {
    const plan = planCorrection(professional(), { cep: '0131-01' });
    expect(plan.errors.map((e) => e.code)).toEqual(['CEP_INVALID']);
  });
});

describe('planCorrection: the DIP rule', () => {
  const cases: [DipStatus, string][] = [
    ['confirmed', 'correct_dip_request'],
    ['in_manufacture', 'new_card_required'],
    ['none', 'none'],
  ];
  for (const [dipStatus, consequence] of cases) {
    it(`an identification change on a DIP "${dipStatus}" → ${consequence}`, () => {
      const plan = planCorrection(professional({ dipStatus }), { name: 'Maria das Graças Souza Lima' });
      expect(plan.errors).toEqual([]);
      expect(plan.dipConsequence).toBe(consequence);
      expect(plan.dipMessage).toBe(DIP_CONSEQUENCE_MESSAGES[consequence as keyof typeof DIP_CONSEQUENCE_MESSAGES]);
    });
  }

  for (const [field, value] of [
    ['cpf', '111.444.777-35'],
    ['birthDate', '01/02/1979'],
    ['nationality', 'Brasileira naturalizada'],
    ['rgNumber', '98.765.432-1'],
  ] as const) {
    it(`a ${field} change on a confirmed DIP means Implanta must correct the DIP request too`, () => {
      const plan = planCorrection(professional({ dipStatus: 'confirmed' }), { [field]: value });
      expect(plan.errors).toEqual([]);
      expect(plan.dipConsequence).toBe('correct_dip_request');
    });
  }

  it('a name change on a DIP only requested warns not to confirm the request until the correction is synced', () => {
    const plan = planCorrection(professional({ dipStatus: 'requested' }), { name: 'Maria das Graças Souza Lima' });
    expect(plan.dipConsequence).toBe('none');
    expect(plan.dipWarning).toBe('wait_for_sync');
    expect(plan.dipWarningMessage).toMatch(/não confirmar a solicitação do DIP/);
  });

  it('an e-mail change on a DIP only requested gives no DIP warning', () => {
    const plan = planCorrection(professional({ dipStatus: 'requested' }), { email: 'outra@example.com' });
    expect(plan.dipWarning).toBeNull();
    expect(plan.dipWarningMessage).toBeNull();
  });

  it('a contact change on a confirmed DIP does not touch the DIP', () => {
    const plan = planCorrection(professional({ dipStatus: 'confirmed' }), { email: 'outra@example.com', cep: '01001-000' });
    expect(plan.dipConsequence).toBe('none');
  });

  it('the mother flag counts as identification data (filiação)', () => {
    const plan = planCorrection(professional({ dipStatus: 'confirmed' }), { motherNotListed: true });
    expect(plan.dipConsequence).toBe('correct_dip_request');
  });

  it('a value re-typed identically on a confirmed DIP has no DIP consequence', () => {
    const plan = planCorrection(professional({ dipStatus: 'confirmed' }), { name: ' Maria  das Graças Souza ' });
    expect(plan.changes).toEqual([]);
    expect(plan.dipConsequence).toBe('none');
  });
});

describe('planCorrection: refused input', () => {
  it('refuses an unknown field with FIELD_UNKNOWN', () => {
    const plan = planCorrection(professional(), { shoeSize: '38' });
    expect(plan.errors).toEqual([{ code: 'FIELD_UNKNOWN', message: 'Campo desconhecido: shoeSize.' }]);
    expect(plan.changes).toEqual([]);
  });

  it('does not take fields that are not correctable, such as the DIP status or the id', () => {
    const plan = planCorrection(professional(), { dipStatus: 'issued', id: '7' });
    expect(plan.errors.map((e) => e.code)).toEqual(['FIELD_UNKNOWN', 'FIELD_UNKNOWN']);
    expect(plan.changes).toEqual([]);
  });

  it('refuses emptying the name with VALUE_REQUIRED', () => {
    const plan = planCorrection(professional(), { name: '   ' });
    expect(plan.errors).toEqual([{ code: 'VALUE_REQUIRED', field: 'name', message: 'Nome é obrigatório e não pode ficar vazio.' }]);
  });

  it('refuses emptying the CPF with VALUE_REQUIRED', () => {
    const plan = planCorrection(professional(), { cpf: null });
    expect(plan.errors.map((e) => [e.code, e.field])).toEqual([['VALUE_REQUIRED', 'cpf']]);
  });

  it('reports every invalid field at once, each on its field', () => {
    const plan = planCorrection(professional(), { cpf: '529.982.247-26', email: 'maria@', birthDate: '31/02/2020' });
    expect(plan.errors.map((e) => [e.code, e.field])).toEqual([
      ['CPF_INVALID', 'cpf'],
      ['EMAIL_INVALID', 'email'],
      ['DATE_INVALID', 'birthDate'],
    ]);
  });

  it('an unchanged value gives no change', () => {
    expect(plannedChanges(professional(), { name: 'Maria das Graças Souza' })).toEqual([]);
  });
});
