// Binds the handler table to ipcMain: one trusted entry per contract channel, answering only
// the app's own window (sender check) with the dispatcher's envelope.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../shared/contract/channels';

export type Dispatch = (channel: unknown, input: unknown) => Promise<unknown>;

export function isTrustedSender(event: IpcMainInvokeEvent, appOrigin: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false; // top frame only
  return frame.url.startsWith(appOrigin);
}

export function bindIpc(dispatch: Dispatch, appOrigin: string): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isTrustedSender(event, appOrigin)) {
        return { ok: false, error: { code: 'INPUT_INVALID', message: 'Origem não autorizada.' } };
      }
      return dispatch(channel, input);
    });
  }
}
