// Which input fields of the contract name a file, and what for. In the app and the browser preview
// these fields carry opaque handles that the window's dialogs or the preview's uploads and
// downloads were given; the command line passes paths its user typed. db/fileGrants.ts turns each
// into a path through the transport's broker before any handler runs (docs/jobs.md).
import type { Channel } from './index';

/**
 * `read`: a file chosen to be read; `write`: a place chosen to save to; `folder`: a folder chosen
 * in a folder dialog; `backup`: a file chosen to be read, or a backup the desk's own list shows.
 */
export type FileInputMode = 'read' | 'write' | 'folder' | 'backup';

export interface FileInput {
  field: string;
  mode: FileInputMode;
  /** The input's own "replace the existing file" flag: set from what the clerk confirmed, never from the caller. */
  replace?: string;
  /** The input's display name: set from the name the clerk saw in the dialog. */
  name?: string;
  /** The field holds a list: in each item, `field` names the file and `name` its display name. */
  each?: { field: string; name?: string };
}

/** A place chosen to save to, which the clerk may have confirmed replacing. */
const SAVE_TO_PATH = [{ field: 'path', mode: 'write', replace: 'replace' }] as const;
/** A spreadsheet to import, with the name the clerk saw, and where its error report goes. */
const IMPORT_FILES = [
  { field: 'path', mode: 'read', name: 'name' },
  { field: 'reportPath', mode: 'write' },
] as const;
/** A backup to open, and a recovery key file. */
const BACKUP_FILES = [
  { field: 'file', mode: 'backup' },
  { field: 'keyFile', mode: 'read' },
] as const;

export const FILE_INPUTS = {
  'imports:inspect': [{ field: 'path', mode: 'read', name: 'name' }],
  'imports:preview': IMPORT_FILES,
  'imports:run': IMPORT_FILES,
  'imports:report': [{ field: 'path', mode: 'write' }],
  'audit:export': SAVE_TO_PATH,
  'settings:exportKey': SAVE_TO_PATH,
  'registry:export': SAVE_TO_PATH,
  'quality:export': SAVE_TO_PATH,
  'batches:export': SAVE_TO_PATH,
  'batches:acknowledge': [{ field: 'path', mode: 'read', name: 'fileName' }],
  'batches:verify': [{ field: 'path', mode: 'read' }],
  'backups:updateSettings': [{ field: 'folder', mode: 'folder' }],
  'backups:create': [{ field: 'folder', mode: 'folder' }],
  'backups:verify': BACKUP_FILES,
  'backups:restorePrepare': BACKUP_FILES,
  'backups:pin': [{ field: 'file', mode: 'backup' }],
  'contacts:add': [{ field: 'attachments', mode: 'read', each: { field: 'path', name: 'fileName' } }],
  'contacts:attach': [{ field: 'path', mode: 'read', name: 'fileName' }],
  'contacts:attachment': SAVE_TO_PATH,
  'contacts:forward': SAVE_TO_PATH,
  'contacts:message': SAVE_TO_PATH,
} as const satisfies Partial<Record<Channel, readonly FileInput[]>>;

export type FileChannel = keyof typeof FILE_INPUTS;
