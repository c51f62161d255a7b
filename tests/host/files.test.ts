// Files through the browser host, as anyone holding its token could try them: the handlers read
// and write only what the page uploaded or was handed to download, never a path a caller names.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { download, invoke, runJob, savePath, upload } from './hostClient';
import { startHost, type RunningHost } from '../../electron/preview/server';
import { openRawStore } from '../rawStore';

let dir: string;
let outside: string;
let backups: string;
let host: RunningHost;

const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
const FOREIGN_BACKUP = 'CRESS09-backup-20200101-080000.zip';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cress-host-files-'));
  outside = join(dir, 'fora');
  backups = join(dir, 'backups');
  mkdirSync(outside);
  mkdirSync(backups);
  writeFileSync(join(outside, FOREIGN_BACKUP), 'não é um backup desta mesa');
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>CRESS Desk</title>');
  const storePath = join(dir, 'store.sqlite');
  host = await startHost({ storePath, rendererDir: join(dir, 'renderer') });
  expect(await invoke(host, 'settings:setup', { region: 9, operator: 'Ana Souza' })).toMatchObject({ ok: true });
  // The backup folder is the desk's own setting (the app's folder dialog); here it is set directly.
  const db = openRawStore(storePath);
  db.prepare("INSERT INTO backup_settings (id, folder, updated_at) VALUES (1, ?, 'x')").run(backups);
  db.close();
});

afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('files named by a caller of the browser host', () => {
  it('refuses to preview /etc/passwd', async () => {
    const answer = await invoke(host, 'imports:preview', { path: '/etc/passwd', name: 'passwd.csv', kind: 'corrections' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'FILE_NOT_GRANTED' } });
  });

  it('refuses a path on every channel that reads or writes a file, and writes nothing there', async () => {
    const uploaded = JSON.parse((await upload(host, 'correcoes.csv', Buffer.from('CPF;E-mail\n'))).body.toString()) as { handle: string };
    const attempts: [string, unknown][] = [
      ['imports:inspect', { path: '/etc/passwd', name: 'passwd.csv' }],
      ['imports:run', { path: '/etc/passwd', name: 'passwd.csv', kind: 'corrections' }],
      ['imports:preview', { path: uploaded.handle, name: 'correcoes.csv', kind: 'corrections', reportPath: join(outside, 'erros.xlsx') }],
      ['imports:report', { id: 1, path: join(outside, 'erros.xlsx') }],
      ['audit:export', { ...PERIOD, path: join(outside, 'auditoria.xlsx') }],
      ['registry:export', { since: '2026-01-01', path: join(outside, 'cadastro.csv') }],
      ['batches:export', { id: 1, path: join(outside, 'lote.zip'), replace: true }],
      ['batches:acknowledge', { path: '/etc/passwd', fileName: 'resposta.json' }],
      ['batches:verify', { path: '/etc/passwd' }],
      ['backups:verify', { file: '/etc/passwd' }],
      ['backups:restorePrepare', { file: '/etc/passwd' }],
      ['backups:pin', { file: join(outside, FOREIGN_BACKUP), pinned: true }],
      ['backups:create', { folder: outside }],
    ];
    for (const [channel, input] of attempts) {
      const answer = await invoke(host, channel, input);
      expect({ channel, answer }).toMatchObject({ channel, answer: { ok: false, error: { code: 'FILE_NOT_GRANTED' } } });
    }
    expect(readdirSync(outside)).toEqual([FOREIGN_BACKUP]);
  });

  it('answers a path that exists exactly like one that does not', async () => {
    const real = await invoke(host, 'backups:verify', { file: '/etc/passwd' });
    const missing = await invoke(host, 'backups:verify', { file: '/nao/existe/arquivo.zip' });
    expect(real).toEqual(missing);
    const realImport = await invoke(host, 'imports:inspect', { path: '/etc/hostname', name: 'a.csv' });
    const missingImport = await invoke(host, 'imports:inspect', { path: '/nao/existe.csv', name: 'a.csv' });
    expect(realImport).toEqual(missingImport);
  });

  it('never resolves a relative path against the working folder', async () => {
    const name = `auditoria-relativa-${process.pid}.xlsx`;
    const answer = await invoke(host, 'audit:export', { ...PERIOD, path: name });
    expect(answer).toMatchObject({ ok: false, error: { code: 'FILE_NOT_GRANTED' } });
    expect(existsSync(join(process.cwd(), name))).toBe(false);
  });

  it('reads an uploaded file through the handle the upload answered, and only for reading', async () => {
    const answer = await upload(host, 'correcoes.csv', Buffer.from('CPF;E-mail\n123.456.789-09;ana@exemplo.com.br\n'));
    expect(answer.status).toBe(200);
    const file = JSON.parse(answer.body.toString()) as { handle: string; name: string; path?: string };
    expect(file.name).toBe('correcoes.csv');
    expect(file.path).toBeUndefined();
    const inspected = await runJob(host, 'imports:inspect', { path: file.handle, name: file.name });
    expect(inspected).toMatchObject({ ok: true, value: { sheets: [{ headers: ['CPF', 'E-mail'] }] } });
    // An upload is not somewhere to write, nor something to download.
    expect(await invoke(host, 'audit:export', { ...PERIOD, path: file.handle })).toMatchObject({ ok: false, error: { code: 'FILE_NOT_GRANTED' } });
    expect((await download(host, { handle: file.handle })).status).toBe(404);
  });

  it('takes an upload and gives a download place whose name is long in bytes (dashes, accents), keeping its extension', async () => {
    const long = `Correções — ${'endereço — CEP — '.repeat(12)}final.csv`;
    expect(Buffer.byteLength(long)).toBeGreaterThan(255);
    const answer = await upload(host, long, Buffer.from('CPF;E-mail\n123.456.789-09;ana@exemplo.com.br\n'));
    expect(answer.status, answer.body.toString()).toBe(200);
    const file = JSON.parse(answer.body.toString()) as { handle: string; name: string };
    expect(file.name).toMatch(/^Correções — .*\.csv$/);
    expect(Buffer.byteLength(file.name)).toBeLessThanOrEqual(255);
    expect(await runJob(host, 'imports:inspect', { path: file.handle, name: file.name })).toMatchObject({ ok: true });
    const target = await savePath(host, long.replace(/\.csv$/, '.xlsx'));
    expect(target.name).toMatch(/\.xlsx$/);
    expect(await invoke(host, 'audit:export', { ...PERIOD, path: target.handle })).toMatchObject({ ok: true });
    expect((await download(host, { handle: target.handle })).status).toBe(200);
  });

  it('names an upload and a download place without the characters that reverse or hide part of a name', async () => {
    const answer = await upload(host, 'comprovante\u202efdp.csv', Buffer.from('CPF;E-mail\n'));
    expect((JSON.parse(answer.body.toString()) as { name: string }).name).toBe('comprovantefdp.csv');
    expect((await savePath(host, 'auditoria\u2066\u009b2J.xlsx')).name).toBe('auditoria2J.xlsx');
  });

  it('names an upload of dots only, or ending in dots and spaces, as every system can keep it', async () => {
    const dots = await upload(host, '....', Buffer.from('CPF;E-mail\n'));
    expect((JSON.parse(dots.body.toString()) as { name: string }).name).toBe('arquivo');
    const trailing = await upload(host, 'correcoes.csv. . .', Buffer.from('CPF;E-mail\n'));
    expect((JSON.parse(trailing.body.toString()) as { name: string }).name).toBe('correcoes.csv');
    expect((await savePath(host, ' . .. ')).name).toBe('arquivo');
  });

  it('writes an export only to a download the page asked for, and never over what is already there', async () => {
    const target = await savePath(host, 'CRESS09-auditoria-20260101-20261231.xlsx');
    expect(target.name).toBe('CRESS09-auditoria-20260101-20261231.xlsx');
    expect(target).not.toHaveProperty('path');
    const first = await invoke(host, 'audit:export', { ...PERIOD, path: target.handle });
    expect(first).toMatchObject({ ok: true });
    // A second export to the same download, even asking to replace it, leaves the first file as it was.
    const again = await invoke(host, 'audit:export', { ...PERIOD, path: target.handle, replace: true });
    expect(again).toMatchObject({ ok: false, error: { code: 'EXPORT_DESTINATION' } });
    const written = await download(host, { handle: target.handle });
    expect(written.status).toBe(200);
    expect(written.body.subarray(0, 2).toString()).toBe('PK');
  });

  it('hands a download over once: the same handle downloads nothing again, and the copy leaves the host', async () => {
    const target = await savePath(host, 'CRESS09-auditoria-20260101-20260630.xlsx');
    expect(await invoke(host, 'audit:export', { from: '2026-01-01', to: '2026-06-30', path: target.handle })).toMatchObject({ ok: true });
    const first = await download(host, { handle: target.handle });
    expect(first.status).toBe(200);
    const second = await download(host, { handle: target.handle });
    expect(second).toEqual(await download(host, { handle: 'cress-file-0000' }));
    expect(second.status).toBe(404);
    // The host removes its copy once the bytes went out.
    await vi.waitFor(() => {
      const left = readdirSync(host.filesDir, { recursive: true, encoding: 'utf8' });
      expect(left.filter((name) => name.endsWith('CRESS09-auditoria-20260101-20260630.xlsx'))).toEqual([]);
    });
  });

  it('exports the registry to a download the page asked for', async () => {
    const target = await savePath(host, 'CRESS09-cadastro-sincronizado-desde-20260101.csv');
    expect(await invoke(host, 'registry:export', { since: '2026-01-01', path: target.handle, format: 'csv' })).toMatchObject({ ok: true, value: { rows: 0 } });
    const written = await download(host, { handle: target.handle });
    expect(written.body.toString('utf8')).toMatch(/^\uFEFFRegistro;/);
  });

  it('downloads nothing for a path or a made-up handle, and says the same for both', async () => {
    const byPath = await download(host, { path: '/etc/passwd' });
    const byHandle = await download(host, { handle: 'cress-file-0000' });
    expect(byPath.status).toBe(404);
    expect(byHandle).toEqual(byPath);
  });
});

describe('the backup folder through the browser host', () => {
  it('cannot be set to a folder a caller names', async () => {
    const before = await invoke(host, 'backups:settings', {});
    const answer = await invoke(host, 'backups:updateSettings', { folder: outside });
    expect(answer).toMatchObject({ ok: false, error: { code: 'FILE_NOT_GRANTED' } });
    expect((await invoke(host, 'backups:settings', {})).value.folder).toBe(before.value.folder);
    expect((await invoke(host, 'backups:settings', {})).value.folder).toBe(backups);
  });

  it('still verifies and pins the backups its list shows', async () => {
    const created = await runJob(host, 'backups:create', { passphrase: null });
    expect(created).toMatchObject({ ok: true });
    const list = await invoke(host, 'backups:list', {});
    const item = list.value.items[0] as { path: string };
    expect(await runJob(host, 'backups:verify', { file: item.path, passphrase: null })).toMatchObject({ ok: true, value: { valid: true } });
    expect(await invoke(host, 'backups:pin', { file: item.path, pinned: true })).toMatchObject({ ok: true, value: { pinned: true } });
  });

  it('verifies a backup the clerk uploads from her computer', async () => {
    const list = await invoke(host, 'backups:list', {});
    const item = list.value.items[0] as { path: string; fileName: string };
    const uploaded = await upload(host, item.fileName, readFileSync(item.path));
    const { handle } = JSON.parse(uploaded.body.toString()) as { handle: string };
    expect(await runJob(host, 'backups:verify', { file: handle, passphrase: null })).toMatchObject({ ok: true, value: { valid: true } });
  });
});
