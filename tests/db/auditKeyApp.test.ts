// The app's copy of the audit key (electron/main/auditKey.ts), with Electron's safeStorage stood in
// for by a reversible wrapper: the key file is made, kept, and put back from the keystore's copy.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../db';
import { AUDIT_KEY_ENV, createAuditKey, keyFileText, readAuditKey } from '../../db/auditKey';
import { tempDir, type TempDir } from './fixtures';

const electron = vi.hoisted(() => ({ userData: '', available: true, locked: false }));
vi.mock('electron', () => {
  const wrap = (text: string) => Buffer.from(`wrapped:${Buffer.from(text).toString('base64')}`);
  const unwrap = (data: Buffer) => Buffer.from(data.toString().replace(/^wrapped:/, ''), 'base64').toString();
  return {
    app: { getPath: () => electron.userData },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => electron.available,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptStringAsync: async (text: string) => wrap(text),
      decryptStringAsync: async (data: Buffer) => {
        if (electron.locked) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
        return { result: unwrap(data), shouldReEncrypt: false };
      },
    },
  };
});

const { keepAuditKey } = await import('../../electron/main/auditKey');

let dir: TempDir;
const savedEnv = process.env[AUDIT_KEY_ENV];
const savedArgv = process.argv;

beforeEach(() => {
  dir = tempDir();
  electron.userData = dir.dir;
  electron.available = true;
  electron.locked = false;
  delete process.env[AUDIT_KEY_ENV];
  process.argv = [...savedArgv.slice(0, 2), '--db', dir.file('cress-desk.sqlite')];
});

afterEach(() => {
  dir.cleanup();
  process.argv = savedArgv;
  if (savedEnv === undefined) delete process.env[AUDIT_KEY_ENV];
  else process.env[AUDIT_KEY_ENV] = savedEnv;
});

const keyPath = () => dir.file('audit.key');
const wrappedPath = () => dir.file('audit.key.safestorage');

describe("the app's audit key", () => {
  it('is made on the first start, 0600 in the data folder, with a copy in the keystore', async () => {
    await keepAuditKey();
    expect(process.env[AUDIT_KEY_ENV]).toBe(keyPath());
    const key = readAuditKey(keyPath());
    expect(key).not.toBeNull();
    if (process.platform !== 'win32') expect(statSync(keyPath()).mode & 0o777).toBe(0o600);
    expect(readFileSync(wrappedPath()).toString()).toMatch(/^wrapped:/);
    expect(readFileSync(wrappedPath()).toString()).not.toContain(key?.bytes.toString('hex'));
  });

  it('is put back from the keystore when the file was deleted', async () => {
    await keepAuditKey();
    const before = readAuditKey(keyPath());
    rmSync(keyPath());
    await keepAuditKey();
    expect(readAuditKey(keyPath())?.id).toBe(before?.id);
  });

  it('is put back when the file was replaced by a key that does not sign the store, the other kept aside', async () => {
    await keepAuditKey();
    const signing = readAuditKey(keyPath());
    openStore({ path: dir.file('cress-desk.sqlite') }).close();
    rmSync(keyPath());
    writeFileSync(keyPath(), keyFileText(Buffer.alloc(32, 7)), { mode: 0o600 });
    await keepAuditKey();
    expect(readAuditKey(keyPath())?.id).toBe(signing?.id);
    expect(readdirSync(dir.dir).some((name) => name.startsWith('audit.key.replaced-'))).toBe(true);
  });

  it('keeps a key file the command line made, wrapping it', async () => {
    const made = createAuditKey(keyPath());
    await keepAuditKey();
    expect(readAuditKey(keyPath())?.id).toBe(made.id);
    expect(existsSync(wrappedPath())).toBe(true);
  });

  it('keeps the keystore\'s copy when it cannot be opened today and the key file was replaced by one that does not sign the store', async () => {
    await keepAuditKey();
    const signing = readAuditKey(keyPath());
    openStore({ path: dir.file('cress-desk.sqlite') }).close();
    rmSync(keyPath());
    writeFileSync(keyPath(), keyFileText(Buffer.alloc(32, 7)), { mode: 0o600 });
    electron.locked = true;
    await keepAuditKey();
    electron.locked = false;
    await keepAuditKey();
    expect(readAuditKey(keyPath())?.id).toBe(signing?.id);
  });

  it('without a keystore, leaves the key file alone', async () => {
    electron.available = false;
    await keepAuditKey();
    expect(existsSync(wrappedPath())).toBe(false);
    expect(process.env[AUDIT_KEY_ENV]).toBe(keyPath());
  });
});
