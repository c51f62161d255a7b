// Where the store lives: the same folder Electron's app.getPath('userData') gives the app,
// computed without Electron so the command line finds the same file.
import { homedir } from 'node:os';
import { join, posix, resolve, win32 } from 'node:path';

export const PRODUCT_NAME = 'CRESS Desk';
export const STORE_FILE_NAME = 'cress-desk.sqlite';

/** %APPDATA%\CRESS Desk, ~/Library/Application Support/CRESS Desk, or $XDG_CONFIG_HOME (~/.config)/CRESS Desk. */
export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return posix.join(env.XDG_CONFIG_HOME || posix.join(home, '.config'), PRODUCT_NAME);
}

/** `--db FILE`, else the CRESS_DESK_DB variable, else cress-desk.sqlite in the app's data folder. */
export function resolveStorePath(options: { cliPath?: string; env?: NodeJS.ProcessEnv; userDataDir?: string } = {}): string {
  const env = options.env ?? process.env;
  if (options.cliPath) return resolve(options.cliPath);
  if (env.CRESS_DESK_DB) return resolve(env.CRESS_DESK_DB);
  return join(options.userDataDir ?? defaultUserDataDir(process.platform, env), STORE_FILE_NAME);
}
