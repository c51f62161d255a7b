// The `cress-desk` program. Most of a command's start-up is Node compiling the bundle: Node's
// on-disk compile cache is turned on first (a later run reuses the compiled code; the cache holds
// code only, in the system's temp folder), and only then is the command itself loaded and run.
import { enableCompileCache } from 'node:module';
import { MINIMUM_NODE, nodeTooOld } from './nodeVersion';

enableCompileCache?.();

if (nodeTooOld(process.versions.node)) {
  // Before anything opens the store: its native module may crash an older Node outright.
  process.stderr.write(
    `cress-desk: CRESS Desk needs Node.js ${MINIMUM_NODE} or newer (this is ${process.version}). Run it as npm run cli -- COMMAND, which fetches Node 24 when needed, or install Node 24 LTS.\n`,
  );
  process.exit(1);
}

void Promise.all([import('../../db/fileModes'), import('./program')]).then(async ([{ privateByDefault }, { runCli }]) => {
  privateByDefault(); // what the command writes is its user's only: files 0600, folders 0700
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
});
