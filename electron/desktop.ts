// Desktop operations the window asks of the main process: native file dialogs and the file
// manager. Only the app's own window may call them (same sender check as the contract).
import { BrowserWindow, dialog, ipcMain, shell } from 'electron';
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import type { PickFileOptions, SavePathOptions } from '../shared/contract/channels';
import { isTrustedSender } from './ipc';

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

export function bindDesktop(appOrigin: string): void {
  const guard =
    <A extends unknown[], R>(fn: (window: BrowserWindow | null, ...args: A) => Promise<R>) =>
    async (event: Electron.IpcMainInvokeEvent, ...args: A): Promise<R | null> =>
      isTrustedSender(event, appOrigin) ? fn(BrowserWindow.fromWebContents(event.sender), ...args) : null;

  ipcMain.handle(
    'desktop:pickFile',
    guard(async (window, options: PickFileOptions) => {
      const dialogOptions = { title: text(options?.title), properties: ['openFile' as const], filters: filtersOf(options?.filters) };
      const chosen = window ? await dialog.showOpenDialog(window, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
      const path = chosen.canceled ? undefined : chosen.filePaths[0];
      return path ? { path, name: basename(path) } : null;
    }),
  );
  ipcMain.handle(
    'desktop:pickFolder',
    guard(async (window, options: { title?: string }) => {
      const dialogOptions = { title: text(options?.title), properties: ['openDirectory' as const, 'createDirectory' as const] };
      const chosen = window ? await dialog.showOpenDialog(window, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    }),
  );
  ipcMain.handle(
    'desktop:chooseSavePath',
    guard(async (window, options: SavePathOptions) => {
      const dialogOptions = { title: text(options?.title), defaultPath: text(options?.suggestedName), filters: filtersOf(options?.filters) };
      const chosen = window ? await dialog.showSaveDialog(window, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
      return chosen.canceled || !chosen.filePath ? null : { path: chosen.filePath, name: basename(chosen.filePath) };
    }),
  );
  ipcMain.handle(
    'desktop:reveal',
    guard(async (_window, path: unknown) => {
      if (typeof path !== 'string' || !existsSync(path)) return false;
      shell.showItemInFolder(path);
      return true;
    }),
  );
}
