// The window's security settings (Electron's checklist) as plain data, so tests can check them
// without Electron.
export function secureWebPreferences(preloadPath: string) {
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
    // A middle click must not open a link in a new window.
    disableBlinkFeatures: 'Auxclick',
  } as const;
}

/** The app loads only its own files; everything else (network, other files) is refused. */
export function isAppUrl(url: string, appRootUrl: string): boolean {
  return url === appRootUrl || url.startsWith(appRootUrl.endsWith('/') ? appRootUrl : `${appRootUrl}/`);
}

/** Links the app may hand to the system: only e-mail drafts (to Implanta) and https pages. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'mailto:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

/** The part of an IPC event the sender check reads (Electron's IpcMainInvokeEvent has it). */
export interface SenderEvent {
  senderFrame: { url: string; parent: unknown } | null;
}

/** Only the app's own top-level page may call the store: not a subframe, not another origin. */
export function isTrustedSender(event: SenderEvent, appRootUrl: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, appRootUrl);
}
