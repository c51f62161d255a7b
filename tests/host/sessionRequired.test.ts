// With nobody signed in at the desk, what takes the data out of it — the recovery key, a backup
// (the copy for Implanta too), the audit trail's export — is refused through the browser host,
// as a correction is; once an operator signs in it goes through, and the trail names her.
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, invoke, runJob, savePath } from './hostClient';
import type { RunningHost } from '../../electron/preview/server';
import { startSetUpHost, type SetUpHost } from './testHost';
import { openRawStore } from '../rawStore';

const PIN = '4321';
const PERIOD = { from: '2026-01-01', to: '2026-12-31' };
let running: SetUpHost;
let dir: string;
let storePath: string;
let backups: string;
let host: RunningHost;

beforeAll(async () => {
  running = await startSetUpHost('cress-host-session-', { pin: PIN, demoProfessionals: 40 });
  ({ dir, storePath, backups, host } = running);
  expect(await invoke(host, 'session:end', {})).toMatchObject({ ok: true });
});

afterAll(() => running.close());

function auditActions(): { action: string; operator: string }[] {
  const db = openRawStore(storePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT action, operator FROM audit_log ORDER BY id').all() as { action: string; operator: string }[];
  } finally {
    db.close();
  }
}

describe('with nobody signed in', () => {
  it('the recovery key is not given out, and no file is written', async () => {
    const target = await savePath(host, 'chave-de-recuperacao.key');
    const answer = await invoke(host, 'settings:exportKey', { path: target.handle });
    expect(answer).toMatchObject({ ok: false, error: { code: 'SESSION_REQUIRED' } });
    expect(readdirSync(dir).filter((name) => name.endsWith('.key'))).toEqual([]);
  });

  it('no backup is made, nor the copy for Implanta, and the trail signs nothing as the system', async () => {
    const before = auditActions().length;
    for (const input of [{ passphrase: null }, { passphrase: 'frase combinada com a Implanta', forImplanta: true }]) {
      expect(await invoke(host, 'backups:create', input)).toMatchObject({ ok: false, error: { code: 'SESSION_REQUIRED' } });
    }
    expect(readdirSync(backups)).toEqual([]);
    expect(auditActions()).toHaveLength(before);
  });

  it('the audit trail is not exported', async () => {
    const target = await savePath(host, 'auditoria.xlsx');
    expect(await invoke(host, 'audit:export', { ...PERIOD, path: target.handle })).toMatchObject({ ok: false, error: { code: 'SESSION_REQUIRED' } });
  });

  it('neither are the pendências nor the registry: no file of personal data is left to download, and the trail signs nothing', async () => {
    const before = auditActions().length;
    for (const [channel, input] of [
      ['quality:export', {}],
      ['registry:export', { since: '2020-01-01' }],
    ] as const) {
      const target = await savePath(host, 'dados.xlsx');
      expect(await invoke(host, channel, { ...input, path: target.handle }), channel).toMatchObject({ ok: false, error: { code: 'SESSION_REQUIRED' } });
      expect((await download(host, { handle: target.handle })).status, channel).toBe(404);
    }
    expect(auditActions()).toHaveLength(before);
  });
});

describe('once an operator signs in', () => {
  it('backups, the copy for Implanta, the audit export and the recovery key go through, and the trail names her', async () => {
    expect(await invoke(host, 'session:start', { name: 'Ana Souza', pin: PIN })).toMatchObject({ ok: true });
    expect(await runJob(host, 'backups:create', { passphrase: null })).toMatchObject({ ok: true });
    expect(await runJob(host, 'backups:create', { passphrase: 'frase combinada com a Implanta', forImplanta: true })).toMatchObject({ ok: true });
    const target = await savePath(host, 'auditoria.xlsx');
    expect(await invoke(host, 'audit:export', { ...PERIOD, path: target.handle })).toMatchObject({ ok: true });
    const key = await savePath(host, 'chave-de-recuperacao.key');
    expect(await invoke(host, 'settings:exportKey', { path: key.handle })).toMatchObject({ ok: true });
    const signed = auditActions().filter((entry) => ['backup.create', 'backup.implanta', 'key.export'].includes(entry.action));
    expect(signed).toEqual([
      { action: 'backup.create', operator: 'Ana Souza' },
      { action: 'backup.implanta', operator: 'Ana Souza' },
      { action: 'key.export', operator: 'Ana Souza' },
    ]);
    expect(existsSync(backups)).toBe(true);
  });
});
