// The bridge between the window and the handler table, with Electron replaced by recorders: what
// a page (or a script injected into it) can reach through `window.cress`, and what the main
// process answers to a sender or a channel it does not know.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  exposed: {} as Record<string, unknown>,
  sent: [] as unknown[][],
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (electron.exposed[name] = api) },
  ipcRenderer: { invoke: async (...args: unknown[]) => electron.sent.push(args) },
  ipcMain: { handle: (name: string, fn: (...args: unknown[]) => unknown) => electron.handlers.set(name, fn) },
}));

interface Bridge {
  invoke(channel: unknown, input: unknown): Promise<unknown>;
  desktop(channel: unknown, input: unknown): Promise<unknown>;
}

const appFrame = { senderFrame: { url: 'app://desk/index.html', parent: null } };

describe('the window’s bridge (preload)', () => {
  beforeEach(async () => {
    electron.sent.length = 0;
    vi.resetModules();
    await import('../../electron/main/preload');
  });
  const bridge = (): Bridge => electron.exposed.cress as Bridge;

  it('sends every contract call on the one contract IPC channel, with its name and input', async () => {
    await bridge().invoke('registry:get', { id: 7 });
    expect(electron.sent).toEqual([['cress:call', 'registry:get', { id: 7 }]]);
  });

  it('cannot reach another IPC handler by naming it: the name only travels as data', async () => {
    await bridge().invoke('desktop:reveal', '/etc/passwd');
    expect(electron.sent).toEqual([['cress:call', 'desktop:reveal', '/etc/passwd']]);
  });

  it('refuses a channel name that is not text without sending anything', async () => {
    await expect(bridge().invoke({ toString: () => 'registry:get' }, {})).resolves.toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
    expect(electron.sent).toEqual([]);
  });

  it('sends only the listed desktop operations', async () => {
    await expect(bridge().desktop('cress:call', {})).resolves.toBeNull();
    await bridge().desktop('desktop:pickFile', { title: 'Abrir' });
    expect(electron.sent).toEqual([['desktop:pickFile', { title: 'Abrir' }]]);
  });
});

describe('the main process’s side (bindIpc)', () => {
  const dispatched: unknown[][] = [];
  beforeEach(async () => {
    electron.handlers.clear();
    dispatched.length = 0;
    const { bindIpc } = await import('../../electron/main/ipc');
    const { createDispatcher } = await import('../../db/dispatch');
    const dispatch = createDispatcher({ 'app:info': () => ({ version: 'x' }) } as never);
    bindIpc(async (channel, input) => {
      dispatched.push([channel, input]);
      return dispatch(channel, input);
    });
  });
  const call = (event: unknown, channel: unknown, input?: unknown): Promise<unknown> =>
    Promise.resolve(electron.handlers.get('cress:call')!(event, channel, input));

  it('registers one IPC handler, whatever the number of contract channels', () => {
    expect([...electron.handlers.keys()]).toEqual(['cress:call']);
  });

  it('answers a name the contract does not have with "Operação desconhecida", in an envelope', async () => {
    await expect(call(appFrame, 'desktop:reveal', '/etc/passwd')).resolves.toMatchObject({
      ok: false,
      error: { code: 'INPUT_INVALID', message: expect.stringContaining('Operação desconhecida') },
    });
    await expect(call(appFrame, '__proto__')).resolves.toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
  });

  it('refuses a sender that is not the app’s own top frame before dispatching', async () => {
    const iframe = { senderFrame: { url: 'app://desk/index.html', parent: {} } };
    await expect(call(iframe, 'app:info')).resolves.toMatchObject({ ok: false, error: { message: 'Origem não autorizada.' } });
    expect(dispatched).toEqual([]);
  });
});
