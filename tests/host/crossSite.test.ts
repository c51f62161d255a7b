// A page of another site open in the clerk's browser can send the host a POST (a form, a fetch in
// no-cors mode) but cannot read the token: the host must never answer such a request, even when
// it was started with a token of its own choosing.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/preview/server';
import { post } from './hostClient';
import { startTestHost, type TestHost } from './testHost';

let dir: string;
let host: RunningHost;
const appInfo = JSON.stringify({ channel: 'app:info', input: {} });

let running: TestHost;
beforeAll(async () => {
  running = await startTestHost('cress-host-cross-');
  ({ dir, host } = running);
});
afterAll(() => running.close());

describe('browser host and other sites', () => {
  it.each(['', 'abc', '   ', 'x'.repeat(31)])('refuses to start with a token anyone could guess (%j), saying why', async (token) => {
    const storePath = join(dir, `weak-${token.length}.sqlite`);
    await expect(startHost({ storePath, rendererDir: join(dir, 'renderer'), token })).rejects.toThrow(/--token.*32 caracteres/);
    // Nothing was left holding the store: a host with a good token opens it at once.
    const good = await startHost({ storePath, rendererDir: join(dir, 'renderer'), token: 'k'.repeat(32) });
    await good.close();
  });

  it('refuses a call sent from a page of another site, even one carrying the token', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${host.port + 1}`]) {
      const answer = await post(host, '/api/invoke', appInfo, { origin });
      expect(answer.status, origin).toBe(403);
      expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID', message: expect.stringMatching(/outro site/) } });
      expect((await post(host, '/api/upload?name=a.csv', 'x', { origin, 'content-type': 'application/octet-stream' })).status, origin).toBe(403);
    }
    const crossSite = await post(host, '/api/invoke', appInfo, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
  });

  it('answers its own page, which names its origin', async () => {
    for (const origin of [`http://127.0.0.1:${host.port}`, `http://localhost:${host.port}`]) {
      const answer = await post(host, '/api/invoke', appInfo, { origin, 'sec-fetch-site': 'same-origin' });
      expect(answer.status, origin).toBe(200);
    }
    expect((await post(host, '/api/invoke', appInfo)).status).toBe(200);
  });
});
