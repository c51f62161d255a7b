// The key file moved away (or deleted) while the browser host runs: what opens the store again —
// a backup, a job — says the key is missing and where it was looked for, never that the store is
// damaged (which would send the clerk to restore a backup over a sound store); the same when
// another desk's key took its place. Once the key file is back, the same backup goes through.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from './hostClient';
import type { RunningHost } from '../../electron/preview/server';
import { startSetUpHost, type SetUpHost } from './testHost';

let running: SetUpHost;
let backups: string;
let host: RunningHost;
let keyFile: string;

beforeAll(async () => {
  running = await startSetUpHost('cress-host-key-gone-', { pin: '4321', demoProfessionals: 10 });
  ({ backups, host } = running);
  keyFile = process.env.CRESS_DESK_KEY_FILE as string;
  expect(existsSync(keyFile)).toBe(true);
});

afterAll(async () => {
  if (!existsSync(keyFile) && existsSync(`${keyFile}.guardada`)) renameSync(`${keyFile}.guardada`, keyFile);
  await running.close();
});

describe('the key file gone while the host runs', () => {
  it('a backup is refused saying the key is missing and where, not that the store is damaged; with the key back it goes through', async () => {
    renameSync(keyFile, `${keyFile}.guardada`);
    let refused;
    try {
      refused = await runJob(host, 'backups:create', { passphrase: null });
    } finally {
      renameSync(`${keyFile}.guardada`, keyFile);
    }
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORE_KEY' } });
    const message = (refused as { error: { message: string } }).error.message;
    expect(message).toMatch(/Chave do banco ausente/);
    expect(message).toContain(keyFile);
    expect(message).not.toMatch(/danificad/);
    expect(readdirSync(backups)).toEqual([]);
    expect(await runJob(host, 'backups:create', { passphrase: null })).toMatchObject({ ok: true });
    expect(readdirSync(backups).filter((name) => name.endsWith('.zip'))).toHaveLength(1);
  });

  it('replaced by another desk’s key: a backup is refused saying the key is wrong, not that the store is damaged', async () => {
    const before = readdirSync(backups).length;
    renameSync(keyFile, `${keyFile}.guardada`);
    let refused;
    try {
      writeFileSync(keyFile, `CRESS Desk store key 1\n${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
      refused = await runJob(host, 'backups:create', { passphrase: null });
    } finally {
      rmSync(keyFile, { force: true });
      renameSync(`${keyFile}.guardada`, keyFile);
    }
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORE_KEY' } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/Chave do banco ausente ou incorreta/);
    expect(readdirSync(backups)).toHaveLength(before);
  });
});
