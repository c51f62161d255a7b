// The list of backups: rows of the `backups` table (what this desk made or verified, pinned or not)
// merged with the backup files found in the folder, so a backup made by the command line on another
// day, or copied in from elsewhere, shows up too. Also the routine's settings and its clean-up.
import type { Database } from 'better-sqlite3';
import { lstatSync, readdirSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { BackupItem, BackupSettings, BackupTrigger } from '../../shared/contract/backups';
import { openJobConnection } from '../connections';
import { ZipReader } from '../packaging';
import { differsFromWritten } from './fileMatch';
import { adoptRenamed, type WrittenAndGone } from './renamed';
import { defaultBackupFolder, parseBackupFileName } from './names';
import { writeTransaction } from '../storeLock';

interface BackupRow {
  folder: string;
  file_name: string;
  created_at: string;
  bytes: number;
  sha256: string;
  encrypted: number;
  region: number;
  schema_version: number;
  counts: string;
  trigger: BackupTrigger;
  operator: string | null;
  verified_at: string | null;
  verify_ok: number | null;
  pinned: number;
}

interface SettingsRow {
  folder: string | null;
  keep_last: number;
  interval_hours: number;
  on_close: number;
}

export const DEFAULT_KEEP_LAST = 30;
export const DEFAULT_INTERVAL_HOURS = 24;

export function getBackupSettings(db: Database, defaultFolder = defaultBackupFolder()): BackupSettings {
  const row = db.prepare('SELECT folder, keep_last, interval_hours, on_close FROM backup_settings WHERE id = 1').get() as SettingsRow | undefined;
  return {
    folder: row?.folder ?? defaultFolder,
    defaultFolder,
    keepLast: row?.keep_last ?? DEFAULT_KEEP_LAST,
    intervalHours: row?.interval_hours ?? DEFAULT_INTERVAL_HOURS,
    onClose: row ? row.on_close === 1 : true,
  };
}

export function updateBackupSettings(
  db: Database,
  input: { folder?: string | null; keepLast?: number; intervalHours?: number; onClose?: boolean },
  nowIso: string,
  defaultFolder = defaultBackupFolder(),
): BackupSettings {
  const current = getBackupSettings(db, defaultFolder);
  const folder = input.folder === undefined ? (current.folder === defaultFolder ? null : current.folder) : input.folder === null ? null : resolve(input.folder);
  db.prepare(
    `INSERT INTO backup_settings (id, folder, keep_last, interval_hours, on_close, updated_at) VALUES (1, @folder, @keepLast, @intervalHours, @onClose, @now)
     ON CONFLICT (id) DO UPDATE SET folder = excluded.folder, keep_last = excluded.keep_last, interval_hours = excluded.interval_hours,
       on_close = excluded.on_close, updated_at = excluded.updated_at`,
  ).run({
    folder,
    keepLast: input.keepLast ?? current.keepLast,
    intervalHours: input.intervalHours ?? current.intervalHours,
    onClose: (input.onClose ?? current.onClose) ? 1 : 0,
    now: nowIso,
  });
  return getBackupSettings(db, defaultFolder);
}

export interface BackupRecord {
  path: string;
  createdAt: string;
  bytes: number;
  sha256: string;
  encrypted: boolean;
  region: number;
  schemaVersion: number;
  counts: Record<string, number>;
  trigger: BackupTrigger;
  operator: string | null;
  verifiedAt: string | null;
  verifyOk: boolean | null;
}

/** Records a backup (a new one, or one verified for the first time); keeps an existing pin. */
export function recordBackup(db: Database, record: BackupRecord): void {
  db.prepare(
    `INSERT INTO backups (folder, file_name, created_at, bytes, sha256, encrypted, region, schema_version, counts, trigger, operator, verified_at, verify_ok)
     VALUES (@folder, @fileName, @createdAt, @bytes, @sha256, @encrypted, @region, @schemaVersion, @counts, @trigger, @operator, @verifiedAt, @verifyOk)
     ON CONFLICT (folder, file_name) DO UPDATE SET bytes = excluded.bytes, sha256 = excluded.sha256, encrypted = excluded.encrypted,
       schema_version = excluded.schema_version, counts = excluded.counts, verified_at = excluded.verified_at, verify_ok = excluded.verify_ok`,
  ).run({
    folder: dirname(resolve(record.path)),
    fileName: basename(record.path),
    createdAt: record.createdAt,
    bytes: record.bytes,
    sha256: record.sha256,
    encrypted: record.encrypted ? 1 : 0,
    region: record.region,
    schemaVersion: record.schemaVersion,
    counts: JSON.stringify(record.counts),
    trigger: record.trigger,
    operator: record.operator,
    verifiedAt: record.verifiedAt,
    verifyOk: record.verifyOk === null ? null : record.verifyOk ? 1 : 0,
  });
}

/** Records the outcome of verifying a backup already in the list (nothing when it is not). */
export function recordVerification(db: Database, path: string, ok: boolean, atIso: string): boolean {
  const result = db
    .prepare('UPDATE backups SET verified_at = ?, verify_ok = ? WHERE folder = ? AND file_name = ?')
    .run(atIso, ok ? 1 : 0, dirname(resolve(path)), basename(path));
  return result.changes > 0;
}

/**
 * When the desk made the backup it wrote under this file's name, or null (none written there, or
 * the store cannot be read: a verification never depends on it).
 */
export function recordedCreatedAt(storePath: string, path: string): string | null {
  try {
    const db = openJobConnection(storePath);
    try {
      const row = rowOf(db, path);
      // A file listed because it was found there (and pinned) was not written by this desk.
      return row && row.trigger !== 'found' ? row.created_at : null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

function rowOf(db: Database, path: string): BackupRow | undefined {
  return db.prepare('SELECT * FROM backups WHERE folder = ? AND file_name = ?').get(dirname(resolve(path)), basename(path)) as BackupRow | undefined;
}

async function zipIsEncrypted(path: string): Promise<boolean | null> {
  try {
    const zip = await ZipReader.open(path);
    try {
      return zip.encrypted;
    } finally {
      await zip.close();
    }
  } catch {
    return null;
  }
}

function itemOfRow(row: BackupRow, bytes: number, changed: boolean): BackupItem {
  return {
    fileName: row.file_name,
    path: join(row.folder, row.file_name),
    createdAt: row.created_at,
    bytes,
    encrypted: row.encrypted === 1,
    verified: row.verify_ok === null ? null : row.verify_ok === 1,
    verifiedAt: row.verified_at,
    changed,
    pinned: row.pinned === 1,
    trigger: row.trigger,
    region: row.region,
    counts: row.schema_version > 0 ? (JSON.parse(row.counts) as Record<string, number>) : null,
    sha256: row.sha256 === '' ? null : row.sha256,
    renamedFrom: null,
  };
}

/**
 * A backup this desk wrote, found renamed: the row's facts and verification (the bytes are those it
 * wrote), and the pin of the file under its new name, when it was pinned (or verified) under it.
 */
function renamedItem(row: BackupRow, path: string, bytes: number, listed: BackupItem | undefined): BackupItem {
  const item = itemOfRow(row, bytes, false);
  const newer = listed?.verifiedAt && (!item.verifiedAt || listed.verifiedAt > item.verifiedAt) ? { verified: listed.verified, verifiedAt: listed.verifiedAt } : {};
  return { ...item, ...newer, pinned: listed?.pinned ?? false };
}

/** A backup file in the folder that the table does not know (yet); null for anything but a regular file. */
async function itemOfFile(path: string): Promise<BackupItem | null> {
  const parsed = parseBackupFileName(basename(path));
  if (!parsed) return null;
  // A link named like a backup (to /etc/shadow, to another file) is not one: never followed.
  const bytes = sizeOf(path);
  if (bytes === null) return null;
  return {
    fileName: basename(path),
    path,
    createdAt: parsed.createdAt.toISOString(),
    bytes,
    encrypted: await zipIsEncrypted(path),
    verified: null,
    verifiedAt: null,
    changed: false,
    pinned: false,
    trigger: null,
    region: parsed.region,
    counts: null,
    sha256: null,
    renamedFrom: null,
  };
}

function backupFilesIn(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((name) => parseBackupFileName(name) !== null)
      .map((name) => join(folder, name));
  } catch {
    return [];
  }
}

/**
 * Every backup whose file exists: the table's rows (any folder) and the folder's files, newest
 * first; a backup the clerk renamed is listed under its new name (renamed.ts). `compare: false`
 * skips reading the files the desk wrote to tell whether they were replaced (`changed` is then
 * false): for callers that only need the paths.
 */
export async function listBackups(db: Database, folder: string, options: { compare?: boolean } = {}): Promise<BackupItem[]> {
  const items = new Map<string, BackupItem>();
  const gone: (BackupRow & WrittenAndGone)[] = [];
  for (const row of db.prepare('SELECT * FROM backups').all() as BackupRow[]) {
    const path = join(row.folder, row.file_name);
    // A link put in its place is no backup, and is never followed (links.test.ts).
    const size = sizeOf(path);
    if (size === null) {
      // Gone under this name: no longer a backup the clerk has, unless the clerk renamed it (below).
      if (WRITTEN_HERE.includes(row.trigger) && row.sha256 !== '') gone.push({ ...row, fileName: row.file_name });
      continue;
    }
    items.set(path, itemOfRow(row, size, options.compare !== false && (await differsFromWritten(path, row))));
  }
  for (const path of backupFilesIn(resolve(folder))) {
    if (items.has(path)) continue;
    const item = await itemOfFile(path);
    if (item) items.set(path, item);
  }
  await adoptRenamed(gone, items, folder, renamedItem);
  return [...items.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.fileName.localeCompare(a.fileName));
}

/** Pins or unpins a backup; a file the table did not know gets a row (unverified). */
export async function setPinned(db: Database, path: string, pinned: boolean): Promise<BackupItem | null> {
  const full = resolve(path);
  if (!rowOf(db, full)) {
    // A backup of this desk the clerk renamed is known by its bytes (renamed.ts), not by its name.
    const item = (await itemOfFile(full)) ?? (await listedRenamed(db, full));
    if (!item) return null;
    db.prepare(
      `INSERT INTO backups (folder, file_name, created_at, bytes, sha256, encrypted, region, schema_version, counts, trigger)
       VALUES (?, ?, ?, ?, '', ?, ?, 0, '{}', 'found')`,
    ).run(dirname(full), basename(full), item.createdAt, item.bytes, item.encrypted ? 1 : 0, item.region ?? 0);
  }
  db.prepare('UPDATE backups SET pinned = ? WHERE folder = ? AND file_name = ?').run(pinned ? 1 : 0, dirname(full), basename(full));
  const row = rowOf(db, full) as BackupRow;
  // A row of its own the desk did not write: the file may be one of its backups, moved or renamed.
  const renamed = row.trigger === 'found' ? await listedRenamed(db, full) : null;
  if (renamed) return renamed;
  return itemOfRow(row, sizeOf(full) ?? row.bytes, await differsFromWritten(full, row));
}

/**
 * The backup the list shows at `path` when it is one this desk wrote under another name or in
 * another folder, or null. Only for a path with no row the desk wrote: the list then shows this
 * desk's trigger there only for a file it knew by its bytes (a moved one has no `renamedFrom`).
 */
async function listedRenamed(db: Database, path: string): Promise<BackupItem | null> {
  const items = await listBackups(db, getBackupSettings(db).folder, { compare: false });
  return items.find((item) => item.path === path && item.trigger !== null && item.trigger !== 'found') ?? null;
}

/** Triggers of backups this desk wrote itself (`found`: a file it only verified or pinned). */
const WRITTEN_HERE: readonly BackupTrigger[] = ['manual', 'auto', 'close', 'cli'];

/**
 * Keeps the newest `keepLast` backups of `region` in `folder` and removes the older ones, except
 * pinned ones. Only backups the catalogue says this desk wrote there, whose file still has the size
 * it was written with, are ever removed: a file merely named like a backup, one found in the
 * folder, or one replaced since, stays. Returns the removed names.
 */
export function pruneBackups(db: Database, folder: string, region: number, keepLast: number): string[] {
  const full = resolve(folder);
  const rows = db
    .prepare(`SELECT file_name, bytes, pinned FROM backups WHERE folder = ? AND region = ? AND trigger IN (${WRITTEN_HERE.map(() => '?').join(', ')})`)
    .all(full, region, ...WRITTEN_HERE) as { file_name: string; bytes: number; pinned: number }[];
  const ours = rows
    .map((row) => ({ ...row, path: join(full, row.file_name), parsed: parseBackupFileName(row.file_name) }))
    .filter((f): f is typeof f & { parsed: NonNullable<typeof f.parsed> } => f.parsed !== null && f.parsed.region === region)
    .filter((f) => sizeOf(f.path) === f.bytes)
    .sort((a, b) => b.parsed.createdAt.getTime() - a.parsed.createdAt.getTime() || b.path.localeCompare(a.path));
  const removed: string[] = [];
  for (const file of ours.slice(keepLast)) {
    if (file.pinned === 1) continue;
    try {
      unlinkSync(file.path);
      removed.push(file.file_name);
    } catch {
      continue; // read-only or gone: try again next time
    }
    db.prepare('DELETE FROM backups WHERE folder = ? AND file_name = ?').run(full, file.file_name);
  }
  return removed;
}

/** The size of a regular file; null when it is not one (gone, a folder, a link). */
function sizeOf(path: string): number | null {
  try {
    const stat = lstatSync(path);
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}

/** Whether `path` is exactly one of the backups the list shows (the window may name those). */
export async function isListedBackup(db: Database, path: string): Promise<boolean> {
  const items = await listBackups(db, getBackupSettings(db).folder, { compare: false });
  return items.some((item) => item.path === path);
}

/** When the last verified backup this desk wrote was made, for the routine. */
export function lastBackupAt(db: Database): Date | null {
  // A backup of another desk verified here (`found`) says nothing of this store's.
  const at = db
    .prepare(`SELECT max(created_at) FROM backups WHERE verify_ok = 1 AND trigger IN (${WRITTEN_HERE.map(() => '?').join(', ')})`)
    .pluck()
    .get(...WRITTEN_HERE) as string | null;
  return at ? new Date(at) : null;
}

/** Rows and settings of the catalog, to carry across a restore (the restored copy has older ones). */
export function exportCatalog(db: Database): { rows: BackupRow[]; settings: SettingsRow | null } {
  return {
    rows: db.prepare('SELECT * FROM backups').all() as BackupRow[],
    settings: (db.prepare('SELECT folder, keep_last, interval_hours, on_close FROM backup_settings WHERE id = 1').get() as SettingsRow | undefined) ?? null,
  };
}

export function importCatalog(db: Database, catalog: ReturnType<typeof exportCatalog>, nowIso: string): void {
  writeTransaction(db, () => {
    const insert = db.prepare(
      `INSERT INTO backups (folder, file_name, created_at, bytes, sha256, encrypted, region, schema_version, counts, trigger, operator, verified_at, verify_ok, pinned)
       VALUES (@folder, @file_name, @created_at, @bytes, @sha256, @encrypted, @region, @schema_version, @counts, @trigger, @operator, @verified_at, @verify_ok, @pinned)
       ON CONFLICT (folder, file_name) DO UPDATE SET pinned = excluded.pinned, verified_at = excluded.verified_at, verify_ok = excluded.verify_ok`,
    );
    for (const row of catalog.rows) insert.run(row);
    if (catalog.settings) {
      db.prepare(
        `INSERT INTO backup_settings (id, folder, keep_last, interval_hours, on_close, updated_at) VALUES (1, @folder, @keep_last, @interval_hours, @on_close, @now)
         ON CONFLICT (id) DO UPDATE SET folder = excluded.folder, keep_last = excluded.keep_last, interval_hours = excluded.interval_hours, on_close = excluded.on_close`,
      ).run({ ...catalog.settings, now: nowIso });
    }
  });
}
