// Files that hold one 256-bit key of the desk (the audit key, the store's encryption key): a header
// line naming what the key is for, then 64 hex digits. Written whole or not at all, 0600 in a 0700
// folder, never over an existing key; read back narrowed to its owner (once it is known to hold a
// key, the file a link names too) and cached by the file's stamp.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import type { AppError } from '../shared/errors';
import { makePrivate, makePrivateKnown, PRIVATE_FILE, PRIVATE_FOLDER } from './fileModes';
import { specialFileKind } from './specialFiles';

export interface KeyFileFormat {
  /** The first line of the file: what the key is for, and the format's version. */
  header: string;
  /** The error a damaged or unreadable file gives (`why`: what is wrong, in Portuguese). */
  invalid(path: string, why: string): AppError;
}

const cache = new Map<string, { stamp: string; bytes: Buffer }>();
/** Key files found readable by others in this process, and narrowed: whoever read one meanwhile can use the key. */
const narrowed = new Set<string>();

/** The key files narrowed since the last call (the command line warns of them). */
export function takeNarrowedKeyFiles(): string[] {
  const paths = [...narrowed];
  narrowed.clear();
  return paths;
}

/** The file's text for a key. */
export function keyFileText(format: KeyFileFormat, bytes: Buffer): string {
  return `${format.header}\n${bytes.toString('hex')}\n`;
}

/** A key file is two short lines: anything larger is not one, and is not read whole. */
export const KEY_FILE_MAX_BYTES = 4096;

/**
 * The key's bytes in a file's text, or null when the text is not such a file. What a text editor
 * adds when the file is opened and saved again (a byte-order mark, CRLF, spaces, capital hex
 * digits) is forgiven: the key is the same.
 */
export function parseKeyFile(format: KeyFileFormat, text: string): Buffer | null {
  const [header, hex] = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((line) => line.trim());
  return header === format.header && hex && /^[0-9a-fA-F]{64}$/.test(hex) ? Buffer.from(hex, 'hex') : null;
}

/** Why a key file could not be read, in words: a folder, a pipe or device, a large file, no permission. */
function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'sem permissão de leitura';
  if (code === 'ENOTDIR') return 'um dos nomes no caminho é um arquivo, não uma pasta';
  if (code === 'ELOOP') return 'o atalho aponta para ele mesmo';
  return code ?? 'ilegível';
}

/** What is wrong with the path as a key file before reading it, or null when it is an ordinary file of a key's size. */
function notAKeyFile(stat: Stats): string | null {
  if (stat.isDirectory()) return 'é uma pasta, não um arquivo';
  if (!stat.isFile()) return `não é um arquivo comum: é ${specialFileKind(stat)}, que não guarda a chave`;
  if (stat.size > KEY_FILE_MAX_BYTES) return 'grande demais para ser uma chave: é outro arquivo';
  return null;
}

/** The key's bytes in the file (cached by its stamp), or the format's error when it holds no key. */
function keyIn(format: KeyFileFormat, path: string, stat: Stats): Buffer {
  const stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  const cached = cache.get(path);
  if (cached && cached.stamp === stamp) return cached.bytes;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw format.invalid(path, unreadable(error));
  }
  const bytes = parseKeyFile(format, text);
  if (!bytes) throw format.invalid(path, 'formato desconhecido');
  cache.set(path, { stamp, bytes });
  return bytes;
}

/**
 * The key in `path`, or null when there is no file. A key file others may read is narrowed to its
 * owner once it is known to hold a key — never a file that holds none, whatever link names it.
 */
export function readKeyFile(format: KeyFileFormat, path: string): Buffer | null {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw format.invalid(path, unreadable(error));
  }
  // A folder, a pipe (which would be waited on forever) or a device is refused before anything is
  // read or its permissions are touched.
  const wrong = notAKeyFile(stat);
  if (wrong) throw format.invalid(path, wrong);
  const bytes = keyIn(format, path, stat);
  if (makePrivateKnown(path)) narrowed.add(path);
  return bytes;
}

/**
 * Writes `bytes` as a key file at `path`, whole or not at all (0600, in a 0700 folder when it makes
 * one). When a key file appeared there meanwhile, that one is kept and returned.
 */
export function writeKeyFile(format: KeyFileFormat, bytes: Buffer, path: string): Buffer {
  mkdirSync(dirname(path), { recursive: true, mode: PRIVATE_FOLDER });
  const partial = `${path}.partial-${randomBytes(6).toString('hex')}`;
  const fd = openSync(partial, 'wx', PRIVATE_FILE);
  try {
    writeSync(fd, keyFileText(format, bytes));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    makePrivate(partial);
    linkSync(partial, path); // never over an existing key
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(partial, { force: true });
  }
  const written = readKeyFile(format, path);
  if (!written) throw format.invalid(path, 'não foi gravado');
  return written;
}
