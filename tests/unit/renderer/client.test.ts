// The renderer's client: typed answers, Portuguese errors, and the browser host's token handling.
import { describe, expect, it, vi } from 'vitest';
import { ClientError, createClient, httpTransport, NETWORK_MESSAGE } from '../../../renderer/api/client';
import { takeToken, tokenFor, type TokenPlace } from '../../../renderer/api/token';

describe('call', () => {
  it('returns the value of a successful answer', async () => {
    const call = createClient(async () => ({ ok: true, value: { total: 3, page: 0, pageSize: 25, items: [] } }));
    await expect(call('registry:search', { text: 'maria' })).resolves.toEqual({ total: 3, page: 0, pageSize: 25, items: [] });
  });

  it('turns a refused answer into a ClientError that keeps code, message and field', async () => {
    const call = createClient(async () => ({
      ok: false,
      error: { code: 'EMAIL_INVALID', message: 'E-mail inválido: confira o endereço.', field: 'email' },
    }));
    const error = await call('corrections:preview', { professionalId: 1, changes: { email: 'x' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect(error).toMatchObject({ code: 'EMAIL_INVALID', message: 'E-mail inválido: confira o endereço.', field: 'email' });
  });

  it('reports a dead transport in Portuguese, never with the browser’s English text', async () => {
    const call = createClient(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(call('app:info', {})).rejects.toMatchObject({ code: 'INTERNAL', message: NETWORK_MESSAGE });
  });

  it('treats an answer that is not an envelope as a failure', async () => {
    const call = createClient(async () => 'Erro interno' as never);
    await expect(call('app:info', {})).rejects.toMatchObject({ code: 'INTERNAL', message: NETWORK_MESSAGE });
  });
});

describe('httpTransport', () => {
  it('posts the channel and input as JSON with the token header', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: 42 }), { status: 200 }));
    const envelope = await httpTransport('abc123', fetchMock as unknown as typeof fetch)('cep:list', { text: '01310' });
    expect(envelope).toEqual({ ok: true, value: 42 });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/invoke');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['x-cress-token']).toBe('abc123');
    expect(JSON.parse(init.body as string)).toEqual({ channel: 'cep:list', input: { text: '01310' } });
  });

  it('explains a refused token instead of showing a raw HTTP status', async () => {
    const call = createClient(httpTransport('wrong', (async () => new Response('Token inválido', { status: 403 })) as unknown as typeof fetch));
    const error = await call('app:info', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).message).toMatch(/recusou o acesso/);
  });
});

function place(href: string, stored: Record<string, string> = {}) {
  const state = { href, stored: { ...stored } };
  const target: TokenPlace = {
    location: { get href() { return state.href; } },
    history: { replaceState: (_data, _unused, url) => { state.href = new URL(String(url), state.href).href; } },
    storage: { getItem: (k) => state.stored[k] ?? null, setItem: (k, v) => { state.stored[k] = v; } },
  };
  return { state, target };
}

describe('takeToken', () => {
  it('reads the token from the address, keeps it for the tab and removes it from the address bar', () => {
    const { state, target } = place('http://127.0.0.1:5199/?token=s3cr3t&x=1#top');
    expect(takeToken(target)).toBe('s3cr3t');
    expect(state.href).toBe('http://127.0.0.1:5199/?x=1#top');
    expect(Object.values(state.stored)).toEqual(['s3cr3t']);
  });

  it('after a reload without the token in the address, uses the one kept for the tab', () => {
    const { target } = place('http://127.0.0.1:5199/?token=s3cr3t');
    takeToken(target);
    expect(takeToken(target)).toBe('s3cr3t');
  });

  it('returns null when no token was ever given', () => {
    expect(takeToken(place('http://127.0.0.1:5199/').target)).toBeNull();
  });
});

describe('tokenFor', () => {
  it('takes the one-time ticket out of the address bar before trading it, and keeps the token it traded for', async () => {
    const { state, target } = place('http://127.0.0.1:5199/?ticket=t1ck3t&x=1');
    const seen: string[] = [];
    const token = await tokenFor(target, async (ticket) => {
      seen.push(`${ticket} ${state.href}`);
      return 's3cr3t';
    });
    expect(token).toBe('s3cr3t');
    expect(seen).toEqual(['t1ck3t http://127.0.0.1:5199/?x=1']);
    expect(Object.values(state.stored)).toEqual(['s3cr3t']);
    // A reload of the tab (no ticket now) keeps working with the token kept for it.
    expect(await tokenFor(target, async () => 'another')).toBe('s3cr3t');
  });

  it('keeps the tab’s token when its ticket was already spent (the address reopened from the history)', async () => {
    const reopened = place('http://127.0.0.1:5199/?ticket=spent', { 'cress-desk-token': 's3cr3t' });
    expect(await tokenFor(reopened.target, async () => null)).toBe('s3cr3t');
    expect(await tokenFor(place('http://127.0.0.1:5199/?ticket=spent').target, async () => null)).toBeNull();
  });
});
