// What the browser host answers names files as the clerk chose or will download them, never by the
// host's private folder: whoever holds the token learns nothing of the computer's paths from it.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke, runJob, savePath, upload, type Answered } from './hostClient';
import { startTestHost, type TestHost } from './testHost';
import { openRawStore } from '../rawStore';

let test: TestHost;

beforeAll(async () => {
  test = await startTestHost('cress-host-paths-');
  expect(await invoke(test.host, 'settings:setup', { region: 9, operator: 'Ana Souza' })).toMatchObject({ ok: true });
  // The backup folder is the desk's own setting (the app's folder dialog); here it is set directly.
  const backups = join(test.dir, 'backups');
  mkdirSync(backups);
  const db = openRawStore(join(test.dir, 'store.sqlite'));
  db.prepare("INSERT INTO backup_settings (id, folder, updated_at) VALUES (1, ?, 'x')").run(backups);
  db.close();
});

afterAll(async () => {
  await test.close();
});

/** Every answer's text, checked for the host's folder (and the temporary folder it lives in). */
function expectNoServerPath(answer: Answered): void {
  const text = JSON.stringify(answer);
  expect(text).not.toContain(test.host.filesDir);
  expect(text).not.toContain('cress-desk-files-');
}

async function uploaded(name: string, bytes: Buffer): Promise<string> {
  const answer = await upload(test.host, name, bytes);
  return (JSON.parse(answer.body.toString()) as { handle: string }).handle;
}

describe('paths in the browser host answers', () => {
  it('names an uploaded backup that verifies as the clerk chose it', async () => {
    const created = await runJob(test.host, 'backups:create', { passphrase: null, folder: null });
    expect(created).toMatchObject({ ok: true });
    const { file, fileName } = created.value as { file: string; fileName: string };
    const handle = await uploaded(fileName, readFileSync(file));
    const verified = await runJob(test.host, 'backups:verify', { file: handle, passphrase: null });
    expect(verified).toMatchObject({ ok: true, value: { valid: true, file: fileName } });
    expectNoServerPath(verified);
  });

  it('names an uploaded file that is no backup as the clerk chose it', async () => {
    const handle = await uploaded('planilha.zip', Buffer.from('isto não é um zip'));
    const verified = await runJob(test.host, 'backups:verify', { file: handle, passphrase: null });
    expect(verified.ok).toBe(true);
    expect(verified.value).toMatchObject({ valid: false, file: 'planilha.zip' });
    expectNoServerPath(verified);
  });

  it('names an export and a refused second export by the download name', async () => {
    const target = await savePath(test.host, 'CRESS09-auditoria-20260101-20261231.xlsx');
    const period = { from: '2026-01-01', to: '2026-12-31', path: target.handle };
    const first = await invoke(test.host, 'audit:export', period);
    expect(first).toMatchObject({ ok: true });
    expectNoServerPath(first);
    const again = await invoke(test.host, 'audit:export', { ...period, replace: true });
    expect(again).toMatchObject({ ok: false, error: { code: 'EXPORT_DESTINATION' } });
    expectNoServerPath(again);
  });
});
