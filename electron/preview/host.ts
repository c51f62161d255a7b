// `node out/host/host.cjs [--db FILE] [--port N] [--token-file F | --token T]` (through entry.ts): starts the browser
// host (server.ts) on the desk's store and prints the page's address.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveStorePath } from '../../db';
import { auditKeyFromEnv } from '../../db/auditKey';
import { privateByDefault } from '../../db/fileModes';
import { chosenToken, TokenSourceError } from './hostToken';
import { startHost } from './server';

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

function argValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

/** The token chosen by whoever starts the host (hostToken.ts); a wrong way of giving it stops the host (exit 2). */
function tokenArg(args: string[]): string | undefined {
  try {
    const { token, warning } = chosenToken(args, process.env);
    if (warning) console.error(warning);
    return token;
  } catch (error) {
    if (!(error instanceof TokenSourceError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}

{
  privateByDefault(); // what the host writes is its user's only: files 0600, folders 0700
  const args = process.argv.slice(2);
  const token = tokenArg(args);
  const storePath = auditKeyFromEnv(resolveStorePath({ cliPath: argValue(args, '--db'), env: process.env }), process.env); // the desk's audit key (db/auditKey.ts)
  startHost({
    storePath,
    rendererDir: resolve(__dirname, '../renderer'),
    workerPath: resolve(__dirname, '../worker/jobs.cjs'),
    port: portArg(argValue(args, '--port')),
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
