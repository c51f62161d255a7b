// Electron's main process: lifecycle, the one window, the menu, and the store behind IPC.
// Hardened to Electron's security checklist (electron/main/security.ts holds the decisions): the
// window loads from the app:// scheme, navigates nowhere else, gets no permission or device,
// has no DevTools once installed, and names files only through the dialogs' handles.
import { app, BrowserWindow, dialog, Menu, protocol, session, shell } from 'electron';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HandleBroker, openDesk, type Desk } from '../../db';
import { appStorePath } from './appStorePath';
import { privateByDefault } from '../../db/fileModes';
import { AppError } from '../../shared/errors';
import { keepAuditKey } from './auditKey';
import { askForRecoveryKey, keepStoreKey, rememberStoreKey } from './storeKey';
import { installBackupRoutine } from './backupRoutine';
import { bindDesktop } from './desktop';
import { bindIpc } from './ipc';
import { menuTemplate } from './menu';
import {
  APP_ENTRY,
  APP_SCHEME,
  appFilePath,
  appResponseHeaders,
  devicePermissionAllowed,
  isAppUrl,
  isSafeExternalUrl,
  mayNavigate,
  permissionAllowed,
  refuseDisplayMedia,
  secureWebPreferences,
} from './security';
import { APP_VERSION } from '../version';

app.setName('CRESS Desk');
privateByDefault(); // what the app writes is its user's only: files 0600, folders 0700
// Every renderer sandboxed, whatever a window's own settings say.
app.enableSandbox();
// The app's own scheme, before the app is ready: a standard, secure origin (app://desk) for the
// built interface instead of file:// (whose extra privileges the installers' fuse turns off).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
let desk: Desk | null = null;
/** The files the clerk chose in the dialogs: the only ones the window can name (db/fileBroker.ts). */
const files = new HandleBroker();

const rendererDir = join(__dirname, '..', 'renderer');

async function openAppDesk(): Promise<Desk | null> {
  const path = appStorePath();
  let recovered = false;
  for (;;) {
    try {
      const opened = openDesk({ path, appVersion: APP_VERSION, workerPath: join(__dirname, '..', 'worker', 'jobs.cjs'), logDir: app.getPath('logs'), files, create: true, requireSessions: true, keptOpen: true });
      if (recovered) await rememberStoreKey();
      return opened;
    } catch (error) {
      // Encrypted with a key the app does not have: the recovery key file, if the clerk has it.
      if (error instanceof AppError && error.code === 'STORE_KEY' && (await askForRecoveryKey(error.message))) {
        recovered = true;
        continue;
      }
      const message = error instanceof AppError ? error.message : `Não foi possível abrir os dados em ${path}.`;
      dialog.showErrorBox('CRESS Desk não pôde abrir os dados', message);
      return null;
    }
  }
}

/** app://desk/… answers the built interface's files, with the page's policy as a header; nothing else. */
function serveApp(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appFilePath(request.url, rendererDir);
    if (!file) return new Response('Não encontrado', { status: 404 });
    try {
      return new Response(await readFile(file), { headers: appResponseHeaders(file) });
    } catch {
      return new Response('Não encontrado', { status: 404 });
    }
  });
}

function lockDownSessions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionAllowed(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => permissionAllowed(permission));
  ses.setDevicePermissionHandler((details) => devicePermissionAllowed(details));
  ses.setDisplayMediaRequestHandler((_request, callback) => refuseDisplayMedia(callback));
  ses.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback('');
  });
  ses.on('will-download', (event) => event.preventDefault());
  // No network: the app only ever loads its own files (DevTools' own pages in a developer's build).
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAppUrl(details.url) || (!app.isPackaged && details.url.startsWith('devtools://'));
    callback({ cancel: !allowed });
  });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url, true)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!mayNavigate(event.url, event.isMainFrame)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!mayNavigate(event.url, event.isMainFrame)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // An installed app has no DevTools (webPreferences) and closes them if anything opens them.
  if (app.isPackaged) contents.on('devtools-opened', () => contents.closeDevTools());
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
    webPreferences: secureWebPreferences(join(__dirname, '..', 'preload', 'preload.cjs'), { devTools: !app.isPackaged }),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY);
}

function buildMenu(): void {
  const onAbout = () =>
    void dialog.showMessageBox({ title: 'CRESS Desk', message: `CRESS Desk ${APP_VERSION}`, detail: 'Correções cadastrais dos CRESS.' });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ packaged: app.isPackaged, onAbout })));
}

/** Whether a path is one of the backups the desk lists (the file manager may show those). */
async function listedBackup(path: string): Promise<boolean> {
  const answer = await desk?.dispatch('backups:list', {});
  return answer?.ok === true && answer.value.items.some((item) => item.path === path);
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
  // The store key first: the audit key's check reads the store.
  void app.whenReady().then(keepStoreKey).then(keepAuditKey).then(async () => {
    desk = await openAppDesk();
    if (!desk) {
      app.quit();
      return;
    }
    lockDownSessions();
    serveApp();
    bindIpc(desk.dispatch);
    installBackupRoutine(() => desk);
    bindDesktop({ files, listedBackup });
    buildMenu();
    createWindow();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    desk?.close();
    desk = null;
  });
}
