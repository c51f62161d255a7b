// The window's security settings and the preload's bundle, checked without Electron: the
// app:// protocol's files, navigation, links handed to the system, permissions, DevTools, the
// file manager, and the fuses of the installers.
import type { MenuItemConstructorOptions } from 'electron';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../electron/main/menu';
import {
  APP_CSP,
  APP_ENTRY,
  appFilePath,
  appResponseHeaders,
  devicePermissionAllowed,
  isAppUrl,
  isSafeExternalUrl,
  isTrustedSender,
  mayNavigate,
  mayOpenDraft,
  mayReveal,
  permissionAllowed,
  refuseDisplayMedia,
  secureWebPreferences,
} from '../../electron/main/security';

const root = resolve('/opt/CRESS Desk/resources/app.asar/out/renderer');
const mainSource = readFileSync(resolve(__dirname, '../../electron/main/main.ts'), 'utf8');

describe('window security', () => {
  it('isolates the renderer from Node', () => {
    expect(secureWebPreferences('/app/preload.cjs', { devTools: false })).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('has no DevTools in an installed app, and neither a menu item nor a shortcut for them', () => {
    expect(secureWebPreferences('/app/preload.cjs', { devTools: false }).devTools).toBe(false);
    const roles = (items: MenuItemConstructorOptions[]): string[] =>
      items.flatMap((item) => [String(item.role ?? ''), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
    const accelerators = (items: MenuItemConstructorOptions[]): string[] =>
      items.flatMap((item) => [String(item.accelerator ?? ''), ...(Array.isArray(item.submenu) ? accelerators(item.submenu) : [])]);
    const installed = menuTemplate({ packaged: true, onAbout: () => {} });
    expect(roles(installed).map((r) => r.toLowerCase())).not.toContain('toggledevtools');
    expect(accelerators(installed).join(' ')).not.toMatch(/Shift\+I|F12/i);
    // A developer's build keeps them.
    expect(roles(menuTemplate({ packaged: false, onAbout: () => {} }))).toContain('toggleDevTools');
  });

  it('is loaded from app://, not from file://', () => {
    expect(APP_ENTRY).toBe('app://desk/index.html');
    expect(isAppUrl(APP_ENTRY)).toBe(true);
    expect(isAppUrl('app://desk/assets/index-3f2a.js')).toBe(true);
    expect(isAppUrl(`file://${root}/index.html`)).toBe(false);
    expect(isAppUrl('app://desk.evil/index.html')).toBe(false);
    expect(isAppUrl('app://user:pw@desk/index.html')).toBe(false);
    expect(isAppUrl('https://desk/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('serves from app:// only the files of the built interface', () => {
    expect(appFilePath('app://desk/index.html', root)).toBe(join(root, 'index.html'));
    expect(appFilePath('app://desk/', root)).toBe(join(root, 'index.html'));
    expect(appFilePath('app://desk/assets/index-3f2a.js?v=1#x', root)).toBe(join(root, 'assets', 'index-3f2a.js'));
    expect(appFilePath('app://desk/assets/Fonte%20Nova.woff2', root)).toBe(join(root, 'assets', 'Fonte Nova.woff2'));
    for (const url of [
      'app://desk/../main/main.cjs',
      'app://desk/%2e%2e/main/main.cjs',
      'app://desk/assets/%2E%2E/%2E%2E/package.json',
      'app://desk/..%2f..%2fpackage.json',
      'app://desk/..%5C..%5Cpackage.json',
      'app://desk/%2Fetc%2Fpasswd',
      'app://desk/C:%5CWindows%5Cwin.ini',
      'app://desk/index.html%00.png',
      'app://desk/%E0%A4%A',
      'app://other/index.html',
      `file://${root}/index.html`,
    ]) {
      expect({ url, file: appFilePath(url, root) }).toEqual({ url, file: null });
    }
  });

  it('answers its files with their type and the Content-Security-Policy of the page, framing refused', () => {
    const html = readFileSync(resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(APP_CSP).toBe(`${meta}; frame-ancestors 'none'`);
    expect(appResponseHeaders('/x/index.html')).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': APP_CSP,
      'x-content-type-options': 'nosniff',
    });
    expect(appResponseHeaders('/x/a.js')['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it("serves a strict Content-Security-Policy in the window's page", () => {
    expect(APP_CSP).toContain("default-src 'self'");
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).not.toMatch(/script-src[^;]*unsafe/);
    expect(APP_CSP).toContain("object-src 'none'");
  });

  it('navigates, follows redirects and loads frames only inside the app', () => {
    expect(mayNavigate('app://desk/index.html', true)).toBe(true);
    expect(mayNavigate('https://example.com/', true)).toBe(false);
    expect(mayNavigate(`file://${root}/index.html`, true)).toBe(false);
    expect(mayNavigate('app://desk/index.html', false)).toBe(false);
    expect(mayNavigate('about:blank', false)).toBe(false);
  });

  it('hands to the system only e-mail drafts and pages of allowed hosts (none by default)', () => {
    expect(isSafeExternalUrl('mailto:?subject=Lote&body=Ol%C3%A1')).toBe(true);
    expect(isSafeExternalUrl('https://www.cfess.org.br/')).toBe(false);
    expect(isSafeExternalUrl('https://attacker.example/?cpf=12345678909')).toBe(false);
    expect(isSafeExternalUrl('https://ajuda.cress.example/guia', ['ajuda.cress.example'])).toBe(true);
    expect(isSafeExternalUrl('https://ajuda.cress.example.evil.net/', ['ajuda.cress.example'])).toBe(false);
    expect(isSafeExternalUrl('https://user@ajuda.cress.example/', ['ajuda.cress.example'])).toBe(false);
    expect(isSafeExternalUrl('http://ajuda.cress.example/', ['ajuda.cress.example'])).toBe(false);
    expect(isSafeExternalUrl('file:///C:/Windows/system32/calc.exe')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });

  it('refuses every permission, device and screen capture the page may ask for', () => {
    for (const permission of ['media', 'display-capture', 'geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb', 'openExternal', 'fileSystem']) {
      expect({ permission, allowed: permissionAllowed(permission) }).toEqual({ permission, allowed: false });
    }
    expect(devicePermissionAllowed({ deviceType: 'usb', origin: 'app://desk' })).toBe(false);
    expect(devicePermissionAllowed({ deviceType: 'hid', origin: 'app://desk' })).toBe(false);
    const callback = vi.fn();
    refuseDisplayMedia(callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(null);
    // A callback that throws (a frame already gone) does not bring the app down.
    expect(() =>
      refuseDisplayMedia(() => {
        throw new TypeError('gone');
      }),
    ).not.toThrow();
  });

  it('shows in the file manager only files the desk chose or wrote, without telling whether others exist', async () => {
    const listed = vi.fn(async (path: string) => path === '/home/ana/Backups/CRESS09-backup-20261124-153000.zip');
    const known = { issued: (path: string) => path === '/home/ana/lote.zip', listed };
    expect(await mayReveal('/home/ana/lote.zip', known)).toBe(true);
    expect(await mayReveal('/home/ana/Backups/CRESS09-backup-20261124-153000.zip', known)).toBe(true);
    expect(await mayReveal('/etc/passwd', known)).toBe(false);
    expect(await mayReveal('/nao/existe', known)).toBe(false);
    expect(await mayReveal(42 as unknown as string, known)).toBe(false);
  });

  it('opens in the mail program only an .eml draft the desk wrote', () => {
    const known = { issued: (path: string) => path === 'C:\\Users\\ana\\AT-2026-000001-encaminhamento.eml' || path === '/home/ana/lote.zip' };
    expect(mayOpenDraft('C:\\Users\\ana\\AT-2026-000001-encaminhamento.eml', known)).toBe(true);
    expect(mayOpenDraft('/home/ana/lote.zip', known)).toBe(false); // issued, but not a draft
    expect(mayOpenDraft('C:\\Windows\\System32\\calc.eml', known)).toBe(false); // a draft the desk never wrote
    expect(mayOpenDraft(['x.eml'] as unknown as string, known)).toBe(false);
  });

  it('wires every guard in the main process', () => {
    for (const wiring of [
      'app.enableSandbox()',
      'protocol.registerSchemesAsPrivileged',
      'protocol.handle(',
      "'will-navigate'",
      "'will-redirect'",
      "'will-frame-navigate'",
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'setDevicePermissionHandler',
      'setDisplayMediaRequestHandler',
    ]) {
      expect({ wiring, present: mainSource.includes(wiring) }).toEqual({ wiring, present: true });
    }
    expect(mainSource).not.toMatch(/loadFile\(|pathToFileURL/);
  });
});

describe('installers', () => {
  it('turn off the fuse that gives file:// pages extra privileges', () => {
    const config = readFileSync(resolve(__dirname, '../../electron-builder.yml'), 'utf8');
    expect(config).toMatch(/^\s+grantFileProtocolExtraPrivileges: false$/m);
  });
});

describe('IPC sender check', () => {
  it("answers the app's own top-level page", () => {
    expect(isTrustedSender({ senderFrame: { url: APP_ENTRY, parent: null } })).toBe(true);
  });
  it('refuses subframes, other origins, file:// pages and destroyed frames', () => {
    expect(isTrustedSender({ senderFrame: { url: APP_ENTRY, parent: {} } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'https://evil.example/', parent: null } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: `file://${root}/index.html`, parent: null } })).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'file:///tmp/evil.html', parent: null } })).toBe(false);
    expect(isTrustedSender({ senderFrame: null })).toBe(false);
  });
});

describe('preload bundle', () => {
  it('is one sandbox-safe file that requires nothing but electron', () => {
    const bundle = readFileSync(resolve(__dirname, '../../out/preload/preload.cjs'), 'utf8');
    const required = [...bundle.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(bundle).toContain('exposeInMainWorld');
  });
});
