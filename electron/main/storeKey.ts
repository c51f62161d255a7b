// The app's side of the store's encryption key (db/storeKey.ts). The app keeps the key wrapped by
// the operating system's keystore (Electron's safeStorage: DPAPI on Windows, the desktop's secret
// service on Linux) in its data folder, and hands it to the store code in memory: the app never
// writes it in the clear. A key file placed in the data folder (`store.key`, or CRESS_DESK_KEY_FILE:
// a recovery key, or a desk first set up from the command line) is taken into the keystore. When
// the store does not open with the key (a reinstalled system lost the keystore's copy), the clerk
// is asked for the recovery key file. Where no keystore is available (a Linux desktop without a
// secret service) the key file in the data folder stands alone, as for the command line.
import { app, dialog } from 'electron';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { currentStoreKey, parseStoreKeyFile, useStoreKey } from '../../db/storeKey';
import { appStorePath } from './appStorePath';
import { keystoreAvailable, unwrapKey, wrapKey } from './keystore';

const WRAPPED_FILE = 'store.key.safestorage';
const RECOVERY_FILE_MAX_BYTES = 4096;

const wrappedPath = () => join(app.getPath('userData'), WRAPPED_FILE);

/**
 * Before the store opens: the key it is opened with, from the keystore (made now for a new desk).
 * A wrapped key the keystore cannot open today (another Windows profile, a keyring not unlocked) is
 * never overwritten by a new key while there is a store it may open: the store's open then asks for
 * the recovery key, and a later start with the keystore back opens it as before. Never fails the start.
 */
export async function keepStoreKey(): Promise<void> {
  try {
    if (!(await keystoreAvailable())) return; // db/storeKey.ts reads (or makes) the key file
    const path = wrappedPath();
    const wrapped = await unwrapKey(path);
    if (wrapped) {
      useStoreKey(wrapped);
      return;
    }
    const fileKey = currentStoreKey();
    if (!fileKey && existsSync(path)) {
      if (existsSync(appStorePath())) return;
      // No store for it to open: a new desk starts, and the copy nobody can read now is kept aside.
      renameSync(path, `${path}.unreadable-${Date.now()}`);
    }
    const key = fileKey ?? randomBytes(32);
    await wrapKey(path, key);
    useStoreKey(key);
  } catch (error) {
    console.error(`store key: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * The store did not open with the key the app has: asks for the recovery key file. Answers true
 * when one was given (the caller tries the store again with it), false when the clerk gave up.
 */
export async function askForRecoveryKey(message: string): Promise<boolean> {
  for (;;) {
    const choice = await dialog.showMessageBox({
      type: 'warning',
      title: 'Chave do banco ausente ou incorreta',
      message: 'Chave do banco ausente ou incorreta',
      detail: `${message}\n\nSe o Windows foi reinstalado ou o CRESS Desk foi levado para outro computador, abra o arquivo da chave de recuperação guardado pelo responsável de TI do Conselho.`,
      buttons: ['Abrir chave de recuperação…', 'Sair'],
      defaultId: 0,
      cancelId: 1,
    });
    if (choice.response !== 0) return false;
    const chosen = await dialog.showOpenDialog({
      title: 'Chave de recuperação do CRESS Desk',
      properties: ['openFile'],
      filters: [
        { name: 'Chave do CRESS Desk', extensions: ['key', 'txt'] },
        { name: 'Todos os arquivos', extensions: ['*'] },
      ],
    });
    const path = chosen.canceled ? undefined : chosen.filePaths[0];
    if (!path) continue;
    const key = statSync(path).size <= RECOVERY_FILE_MAX_BYTES ? parseStoreKeyFile(readFileSync(path, 'utf8')) : null;
    if (!key) {
      dialog.showErrorBox('Arquivo de chave inválido', 'Este arquivo não é uma chave de recuperação do CRESS Desk. Escolha o arquivo gravado por “Chave de recuperação” ou por “cress-desk key export”.');
      continue;
    }
    useStoreKey(key);
    return true;
  }
}

/** The recovery key opened the store: the keystore keeps it from now on. */
export async function rememberStoreKey(): Promise<void> {
  const key = currentStoreKey();
  try {
    if (key && (await keystoreAvailable())) await wrapKey(wrappedPath(), key);
  } catch (error) {
    console.error(`store key: ${error instanceof Error ? error.message : String(error)}`);
  }
}
