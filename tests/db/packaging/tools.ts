// Standard tools the packaging tests check our files with (Debian: unzip, zip, 7zip, coreutils).
import { spawnSync } from 'node:child_process';

export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
}

/** 7-Zip's command: `7zz` (Debian package 7zip) or `7z` (p7zip-full); null when neither is installed. */
export function sevenZip(): string | null {
  return ['7zz', '7z'].find(hasTool) ?? null;
}

export const SEVEN_ZIP_MISSING = '7-Zip is not installed (Debian: apt-get install 7zip): the AES files were not opened with a standard tool.';

export function run(command: string, args: string[], cwd?: string): { code: number | null; out: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return { code: result.status, out: `${result.stdout}${result.stderr}` };
}
