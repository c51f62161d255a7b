// Binds the handler table to ipcMain: one IPC channel for every contract call, answering only the
// app's own window (sender check) with the dispatcher's envelope. The dispatcher refuses a name
// the contract does not have, so nothing here lists channels.
import { ipcMain } from 'electron';
import { CONTRACT_IPC } from '../../shared/contract/channels';
import { isTrustedSender } from './security';

export { isTrustedSender };
export type Dispatch = (channel: unknown, input: unknown) => Promise<unknown>;

export function bindIpc(dispatch: Dispatch): void {
  ipcMain.handle(CONTRACT_IPC, (event, channel: unknown, input: unknown) => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'INPUT_INVALID', message: 'Origem não autorizada.' } };
    }
    return dispatch(channel, input);
  });
}
