// How storeError (db/storeLock.ts) names a write the disk refused: every such code is
// DISK_WRITE_REFUSED naming the folder (or DISK_FULL on a full disk), never a damaged store or an
// unknown error; a damaged file stays STORE_CORRUPT.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { storeError } from '../../db/storeLock';

const dir = mkdtempSync(join(tmpdir(), 'cress-write-refused-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const store = join(dir, 'desk.sqlite');

/** An error as better-sqlite3 (or Node's fs) throws it: SQLite's English sentence, its code. */
function failure(code: string, message = 'disk I/O error', extra: object = {}): Error {
  return Object.assign(new Error(message), { code, ...extra });
}

function named(error: unknown): AppError {
  const answer = storeError(error, store);
  expect(answer).toBeInstanceOf(AppError);
  return answer as AppError;
}

describe('a write the disk refused', () => {
  it.each(['SQLITE_IOERR_WRITE', 'SQLITE_IOERR_SHMSIZE', 'SQLITE_IOERR_SHMOPEN', 'SQLITE_IOERR_TRUNCATE', 'SQLITE_IOERR_FSYNC'])('%s is DISK_WRITE_REFUSED naming the store’s folder', (code) => {
    const answer = named(failure(code));
    expect(answer.code).toBe('DISK_WRITE_REFUSED');
    expect(answer.message).toContain(`"${dir}"`);
    expect(answer.message).toMatch(/recusou a gravação.*Nada foi gravado/);
    expect(answer.message).not.toMatch(/disk I\/O|SQLITE/);
    expect(answer.details).toEqual({ folder: dir, system: code });
  });

  it('EFBIG from Node’s fs names the folder of the file it was writing', () => {
    const answer = named(failure('EFBIG', 'EFBIG: file too large, write', { path: join(dir, 'sub', 'copy.sqlite') }));
    expect(answer.code).toBe('DISK_WRITE_REFUSED');
    expect(answer.message).toContain(`"${join(dir, 'sub')}"`);
  });

  it('SQLITE_FULL and ENOSPC stay DISK_FULL, in the same words', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC']) {
      const answer = named(failure(code, 'database or disk is full'));
      expect(answer.code).toBe('DISK_FULL');
      expect(answer.message).toContain(`Disco cheio: libere espaço em "${dir}" e tente de novo`);
    }
  });

  it('a damaged file stays STORE_CORRUPT; another I/O error is not guessed at', () => {
    expect(named(failure('SQLITE_CORRUPT', 'database disk image is malformed')).code).toBe('STORE_CORRUPT');
    const read = failure('SQLITE_IOERR_READ');
    expect(storeError(read, store)).toBe(read);
  });
});
