// The address the browser host gives for its page is kept in the browser's history, where whoever
// uses that browser profile later finds it: it must not carry the token, and what it carries must
// open nothing once the clerk's tab used it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post } from './hostClient';
import { startTestHost, type TestHost } from './testHost';

let test: TestHost;
const appInfo = JSON.stringify({ channel: 'app:info', input: {} });

beforeAll(async () => {
  test = await startTestHost('cress-host-address-');
});

afterAll(async () => {
  await test.close();
});

/** What the page sends with the ticket of the address it was opened with (no token: it has none yet). */
function trade(address: string, origin?: string) {
  const ticket = new URL(address).searchParams.get('ticket') ?? '';
  return post(test.host, '/api/page-token', JSON.stringify({ ticket }), { 'x-cress-token': '', ...(origin ? { origin } : {}) });
}

describe('the address of the browser host page', () => {
  it('carries no token', () => {
    const address = new URL(test.host.url);
    expect(test.host.url).not.toContain(test.host.token);
    expect([...address.searchParams.keys()]).not.toContain('token');
  });

  it('is traded once by the page for the token; found again later (the history), it opens nothing', async () => {
    const address = test.host.newAddress();
    const first = await trade(address);
    expect(first.status).toBe(200);
    const { token } = JSON.parse(first.body.toString()) as { token: string };
    expect((await post(test.host, '/api/invoke', appInfo, { 'x-cress-token': token })).status).toBe(200);
    const again = await trade(address);
    expect(again.status).toBe(403);
    expect(JSON.parse(again.body.toString())).toMatchObject({ ok: false, error: { message: expect.stringMatching(/já foi usado.*mais recente/) } });
    expect(again.body.toString()).not.toContain(test.host.token);
  });

  it('is refused for a made-up ticket and to a page of another site', async () => {
    expect((await trade(`http://127.0.0.1:${test.host.port}/?ticket=${'0'.repeat(48)}`)).status).toBe(403);
    expect((await trade(test.host.newAddress(), 'http://evil.example')).status).toBe(403);
  });

  it('is given anew to whoever holds the token (a script that chose it), and to whoever started the host after each use', async () => {
    const asked = await post(test.host, '/api/address', '');
    const { url } = JSON.parse(asked.body.toString()) as { url: string };
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${test.host.port}/\\?ticket=\\w{48}$`));
    expect((await trade(url)).status).toBe(200);
    expect((await post(test.host, '/api/address', '', { 'x-cress-token': 'x'.repeat(48) })).status).toBe(403);

    const told: string[] = [];
    const other = await startTestHost('cress-host-address-next-', { onAddressUsed: (next) => told.push(next) });
    try {
      const ticket = new URL(other.host.url).searchParams.get('ticket');
      const traded = await post(other.host, '/api/page-token', JSON.stringify({ ticket }), { 'x-cress-token': '' });
      expect(traded.status).toBe(200);
      expect(told).toHaveLength(1);
      expect(told[0]).not.toBe(other.host.url);
    } finally {
      await other.close();
    }
  });
});
