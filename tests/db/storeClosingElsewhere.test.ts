// Another program closing the store as its last connection folds the log, then deletes the -shm,
// then the -wal (SQLite's order), and only then removes its mark beside the store: for a moment the
// -wal is there without its -shm while that program still runs. An open in that moment waits for
// the close to end instead of refusing the store as if its -shm had been deleted behind a running
// program; a -shm that stays deleted while its program keeps the store open is still refused.
import { spawn } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../db';
import { AppError } from '../../shared/errors';
import { posixOnly } from '../posixOnly';
import { tempDir, type TempDir } from './fixtures';

let dir: TempDir;
afterEach(() => dir?.cleanup());

interface Closing {
  /** Ends the close now: the -wal and the mark go, and the program ends. */
  finish(): void;
  /** Resolves once the other program has ended. */
  ended: Promise<void>;
}

/**
 * Another program with its mark beside `store` and the -wal left without a -shm, as in the middle
 * of its close; after `finishAfterMs` (or when told to) it deletes the -wal and its mark and ends.
 */
async function closingElsewhere(store: string, finishAfterMs: number | null): Promise<Closing> {
  writeFileSync(`${store}-wal`, '');
  const script = `
    const fs = require('node:fs');
    const mark = ${JSON.stringify(join(dirname(store), `.${basename(store)}.open-`))} + process.pid + '-0badf00d';
    fs.writeFileSync(mark, '');
    const end = () => { fs.rmSync(${JSON.stringify(`${store}-wal`)}, { force: true }); fs.rmSync(mark, { force: true }); process.exit(0); };
    process.stdin.on('data', end);
    const after = ${JSON.stringify(finishAfterMs)};
    if (after !== null) setTimeout(end, after);
    process.stdout.write('closing\\n');`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const ended = new Promise<void>((done) => child.on('exit', () => done()));
  await new Promise<void>((ready) => child.stdout.once('data', () => ready()));
  return { finish: () => child.stdin.end('x'), ended };
}

describe('an open while another program closes the store', () => {
  it('waits for the other program to finish its close, then opens the store', async (context) => {
    posixOnly(context, 'signals');
    dir = tempDir();
    const store = dir.file('cress-desk.sqlite');
    openStore({ path: store }).close();
    const other = await closingElsewhere(store, 300);
    const opened = openStore({ path: store });
    opened.close();
    await other.ended;
  });

  it('a -shm deleted while the other program keeps the store open is still refused in words', async (context) => {
    posixOnly(context, 'signals');
    dir = tempDir();
    const store = dir.file('cress-desk.sqlite');
    openStore({ path: store }).close();
    const other = await closingElsewhere(store, null);
    try {
      let refused: unknown;
      try {
        openStore({ path: store }).close();
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(AppError);
      expect((refused as AppError).code).toBe('STORE_BUSY');
      expect((refused as AppError).message).toContain(`O arquivo "${store}-shm" ao lado do banco foi apagado`);
    } finally {
      other.finish();
      await other.ended;
    }
  });
});
