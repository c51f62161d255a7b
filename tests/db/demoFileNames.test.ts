// A desk holding demo records says DEMONSTRACAO in the name of every file it writes for someone
// else (backups, the copy for Implanta, lote packages), so a demo file is never taken for a real
// one; a real desk's names stay as they were, and both styles are still recognised when read back.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBackupFileName } from '../../db/backups/names';
import type { ExportResult } from '../../shared/contract';
import { demoFileName } from '../../shared/regions';
import { openBatchDesk, queueEmailCorrections, type BatchDesk } from './batchFixtures';
import { filesIn, openBackupDesk, setUpDesk, type BackupDesk } from './backups/fixtures';

const DEMO_BACKUP = /^CRESS09-DEMONSTRACAO-backup-\d{8}-\d{6}\.zip$/;
const REAL_BACKUP = /^CRESS09-backup-\d{8}-\d{6}\.zip$/;

let b: BackupDesk | null = null;
let desk: BatchDesk | null = null;
afterEach(() => {
  b?.cleanup();
  desk?.cleanup();
  b = null;
  desk = null;
});

describe('backups of a demo desk', () => {
  it('are named CRESS09-DEMONSTRACAO-backup-…, listed, verified and pruned like any other', async () => {
    b = openBackupDesk();
    await setUpDesk(b, { professionals: 3 });
    await b.call('registry:demo', { count: 5, seed: 2 });
    await b.call('backups:updateSettings', { keepLast: 1 });
    b.setNow('2026-11-01T12:00:00.000Z');
    const first = await b.create();
    expect(first.fileName).toMatch(DEMO_BACKUP);
    // The folder inside the zip says it too.
    expect(execFileSync('unzip', ['-Z1', first.file]).toString('utf8').split('\n')[0]).toMatch(/^CRESS09-DEMONSTRACAO-backup-\d{8}-\d{6}\//);
    expect((await b.verify(first.file)).valid).toBe(true);
    expect((await b.call('backups:list', {})).items.map((i) => i.fileName)).toContain(first.fileName);

    // The routine keeps the last one: the older demo backup it wrote goes, a look-alike stays.
    const lookAlike = join(b.folder, 'CRESS09-DEMONSTRACAO-backup-20200101-080000.zip');
    execFileSync('cp', [first.file, lookAlike]);
    b.setNow('2026-11-02T12:00:00.000Z');
    const second = await b.create();
    expect(second.fileName).toMatch(DEMO_BACKUP);
    expect(second.removed).toEqual([first.fileName]);
    expect(filesIn(b.folder)).toEqual([lookAlike.replace(/^.*\//, ''), second.fileName].sort());
  });

  it('and the copy for Implanta is named CRESS09-DEMONSTRACAO-para-implanta-…', async () => {
    b = openBackupDesk();
    await setUpDesk(b, { professionals: 2 });
    await b.call('registry:demo', { count: 3, seed: 4 });
    const out = b.dir.file('implanta');
    mkdirSync(out);
    const copy = await b.job<{ fileName: string }>('backups:create', { passphrase: 'combinada por telefone', folder: out, forImplanta: true });
    expect(copy.ok && copy.value.fileName).toMatch(/^CRESS09-DEMONSTRACAO-para-implanta-\d{8}-\d{6}\.zip$/);
  });

  it('a real desk keeps CRESS09-backup-…, and both styles read back with their region and time', async () => {
    b = openBackupDesk();
    await setUpDesk(b, { professionals: 3 });
    const made = await b.create();
    expect(made.fileName).toMatch(REAL_BACKUP);
    const at = new Date(2026, 10, 24, 15, 30, 0);
    expect(parseBackupFileName('CRESS09-DEMONSTRACAO-backup-20261124-153000.zip')).toEqual({ region: 9, createdAt: at });
    expect(parseBackupFileName('CRESS09-backup-20261124-153000.zip')).toEqual({ region: 9, createdAt: at });
    expect(parseBackupFileName('CRESS09-DEMO-backup-20261124-153000.zip')).toBeNull();
  });
});

describe('lote packages', () => {
  async function exportFirst(d: BatchDesk): Promise<{ fileName: string; result: ExportResult }> {
    queueEmailCorrections(d, 2);
    const created = await d.handlers['batches:create']({});
    await d.handlers['batches:seal']({ id: created.id });
    const { fileName } = (await d.handlers['batches:get']({ id: created.id })).batch;
    const folder = d.dir.file('saida');
    mkdirSync(folder, { recursive: true });
    const result = await d.job<ExportResult>(d.handlers['batches:export']({ id: created.id, path: join(folder, fileName), passphrase: null, replace: false }));
    return { fileName, result };
  }

  it('of a demo desk are named CRESS09-DEMONSTRACAO-lote-…, inside and out, and verified', async () => {
    desk = openBatchDesk();
    await desk.handlers['registry:demo']({ count: 3, seed: 3 });
    const { fileName, result } = await exportFirst(desk);
    expect(fileName).toBe('CRESS09-DEMONSTRACAO-lote-2026-0001.zip');
    expect(existsSync(result.path)).toBe(true);
    expect(execFileSync('unzip', ['-Z1', result.path]).toString('utf8')).toContain('CRESS09-DEMONSTRACAO-lote-2026-0001/data/corrections.csv');
    const verified = await desk.job<{ valid: boolean }>(desk.handlers['batches:verify']({ path: result.path, passphrase: null }));
    expect(verified.valid).toBe(true);
    const sent = await desk.handlers['batches:markSent']({ id: result.batch.id });
    expect(sent.fileName).toBe(fileName);
  });

  it('of a real desk keep CRESS09-lote-…', async () => {
    desk = openBatchDesk();
    const { fileName, result } = await exportFirst(desk);
    expect(fileName).toBe('CRESS09-lote-2026-0001.zip');
    expect(execFileSync('unzip', ['-Z1', result.path]).toString('utf8')).toContain('CRESS09-lote-2026-0001/data/corrections.csv');
  });

  it('sealed before demo data came in keep their name, and export again byte for byte', async () => {
    desk = openBatchDesk();
    const { fileName, result } = await exportFirst(desk);
    const before = execFileSync('sha256sum', [result.path]).toString('utf8').split(' ')[0];
    desk.setNow('2026-03-11T09:00:00.000Z');
    await desk.handlers['registry:demo']({ count: 3, seed: 5 });
    const again = (await desk.handlers['batches:get']({ id: result.batch.id })).batch;
    expect(again.fileName).toBe(fileName);
    const folder = desk.dir.file('de-novo');
    mkdirSync(folder);
    const second = await desk.job<ExportResult>(desk.handlers['batches:export']({ id: result.batch.id, path: join(folder, fileName), passphrase: null, replace: false }));
    expect(execFileSync('sha256sum', [second.path]).toString('utf8').split(' ')[0]).toBe(before);
    // A lote sealed on the demo desk from now on says it.
    queueEmailCorrections(desk, 1, { registrationNumber: '99001' });
    const next = await desk.handlers['batches:create']({});
    await desk.handlers['batches:seal']({ id: next.id });
    expect((await desk.handlers['batches:get']({ id: next.id })).batch.fileName).toBe('CRESS09-DEMONSTRACAO-lote-2026-0002.zip');
  });
  it('sealed by a version before the mark existed (package version 3 or older) keep their name on a demo desk', async () => {
    desk = openBatchDesk();
    await desk.handlers['registry:demo']({ count: 3, seed: 3 });
    queueEmailCorrections(desk, 2);
    const created = await desk.handlers['batches:create']({});
    // As an older version sealed it: demo records already there, no DEMONSTRACAO in its package.
    desk.store.db.prepare('UPDATE batches SET schema_version = 2 WHERE id = ?').run(created.id);
    await desk.handlers['batches:seal']({ id: created.id });
    const { fileName } = (await desk.handlers['batches:get']({ id: created.id })).batch;
    expect(fileName).toBe('CRESS09-lote-2026-0001.zip');
    const folder = desk.dir.file('de-novo');
    mkdirSync(folder);
    const again = await desk.job<ExportResult>(desk.handlers['batches:export']({ id: created.id, path: join(folder, fileName), passphrase: null, replace: false }));
    expect(execFileSync('unzip', ['-Z1', again.path]).toString('utf8')).toContain('CRESS09-lote-2026-0001/data/corrections.csv');
    expect(again.fileName).toBe('CRESS09-lote-2026-0001.zip');
  });
});

describe('any other name the desk suggests', () => {
  it('says DEMONSTRACAO on a demo desk, once, and is left alone on a real one', () => {
    expect(demoFileName('pedidos-do-mes-erros.xlsx', true)).toBe('pedidos-do-mes-erros-DEMONSTRACAO.xlsx');
    expect(demoFileName('AT-2026-000123-encaminhamento.eml', true)).toBe('AT-2026-000123-encaminhamento-DEMONSTRACAO.eml');
    expect(demoFileName('CRESS09-chave-de-recuperacao.key', true)).toBe('CRESS09-DEMONSTRACAO-chave-de-recuperacao.key');
    expect(demoFileName('CRESS09-DEMONSTRACAO-auditoria-20261101-20261130.xlsx', true)).toBe('CRESS09-DEMONSTRACAO-auditoria-20261101-20261130.xlsx');
    expect(demoFileName('pedidos-do-mes-erros.xlsx', false)).toBe('pedidos-do-mes-erros.xlsx');
  });
});
