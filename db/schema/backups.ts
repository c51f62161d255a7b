// Backups the desk made or verified, and the backup routine's settings.
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { BACKUP_TRIGGERS } from '../../shared/contract/backups';
import { inVocabulary } from './checks';
import { rowId, singleRow, updatedAt } from './columns';

/**
 * Database backups this desk made or verified (see db/backups/). The folder is the other source of
 * truth: a backup made elsewhere (the command line on another day, another desk) shows up too.
 */
export const backups = sqliteTable(
  'backups',
  {
    id: rowId(),
    folder: text('folder').notNull(),
    fileName: text('file_name').notNull(),
    createdAt: text('created_at').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    encrypted: integer('encrypted').notNull().default(0),
    region: integer('region').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    /** JSON object: rows per table in the copy. */
    counts: text('counts').notNull(),
    /** What made it: the clerk (`manual`), the routine (`auto`), closing the app (`close`), the command line (`cli`); `found` in the folder. */
    trigger: text('trigger').notNull(),
    operator: text('operator'),
    verifiedAt: text('verified_at'),
    /** 1 verified sound, 0 failed its last verification, null never verified here. */
    verifyOk: integer('verify_ok'),
    /** Pinned backups are never removed by the routine's clean-up. */
    pinned: integer('pinned').notNull().default(0),
  },
  (t) => [
    uniqueIndex('backups_folder_file_idx').on(t.folder, t.fileName),
    index('backups_created_at_idx').on(t.createdAt),
    inVocabulary('backups', 'trigger', BACKUP_TRIGGERS),
  ],
);

/** The backup routine: one row. A null folder means the default (Documents/CRESS Desk/Backups). */
export const backupSettings = sqliteTable(
  'backup_settings',
  {
    id: rowId(),
    folder: text('folder'),
    keepLast: integer('keep_last').notNull().default(30),
    intervalHours: integer('interval_hours').notNull().default(24),
    onClose: integer('on_close').notNull().default(1),
    updatedAt: updatedAt(),
  },
  () => [
    singleRow('backup_settings'),
    check('backup_settings_keep_last', sql.raw('keep_last BETWEEN 1 AND 1000')),
    check('backup_settings_interval', sql.raw('interval_hours BETWEEN 1 AND 720')),
  ],
);
