// A backup written to a pendrive pulled out and plugged in again (or a folder emptied) while the
// backup was being written: the file under its temporary name is gone when it is to take its final
// name. Told as such — nothing was written, try again —, never as a folder that takes no files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { destinationError } from '../../../db/backups/errors';
import { AppError } from '../../../shared/errors';

const folder = mkdtempSync(join(tmpdir(), 'cress-pendrive-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** What renaming a partial file that vanished answers (fs.promises.rename). */
function vanished(syscall: string): NodeJS.ErrnoException {
  const partial = join(folder, '.CRESS09-backup-20261204-071612.zip.partial-f52f71533efc');
  return Object.assign(new Error(`ENOENT: no such file or directory, ${syscall} '${partial}'`), { code: 'ENOENT', errno: -2, syscall, path: partial });
}

describe('the backup being written vanishes from a folder that is there again', () => {
  it('says the file being written disappeared and nothing was written, not that the folder refuses files', () => {
    for (const syscall of ['open', 'rename']) {
      const error = destinationError(vanished(syscall), folder, true);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('BACKUP_DESTINATION');
      expect((error as AppError).message).toMatch(/sumiu/);
      expect((error as AppError).message).toContain(`"${folder}"`);
      expect((error as AppError).message).not.toMatch(/não aceita gravação|somente leitura/);
    }
  });

  it('a folder that takes no file (/proc answers "no such file" when the file is created) is still said to refuse it', () => {
    const error = destinationError(vanished('open'), folder);
    expect((error as AppError).message).toMatch(/não aceita gravação/);
    expect((error as AppError).message).not.toMatch(/sumiu/);
  });

  it('a folder that is gone is still said to be gone', () => {
    const error = destinationError(vanished('rename'), join(folder, 'desmontado'), true);
    expect((error as AppError).message).toMatch(/não existe \(um pendrive desconectado\?\)/);
  });
});
