// The browser host's answers cut its own folder's paths down to file names. A refusal naming the
// folder itself (a full disk in the host's temporary folder, a folder that takes no file) must
// still say something true: never `em ""`, never an empty details.folder, and never "escolha outra
// pasta", which the preview cannot do.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeRefusal } from '../../db/fileRefusals';
import { errorData } from '../../db/jobs/runner';
import { diskFullError } from '../../db/storeLock';
import { answerJson } from '../../electron/preview/hostPaths';
import { HOST_FOLDER_PREFIX } from '../../electron/preview/hostFolder';

/** What a failed system call throws. */
const fileSystemError = (code: string, syscall: string) => Object.assign(new Error(`${code}: ${syscall}`), { code, syscall });

const hostFolder = join(tmpdir(), `${HOST_FOLDER_PREFIX}4242-1-abcdef`);
const fileFolder = join(hostFolder, 'f-0123456789');

function answered(error: unknown): { ok: false; error: { code: string; message: string; details?: Record<string, unknown> } } {
  return JSON.parse(answerJson({ ok: false, error: errorData(error) })) as never;
}

describe('a refusal naming the host’s own folder', () => {
  it('a full disk names the computer where the desk is open, not an empty folder, and gives no advice the preview cannot follow', () => {
    for (const thrown of [
      writeRefusal(fileSystemError('ENOSPC', 'write'), join(fileFolder, 'pendencias.xlsx'), 'EXPORT_DESTINATION'),
      diskFullError(fileFolder, 'Nada foi gravado. Ou escolha outra pasta.'),
      diskFullError(hostFolder),
    ]) {
      const { error } = answered(thrown);
      expect(error.code).toBe('DISK_FULL');
      expect(error.message).toContain('Disco cheio');
      expect(error.message).toContain('computador onde o CRESS Desk está aberto');
      expect(error.message).not.toContain('""');
      expect(error.message).not.toMatch(/escolha outra pasta/i);
      expect(error.message).not.toContain(HOST_FOLDER_PREFIX);
      expect(JSON.stringify(error.details ?? {})).not.toContain('""');
    }
  });

  it('a job’s failure (jobs:status) is said the same way', () => {
    const status = { state: 'failed', error: errorData(diskFullError(fileFolder, 'Nada foi gravado. Ou escolha outra pasta.')) };
    const text = answerJson({ ok: true, value: status });
    expect(text).not.toContain('\\"\\"');
    expect(text).toContain('computador onde o CRESS Desk está aberto');
  });

  it('a host folder that takes no file is not named as ""', () => {
    const { error } = answered(writeRefusal(fileSystemError('EACCES', 'open'), join(fileFolder, 'auditoria.xlsx'), 'EXPORT_DESTINATION'));
    expect(error.message).not.toContain('""');
    expect(error.message).not.toMatch(/escolha outra pasta/i);
    expect(error.message).toContain('computador onde o CRESS Desk está aberto');
  });

  it('a path outside the host’s folder is left as it is', () => {
    const { error } = answered(diskFullError('/srv/dados', 'Nada foi gravado.'));
    expect(error.message).toBe('Disco cheio: libere espaço em "/srv/dados" e tente de novo. Nada foi gravado.');
    expect(error.details).toEqual({ folder: '/srv/dados' });
  });
});
