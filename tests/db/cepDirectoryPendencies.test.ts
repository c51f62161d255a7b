// A CEP the council adds to its directory vouches for its UF (the CEP_UF_MISMATCH rule): the records
// holding it leave the worklist at once, and come back to it when the entry is fixed to another UF —
// not only at the next scan of the registry.
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { undoImport } from '../../db/imports/undo';
import type { QualityItem } from '../../shared/contract/quality';
import { importInput, jobContext, runImport } from '../fixtures/imports/jobs';
import { addProfessional, openTestDesk, type TestDesk } from './fixtures';

let desk: TestDesk;
beforeEach(() => {
  desk = openTestDesk();
});
afterEach(() => desk.cleanup());

const entry = { cep: '78950-000', street: 'Rua Nova do Loteamento', district: 'Jardim Esperança', city: 'São Paulo', uf: 'SP', reason: 'CEP novo não localizado' };

function codesOf(registration: string): string[] {
  const { items } = desk.handlers['quality:list']({ case: null, code: null, page: 0, pageSize: 1000 } as never) as { items: QualityItem[] };
  return items.filter((i) => i.registrationNumber === registration).map((i) => i.code);
}

describe('a CEP added to the directory', () => {
  it('takes the records holding it in its UF off the worklist, and puts them back when the entry moves to another UF', async () => {
    const p = addProfessional(desk.store, { cep: '78950000', uf: 'SP' });
    const other = addProfessional(desk.store, { cep: '78950000', city: 'Belo Horizonte', uf: 'MG' });
    await desk.jobs.wait((desk.handlers['quality:scan']({}) as { jobId: string }).jobId);
    expect(codesOf(p.registrationNumber)).toEqual(['CEP_UF_MISMATCH']);
    expect(codesOf(other.registrationNumber)).toEqual(['CEP_UF_MISMATCH']);

    expect((await desk.dispatch('cep:save', entry)).ok).toBe(true);
    expect(codesOf(p.registrationNumber)).toEqual([]);
    expect(codesOf(other.registrationNumber)).toEqual(['CEP_UF_MISMATCH']);

    expect((await desk.dispatch('cep:save', { ...entry, city: 'Belo Horizonte', uf: 'MG', reason: 'UF corrigida pelos Correios' })).ok).toBe(true);
    expect(codesOf(p.registrationNumber)).toEqual(['CEP_UF_MISMATCH']);
    expect(codesOf(other.registrationNumber)).toEqual([]);
  });

  it('imported from a spreadsheet does the same, and the import undone puts the records back on the worklist', async () => {
    const p = addProfessional(desk.store, { cep: '78950000', uf: 'SP' });
    await desk.jobs.wait((desk.handlers['quality:scan']({}) as { jobId: string }).jobId);
    expect(codesOf(p.registrationNumber)).toEqual(['CEP_UF_MISMATCH']);
    const path = desk.file('ceps.csv');
    writeFileSync(path, ['CEP;Logradouro;Bairro;Município;UF;Motivo', '78950-000;Rua Nova;Centro;São Paulo;SP;CEP novo do loteamento'].join('\r\n'));
    const summary = runImport(importInput(path, { kind: 'cep' }), jobContext(desk.store.path));
    expect(summary).toMatchObject({ accepted: 1, rejected: 0 });
    expect(codesOf(p.registrationNumber)).toEqual([]);
    undoImport({ id: summary.importId as number }, jobContext(desk.store.path));
    expect(codesOf(p.registrationNumber)).toEqual(['CEP_UF_MISMATCH']);
  });
});
