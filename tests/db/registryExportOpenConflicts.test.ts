// The export for the council's main system never settles a conflict the clerk has not chosen: a
// field whose registry conflict is still open goes out empty (an empty cell changes nothing when
// loaded), and the export names it as waiting for the clerk's choice.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { REGISTRY_EXPORT_HEADERS } from '../../db/registryExport';
import { correct, importAck, loadRegistry, sendBatch, writeAck, type BatchDesk } from './batchFixtures';
import { CORRECTED, MAIN_SYSTEM, MARIA_HEADER, mariaDeskForEachTest, mariaOn, mariaRow } from './mariaLoads';

let desk: BatchDesk;
mariaDeskForEachTest((fresh) => {
  desk = fresh;
});

const maria = () => mariaOn(desk);
const today = () => desk.now().toISOString().slice(0, 10);

function readRows(path: string): string[][] {
  const book = XLSX.read(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), { type: 'string', raw: true, FS: ';' });
  return XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1, raw: false, defval: '' });
}

/** Maria's e-mail corrected and sent, the main system loads a third value, Implanta applies the correction. */
async function appliedWithConflictOpen(): Promise<number> {
  const uuid = correct(desk, maria(), { email: CORRECTED }).corrections[0]?.uuid as string;
  const { batch, sha256 } = await sendBatch(desk);
  const summary = loadRegistry(desk, [MARIA_HEADER, mariaRow(MAIN_SYSTEM)]);
  expect(summary.conflicts).toHaveLength(1);
  const answer = { schemaVersion: 1, batch: batch.uuid, packageSha256: sha256, items: [{ id: uuid, status: 'applied' }] };
  expect(await importAck(desk, writeAck(desk, 'resposta.json', answer))).toMatchObject({ applied: 1 });
  return summary.conflicts[0]?.id as number;
}

describe('a field in open conflict with the main system', () => {
  it('goes out empty and is listed as waiting for the clerk’s choice', async () => {
    await appliedWithConflictOpen();
    const path = join(desk.dir.file('.'), 'cadastro-saida.csv');
    const result = (await desk.handlers['registry:export']({ since: today(), path })) as Record<string, unknown>;
    expect(result).toMatchObject({ rows: 1, waiting: [{ registrationNumber: '40001', name: 'Maria Souza', field: 'email' }] });
    expect(result.message).toBe(
      '1 campo ficou em branco no arquivo porque espera a escolha da/o atendente num conflito com o sistema do Regional: E-mail de Maria Souza (registro 40001). Resolva o conflito e gere o arquivo de novo para levar esse valor.',
    );
    const [header, row] = readRows(path);
    const email = REGISTRY_EXPORT_HEADERS.indexOf('E-mail');
    expect(header?.[email]).toBe('E-mail');
    expect(row?.[0]).toBe('40001');
    expect(row?.[email]).toBe('');
    expect(row?.[REGISTRY_EXPORT_HEADERS.indexOf('Nome')]).toBe('Maria Souza');
  });

  it('loaded back into the desk leaves the conflict open', async () => {
    const conflict = await appliedWithConflictOpen();
    const path = join(desk.dir.file('.'), 'cadastro-volta.csv');
    await desk.handlers['registry:export']({ since: today(), path });
    loadRegistry(desk, readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split('\r\n').filter(Boolean));
    const open = desk.store.db.prepare('SELECT id FROM registry_conflicts WHERE resolved_at IS NULL').all();
    expect(open).toEqual([{ id: conflict }]);
    expect(maria().email).toBe(CORRECTED);
  });

  it('once the clerk chose, goes out with the chosen value and nothing waiting', async () => {
    const conflict = await appliedWithConflictOpen();
    desk.handlers['registry:resolveConflict']({ id: conflict, choice: 'kept', reason: 'Profissional confirmou o e-mail' });
    const path = join(desk.dir.file('.'), 'cadastro-depois.csv');
    const result = (await desk.handlers['registry:export']({ since: today(), path })) as Record<string, unknown>;
    expect(result).toMatchObject({ rows: 1, waiting: [] });
    expect(result.message).toBeNull();
    expect(readRows(path)[1]?.[REGISTRY_EXPORT_HEADERS.indexOf('E-mail')]).toBe(CORRECTED);
  });
});

describe('a street left in conflict by an address Implanta applied in part', () => {
  it('goes out empty while the CEP Implanta applied goes out', async () => {
    const header = 'Registro;CPF;Nome;Nome da mãe;CEP;Logradouro';
    const cpf = maria().cpf;
    loadRegistry(desk, [header, `40001;${cpf};Maria Souza;Rita Souza;01310-100;Avenida Paulista`]);
    const saved = correct(desk, maria(), { cep: '01305-000', street: 'Rua Augusta' }).corrections;
    const { batch, sha256 } = await sendBatch(desk);
    expect(loadRegistry(desk, [header, `40001;${cpf};Maria Souza;Rita Souza;01310-100;Rua Haddock Lobo`]).conflicts).toEqual([expect.objectContaining({ field: 'street' })]);
    const items = saved.map((c) => (c.field === 'cep' ? { id: c.uuid, status: 'applied' } : { id: c.uuid, status: 'rejected', message: 'Logradouro recusado.' }));
    await importAck(desk, writeAck(desk, 'parcial.json', { schemaVersion: 1, batch: batch.uuid, packageSha256: sha256, items }));

    const path = join(desk.dir.file('.'), 'cadastro-endereco.csv');
    const result = (await desk.handlers['registry:export']({ since: today(), path })) as Record<string, unknown>;
    expect(result).toMatchObject({ rows: 1, waiting: [{ registrationNumber: '40001', field: 'street' }] });
    const row = readRows(path)[1] ?? [];
    expect(row[REGISTRY_EXPORT_HEADERS.indexOf('Logradouro')]).toBe('');
    expect(row[REGISTRY_EXPORT_HEADERS.indexOf('CEP')]).toBe('01305-000');
  });
});

describe('a field where the clerk took the main system’s value over a correction Implanta applied', () => {
  it('goes out with the main system’s own value, not the one the correction on its way replaces', async () => {
    const conflict = await appliedWithConflictOpen();
    const taken = desk.handlers['registry:resolveConflict']({ id: conflict, choice: 'file', reason: 'O sistema do Regional está certo' }) as { newCorrection: string | null };
    expect(taken.newCorrection).not.toBeNull();
    const path = join(desk.dir.file('.'), 'cadastro-escolhido.csv');
    const result = (await desk.handlers['registry:export']({ since: today(), path })) as Record<string, unknown>;
    expect(result).toMatchObject({ rows: 1, waiting: [] });
    expect(readRows(path)[1]?.[REGISTRY_EXPORT_HEADERS.indexOf('E-mail')]).toBe(MAIN_SYSTEM);
  });
});
