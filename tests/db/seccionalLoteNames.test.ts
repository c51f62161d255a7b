// Two desks of one CRESS — the head office and a seccional — number their lotes alike (2026-0001…),
// and both packages land in Implanta's one inbox. A seccional's lote says the seccional in its name
// (and in its bag's folder), fixed when it is sealed; the head office's names stay as they were, and
// a lote sealed without the mark keeps its name and its bytes.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findBatchRow } from '../../db/batches/summary';
import type { ExportResult } from '../../shared/contract';
import { seccionalTag } from '../../shared/regions';
import { addProfessional, correct, openBatchDesk, queueEmailCorrections, type BatchDesk } from './batchFixtures';

const desks: BatchDesk[] = [];
afterEach(() => {
  for (const d of desks.splice(0)) d.cleanup();
});

function deskAt(seccional: string | null): BatchDesk {
  const desk = openBatchDesk();
  desks.push(desk);
  if (seccional !== null) desk.handlers['settings:update']({ seccional });
  return desk;
}

async function sealFirst(desk: BatchDesk, registrationNumber?: string): Promise<number> {
  queueEmailCorrections(desk, 2, registrationNumber ? { registrationNumber } : {});
  const created = await desk.handlers['batches:create']({});
  await desk.handlers['batches:seal']({ id: created.id });
  return created.id;
}

const fileNameOf = async (desk: BatchDesk, id: number) => (await desk.handlers['batches:get']({ id })).batch.fileName;

let folders = 0;
async function exportLote(desk: BatchDesk, id: number): Promise<ExportResult> {
  const folder = desk.dir.file(`saida-${++folders}`);
  mkdirSync(folder);
  return desk.job<ExportResult>(desk.handlers['batches:export']({ id, path: join(folder, await fileNameOf(desk, id)), passphrase: null, replace: false }));
}

const sha256 = (path: string) => execFileSync('sha256sum', [path]).toString('utf8').split(' ')[0];
const entries = (path: string) => execFileSync('unzip', ['-Z1', path]).toString('utf8');

describe('lotes of a seccional’s desk', () => {
  it('are named apart from the head office’s first lote, inside and out, and verified', async () => {
    const seat = deskAt(null);
    const campinas = deskAt('Campinas');
    const seatFile = await exportLote(seat, await sealFirst(seat));
    const campinasFile = await exportLote(campinas, await sealFirst(campinas));
    expect(seatFile.fileName).toBe('CRESS09-lote-2026-0001.zip');
    expect(campinasFile.fileName).toBe('CRESS09-campinas-lote-2026-0001.zip');
    expect(entries(campinasFile.path)).toContain('CRESS09-campinas-lote-2026-0001/data/corrections.csv');
    const verified = await campinas.job<{ valid: boolean }>(campinas.handlers['batches:verify']({ path: campinasFile.path, passphrase: null }));
    expect(verified.valid).toBe(true);
  });

  it('keep the name they were sealed with when the seccional is renamed; an open lote follows the desk', async () => {
    const desk = deskAt('São José do Rio Preto');
    const id = await sealFirst(desk);
    const first = await exportLote(desk, id);
    expect(first.fileName).toBe('CRESS09-sao-jose-do-rio-preto-lote-2026-0001.zip');
    desk.handlers['settings:update']({ seccional: 'Rio Preto' });
    expect(await fileNameOf(desk, id)).toBe(first.fileName);
    expect(sha256((await exportLote(desk, id)).path)).toBe(sha256(first.path));

    queueEmailCorrections(desk, 1, { registrationNumber: '99001' });
    const open = await desk.handlers['batches:create']({});
    expect(await fileNameOf(desk, open.id)).toBe('CRESS09-rio-preto-lote-2026-0002.zip');
  });

  it('sealed with no seccional mark keep their plain name and export again byte for byte', async () => {
    const desk = deskAt(null);
    const id = await sealFirst(desk);
    const first = await exportLote(desk, id);
    desk.handlers['settings:update']({ seccional: 'Campinas' });
    expect(await fileNameOf(desk, id)).toBe('CRESS09-lote-2026-0001.zip');
    const again = await exportLote(desk, id);
    expect(again.fileName).toBe('CRESS09-lote-2026-0001.zip');
    expect(sha256(again.path)).toBe(sha256(first.path));
  });

  it('the store refuses to change the mark of a sealed lote', async () => {
    const desk = deskAt('Campinas');
    const id = await sealFirst(desk);
    expect(() => desk.store.db.prepare('UPDATE batches SET seccional_tag = NULL WHERE id = ?').run(id)).toThrow(/sealed batch never changes/);
  });

  it('are found by their file name, and the head office’s name does not find them', async () => {
    const desk = deskAt('Campinas');
    const id = await sealFirst(desk);
    expect(findBatchRow(desk.store.db, 'CRESS09-campinas-lote-2026-0001.zip', 9)?.id).toBe(id);
    expect(findBatchRow(desk.store.db, 'CRESS09-lote-2026-0001.zip', 9)).toBeUndefined();
    expect(findBatchRow(desk.store.db, 'CRESS09-santos-lote-2026-0001', 9)).toBeUndefined();
  });
});

describe('the seccional as a file name says it', () => {
  it('is lower case, without accents, its words joined by hyphens, and cut at a word', () => {
    expect(seccionalTag('Campinas')).toBe('campinas');
    expect(seccionalTag('  Seccional de São José dos Campos ')).toBe('seccional-de-sao-jose-dos-campos');
    expect(seccionalTag('Ribeirão Preto / Franca')).toBe('ribeirao-preto-franca');
    expect(seccionalTag('Região Metropolitana da Baixada Santista e Vale do Ribeira')).toBe('regiao-metropolitana-da-baixada-santista');
    expect(seccionalTag('***')).toBe('seccional');
    expect(seccionalTag(null)).toBeNull();
    expect(seccionalTag('  ')).toBeNull();
  });
});

describe('the DIP e-mail of a seccional’s lote', () => {
  it('names the lote’s package, as the head office’s e-mail of its lote of the same number does not', async () => {
    const mail = async (desk: BatchDesk) => {
      const p = addProfessional(desk.store, { name: 'Joana Dias', dipStatus: 'confirmed' });
      correct(desk, p, { name: 'Joana Dias Moura' }, { dipAcknowledged: true });
      const lote = await desk.handlers['batches:create']({});
      await desk.handlers['batches:seal']({ id: lote.id });
      return desk.handlers['batches:dipEmail']({ id: lote.id });
    };
    const seat = await mail(deskAt(null));
    const campinas = await mail(deskAt('Campinas'));
    expect(seat.subject).toBe('Correção de solicitação de DIP — CRESS 9ª Região (SP) — lote 2026-0001');
    expect(campinas.subject).toBe('Correção de solicitação de DIP — CRESS 9ª Região (SP), seccional Campinas — lote 2026-0001');
    expect(campinas.body).toContain('no lote 2026-0001 (arquivo CRESS09-campinas-lote-2026-0001.zip, identificador');
    expect(seat.body).toContain('no lote 2026-0001 (identificador');
  });
});
