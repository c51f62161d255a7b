// A registry load from a terminal when the desk has corrections on their way: `import registry
// --json` tells what was flagged, kept and in conflict; `registry conflicts` lists the open ones and
// `registry resolve` settles each, over the built command and a real store.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validCpf } from '../db/fixtures';
import { cliDesk, initDesk } from './command';

const HEADER = 'Registro;CPF;Nome;Nome da mãe;E-mail;Município;UF';
const desk = cliDesk('cress-cli-registry-', (d) => initDesk(d));
const { run } = desk;

function sheet(name: string, rows: string[]): string {
  const path = join(desk.dir, name);
  writeFileSync(path, [HEADER, ...rows].join('\r\n'));
  return path;
}

const row = (n: number, name: string, email: string, city = 'São Paulo') => `${n};${validCpf(n)};${name};Mãe de ${name};${email};${city};SP`;


describe('cress-desk import registry and the conflicts it leaves', () => {
  it('reports flagged, kept and conflicting rows, and resolves each conflict by its number', () => {
    const first = run(
      '--json',
      'import',
      'registry',
      sheet('carga-1.csv', [
        row(40001, 'Maria Souza', 'maria@exemplo.com.br'),
        row(40002, 'Joana Lima', 'joana@exemplo.com.br'),
        row(40003, 'Rute Alves', 'rute@exemplo.com.br'),
        '40004;123.456.789-00;Sara Dias;;;;', // wrong CPF, no mother: loaded, flagged
      ]),
    );
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ rows: 4, accepted: 4, rejected: 0, flagged: 1, kept: 0, conflicts: [] });
    expect(JSON.parse(run('--json', 'registry', 'show', '123.456.789-00').stdout)).toMatchObject({ registrationNumber: '40004' });

    for (const [registration, email] of [
      ['40001', 'maria.souza@gmail.com'],
      ['40002', 'joana.lima@gmail.com'],
      ['40003', 'rute.alves@gmail.com'],
    ] as const) {
      expect(run('correct', registration, '--field', 'email', '--value', email, '--reason', 'Pedido no balcão', '--evidence', 'RG').code).toBe(0);
    }

    // The main system still has Maria's old e-mail (kept), a third one for Joana and for Rute (conflicts).
    const second = run(
      '--json',
      'import',
      'registry',
      sheet('carga-2.csv', [
        row(40001, 'Maria Souza', 'maria@exemplo.com.br', 'Campinas'),
        row(40002, 'Joana Lima', 'jlima@uol.com.br'),
        row(40003, 'Rute Alves', 'ralves@uol.com.br'),
      ]),
    );
    expect(second.code).toBe(0);
    const body = JSON.parse(second.stdout);
    expect(Object.keys(body)).toEqual(['file', 'sha256', 'kind', 'rows', 'accepted', 'warned', 'unchanged', 'rejected', 'unread', 'rowsWithConflicts', 'flagged', 'kept', 'conflicts', 'errors', 'errorsTotal', 'conflictsTotal']);
    expect(body).toMatchObject({ rows: 3, accepted: 1, unchanged: 2, rejected: 0, rowsWithConflicts: 2, kept: 1 });
    expect(body.conflicts).toEqual([
      { row: 3, registration: '40002', field: 'email', deskValue: 'joana.lima@gmail.com', fileValue: 'jlima@uol.com.br' },
      { row: 4, registration: '40003', field: 'email', deskValue: 'rute.alves@gmail.com', fileValue: 'ralves@uol.com.br' },
    ]);
    expect(JSON.parse(run('--json', 'registry', 'show', '40001').stdout)).toMatchObject({ email: 'maria.souza@gmail.com', city: 'Campinas' });

    const listed = run('registry', 'conflicts');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/2 open conflicts/);
    expect(listed.stdout).toMatch(/#\d+ registration 40002 \(Joana Lima\), E-mail: desk “joana.lima@gmail.com”, file “jlima@uol.com.br” \(import 2, row 3\)/);
    const open = JSON.parse(run('--json', 'registry', 'conflicts').stdout) as { total: number; items: { id: number; registrationNumber: string }[] };
    expect(open.total).toBe(2);
    const joana = String(open.items.find((c) => c.registrationNumber === '40002')?.id);
    const rute = String(open.items.find((c) => c.registrationNumber === '40003')?.id);

    expect(run('registry', 'resolve', joana, '--reason', 'Conferido com a profissional').code).toBe(2);
    expect(run('registry', 'resolve', joana, '--keep', '--take-file', '--reason', 'Conferido com a profissional').code).toBe(2);
    expect(run('registry', 'resolve', joana, '--keep').code).toBe(2);

    const taken = run('registry', 'resolve', joana, '--take-file', '--reason', 'O sistema do Regional está certo');
    expect(taken.code).toBe(0);
    expect(taken.stdout).toMatch(/E-mail de Joana Lima \(registro 40002\): “joana.lima@gmail.com” passou a “jlima@uol.com.br”/);
    expect(JSON.parse(run('--json', 'registry', 'show', '40002').stdout)).toMatchObject({ email: 'jlima@uol.com.br' });

    const kept = run('--json', 'registry', 'resolve', rute, '--keep', '--reason', 'A profissional confirmou o e-mail novo');
    expect(kept.code).toBe(0);
    expect(JSON.parse(kept.stdout)).toMatchObject({ conflict: { resolution: 'kept' }, cancelledCorrection: null, newCorrection: null });
    expect(JSON.parse(run('--json', 'registry', 'show', '40003').stdout)).toMatchObject({ email: 'rute.alves@gmail.com' });

    expect(run('registry', 'conflicts').stdout).toMatch(/No open conflicts/);
    const again = run('registry', 'resolve', rute, '--take-file', '--reason', 'Mudei de ideia depois');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/já foi resolvido/);
    expect(run('registry', 'resolve', '9999', '--keep', '--reason', 'Conferido com a profissional').stderr).toMatch(/CONFLICT_NOT_FOUND/);
    expect(run('audit', 'verify').code).toBe(0);
  });
});

describe('cress-desk import of a file without its key column', () => {
  it('names the column the header lacks and the names it may have, never a column association the command line has not', () => {
    const path = join(desk.dir, 'sem-registro.csv');
    writeFileSync(path, `CPF;Nome;E-mail\r\n${validCpf(40101)};Lia Prado;lia@exemplo.com.br\r\n`);
    const refused = run('import', 'registry', path);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/não tem a coluna “Registro”/);
    expect(refused.stderr).toMatch(/“Nº de registro”/);
    expect(refused.stderr).toMatch(/Nada foi importado/);
    expect(refused.stderr).not.toMatch(/Associe/);
  });

  it('says the same for a corrections file with neither CPF nor Registro, and a CEP file without CEP', () => {
    const path = join(desk.dir, 'sem-chave.csv');
    writeFileSync(path, 'Nome;E-mail\r\nLia Prado;lia@exemplo.com.br\r\n');
    const corrections = run('import', 'corrections', path);
    expect(corrections.code).toBe(1);
    expect(corrections.stderr).toMatch(/não tem a coluna “CPF” nem a coluna “Registro”/);
    expect(corrections.stderr).not.toMatch(/Associe/);
    const cep = run('import', 'cep', path);
    expect(cep.code).toBe(1);
    expect(cep.stderr).toMatch(/não tem a coluna “CEP”/);
    expect(cep.stderr).not.toMatch(/Associe/);
  });
});
