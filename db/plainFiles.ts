// Telling a plain SQLite file from an encrypted one by its first bytes: a plain database starts
// with SQLite's own header; an encrypted one (SQLCipher format) starts with random salt.
import { closeSync, openSync, readSync } from 'node:fs';

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** Does the file start as a plain SQLite database does? (A missing or empty file does not.) */
export function isPlainDatabaseFile(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(PLAIN_HEADER.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(PLAIN_HEADER);
  } finally {
    closeSync(fd);
  }
}
