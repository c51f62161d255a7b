// Answer files written for the tests that read them on their own: a folder of the test file's,
// removed after its tests, and two correction ids an answer may name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

export const ACK_IDS = ['0b7c54e2-55b5-4a37-9f8e-2d1bd1f0a9aa', '5d0f4a39-7a39-4f7e-9b5a-3c2e1d0f9e8b'];

/** A writer of answer files into a new folder (`prefix` names it), each under a name of its own. */
export function ackFileWriter(prefix: string): (name: string, content: string | Buffer) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let count = 0;
  return (name, content) => {
    const path = join(dir, `${++count}-${name}`);
    writeFileSync(path, content);
    return path;
  };
}
