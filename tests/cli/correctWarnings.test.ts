// The window's form warns before saving about a misspelt e-mail provider or a município outside its
// UF. The command line has no form: `correct` saves, then says what to check before the batch goes —
// the record's pendências on the fields it just corrected — and nothing when all is well.
import { describe, expect, it } from 'vitest';
import { cliDesk, initDesk, registrationsIn } from './command';

const desk = cliDesk('cress-cli-correct-warnings-', (d) => initDesk(d, { professionals: 3, seed: 4 }));
const { run, json } = desk;

const registrations = () => registrationsIn(desk.store);

describe('correct', () => {
  it('says what to check after saving a misspelt e-mail or an unknown município, and nothing for a good value', () => {
    const [first, second, third] = registrations();
    const typo = run('correct', first!, '--set', 'email=amanda@hotmal.com', '--reason', 'Pedido no balcão');
    expect(typo.code, typo.stderr).toBe(0);
    expect(typo.stdout).toMatch(/Check before the batch: E-mail provavelmente digitado errado: você quis dizer amanda@hotmail\.com\?/);
    const town = json('correct', second!, '--set', 'city=Cidade Inventada', '--reason', 'Pedido no balcão');
    expect(town.body.warnings).toEqual([expect.objectContaining({ field: 'city', message: expect.stringMatching(/Cidade Inventada/) })]);
    const fine = run('correct', third!, '--set', 'email=tudo.certo@gmail.com', '--reason', 'Pedido no balcão');
    expect(fine.stdout).not.toContain('Check before the batch');
  });
});
