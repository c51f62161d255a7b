// The app's copy of the store key (electron/main/storeKey.ts), with Electron's safeStorage stood in
// for by a reversible wrapper that can be "locked" (a reinstalled Windows, another user's profile, a
// keyring that will not open today): a wrapped key the keystore cannot open is never replaced by a
// new key while a store it may open is there.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../db';
import { currentStoreKey, STORE_KEY_ENV, useStoreKey } from '../../db/storeKey';
import { tempDir, type TempDir } from './fixtures';

const electron = vi.hoisted(() => ({ userData: '', locked: false }));
vi.mock('electron', () => {
  const wrap = (text: string) => Buffer.from(`wrapped:${Buffer.from(text).toString('base64')}`);
  const unwrap = (data: Buffer) => Buffer.from(data.toString().replace(/^wrapped:/, ''), 'base64').toString();
  return {
    app: { getPath: () => electron.userData },
    dialog: {},
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptStringAsync: async (text: string) => wrap(text),
      decryptStringAsync: async (data: Buffer) => {
        if (electron.locked) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
        return { result: unwrap(data), shouldReEncrypt: false };
      },
    },
  };
});

const { keepStoreKey } = await import('../../electron/main/storeKey');

let dir: TempDir;
const savedEnv = process.env[STORE_KEY_ENV];
const savedArgv = process.argv;

beforeEach(() => {
  dir = tempDir();
  electron.userData = dir.dir;
  electron.locked = false;
  useStoreKey(null);
  // No key file anywhere: the app's key is the keystore's alone.
  process.env[STORE_KEY_ENV] = dir.file('store.key');
  process.argv = [...savedArgv.slice(0, 2), '--db', dir.file('cress-desk.sqlite')];
});

afterEach(() => {
  useStoreKey(null);
  dir.cleanup();
  process.argv = savedArgv;
  if (savedEnv === undefined) delete process.env[STORE_KEY_ENV];
  else process.env[STORE_KEY_ENV] = savedEnv;
});

const wrappedPath = () => dir.file('store.key.safestorage');
const storePath = () => dir.file('cress-desk.sqlite');

describe("the app's store key", () => {
  it('is made on the first start and kept only wrapped by the keystore', async () => {
    await keepStoreKey();
    const key = currentStoreKey();
    expect(key).not.toBeNull();
    expect(readFileSync(wrappedPath()).toString()).toMatch(/^wrapped:/);
    expect(existsSync(dir.file('store.key'))).toBe(false);
    openStore({ path: storePath(), create: true }).close();
  });

  it('is not replaced by a new key when the keystore cannot open it today: the store opens again once it can', async () => {
    await keepStoreKey();
    const key = currentStoreKey();
    openStore({ path: storePath(), create: true }).close();
    const wrapped = readFileSync(wrappedPath());

    // The keystore refuses (another profile, a keyring not unlocked): the store asks for its key…
    useStoreKey(null);
    electron.locked = true;
    await keepStoreKey();
    expect(readFileSync(wrappedPath())).toEqual(wrapped);
    expect(currentStoreKey()).toBeNull();
    expect(() => openStore({ path: storePath() })).toThrow(expect.objectContaining({ code: 'STORE_KEY' }));
    expect(existsSync(dir.file('store.key'))).toBe(false);

    // …and the next start, with the keystore back, opens it with the key it always had.
    electron.locked = false;
    await keepStoreKey();
    expect(currentStoreKey()?.equals(key as Buffer)).toBe(true);
    openStore({ path: storePath() }).close();
  });

  it('starts a new desk with a new key when there is no store, keeping the unreadable copy aside', async () => {
    await keepStoreKey();
    const wrapped = readFileSync(wrappedPath());
    useStoreKey(null);
    electron.locked = true;
    await keepStoreKey();
    electron.locked = false;
    const aside = readdirSync(dir.dir).filter((name) => name.startsWith('store.key.safestorage.unreadable-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(dir.file(aside[0] as string))).toEqual(wrapped);
    expect(currentStoreKey()).not.toBeNull();
    openStore({ path: storePath(), create: true }).close();
  });
});
