// A file handed to the browser host that the host refuses says why, in the host's words: a full
// temporary disk is said as such, not as a transfer that merely failed.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { uploadFile } from '../../../renderer/api/desktop';

afterEach(() => vi.unstubAllGlobals());
beforeEach(() => {
  // The preview's page: no desktop bridge, the host's token in the address.
  vi.stubGlobal('window', { location: { href: 'http://127.0.0.1:5180/?token=abc' }, history: { replaceState() {} }, sessionStorage: { getItem: () => null, setItem() {} } });
});

const answer = (status: number, body: string) => vi.fn(async () => new Response(body, { status, headers: { 'content-type': 'application/json' } }));

describe('uploading to the browser host', () => {
  it("a full temporary disk is told in the host's words, with its code", async () => {
    const message = 'Não há espaço na pasta temporária deste computador para receber o arquivo. Libere espaço no disco e envie o arquivo de novo.';
    vi.stubGlobal('fetch', answer(507, JSON.stringify({ ok: false, error: { code: 'DISK_FULL', message } })));
    await expect(uploadFile(new File(['x'], 'planilha.xlsx'))).rejects.toMatchObject({ code: 'DISK_FULL', message });
  });

  it('a failure without a readable refusal (a proxy page, an unknown code) stays the general message', async () => {
    vi.stubGlobal('fetch', answer(502, '<html>Bad gateway</html>'));
    await expect(uploadFile(new File(['x'], 'planilha.xlsx'))).rejects.toMatchObject({ code: 'INTERNAL', message: 'Não foi possível transferir o arquivo.' });
    vi.stubGlobal('fetch', answer(500, JSON.stringify({ error: { code: 'SOMETHING_ELSE', message: 'stack trace' } })));
    await expect(uploadFile(new File(['x'], 'planilha.xlsx'))).rejects.toMatchObject({ code: 'INTERNAL', message: 'Não foi possível transferir o arquivo.' });
  });
});
