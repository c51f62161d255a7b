// `node out/host/host.cjs [--db FILE] [--port N] [--token-file F | --token T]` (through entry.ts): starts the browser
// host (server.ts) on the desk's store and prints the page's address.
// The arguments are read with Node's own `util.parseArgs` in strict mode: an argument the host does
// not take, or an option without its value, must stop it before anything is opened. Reading only the
// options it knew let `--help`, a typo or `--db=FILE` start a host on the app's default store (and
// create that store when missing). parseArgs also takes `--opt=value` for every option with a value.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveStorePath } from '../../db';
import { auditKeyFromEnv } from '../../db/auditKey';
import { privateByDefault } from '../../db/fileModes';
import { chosenToken, TOKEN_ENV, TokenSourceError } from './hostToken';
import { startHost } from './server';

const OPTIONS = {
  db: { type: 'string' },
  port: { type: 'string' },
  'token-file': { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const SYNOPSIS = 'Usage: node out/host/host.cjs [--db FILE] [--port N] [--token-file FILE | --token TOKEN]';

const USAGE = `${SYNOPSIS}
Serves CRESS Desk (the browser preview) on 127.0.0.1 and prints the page's one-time address.

  --db FILE          the store to open (default: $CRESS_DESK_DB, else cress-desk.sqlite in the app's data folder)
  --port N           the port to listen on, 0 to 65535 (default 0: one the system picks)
  --token-file FILE  the token, on the first line of a file only its owner may read (chmod 600)
  --token TOKEN      the token on the command line, which every account sees in ps (prefer --token-file)
  -h, --help         print this help and exit

An option's value may also be given as --option=VALUE. The token may instead come from ${TOKEN_ENV};
with none, the host draws its own. Exit status: 0 stopped, 1 could not start, 2 wrong usage.
`;

/** Wrong usage: said with the synopsis, and the host does not start (exit 2). */
class UsageError extends Error {}

interface HostArgs {
  help: boolean;
  db?: string;
  port?: string;
  tokenFile?: string;
  token?: string;
}

function parseHostArgs(args: string[]): HostArgs {
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false, tokens: true });
  } catch (error) {
    // Unknown option, stray argument, missing value: the parser's message names the argument.
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS_')) throw new UsageError((error as Error).message);
    throw error;
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind === 'option-terminator') throw new UsageError("Unexpected argument '--'");
    if (token.kind !== 'option') continue;
    // An empty value is a script's variable left unset: `--db ""` would otherwise open the default store.
    if (token.value === '') throw new UsageError(`Option '${token.rawName}' needs a value: an empty one was given`);
    // A second --db or token would silently win over the first. --port may repeat, the last one
    // winning: `npm run preview` puts its default --port before the ones passed to it.
    if (token.name !== 'port' && token.name !== 'help' && seen.has(token.name)) throw new UsageError(`Option '--${token.name}' was given more than once`);
    seen.add(token.name);
  }
  const { values } = parsed;
  return { help: values.help === true, db: values.db, port: values.port, tokenFile: values['token-file'], token: values.token };
}

/** --port as a number; a value that is no port stops the host with a message saying what it takes. */
function portArg(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65535) {
    console.error(`--port ${value}: informe um número de porta de 0 a 65535.`);
    process.exit(2);
  }
  return port;
}

/** The token chosen by whoever starts the host (hostToken.ts); a wrong way of giving it stops the host (exit 2). */
function tokenArg(args: HostArgs): string | undefined {
  try {
    const { token, warning } = chosenToken({ tokenFile: args.tokenFile, token: args.token }, process.env);
    if (warning) console.error(warning);
    return token;
  } catch (error) {
    if (!(error instanceof TokenSourceError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

function main(): void {
  let args: HostArgs;
  try {
    args = parseHostArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`cress-desk host: ${error.message}\n${SYNOPSIS}\n(--help lists the options)\n`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  privateByDefault(); // what the host writes is its user's only: files 0600, folders 0700
  const token = tokenArg(args);
  const port = portArg(args.port);
  const storePath = auditKeyFromEnv(resolveStorePath({ cliPath: args.db, env: process.env }), process.env); // the desk's audit key (db/auditKey.ts)
  startHost({
    storePath,
    rendererDir: resolve(__dirname, '../renderer'),
    workerPath: resolve(__dirname, '../worker/jobs.cjs'),
    port,
    token,
    // Each address opens one tab (pageTickets.ts): whoever started the host gets the next one here.
    onAddressUsed: (next) => console.log(`Endereço usado. Para abrir outra aba: ${next}`),
  })
    .then((host) => {
      // Ctrl+C, SIGTERM and a closed terminal (SIGHUP) close the store and remove the uploads and downloads;
      // so does any other exit. Set before the address is printed: whoever waits for it may stop the host at once.
      const stop = () => void host.close().then(() => process.exit(0));
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
      process.on('exit', () => rmSync(host.filesDir, { recursive: true, force: true }));
      console.log(`CRESS Desk (prévia no navegador): ${host.url}`);
      console.log(`Dados: ${storePath}`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}

main();
