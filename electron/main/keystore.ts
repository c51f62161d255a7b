// The operating system's keystore through Electron's safeStorage (DPAPI on Windows, Keychain, the
// desktop's secret service on Linux): a 256-bit key kept wrapped in a file of the app's data folder.
// Shared by the audit key and the store key (./auditKey.ts, ./storeKey.ts).
import { safeStorage } from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { renameInPlaceSync } from '../../db/renameInPlace';

/** Whether keys can be wrapped by a real keystore (Linux's `basic_text` backend is not one). */
export async function keystoreAvailable(): Promise<boolean> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return false;
  return !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');
}

/** The key wrapped in `path`, or null when there is none or the keystore cannot unwrap it. */
export async function unwrapKey(path: string): Promise<Buffer | null> {
  if (!existsSync(path)) return null;
  try {
    const { result } = await safeStorage.decryptStringAsync(readFileSync(path));
    return /^[0-9a-f]{64}$/.test(result) ? Buffer.from(result, 'hex') : null;
  } catch {
    return null;
  }
}

/** Keeps `key` wrapped in `path` (written whole, 0600). */
export async function wrapKey(path: string, key: Buffer): Promise<void> {
  const partial = `${path}.partial`;
  writeFileSync(partial, await safeStorage.encryptStringAsync(key.toString('hex')), { mode: 0o600 });
  renameInPlaceSync(partial, path);
}
