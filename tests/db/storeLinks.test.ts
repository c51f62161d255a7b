// A store with a second name on disk (a hard link) is refused: opened by the two names, two programs
// would each keep a -wal of its own and one would lose what the other saved. The second name a
// restore killed before its swap leaves (the store kept aside as `before-restore`) is taken away and
// the store opens as it was.
import { existsSync, linkSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../db';
import { tempDir, type TempDir } from './fixtures';

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

function madeStore(): string {
  const path = dir.file('cress-desk.sqlite');
  openStore({ path }).close();
  return path;
}

describe('a store with a second name', () => {
  it('is refused by either name, saying why, and left as it was', () => {
    const path = madeStore();
    const alias = dir.file('outro-nome.sqlite');
    linkSync(path, alias);
    const size = statSync(path).size;
    for (const name of [path, alias]) {
      expect(() => openStore({ path: name, create: false })).toThrow(expect.objectContaining({ code: 'STORE_NOT_FOUND', message: expect.stringMatching(/outro nome no disco \(um link físico\).*Nada foi alterado\.$/) }));
    }
    expect(existsSync(`${path}-wal`) || existsSync(`${alias}-wal`)).toBe(false);
    expect(statSync(path)).toMatchObject({ size, nlink: 2 });
  });

  it('opens once a restore killed before its swap left it under its before-restore name too, taking that name away', () => {
    const path = madeStore();
    const aside = dir.file('cress-desk.before-restore-20261206-153000.sqlite');
    linkSync(path, aside);
    openStore({ path, create: false }).close();
    expect(existsSync(aside)).toBe(false);
    expect(statSync(path).nlink).toBe(1);
  });
});
