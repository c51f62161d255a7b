// The outside tester's case, over the built command: a CPF correction of one record is on its way to
// Implanta (sent, not answered), and the main system's load, a corrections file and `correct` each
// try to give its old CPF to another record. Each is refused, naming the record Implanta still knows
// by that CPF; once Implanta answered the correction as applied, the same load goes in.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCpf } from '../../shared/rules/cpf';
import { formatDateBr } from '../../shared/rules/dates';
import { openRawStore } from '../rawStore';
import { cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-cpf-at-implanta-', (d) => initDesk(d, { professionals: 30, seed: 5 }));
const { run, json } = desk;

interface Shown {
  cpf: string;
  name: string;
  birthDate: string;
}
const show = (registration: string) => json('registry', 'show', registration).body as Shown;

function file(name: string, lines: string[]): string {
  const path = join(desk.dir, name);
  writeFileSync(path, lines.join('\r\n'));
  return path;
}

const CPF_FIX = ['--reason', 'CPF errado no cadastro', '--evidence', 'CPF original', '--accept-dip'];

describe('a CPF Implanta still knows one record by, given to another', () => {
  it('is refused by a registry load, a corrections file and `correct` until Implanta applied the correction', () => {
    const old = show('1015').cpf;
    expect(run('correct', '1015', '--set', 'cpf=111.444.777-35', ...CPF_FIX).code).toBe(0);
    expect(run('batch', 'create').code).toBe(0);
    expect(run('batch', 'seal', '2026-0001').code).toBe(0);
    const exported = json('batch', 'export', '2026-0001', '--out', desk.dir);
    expect(exported.code).toBe(0);
    expect(run('batch', 'mark-sent', '2026-0001').code).toBe(0);

    const maria = show('1016');
    const load = file('carga.csv', ['Registro;CPF;Nome;Data de nascimento', `1016;${formatCpf(old)};${maria.name};${formatDateBr(maria.birthDate)}`]);
    const refused = run('import', 'registry', load);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/0 accepted, 0 unchanged, 1 rejected/);
    expect(refused.stdout).toMatch(/row 2, CPF: Linha 2, coluna “CPF”: este CPF ainda é o CPF do registro 1015 para a Implanta: a correção do CPF desse cadastro ainda não foi confirmada/);
    expect(show('1016').cpf).toBe(maria.cpf);

    const corrections = file('correcoes.csv', ['Registro;CPF;Motivo;Documento', `1017;${formatCpf(old)};CPF errado no cadastro;CPF original`]);
    const notImported = run('import', 'corrections', corrections);
    expect(notImported.code).toBe(1);
    expect(notImported.stdout).toMatch(/row 2, CPF: Linha 2, coluna “CPF”: .*registro 1015 para a Implanta/);

    const notCorrected = run('correct', '1018', '--set', `cpf=${formatCpf(old)}`, ...CPF_FIX);
    expect(notCorrected.code).toBe(1);
    expect(notCorrected.stderr).toMatch(/ainda é o CPF do registro 1015 para a Implanta.*lote 2026-0001/);
    expect(notCorrected.stderr).toMatch(/CPF_DUPLICATE/);

    const db = openRawStore(desk.store, { readonly: true });
    const batch = db.prepare("SELECT uuid, package_sha256 AS sha FROM batches WHERE number = '2026-0001'").get() as { uuid: string; sha: string };
    const ids = db.prepare("SELECT uuid FROM corrections WHERE status = 'sent'").pluck().all() as string[];
    db.close();
    const ack = file('resposta.json', [JSON.stringify({ schemaVersion: 1, batch: batch.uuid, packageSha256: batch.sha, items: ids.map((id) => ({ id, status: 'applied' })) })]);
    expect(run('batch', 'ack', ack).code).toBe(0);

    // The same file again: the refused row goes in now.
    const loaded = run('import', 'registry', load, '--force');
    expect(loaded.code).toBe(0);
    expect(loaded.stdout).toMatch(/1 accepted, 0 unchanged, 0 rejected/);
    expect(show('1016').cpf).toBe(old);
  });
});
