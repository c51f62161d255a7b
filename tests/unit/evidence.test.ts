// The evidence rule shared by the form, the store, the command line and the imports.
import { describe, expect, it } from 'vitest';
import { evidenceProblem, identificationFieldsOf, isFutureEvidenceDate, isPlaceholderEvidence } from '../../shared/rules/evidence';

describe('evidence for identification data', () => {
  it('refuses a name change backed by no document or by a placeholder such as "Não informado"', () => {
    for (const kind of [undefined, '', '  ', 'Não informado', 'nao informado', 'Planilha importada']) {
      expect(evidenceProblem(['name'], kind), String(kind)).toMatch(/Correção de dados de identificação \(Nome\) exige o documento comprobatório/);
    }
  });

  it('accepts a name change backed by a real document', () => {
    expect(evidenceProblem(['name'], 'Certidão de casamento')).toBeNull();
  });

  it('lets an e-mail or address change go without a named document', () => {
    expect(evidenceProblem(['email', 'cep', 'uf', 'city'], 'Não informado')).toBeNull();
    expect(evidenceProblem(['phone'], undefined)).toBeNull();
  });

  it('refuses identification data whose document arrived by e-mail or was told over the phone, and takes it in person or by post', () => {
    for (const arrival of ['email', 'phone'] as const) {
      expect(evidenceProblem(['name'], 'Certidão de casamento', arrival), arrival).toMatch(/Dados de identificação \(Nome\) só são corrigidos com o documento apresentado pessoalmente ou enviado pelos Correios/);
      expect(evidenceProblem(['motherName'], 'RG', arrival), arrival).toContain('Mãe (nome ou “Não consta mãe”)');
    }
    expect(evidenceProblem(['name'], 'Certidão de casamento', 'in_person')).toBeNull();
    expect(evidenceProblem(['name'], 'Certidão de casamento', 'post')).toBeNull();
  });

  it('takes contact data told over the phone or sent by e-mail', () => {
    expect(evidenceProblem(['email', 'phone', 'cep', 'street'], 'Ligação da/o profissional', 'phone')).toBeNull();
    expect(evidenceProblem(['email'], 'Mensagem da/o profissional', 'email')).toBeNull();
  });

  it('names the mother fact once, whether the name or "Não consta mãe" changes', () => {
    expect(evidenceProblem(['motherName', 'motherNotListed'], '')).toContain('(Mãe (nome ou “Não consta mãe”))');
  });

  it('counts CPF, RG, birth date and nationality as identification data (the DIP prints them)', () => {
    expect(identificationFieldsOf(['cpf', 'rgNumber', 'birthDate', 'nationality', 'email', 'mother'])).toEqual(['cpf', 'rgNumber', 'birthDate', 'nationality', 'mother']);
  });

  it('speaks of "a/o profissional"', () => {
    expect(evidenceProblem(['name'], '')).toContain('pela/o profissional');
  });

  it('tells a placeholder from a document', () => {
    expect(isPlaceholderEvidence('RG')).toBe(false);
    expect(isPlaceholderEvidence(' NÃO INFORMADO ')).toBe(true);
  });
});

describe('the evidence date', () => {
  it('is refused when it is after today, accepted today and before', () => {
    expect(isFutureEvidenceDate('2026-12-03', '2026-12-02')).toBe(true);
    expect(isFutureEvidenceDate('2026-12-02', '2026-12-02')).toBe(false);
    expect(isFutureEvidenceDate('2025-01-31', '2026-12-02')).toBe(false);
  });
});
