// The `cress-desk` program. Most of a command's start-up is Node compiling the bundle: Node's
// on-disk compile cache is turned on first (a later run reuses the compiled code; the cache holds
// code only, in the system's temp folder), and only then is the command itself loaded and run.
import { enableCompileCache } from 'node:module';

enableCompileCache?.();

void Promise.all([import('../../db/fileModes'), import('./program')]).then(async ([{ privateByDefault }, { runCli }]) => {
  privateByDefault(); // what the command writes is its user's only: files 0600, folders 0700
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
});
