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
}

export const FILE_INPUTS = {
  'imports:inspect': [{ field: 'path', mode: 'read', name: 'name' }],
  'imports:preview': [
    { field: 'path', mode: 'read', name: 'name' },
    { field: 'reportPath', mode: 'write' },
  ],
  'imports:run': [
    { field: 'path', mode: 'read', name: 'name' },
    { field: 'reportPath', mode: 'write' },
  ],
  'imports:report': [{ field: 'path', mode: 'write' }],
  'audit:export': [{ field: 'path', mode: 'write', replace: 'replace' }],
  'settings:exportKey': [{ field: 'path', mode: 'write', replace: 'replace' }],
  'registry:export': [{ field: 'path', mode: 'write', replace: 'replace' }],
  'quality:export': [{ field: 'path', mode: 'write', replace: 'replace' }],
  'batches:export': [{ field: 'path', mode: 'write', replace: 'replace' }],
  'batches:acknowledge': [{ field: 'path', mode: 'read', name: 'fileName' }],
  'batches:verify': [{ field: 'path', mode: 'read' }],
  'backups:updateSettings': [{ field: 'folder', mode: 'folder' }],
  'backups:create': [{ field: 'folder', mode: 'folder' }],
  'backups:verify': [
    { field: 'file', mode: 'backup' },
    { field: 'keyFile', mode: 'read' },
  ],
  'backups:restorePrepare': [
    { field: 'file', mode: 'backup' },
    { field: 'keyFile', mode: 'read' },
  ],
  'backups:pin': [{ field: 'file', mode: 'backup' }],
  'contacts:attach': [{ field: 'path', mode: 'read', name: 'fileName' }],
  'contacts:attachment': [{ field: 'path', mode: 'write', replace: 'replace' }],
  'contacts:forward': [{ field: 'path', mode: 'write', replace: 'replace' }],
  'contacts:message': [{ field: 'path', mode: 'write', replace: 'replace' }],
} as const satisfies Partial<Record<Channel, readonly FileInput[]>>;

export type FileChannel = keyof typeof FILE_INPUTS;
