// `registry show` and `correct` by a CPF as the clerk has it at hand: held as a number (a CPF
// starting with three or more zeros copied from a spreadsheet's number cell: 14089173 for
// 000.140.891-73), or pasted with a character that takes no room on screen. Both name the record
// that holds that CPF.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-cpf-key-', (d) => {
  initDesk(d);
  const path = join(d.dir, 'carga.csv');
  writeFileSync(path, ['Registro;CPF;Nome;Nome da mãe;E-mail', '40001;00014089173;Maria Souza;Rita Souza;maria@exemplo.com.br'].join('\r\n'));
  expect(d.run('import', 'registry', path).code).toBe(0);
});
const { run, json } = desk;

describe('a CPF key that lost its leading zeros or carries an invisible character', () => {
  it.each(['14089173', '000.140.891-73', '000.140.891\u200b-73', '\ufeff00014089173', '140891\u00ad73'])('`registry show %j` finds the record', (key) => {
    const shown = json('registry', 'show', key);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.body).toMatchObject({ registrationNumber: '40001', cpf: '00014089173' });
  });

  it('`correct 14089173` corrects that record', () => {
    const result = run('correct', '14089173', '--field', 'email', '--value', 'maria.nova@exemplo.com.br', '--reason', 'Pedido da profissional');
    expect(result.code, result.stderr).toBe(0);
    expect(json('registry', 'show', '40001').body).toMatchObject({ email: 'maria.nova@exemplo.com.br' });
  });

  it('a short number that is no CPF padded is still not found', () => {
    const result = run('registry', 'show', '14089174');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Nenhum cadastro com CPF ou registro 14089174.');
  });
});
