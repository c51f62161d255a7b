// The only bridge between the sandboxed window and the app: `window.cress.invoke` for the
// contract's channels and nothing else. Channel names are checked here against the allowlist
// and again in the main process.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, DESKTOP_CHANNELS } from '../../shared/contract/channels';

const allowed = new Set<string>(CHANNELS);

contextBridge.exposeInMainWorld('cress', {
  invoke(channel: string, input: unknown): Promise<unknown> {
    if (!allowed.has(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'INPUT_INVALID', message: `Operação desconhecida: ${channel}` } });
    }
    return ipcRenderer.invoke(channel, input);
  },
  desktop(channel: string, input: unknown): Promise<unknown> {
    if (!(DESKTOP_CHANNELS as readonly string[]).includes(channel)) return Promise.resolve(null);
    return ipcRenderer.invoke(channel, input);
  },
});
