// Binds the handler table to ipcMain: one trusted entry per contract channel, answering only
// the app's own window (sender check) with the dispatcher's envelope.
import { ipcMain } from 'electron';
import { CHANNELS } from '../../shared/contract/channels';
import { isTrustedSender } from './security';

export { isTrustedSender };
export type Dispatch = (channel: unknown, input: unknown) => Promise<unknown>;

export function bindIpc(dispatch: Dispatch): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'INPUT_INVALID', message: 'Origem não autorizada.' } };
      }
      return dispatch(channel, input);
    });
  }
}
