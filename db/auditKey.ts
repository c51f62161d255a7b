// The desk's audit key: 32 random bytes that sign the audit chain, the seals of the registry's rows
// and the backups and lotes the desk writes (HMAC-SHA-256). It lives outside the store — a 0600
// file in the app's data folder, or where CRESS_DESK_AUDIT_KEY_FILE says — so whoever can edit the
// store file alone can no longer rewrite history and recompute it. Every process on the desk (the
// app, its job threads, the command line, the browser host) reads the same file; the app also keeps
// a copy wrapped by the operating system's keystore (electron/main/auditKey.ts). See docs/store.md.
import { createHmac, randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { AppError } from '../shared/errors';
import { keyFileText as keyFileTextOf, readKeyFile, writeKeyFile, type KeyFileFormat } from './keyFiles';
import { defaultUserDataDir } from './paths';

export const AUDIT_KEY_ENV = 'CRESS_DESK_AUDIT_KEY_FILE';
export const AUDIT_KEY_FILE_NAME = 'audit.key';
const HEADER = 'CRESS Desk audit key 1';

export interface AuditKey {
  bytes: Buffer;
  /** 16 hex digits that name the key in the store and in signatures (an HMAC of a constant: never the key). */
  id: string;
  path: string;
}

let configured: string | null = null;

/** The key file every store of this process is signed with. */
export function auditKeyPath(): string {
  if (configured !== null) return configured;
  const fromEnv = process.env[AUDIT_KEY_ENV];
  return fromEnv ? resolve(fromEnv) : join(defaultUserDataDir(), AUDIT_KEY_FILE_NAME);
}

/**
 * Points this process (and the job threads it starts after this, which inherit its environment) at
 * a key file. The app calls it with its data folder; the command line and the browser host with
 * their environment, through `auditKeyFromEnv`.
 */
export function useAuditKeyFile(path: string): void {
  configured = resolve(path);
  process.env[AUDIT_KEY_ENV] = configured;
}

/** CRESS_DESK_AUDIT_KEY_FILE of `env` (the command line's or the host's), else the data folder's key. Returns the store path unchanged. */
export function auditKeyFromEnv<T>(storePath: T, env: NodeJS.ProcessEnv): T {
  const fromEnv = env[AUDIT_KEY_ENV];
  if (fromEnv) useAuditKeyFile(fromEnv);
  return storePath;
}

export function keyIdOf(bytes: Buffer): string {
  return createHmac('sha256', bytes).update('cress-desk audit key id').digest('hex').slice(0, 16);
}

export function hmacHex(key: AuditKey, text: string): string {
  return createHmac('sha256', key.bytes).update(text).digest('hex');
}

export function missingKeyError(path: string, keyId: string | null): AppError {
  return new AppError(
    'AUDIT_KEY_MISSING',
    `A chave que assina o histórico de auditoria deste banco não foi encontrada em "${path}". Sem ela o CRESS Desk não grava nem confere o histórico. ` +
      'Recoloque o arquivo da chave (copie-o do computador de origem) ou, se ele se perdeu de vez, comece uma nova chave com "cress-desk audit new-key --yes": ' +
      'as entradas anteriores passam a ser conferidas só pela soma SHA-256.',
    { details: { path, keyId } },
  );
}

function invalidKey(path: string, why: string): AppError {
  return new AppError('AUDIT_KEY_MISSING', `O arquivo da chave do histórico de auditoria "${path}" não pode ser lido como chave (${why}). Recoloque uma cópia do arquivo.`, {
    details: { path },
  });
}

const FORMAT: KeyFileFormat = { header: HEADER, invalid: invalidKey };

function auditKeyOf(bytes: Buffer, path: string): AuditKey {
  return { bytes, id: keyIdOf(bytes), path };
}

/** The key in `path`, or null when there is no file. A file others may read is narrowed to 0600 first. */
export function readAuditKey(path: string = auditKeyPath()): AuditKey | null {
  const bytes = readKeyFile(FORMAT, path);
  return bytes ? auditKeyOf(bytes, path) : null;
}

/** The key, or null when there is none or its file is damaged (what opening a store may live with). */
export function readAuditKeyOrNull(path: string = auditKeyPath()): AuditKey | null {
  try {
    return readAuditKey(path);
  } catch {
    return null;
  }
}

/** The file's text for a key (also what the app writes back from its keystore copy). */
export function keyFileText(bytes: Buffer): string {
  return keyFileTextOf(FORMAT, bytes);
}

/**
 * Writes `bytes` as the key file at `path`, whole or not at all (0600, in a 0700 folder when it
 * makes one). When a key file appeared there meanwhile, that one is kept and returned.
 */
export function writeAuditKey(bytes: Buffer, path: string = auditKeyPath()): AuditKey {
  return auditKeyOf(writeKeyFile(FORMAT, bytes, path), path);
}

/** A new random key in `path`, or the one already there. */
export function createAuditKey(path: string = auditKeyPath()): AuditKey {
  return readAuditKey(path) ?? writeAuditKey(randomBytes(32), path);
}
