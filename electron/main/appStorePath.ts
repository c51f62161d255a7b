// Which store the app opens: `--db FILE` on its command line, else CRESS_DESK_DB, else the data
// folder's (db/paths.ts). The keys are looked after for that same store before it opens.
import { app } from 'electron';
import { resolveStorePath } from '../../db';

export function appStorePath(): string {
  const index = process.argv.indexOf('--db');
  const cliPath = index >= 0 ? process.argv[index + 1] : undefined;
  return resolveStorePath({ cliPath, env: process.env, userDataDir: app.getPath('userData') });
}
