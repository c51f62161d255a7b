// A registry load whose rows disagree with corrections on their way to Implanta: those rows are
// "unchanged" (the desk kept its values), and the summary line says how many of them hold
// conflicts, so "0 accepted, 2 unchanged" is not read as nothing to look at.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validCpf } from '../db/fixtures';
import { cliDesk } from './command';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;E-mail;Telefone;Município;UF';
const desk = cliDesk('cress-cli-conflict-rows-', ({ run }) => {
  expect(run('init', '--region', '9', '--operator', 'Ana Souza').code).toBe(0);
});

function sheet(name: string, rows: string[]): string {
  const path = join(desk.dir, name);
  writeFileSync(path, [HEADER, ...rows].join('\r\n'));
  return path;
}

const row = (n: number, name: string, email: string, phone: string) => `${n};${validCpf(n)};${name};Mãe de ${name};${email};${phone};São Paulo;SP`;

describe('a registry load with conflicts', () => {
  it('counts the rows with conflicts in the line of accepted, unchanged and rejected', () => {
    const { run } = desk;
    const first = sheet('carga-1.csv', [row(41001, 'Joana Lima', 'joana@exemplo.com.br', '11987654321'), row(41002, 'Rute Alves', 'rute@exemplo.com.br', '11987650000')]);
    expect(run('import', 'registry', first).code).toBe(0);
    for (const [registration, field, value] of [
      ['41001', 'email', 'joana.lima@gmail.com'],
      ['41001', 'phone', '11912345678'],
      ['41002', 'email', 'rute.alves@gmail.com'],
    ] as const) {
      expect(run('correct', registration, '--field', field, '--value', value, '--reason', 'Pedido no balcão', '--evidence', 'RG').code).toBe(0);
    }
    // Three fields in conflict, on two rows.
    const second = sheet('carga-2.csv', [row(41001, 'Joana Lima', 'jlima@uol.com.br', '11955554444'), row(41002, 'Rute Alves', 'ralves@uol.com.br', '11987650000')]);
    const checked = run('import', 'registry', second, '--dry-run');
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/2 rows: 0 accepted, 2 unchanged, 0 rejected, 2 with conflicts\./);
    expect(checked.stdout).toMatch(/3 conflicts with the desk's corrections/);

    const loaded = desk.json('import', 'registry', second);
    expect(loaded.code).toBe(0);
    expect(loaded.body).toMatchObject({ rows: 2, accepted: 0, unchanged: 2, rejected: 0, rowsWithConflicts: 2 });
    expect(loaded.body.conflicts).toHaveLength(3);
  });
});
