// A registry load whose Telefone column holds something that is not a phone (a street typed in the
// wrong column): the desk keeps the text as given, and `registry show` prints it as it is, never
// punctuated as if it were a number.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFieldValue } from '../../shared/display/values';
import { validCpf } from '../db/fixtures';
import { cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-phone-', (d) => initDesk(d));
const { run } = desk;


describe('a Telefone cell that is not a phone', () => {
  it('is shown as the main system sent it', () => {
    const path = join(desk.dir, 'carga.csv');
    writeFileSync(
      path,
      ['Registro;CPF;Nome;Nome da mãe;Telefone', `40001;${validCpf(40001)};Maria Souza;Rita Souza;RUA AUGUSTA`, `40002;${validCpf(40002)};Joana Lima;Rita Lima;11912345678`].join('\r\n'),
    );
    expect(run('import', 'registry', path).code).toBe(0);
    const shown = run('registry', 'show', '40001');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('RUA AUGUSTA');
    expect(shown.stdout).not.toContain('(RU)');
    expect(run('registry', 'show', '40002').stdout).toContain('(11) 91234-5678');
  });

  it('reads as it is wherever a value is shown; a phone of digits is punctuated', () => {
    expect(formatFieldValue('phone', 'RUA AUGUSTA')).toBe('RUA AUGUSTA');
    expect(formatFieldValue('phone', '1191234567A')).toBe('1191234567A');
    expect(formatFieldValue('phone', '11912345678')).toBe('(11) 91234-5678');
    expect(formatFieldValue('phone', '1132345678')).toBe('(11) 3234-5678');
  });
});
