// Desktop operations the window asks of the main process: native file dialogs and the file
// manager. Only the app's own window may call them (same sender check as the contract). A dialog
// answers the window a handle and the name, never the path: the handle is what the contract's
// file fields accept (db/fileBroker.ts), so the window cannot name any other file.
import { BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { PickedFile, PickFileOptions, SavePathOptions } from '../../shared/contract/channels';
import type { HandleBroker } from '../../db';
import { isTrustedSender } from './ipc';
import { mayOpenDraft, mayReveal } from './security';

function text(value: unknown, max = 200): string {
  return typeof value === 'string' ? value.slice(0, max) : '';
}

function filtersOf(value: unknown): { name: string; extensions: string[] }[] {
  if (!Array.isArray(value)) return [];
  return value.slice(0, 10).map((f: { name?: unknown; extensions?: unknown }) => ({
    name: text(f?.name, 80),
    extensions: Array.isArray(f?.extensions) ? f.extensions.filter((e): e is string => typeof e === 'string' && /^[a-z0-9*]{1,8}$/i.test(e)) : [],
  }));
}

export interface DesktopDeps {
  files: HandleBroker;
  /** Whether a path is a backup the desk's list shows (the file manager may show those too). */
  listedBackup(path: string): Promise<boolean>;
}

export function bindDesktop({ files, listedBackup }: DesktopDeps): void {
  const guard =
    <A extends unknown[], R>(fn: (window: BrowserWindow | null, ...args: A) => Promise<R>) =>
    async (event: Electron.IpcMainInvokeEvent, ...args: A): Promise<R | null> =>
      isTrustedSender(event) ? fn(BrowserWindow.fromWebContents(event.sender), ...args) : null;

  ipcMain.handle(
    'desktop:pickFile',
    guard(async (window, options: PickFileOptions): Promise<PickedFile | null> => {
      const dialogOptions = { title: text(options?.title), properties: ['openFile' as const], filters: filtersOf(options?.filters) };
      const chosen = window ? await dialog.showOpenDialog(window, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
      const path = chosen.canceled ? undefined : chosen.filePaths[0];
      return path ? { handle: files.issue(path, 'read'), name: basename(path) } : null;
    }),
  );
  ipcMain.handle(
    'desktop:pickFolder',
    guard(async (window, options: { title?: string }): Promise<PickedFile | null> => {
      const dialogOptions = { title: text(options?.title), properties: ['openDirectory' as const, 'createDirectory' as const] };
      const chosen = window ? await dialog.showOpenDialog(window, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
      const path = chosen.canceled ? undefined : chosen.filePaths[0];
      // A folder's "name" is where it is: the settings show the clerk the whole path she chose.
      return path ? { handle: files.issue(path, 'folder', { name: path }), name: path } : null;
    }),
  );
  ipcMain.handle(
    'desktop:chooseSavePath',
    guard(async (window, options: SavePathOptions): Promise<PickedFile | null> => {
      const dialogOptions = {
        title: text(options?.title),
        defaultPath: basename(text(options?.suggestedName)),
        filters: filtersOf(options?.filters),
        // Windows and macOS always ask before replacing a file; Linux only with this.
        properties: ['showOverwriteConfirmation' as const, 'createDirectory' as const],
      };
      const chosen = window ? await dialog.showSaveDialog(window, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
      if (chosen.canceled || !chosen.filePath) return null;
      // A file already there was confirmed in the dialog: that save (once) may replace it.
      const handle = files.issue(chosen.filePath, 'write', { replace: existsSync(chosen.filePath) });
      return { handle, name: basename(chosen.filePath) };
    }),
  );
  ipcMain.handle(
    'desktop:reveal',
    guard(async (_window, path: unknown) => {
      if (!(await mayReveal(path, { issued: (p) => files.issued(p), listed: listedBackup }))) return false;
      shell.showItemInFolder(path as string);
      return true;
    }),
  );
  ipcMain.handle(
    'desktop:openDraft',
    guard(async (_window, path: unknown) => {
      if (!mayOpenDraft(path, { issued: (p) => files.issued(p) })) return false;
      // openPath answers an error message, or '' when the mail program took the file.
      return (await shell.openPath(path as string)) === '';
    }),
  );
}
