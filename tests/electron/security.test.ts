// The window's security settings and the preload's allowlist, checked without Electron.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppUrl, isSafeExternalUrl, isTrustedSender, secureWebPreferences } from '../../electron/security';
import { CHANNELS, contract } from '../../shared/contract';

describe('window security', () => {
  it('isolates the renderer from Node', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('lets the window load only the app files', () => {
    const root = 'file:///opt/CRESS%20Desk/resources/app.asar/out/renderer';
    expect(isAppUrl(`${root}/index.html`, root)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', root)).toBe(false);
    expect(isAppUrl(`${root}-evil/index.html`, root)).toBe(false);
    expect(isAppUrl('https://example.com/', root)).toBe(false);
  });

  it('hands to the system only mailto and https links', () => {
    expect(isSafeExternalUrl('mailto:suporte@implanta.net.br?subject=Lote')).toBe(true);
    expect(isSafeExternalUrl('https://www.cfess.org.br/')).toBe(true);
    expect(isSafeExternalUrl('file:///C:/Windows/system32/calc.exe')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });

  it("serves a strict Content-Security-Policy in the window's page", () => {
    const html = readFileSync(resolve(__dirname, '../../renderer/index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("object-src 'none'");
  });
});

describe('IPC sender check', () => {
  const root = 'file:///opt/CRESS%20Desk/resources/app.asar/out/renderer';
  it("answers the app's own top-level page", () => {
    expect(isTrustedSender({ senderFrame: { url: `${root}/index.html`, parent: null } }, root)).toBe(true);
  });
  it('refuses subframes, other origins and destroyed frames', () => {
    expect(isTrustedSender({ senderFrame: { url: `${root}/index.html`, parent: {} } }, root)).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'https://evil.example/', parent: null } }, root)).toBe(false);
    expect(isTrustedSender({ senderFrame: { url: 'file:///tmp/evil.html', parent: null } }, root)).toBe(false);
    expect(isTrustedSender({ senderFrame: null }, root)).toBe(false);
  });
});

describe('IPC allowlist', () => {
  it('is exactly the contract channels', () => {
    expect([...CHANNELS].sort()).toEqual(Object.keys(contract).sort());
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
