import { describe, expect, it } from 'vitest';
import { planCorrection } from '../../shared/rules/correction';
import { parseFieldValue } from '../../shared/rules/fieldValue';
import { isMotherPlaceholder } from '../../shared/rules/motherPlaceholder';
import { professional } from './professional.fixture';
import { expectRefusal } from './refusal';

describe('a mother’s name that says there is none', () => {
  it.each([
    'Não consta', 'NAO CONSTA', 'não consta mãe', 'Ignorada', 'IGNORADO', 'Desconhecida', 'XXX', 'x x x', '-', '---', 'N/C', 'n.c.',
    'não declarado', 'Não informada', 'sem informação', '?', '.', '0',
  ])('“%s” is a placeholder', (value) => {
    expect(isMotherPlaceholder(value)).toBe(true);
  });

  it.each(['Maria das Graças Souza', 'Ana Souza', 'Nair Consta', 'Ignácia Ferreira', 'Xênia Lopes', 'Desirée Alves', 'Natália de Sá', "Joana D'Ávila"])(
    '“%s” is a name',
    (value) => {
      expect(isMotherPlaceholder(value)).toBe(false);
    },
  );

  it('is refused as a value, telling the clerk to mark “Não consta mãe” instead', () => {
    expectRefusal(parseFieldValue('motherName', 'NAO CONSTA'), 'MOTHER_PLACEHOLDER', 'marque “Não consta mãe”');
  });

  it('is refused when a correction would write it, so the flag is used instead', () => {
    const plan = planCorrection(professional(), { motherName: 'Ignorada' });
    expect(plan.errors).toMatchObject([{ code: 'MOTHER_PLACEHOLDER', field: 'motherName' }]);
    expect(planCorrection(professional(), { motherNotListed: true }).errors).toEqual([]);
  });

  it('does not touch the father’s name, where the rule is not asked for', () => {
    expect(parseFieldValue('fatherName', 'Ignorado')).toEqual({ ok: true, value: 'Ignorado' });
  });
});
