// Where the browser host takes a token chosen by whoever starts it. A command line is public: every
// account of the computer reads it in `ps`, and the token is all that stands between another local
// account and the desk's data. So the token is taken from a file only its owner may read
// (`--token-file F`, mode 0600) or from the environment (`CRESS_DESK_PREVIEW_TOKEN`, which only the
// same account may read in /proc); `--token T` still works, with a warning saying why not to.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { requireOwnerOnly } from '../cli/signIn';
import { tokenRule, usableToken } from './guards';

export const TOKEN_ENV = 'CRESS_DESK_PREVIEW_TOKEN';

/** A token file holds one line: anything larger is another file, and is not read whole. */
const TOKEN_FILE_MAX_BYTES = 4096;

export const TOKEN_ON_COMMAND_LINE_WARNING =
  `Aviso: o token passado com --token fica visível a todas as contas deste computador (ps). Prefira --token-file ARQUIVO (chmod 600) ou a variável ${TOKEN_ENV}.`;

/** A refused way of giving the token: the host does not start (exit 2, wrong usage). */
export class TokenSourceError extends Error {}

export interface ChosenToken {
  /** The token chosen; undefined when none was, and the host draws its own. */
  token?: string;
  /** Said on the console before the host starts (a token on the command line). */
  warning?: string;
}

/** The first line of the file, which must be an ordinary file only its owner may read. */
export function readTokenFile(given: string): string {
  const path = resolve(given);
  const found = statSync(path, { throwIfNoEntry: false });
  if (!found) throw new TokenSourceError(`--token-file: o arquivo "${path}" não foi encontrado.`);
  if (!found.isFile()) throw new TokenSourceError(`--token-file: "${path}" não é um arquivo comum: o token fica na primeira linha de um arquivo de texto.`);
  if (found.size > TOKEN_FILE_MAX_BYTES) throw new TokenSourceError(`--token-file: "${path}" é grande demais para ser o arquivo do token.`);
  try {
    requireOwnerOnly(path, 'do token');
  } catch (error) {
    throw new TokenSourceError(`--token-file: ${(error as Error).message}`);
  }
  const bytes = Buffer.alloc(TOKEN_FILE_MAX_BYTES);
  let length: number;
  try {
    const fd = openSync(path, 'r');
    try {
      length = readSync(fd, bytes, 0, bytes.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    throw new TokenSourceError(`--token-file: sem permissão para ler "${path}".`);
  }
  return (bytes.subarray(0, length).toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '').trim();
}

/** `--token-file` and `--token` as the host's command line gave them (host.ts reads it). */
export interface TokenArgs {
  tokenFile?: string;
  token?: string;
}

/**
 * The token the host is started with: from `--token-file`, `CRESS_DESK_PREVIEW_TOKEN` or `--token`
 * (one of them at most), else none. The variable is taken out of the environment once read, so no
 * program the host starts inherits it.
 */
export function chosenToken(args: TokenArgs, env: NodeJS.ProcessEnv): ChosenToken {
  const file = args.tokenFile;
  const onCommandLine = args.token;
  const fromEnv = env[TOKEN_ENV];
  delete env[TOKEN_ENV];
  const given = [file !== undefined && '--token-file', fromEnv !== undefined && TOKEN_ENV, onCommandLine !== undefined && '--token'].filter(Boolean);
  if (given.length > 1) throw new TokenSourceError(`Informe o token de um só jeito: ${given.join(', ')} foram dados juntos.`);
  if (file !== undefined) return { token: usable(readTokenFile(file), `--token-file ${file}`) };
  if (fromEnv !== undefined) return { token: usable(fromEnv, TOKEN_ENV) };
  if (onCommandLine !== undefined) return { token: usable(onCommandLine, '--token'), warning: TOKEN_ON_COMMAND_LINE_WARNING };
  return {};
}

/** A token too short or with spaces is wrong usage, said naming the way it was given (exit 2). */
function usable(token: string, source: string): string {
  if (!usableToken(token)) throw new TokenSourceError(tokenRule(source));
  return token;
}
