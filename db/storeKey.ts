// The store's encryption key: 32 random bytes that encrypt every page of the store, its log, the
// import's staging files and the backups' copies of the database (SQLCipher 4 format through
// SQLite3 Multiple Ciphers; db/connections.ts applies it). Whoever has the store file without the
// key reads nothing (docs/store.md, "Encryption at rest").
//
// Where the key lives: the desktop app keeps it wrapped by the operating system's keystore
// (electron/main/storeKey.ts) and hands it to this module in memory; it is never written in the
// clear by the app. The command line and the browser host, which have no keystore, read it from a
// key file (0600): CRESS_DESK_KEY_FILE, else `store.key` in the app's data folder. A job thread
// gets the key from the thread that starts it (`storeKeyForThread`), never through a file or the
// environment.
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../shared/errors';
import { KEY_FILE_MAX_BYTES, keyFileText, parseKeyFile, readKeyFile, writeKeyFile, type KeyFileFormat } from './keyFiles';
import { defaultUserDataDir } from './paths';

export const STORE_KEY_ENV = 'CRESS_DESK_KEY_FILE';
export const STORE_KEY_FILE_NAME = 'store.key';

const FORMAT: KeyFileFormat = {
  header: 'CRESS Desk store key 1',
  invalid: (path, why) => new AppError('STORE_KEY', `Chave do banco ausente ou incorreta: o arquivo da chave "${path}" não pode ser lido (${why}).`, { details: { path } }),
};

/**
 * What the process was handed: a key (the app's, unwrapped from the keystore; a job thread's, from
 * its parent), `plain` (the benchmark's pass on plain stores, to measure what encryption costs —
 * nothing in the app or the command line hands it), or nothing (the key file is read).
 */
export type HandedKey = Buffer | 'plain' | null;
let handed: HandedKey = null;

/** Uses `key` for every connection this process opens from now on (null: back to the key file). */
export function useStoreKey(key: HandedKey): void {
  if (Buffer.isBuffer(key) && key.length !== 32) throw new RangeError('store key must be 32 bytes');
  handed = key;
}

/** The benchmark's plain pass: stores are opened, and left, without encryption. */
export function storesArePlain(): boolean {
  return handed === 'plain';
}

/** The key file the command line and the browser host read. */
export function storeKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[STORE_KEY_ENV];
  return fromEnv ? resolve(fromEnv) : join(defaultUserDataDir(), STORE_KEY_FILE_NAME);
}

/** The key this process opens stores with, or null when it has none. */
export function currentStoreKey(): Buffer | null {
  if (handed === 'plain') return null;
  return handed ?? readKeyFile(FORMAT, storeKeyPath());
}

/**
 * The key, made now when the process has none (a new store, or a plain one being encrypted): the
 * command line and the browser host write it to their key file; the app has always handed one.
 */
export function ensureStoreKey(): Buffer | null {
  if (handed === 'plain') return null;
  return currentStoreKey() ?? writeKeyFile(FORMAT, randomBytes(32), storeKeyPath());
}

/** What a job thread needs to open the store: the key, passed in its start data. */
export function storeKeyForThread(): HandedKey {
  return handed === 'plain' ? 'plain' : currentStoreKey();
}

/** The key as a thread receives it in its start data (a Buffer arrives as a Uint8Array). */
export function threadKey(received: HandedKey | Uint8Array): HandedKey {
  return received === null || received === 'plain' ? received : Buffer.from(received);
}

/** The key file's text for `key` (what `key export` and Configurações → "Chave de recuperação" write). */
export function storeKeyFileText(key: Buffer): string {
  return keyFileText(FORMAT, key);
}

/** The key in a recovery file's text, or null when the text is not a store key file. */
export function parseStoreKeyFile(text: string): Buffer | null {
  return parseKeyFile(FORMAT, text);
}

export function storeKeyError(path: string): AppError {
  return new AppError(
    'STORE_KEY',
    `Chave do banco ausente ou incorreta: "${path}" está criptografado com uma chave que este computador não tem (ou o começo do arquivo está danificado). ` +
      'Informe o arquivo da chave de recuperação (guardado pelo responsável de TI do Conselho) e tente de novo. Se a chave é a certa, o arquivo está danificado e não abre nem para ser substituído: ' +
      'mova-o para outra pasta (guarde-o), abra o CRESS Desk, que começa uma mesa nova, e restaure a cópia de segurança mais recente (Backups → Restaurar de um arquivo…; na linha de comando, init e depois backup restore).',
    { details: { path } },
  );
}

/**
 * The store is there but this process has no key for it: its key file is gone (moved or deleted
 * while the desk ran, or never copied to this computer). Said as such, naming where the key was
 * looked for — never as a damaged store, which would send the clerk to restore a backup over it.
 */
export function storeKeyMissingError(storePath: string): AppError {
  const keyPath = storeKeyPath();
  return new AppError(
    'STORE_KEY',
    `Chave do banco ausente ou incorreta: o arquivo da chave "${keyPath}" não foi encontrado, e sem ele o banco "${storePath}" não pode ser aberto. ` +
      'Recoloque o arquivo da chave no lugar (ou informe a chave de recuperação guardada pelo responsável de TI do Conselho) e tente de novo. Nada foi gravado.',
    { details: { path: storePath, keyPath } },
  );
}

/** Why the path the clerk gave as a recovery key file is not one before reading it, or null when it is an ordinary file of a key's size. */
function notARecoveryKeyFile(path: string): string | null {
  let found;
  try {
    found = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return `O arquivo da chave de recuperação "${path}" não foi encontrado. Confira o caminho.`;
    if (code === 'EACCES' || code === 'EPERM') return `Sem permissão para ler o arquivo da chave de recuperação "${path}".`;
    return `O arquivo "${path}" não pôde ser lido como chave de recuperação do CRESS Desk.`;
  }
  if (found.isDirectory()) return `"${path}" é uma pasta, não um arquivo: informe o arquivo da chave de recuperação.`;
  // A pipe or a device is not read at all (a pipe would be waited on forever); a key file is two short lines.
  if (!found.isFile()) return `"${path}" não é um arquivo comum: um pipe ou dispositivo não guarda a chave de recuperação.`;
  if (found.size > KEY_FILE_MAX_BYTES) return `"${path}" é grande demais para ser uma chave de recuperação: é outro arquivo.`;
  return null;
}

/** A key file's text: UTF-8, or UTF-16 with its mark (a text editor's "Unicode"), which the IT person may have saved it as. */
function textOf(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('utf8');
}

/**
 * The key in a recovery key file the clerk points at (another desk's, or this desk's before a
 * reinstall), to open a backup made with it. Refused, naming the file, when it is not one: the
 * clerk's mistake (INPUT_INVALID), never said as a damaged backup or a wrong key.
 */
export function readRecoveryKey(path: string): Buffer {
  const wrong = notARecoveryKeyFile(path);
  if (wrong) throw new AppError('INPUT_INVALID', wrong, { details: { path } });
  let text: string;
  try {
    text = textOf(readFileSync(path));
  } catch {
    throw new AppError('INPUT_INVALID', `O arquivo "${path}" não pôde ser lido como chave de recuperação do CRESS Desk.`, { details: { path } });
  }
  const key = parseStoreKeyFile(text);
  if (!key && /^\uFEFF?CRESS Desk audit key /.test(text)) {
    throw new AppError(
      'INPUT_INVALID',
      `O arquivo "${path}" é a chave que assina o histórico de auditoria, não a chave de recuperação do banco: informe o arquivo gravado em Configurações → Chave de recuperação (ou por cress-desk key export).`,
      { details: { path } },
    );
  }
  if (!key) throw new AppError('INPUT_INVALID', `O arquivo "${path}" não é uma chave de recuperação do CRESS Desk (o arquivo gravado em Configurações → Chave de recuperação, ou por cress-desk key export).`, { details: { path } });
  return key;
}
