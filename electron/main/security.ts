// The window's security (Electron's checklist) as plain data and pure decisions, so tests can check
// them without Electron: the app:// origin and the files it serves, navigation, links handed to
// the system, permissions, and what the file manager may show. electron/main/main.ts wires them in.
import { join, resolve, sep } from 'node:path';
import { contentTypeOf } from '../../shared/contentTypes';

/** The app is served from its own privileged scheme, never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** The page's own policy (renderer/index.html), sent again as a header with framing refused. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
export const APP_CSP = `${PAGE_CSP}; frame-ancestors 'none'`;

/**
 * Hosts whose https pages the app may open in the system browser. None: the app links nowhere.
 * A documented help page would be added here by its exact host name.
 */
export const EXTERNAL_HOSTS: readonly string[] = [];

/** Permissions the page may have. None: no camera, microphone, screen, location, devices, notifications. */
export const GRANTED_PERMISSIONS: readonly string[] = [];

export function secureWebPreferences(preloadPath: string, options: { devTools: boolean }) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // Off in an installed app: no inspector for whoever sits at the desk.
    devTools: options.devTools,
    // A middle click must not open a link in a new window.
    disableBlinkFeatures: 'Auxclick',
  } as const;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A URL of the app itself: app://desk/…, with nothing else in its authority. */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/**
 * The built interface's file behind an app:// URL, or null. The path is read as sent, before any
 * normalising: a `..` or `.` segment, an encoded slash or backslash, a drive letter, a NUL byte or
 * a bad escape refuses the whole URL; the result is checked to lie inside `rendererDir` again.
 */
export function appFilePath(url: string, rendererDir: string): string | null {
  if (!isAppUrl(url)) return null;
  const rawPath = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url.trim())?.[1] ?? '';
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || /[/\\:\0]/.test(segment)) return null;
    segments.push(segment);
  }
  const root = resolve(rendererDir);
  const file = join(root, ...(segments.length > 0 ? segments : ['index.html']));
  return file.startsWith(root + sep) ? file : null;
}

/** Headers of every app:// answer: its type, the policy, no sniffing, no referrer. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'content-type': contentTypeOf(file),
    'content-security-policy': APP_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

/** Navigation, redirects and frame loads: only the app's own top-level page. */
export function mayNavigate(url: string, isMainFrame: boolean): boolean {
  return isMainFrame && isAppUrl(url);
}

/**
 * Links the app may hand to the system: e-mail drafts (the DIP notice to Implanta, which the clerk
 * reads and sends herself) and https pages of `hosts` only — by default none.
 */
export function isSafeExternalUrl(url: string, hosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === 'mailto:') return true;
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    hosts.includes(parsed.hostname.toLowerCase())
  );
}

/** Every permission request and check: refused unless listed (none are). */
export function permissionAllowed(permission: string): boolean {
  return GRANTED_PERMISSIONS.includes(permission);
}

/** USB, HID, serial and Bluetooth devices: never. */
export function devicePermissionAllowed(_details: { deviceType: string; origin: string }): boolean {
  return false;
}

/** Screen capture: refused (Electron denies on null; an empty object would throw). */
export function refuseDisplayMedia(callback: (streams: null) => void): void {
  try {
    callback(null);
  } catch {
    // The asking frame is gone: there is nothing left to refuse.
  }
}

/** What the file manager may be asked to show: files the clerk chose or the desk lists, nothing else. */
export interface KnownFiles {
  /** Paths handed out by the dialogs (db/fileBroker.ts). */
  issued(path: string): boolean;
  /** Backups the desk's list shows. */
  listed(path: string): Promise<boolean>;
}

/**
 * Whether to show `path` in the file manager. Unknown paths are refused without looking at the
 * disk, so the answer never tells whether some other file exists.
 */
export async function mayReveal(path: unknown, known: KnownFiles): Promise<boolean> {
  if (typeof path !== 'string' || path.length === 0 || path.length > 4096) return false;
  return known.issued(path) || (await known.listed(path));
}

/**
 * Opens in the computer's mail program only an e-mail draft (`.eml`) the desk itself wrote where the
 * clerk chose: never another file (a renderer that names a program would otherwise run it).
 */
export function mayOpenDraft(path: unknown, known: Pick<KnownFiles, 'issued'>): boolean {
  if (typeof path !== 'string' || path.length === 0 || path.length > 4096) return false;
  return /\.eml$/i.test(path) && known.issued(path);
}

/** The part of an IPC event the sender check reads (Electron's IpcMainInvokeEvent has it). */
export interface SenderEvent {
  senderFrame: { url: string; parent: unknown } | null;
}

/** Only the app's own top-level page may call the store: not a subframe, not another origin. */
export function isTrustedSender(event: SenderEvent): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
