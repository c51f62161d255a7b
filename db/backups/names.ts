// Names and places of backups: `CRESS09-backup-20261124-153000.zip` (region, local time; on a demo
// desk `CRESS09-DEMONSTRACAO-backup-…`; on a seccional's desk `CRESS09-campinas-backup-…`, as its
// lotes are named) in `<Documents>/CRESS Desk/Backups` unless the clerk chose another folder.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, posix, win32 } from 'node:path';
import { demoFileName, regionCode, seccionalTag } from '../../shared/regions';
import { PRODUCT_NAME } from '../paths';

/** The database file inside the bag: `data/cress-desk.sqlite`. */
export const BACKUP_PAYLOAD = 'cress-desk.sqlite';

const NAME = /^CRESS(\d{2})-(?:DEMONSTRACAO-)?(?:[a-z0-9]+(?:-[a-z0-9]+)*-)?backup-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.zip$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * `CRESS09-backup-20261124-153000.zip`, from the local time of `at`; marked on a demo desk, and with
 * the seccional's mark on a seccional's desk (`CRESS09-campinas-backup-…`): the head office's and
 * each seccional's backups are told apart by name.
 */
export function backupFileName(region: number, at: Date, demo = false, seccional: string | null = null): string {
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  const tag = seccionalTag(seccional);
  return demoFileName(`${regionCode(region)}${tag === null ? '' : `-${tag}`}-backup-${stamp}.zip`, demo);
}

/**
 * `CRESS09-para-implanta-20261124-153000.zip`: a copy made for Implanta (from a seccional's desk
 * `CRESS09-campinas-para-implanta-…`, so Implanta tells it from the head office's). Not a backup's
 * name, so the routine never lists or prunes one.
 */
export function implantaCopyFileName(region: number, at: Date, demo = false, seccional: string | null = null): string {
  const tag = seccionalTag(seccional);
  return backupFileName(region, at, demo).replace('-backup-', `${tag === null ? '' : `-${tag}`}-para-implanta-`);
}

/**
 * The moment a new backup records and the name it takes in `folder`: `at`, or — when a backup of
 * that second is already there (two in one second: a double click, the routine beside a command)
 * — the next second whose name is free. A name is one second, and an existing file is never replaced.
 */
export function freeBackupName(folder: string, at: Date, nameAt: (at: Date) => string): { createdAt: Date; fileName: string } {
  let createdAt = at;
  for (let tries = 0; tries < 60 && existsSync(join(folder, nameAt(createdAt))); tries++) {
    createdAt = new Date(createdAt.getTime() + 1000);
  }
  return { createdAt, fileName: nameAt(createdAt) };
}

/** The region and the (local) moment a backup's name records, demo or not; null for any other name. */
export function parseBackupFileName(fileName: string): { region: number; createdAt: Date } | null {
  const match = NAME.exec(fileName);
  if (!match) return null;
  const [, region, year, month, day, hours, minutes, seconds] = match.map(Number) as number[];
  const createdAt = new Date(year!, month! - 1, day!, hours!, minutes!, seconds!);
  if (Number.isNaN(createdAt.getTime()) || createdAt.getMonth() !== month! - 1) return null;
  return { region: region!, createdAt };
}

/** An ISO date-time with the local offset (`2026-11-24T15:30:00-03:00`), for bag-info.txt. */
export function localIsoWithOffset(at: Date): string {
  const offset = -at.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/**
 * The user's Documents folder: %USERPROFILE%\Documents on Windows, ~/Documents on macOS,
 * $XDG_DOCUMENTS_DIR or ~/Documents on Linux (what Electron's app.getPath('documents') answers).
 */
export function documentsDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  if (platform === 'win32') return win32.join(env.USERPROFILE || home, 'Documents');
  if (platform === 'linux' && env.XDG_DOCUMENTS_DIR) return env.XDG_DOCUMENTS_DIR;
  return posix.join(home, 'Documents');
}

/** `<Documents>/CRESS Desk/Backups`. */
export function defaultBackupFolder(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const documents = documentsDir(platform, env, home);
  return platform === 'win32' ? win32.join(documents, PRODUCT_NAME, 'Backups') : join(documents, PRODUCT_NAME, 'Backups');
}
