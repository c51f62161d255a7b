// A backup or lote on a pendrive pulled out while it is checked: reading fails with the system's
// own error (EIO). The clerk read "Não foi possível ler bagit.txt: EIO: i/o error, read"; she is
// now told, in Portuguese, that the file could not be read from its disk and what to do.
import { describe, expect, it } from 'vitest';
import { validateBag, type BagSource } from '../../../db/packaging';

function failingSource(code: string, syscall = 'read'): BagSource {
  return {
    files: [
      { path: 'bagit.txt', size: 55 },
      { path: 'data/cress-desk.sqlite', size: 4096 },
    ],
    // eslint-disable-next-line require-yield -- the read fails before any chunk
    async *read(): AsyncIterable<Buffer> {
      throw Object.assign(new Error(`${code}: i/o error, ${syscall}`), { code, syscall, errno: -5 });
    },
  };
}

describe('a bag whose file cannot be read from its disk', () => {
  it('says so in Portuguese, with no English system words, and what to do', async () => {
    const { problems } = await validateBag(failingSource('EIO'));
    const problem = problems.find((p) => p.path === 'bagit.txt');
    expect(problem?.code).toBe('FILE_DAMAGED');
    expect(problem?.message).toMatch(/não pôde ser lido/);
    expect(problem?.message).toMatch(/pendrive/);
    expect(problem?.message).not.toMatch(/i\/o error|read$/);
  });
});
