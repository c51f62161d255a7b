// Channel names alone, so the preload can hold its allowlist without bundling the schemas.
// `contract` in ./index.ts must have exactly these keys (checked by the compiler and a test).
export const CHANNELS = [
  'app:info',
  'settings:setup',
  'settings:update',
  'registry:search',
  'registry:get',
  'registry:find',
  'registry:demo',
  'registry:overview',
  'registry:conflicts',
  'registry:resolveConflict',
  'registry:export',
  'corrections:preview',
  'corrections:save',
  'corrections:list',
  'corrections:counts',
  'corrections:operators',
  'corrections:cancel',
  'corrections:dismissRejection',
  'cep:list',
  'cep:save',
  'audit:verify',
  'audit:export',
  'jobs:status',
  'jobs:cancel',
  'batches:pending',
  'batches:list',
  'batches:find',
  'batches:get',
  'batches:items',
  'batches:create',
  'batches:seal',
  'batches:cancel',
  'batches:removeItem',
  'batches:export',
  'batches:markSent',
  'batches:acknowledge',
  'batches:verify',
  'batches:dipEmail',
  'batches:dashboard',
  'backups:list',
  'backups:summary',
  'backups:settings',
  'backups:updateSettings',
  'backups:create',
  'backups:auto',
  'backups:verify',
  'backups:restorePrepare',
  'backups:restoreApply',
  'backups:restoreDiscard',
  'backups:pin',
  'imports:inspect',
  'imports:preview',
  'imports:run',
  'imports:list',
  'imports:errors',
  'imports:undo',
  'imports:report',
] as const;

export type ChannelName = (typeof CHANNELS)[number];

/**
 * Desktop-only operations (file dialogs, the file manager), served by the Electron main process
 * itself, outside the handler table; the browser host offers upload/download equivalents.
 */
export const DESKTOP_CHANNELS = ['desktop:pickFile', 'desktop:pickFolder', 'desktop:chooseSavePath', 'desktop:reveal'] as const;
export type DesktopChannel = (typeof DESKTOP_CHANNELS)[number];

export interface FileFilter {
  name: string;
  extensions: string[];
}
export interface PickFileOptions {
  title: string;
  filters: FileFilter[];
}
export interface SavePathOptions {
  title: string;
  suggestedName: string;
  filters: FileFilter[];
}
/**
 * A file or folder the clerk chose (native dialog, or the preview's upload/download): an opaque
 * handle for the contract's file fields (./files.ts) and the name to show — never its path.
 */
export interface PickedFile {
  handle: string;
  name: string;
}
