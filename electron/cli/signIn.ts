// Who signs a command's writes: `--operator NAME` (the desk's only active operator when absent,
// unless that one has no PIN yet) and
// that operator's PIN, read from the file CRESS_DESK_PIN_FILE names (mode 0600 on POSIX) or asked
// on the terminal. Commands that only read never ask. A wrong PIN ends the command before it writes.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { Writable } from 'node:stream';
import { createInterface } from 'node:readline/promises';
import type { Channel, Input, Output } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { OWN_DESCRIPTOR, readBounded } from './boundedRead';

export const PIN_FILE_ENV = 'CRESS_DESK_PIN_FILE';
export const ADMIN_PIN_FILE_ENV = 'CRESS_DESK_ADMIN_PIN_FILE';

export { READ_ONLY_CHANNELS } from '../../shared/contract/sessions';

/**
 * Refuses the file of a secret (a PIN, a passphrase) that other accounts of the computer may read
 * (POSIX): "O arquivo <of> (<path>) pode ser lido por outras contas…". `of`: "do PIN", "da senha".
 */
export function requireOwnerOnly(path: string, of: string): void {
  let mode: number;
  try {
    const found = statSync(path);
    if (found.isDirectory()) throw new AppError('INPUT_INVALID', `"${path}" é uma pasta, não o arquivo ${of}: informe o arquivo que o guarda.`);
    mode = found.mode;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('INPUT_INVALID', `Não foi possível ler o arquivo ${of} (${path}).`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new AppError('INPUT_INVALID', `O arquivo ${of} (${path}) pode ser lido por outras contas: deixe-o só para a sua (chmod 600).`);
  }
}


/**
 * A PIN from a file: refused unless only its owner may read it (POSIX), its first line otherwise.
 * A named pipe or a device is refused before it is opened (nobody may ever write to the pipe), unless
 * it is one of the process's own descriptors.
 */
/** A PIN file is one short line: anything larger is another file, and is not read whole. */
const PIN_FILE_MAX_BYTES = 1024;

export function pinFromFile(path: string, what: string): string {
  requireOwnerOnly(path, `do ${what}`);
  if (!OWN_DESCRIPTOR.test(resolve(path)) && !statSync(path).isFile()) {
    throw new AppError('INPUT_INVALID', `"${path}" não é um arquivo comum (um pipe ou dispositivo): o ${what} fica na primeira linha de um arquivo de texto.`);
  }
  // Read no further than a PIN file can be: a big file named by mistake is not loaded whole.
  const bytes = readBounded(path, PIN_FILE_MAX_BYTES);
  if (bytes.length > PIN_FILE_MAX_BYTES) {
    throw new AppError('INPUT_INVALID', `"${path}" é grande demais para ser o arquivo do ${what}: o ${what} fica na primeira linha de um arquivo de texto.`);
  }
  const first = bytes.toString('utf8').split(/\r?\n/)[0] ?? '';
  return first.trim();
}

/** Asks on the terminal without echoing what is typed; null when no person is at a terminal. */
export async function promptSecret(question: string): Promise<string | null> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return null;
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    const answer = rl.question(question);
    muted = true;
    const value = await answer;
    process.stderr.write('\n');
    return value.trim();
  } finally {
    rl.close();
  }
}

/** The PIN: the file `envName` names, else the terminal; refused when neither is there. */
export async function readPin(env: NodeJS.ProcessEnv, envName: string, what: string, question: string): Promise<string> {
  const file = env[envName];
  if (file) return pinFromFile(file, what);
  const typed = await promptSecret(question);
  if (typed === null) throw new AppError('SESSION_REQUIRED', `Informe o ${what}: em um terminal, ou num arquivo (modo 0600) indicado por ${envName}.`);
  return typed;
}

type Send = <C extends Channel>(channel: C, input: Input<C>) => Promise<Output<C>>;

/** Starts the command's session: the operator named (or the only active one) and its PIN. */
export async function signIn(send: Send, named: string | undefined, env: NodeJS.ProcessEnv): Promise<void> {
  let name = named?.trim();
  if (!name) {
    const { operators } = await send('operators:list', {});
    const active = operators.filter((o) => !o.disabled);
    // No operator at all: a desk not set up yet, whose handler says so (SETUP_REQUIRED).
    if (active.length === 0) return;
    if (active.length !== 1) throw new AppError('SESSION_REQUIRED', `Informe --operator NOME: esta mesa tem ${active.length} operadores ativos.`);
    const only = active[0]!;
    // An operator without a PIN yet (an older store's, one a restore brought back) takes the PIN of
    // the first session: never from a PIN file read for whoever ran the command before.
    if (!only.hasPin) {
      throw new AppError('SESSION_REQUIRED', `${only.name} é o único operador desta mesa e ainda não tem PIN: para criá-lo, informe --operator "${only.name}" — o PIN lido agora passa a ser o de ${only.name}.`);
    }
    name = only.name;
  }
  const pin = await readPin(env, PIN_FILE_ENV, 'PIN', `PIN de ${name}: `);
  await send('session:start', { name, pin });
}
