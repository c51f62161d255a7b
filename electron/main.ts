// Electron's main process: lifecycle, the one window, the menu, and the store behind IPC.
import { app, BrowserWindow, dialog, Menu, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDesk, resolveStorePath, type Desk } from '../db';
import { AppError } from '../shared/errors';
import { installBackupRoutine } from './backupRoutine';
import { bindDesktop } from './desktop';
import { bindIpc } from './ipc';
import { isAppUrl, isSafeExternalUrl, secureWebPreferences } from './security';
import { APP_VERSION } from './version';

app.setName('CRESS Desk');
let desk: Desk | null = null;

function argValue(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const rendererDir = join(__dirname, '..', 'renderer');
const appRootUrl = pathToFileURL(rendererDir).href;

function openAppDesk(): Desk | null {
  const path = resolveStorePath({ cliPath: argValue('--db'), env: process.env, userDataDir: app.getPath('userData') });
  try {
    return openDesk({ path, appVersion: APP_VERSION, workerPath: join(__dirname, '..', 'worker', 'jobs.cjs'), logDir: app.getPath('logs') });
  } catch (error) {
    const message = error instanceof AppError ? error.message : `Não foi possível abrir os dados em ${path}.`;
    dialog.showErrorBox('CRESS Desk não pôde abrir os dados', message);
    return null;
  }
}

function lockDownSessions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // No network: the app only ever loads its own files.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAppUrl(details.url, appRootUrl) || details.url.startsWith('devtools://');
    callback({ cancel: !allowed });
  });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appRootUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1366,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    title: 'CRESS Desk',
    show: false,
    backgroundColor: '#f5f7fa',
    webPreferences: secureWebPreferences(join(__dirname, '..', 'preload', 'preload.cjs')),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(join(rendererDir, 'index.html'));
}

function buildMenu(): void {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([
      { label: 'Arquivo', submenu: [{ role: 'quit', label: 'Sair' }] },
      {
        label: 'Editar',
        submenu: [
          { role: 'undo', label: 'Desfazer' },
          { role: 'redo', label: 'Refazer' },
          { type: 'separator' },
          { role: 'cut', label: 'Recortar' },
          { role: 'copy', label: 'Copiar' },
          { role: 'paste', label: 'Colar' },
          { role: 'selectAll', label: 'Selecionar tudo' },
        ],
      },
      {
        label: 'Exibir',
        submenu: [
          { role: 'resetZoom', label: 'Tamanho normal' },
          { role: 'zoomIn', label: 'Aumentar' },
          { role: 'zoomOut', label: 'Diminuir' },
          { type: 'separator' },
          { role: 'togglefullscreen', label: 'Tela cheia' },
        ],
      },
      {
        label: 'Ajuda',
        submenu: [
          {
            label: 'Sobre o CRESS Desk',
            click: () =>
              void dialog.showMessageBox({ title: 'CRESS Desk', message: `CRESS Desk ${APP_VERSION}`, detail: 'Correções cadastrais dos CRESS.' }),
          },
        ],
      },
    ]),
  );
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  void app.whenReady().then(() => {
    desk = openAppDesk();
    if (!desk) {
      app.quit();
      return;
    }
    lockDownSessions();
    bindIpc(desk.dispatch, appRootUrl);
    installBackupRoutine(() => desk);
    bindDesktop(appRootUrl);
    buildMenu();
    createWindow();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    desk?.close();
    desk = null;
  });
}
