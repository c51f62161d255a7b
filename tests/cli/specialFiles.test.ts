// A path that names no ordinary file — an endless device (/dev/zero, /dev/urandom), a named pipe
// nobody writes to — given to a command that reads a file: it is refused at once, naming it, never
// read forever at full speed nor waited on.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { posixOnly } from '../posixOnly';
import { CLI_BIN, cliDesk, initDesk } from './command';

const desk = cliDesk('cress-cli-special-', (d) => initDesk(d, { professionals: 5 }), 60_000);

/** The command, stopped after 20 s when it has not answered by then (status null). */
function runBounded(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI_BIN, '--db', desk.store, ...args], { encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('a file to read that is no ordinary file', () => {
  it('batch verify, batch ack, import and backup verify answer at once for /dev/zero, /dev/urandom and a named pipe, naming it', (context) => {
    posixOnly(context, 'devices and named pipes');
    const pipe = join(desk.dir, 'pacote.zip');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    for (const path of ['/dev/zero', '/dev/urandom', pipe]) {
      for (const args of [['batch', 'verify', path], ['batch', 'ack', path], ['import', 'corrections', path], ['backup', 'verify', path]]) {
        const result = runBounded(...args);
        expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(3);
        expect(result.stdout + result.stderr, args.join(' ')).toContain(path);
      }
    }
  }, 240_000);
});
