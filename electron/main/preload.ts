// The only bridge between the sandboxed window and the app: `window.cress.invoke` for the
// contract's channels and `window.cress.desktop` for the few desktop-only operations. Every
// contract call travels on one IPC channel; the main process checks the sender and the
// dispatcher checks the channel's name and input against the contract.
import { contextBridge, ipcRenderer } from 'electron';
import { CONTRACT_IPC, DESKTOP_CHANNELS } from '../../shared/contract/channels';

contextBridge.exposeInMainWorld('cress', {
  invoke(channel: string, input: unknown): Promise<unknown> {
    if (typeof channel !== 'string') {
      return Promise.resolve({ ok: false, error: { code: 'INPUT_INVALID', message: 'Operação desconhecida.' } });
    }
    return ipcRenderer.invoke(CONTRACT_IPC, channel, input);
  },
  desktop(channel: string, input: unknown): Promise<unknown> {
    if (!(DESKTOP_CHANNELS as readonly string[]).includes(channel)) return Promise.resolve(null);
    return ipcRenderer.invoke(channel, input);
  },
});
