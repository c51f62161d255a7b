// What the preload and the main process agree on besides the contract itself: the one IPC channel
// that carries every contract call, and the desktop-only operations with their shapes. Free of
// zod, so the preload stays a small sandbox-safe bundle.

/**
 * The IPC channel every contract call travels on, with the contract channel's name as its first
 * argument: the window reaches no other handler, and the dispatcher (db/dispatch.ts) is the one
 * place that knows which names exist — a new channel needs no allowlist of its own.
 */
export const CONTRACT_IPC = 'cress:call';

/**
 * Desktop-only operations (file dialogs, the file manager), served by the Electron main process
 * itself, outside the handler table; the browser host offers upload/download equivalents.
 */
export const DESKTOP_CHANNELS = ['desktop:pickFile', 'desktop:pickFolder', 'desktop:chooseSavePath', 'desktop:reveal', 'desktop:openDraft'] as const;
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
