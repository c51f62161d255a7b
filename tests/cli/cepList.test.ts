// `cep list`: the desk's CEP directory from the command line, with where each CEP's change stands at
// Implanta — and, with --status rejected, the ones Implanta refused, each with its reason.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRawStore } from '../rawStore';
import { cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-cep-list-', (d) => initDesk(d, { professionals: 2, seed: 3 }));
const { run, json } = desk;

describe('cep list', () => {
  it('lists the directory, and --status rejected gives Implanta\'s refusals with the reason', () => {
    expect(run('cep', 'add', '01310-100', '--street', 'Avenida Paulista', '--district', 'Bela Vista', '--city', 'São Paulo', '--uf', 'SP').code).toBe(0);
    expect(run('cep', 'add', '13010-000', '--street', 'Rua Barão de Jaguara', '--district', 'Centro', '--city', 'Campinas', '--uf', 'SP').code).toBe(0);
    const lotes = join(desk.dir, 'lotes');
    mkdirSync(lotes);
    for (const step of [['batch', 'create'], ['batch', 'seal', '2026-0001'], ['batch', 'export', '2026-0001', '--out', lotes], ['batch', 'mark-sent', '2026-0001']]) {
      expect(run(...step).code).toBe(0);
    }
    const db = openRawStore(desk.store, { readonly: true });
    const uuid = db.prepare("SELECT uuid FROM cep_changes WHERE cep = '13010000'").pluck().get() as string;
    db.close();
    const answer = join(desk.dir, 'resposta.csv');
    writeFileSync(answer, `id;situação;mensagem\r\n${uuid};rejeitada;Logradouro não existe nesse CEP\r\n`);
    expect(run('batch', 'ack', answer).code).toBe(0);

    const all = run('cep', 'list');
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/01310-100 .*Avenida Paulista, Bela Vista, São Paulo\/SP .*Enviad/);
    expect(all.stdout).toMatch(/2 CEPs \(page 1 of 1\)/);

    const rejected = run('cep', 'list', '--status', 'rejected');
    expect(rejected.stdout).toMatch(/13010-000 .*Rua Barão de Jaguara.*Logradouro não existe nesse CEP/);
    expect(rejected.stdout).not.toContain('01310-100');
    expect(json('cep', 'list', 'campinas').body).toMatchObject({ total: 1, items: [{ cep: '13010000', status: 'rejected', statusMessage: 'Logradouro não existe nesse CEP' }] });
  });
});
