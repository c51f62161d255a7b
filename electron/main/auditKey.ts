// The app's side of the desk's audit key (db/auditKey.ts). The key file (0600, in the app's data
// folder) is what every process of the desk signs with — the app, its job threads, the command
// line and the browser host — so they all verify the same chain. The app also keeps the key
// wrapped by the operating system's keystore (Electron's safeStorage: DPAPI, Keychain, the
// desktop's secret service) and, before it opens the store, puts the key file back from that copy
// when it is missing, or when it was replaced by a key that does not sign this store. Where the
// keystore is not available (a Linux desktop without a secret service) the key file stands alone.
import { app } from 'electron';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { openStoreReader } from '../../db/connections';
import { appStorePath } from './appStorePath';
import { keystoreAvailable, unwrapKey, wrapKey } from './keystore';
import { AUDIT_KEY_ENV, AUDIT_KEY_FILE_NAME, auditKeyPath, createAuditKey, keyIdOf, readAuditKey, useAuditKeyFile, writeAuditKey } from '../../db/auditKey';

const WRAPPED_FILE = 'audit.key.safestorage';

/** The key id that signs the store's chain now (null: no store yet, or one not signed yet). */
function storeKeyId(storePath: string): string | null {
  if (!existsSync(storePath)) return null;
  try {
    const db = openStoreReader(storePath);
    try {
      return (db.prepare('SELECT key_id FROM audit_anchor WHERE id = 1').pluck().get() as string | null | undefined) ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null; // an older store, or not ours: opening it says what is wrong
  }
}

/** Before the store opens: which key file the desk uses, and that it holds the key this store is signed with. Never fails the start. */
export async function keepAuditKey(): Promise<void> {
  const userData = app.getPath('userData');
  useAuditKeyFile(process.env[AUDIT_KEY_ENV] || join(userData, AUDIT_KEY_FILE_NAME));
  try {
    if (!(await keystoreAvailable())) return;
    const keyPath = auditKeyPath();
    const wrappedPath = join(userData, WRAPPED_FILE);
    const storePath = appStorePath();
    const fileKey = readAuditKey(keyPath);
    const wrapped = await unwrapKey(wrappedPath);
    if (fileKey && wrapped?.equals(fileKey.bytes)) return;
    const signing = storeKeyId(storePath);
    if (wrapped && (!fileKey || (signing !== null && keyIdOf(wrapped) === signing && fileKey.id !== signing))) {
      // Missing, or replaced by a key that does not sign this store: the keystore's copy goes back (the other is kept aside).
      if (fileKey) renameSync(keyPath, `${keyPath}.replaced-${Date.now()}`);
      writeAuditKey(wrapped, keyPath);
      return;
    }
    if (fileKey) {
      // A copy the keystore cannot open today is only replaced by a key that signs this store: a
      // file put there by someone else must not become the keystore's copy.
      const unreadable = !wrapped && existsSync(wrappedPath);
      if (!unreadable || signing === null || fileKey.id === signing) await wrapKey(wrappedPath, fileKey.bytes);
      return;
    }
    // No key anywhere. A store not signed yet (or none) gets a new key now; a signed one is left
    // without: the clerk is told the key is missing rather than the history silently re-signed.
    if (signing === null) await wrapKey(wrappedPath, createAuditKey(keyPath).bytes);
  } catch (error) {
    console.error(`audit key: ${error instanceof Error ? error.message : String(error)}`);
  }
}
