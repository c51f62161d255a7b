// The browser host answers only its own page: loopback, the per-run token, the right Host header.
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { posixOnly } from '../posixOnly';
import { startHost, type RunningHost } from '../../electron/preview/server';
import { post as postRaw } from './hostClient';
import { startTestHost, type TestHost } from './testHost';

let dir: string;
let host: RunningHost;

function post(body: unknown, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path: '/api/invoke', method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', fail);
    req.end(JSON.stringify(body));
  });
}

/** A GET with `target` sent as it is (as curl --request-target does): status and body. */
function getTarget(target: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: host.port, path: target }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Everything the host prints to its console while `run` runs. */
async function consoleDuring(run: () => Promise<unknown>): Promise<string> {
  const printed: unknown[][] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void printed.push(args)),
  );
  try {
    await run();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return printed.map((args) => args.map((arg) => (arg instanceof Error ? `${arg.name} ${arg.message} ${arg.stack}` : String(arg))).join(' ')).join('\n');
}

let running: TestHost;
beforeAll(async () => {
  running = await startTestHost('cress-host-');
  ({ dir, host } = running);
});
afterAll(() => running.close());

describe('browser host', () => {
  it('binds to loopback and hands out a one-time ticket, not the token, in the page address', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?ticket=[0-9a-f]{48}$/);
    expect(host.url).not.toContain(host.token);
  });

  it('answers a contract call with the right token', async () => {
    const res = await post({ channel: 'app:info', input: {} }, { 'x-cress-token': host.token });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { settings: null, professionals: 0 } });
  });

  it('refuses a call without the token or with another one', async () => {
    expect((await post({ channel: 'app:info', input: {} }, {})).status).toBe(403);
    expect((await post({ channel: 'app:info', input: {} }, { 'x-cress-token': 'f'.repeat(48) })).status).toBe(403);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await post({ channel: 'app:info', input: {} }, { 'x-cress-token': host.token, host: 'attacker.example:80' });
    expect(res.status).toBe(421);
  });

  it('answers an unknown channel with a readable error, not a crash', async () => {
    const res = await post({ channel: 'fs:readFile', input: { path: '/etc/passwd' } }, { 'x-cress-token': host.token });
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
  });

  it('refuses a call that is not an object, or too large, with a readable error, and keeps answering', async () => {
    for (const body of ['null', '[1,2]', '"texto"', '7', ' '.repeat(2 * 1024 * 1024)]) {
      const res = await postRaw(host, '/api/invoke', body);
      expect(res.status, body.slice(0, 10)).toBe(body.length > 1024 ? 413 : 400);
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
    }
    const res = await post({ channel: 'app:info', input: {} }, { 'x-cress-token': host.token });
    expect(res.status).toBe(200);
  });

  it('refuses a save place or a download asked with a body too large, as a call is refused, and issues nothing', async () => {
    for (const path of ['/api/save-path', '/api/download']) {
      const res = await postRaw(host, path, JSON.stringify({ suggestedName: 'a'.repeat(2 * 1024 * 1024) }));
      expect(res.status, path).toBe(413);
      expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID', message: 'Pedido grande demais.' } });
    }
    expect((await post({ channel: 'app:info', input: {} }, { 'x-cress-token': host.token })).status).toBe(200);
  });

  it('answers an address with broken percent-encoding as not found, not as an internal error', async () => {
    const status = await new Promise<number>((ok) => {
      request({ host: '127.0.0.1', port: host.port, path: '/%E0%A4%A' }, (r) => {
        r.resume();
        r.on('end', () => ok(r.statusCode ?? 0));
      }).end();
    });
    expect(status).toBe(404);
  });

  it('answers a malformed request target with 400 in the usual envelope, echoing nothing of it', async () => {
    let answer = { status: 0, body: '' };
    const printed = await consoleDuring(async () => (answer = await getTarget('http://[::1')));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID' } });
    expect(answer.body).not.toContain('[::1');
    expect(printed).not.toContain('[::1');
    expect(printed).not.toContain('Invalid URL');
    // …and keeps answering.
    expect((await post({ channel: 'app:info', input: {} }, { 'x-cress-token': host.token })).status).toBe(200);
  });

  it('logs an internal error by its code only: no message, no stack, no file name, no query', async (context) => {
    posixOnly(context, 'sockets in the file system');
    // A file of the built UI that cannot be read (a socket): reading it fails, naming its path.
    const socketFile = join(dir, 'renderer', '12345678909.csv');
    const blocker = createServer();
    await new Promise<void>((ok) => blocker.listen(socketFile, ok));
    try {
      let status = 0;
      const printed = await consoleDuring(async () => {
        status = await new Promise<number>((ok) => {
          request({ host: '127.0.0.1', port: host.port, path: '/12345678909.csv?nome=Maria%20da%20Silva' }, (r) => {
            r.resume();
            r.on('end', () => ok(r.statusCode ?? 0));
          }).end();
        });
      });
      expect(status).toBe(500);
      expect(printed).toContain('ENXIO');
      expect(printed).not.toContain('12345678909');
      expect(printed).not.toContain('Maria');
      expect(printed).not.toContain('no such device');
      expect(printed).not.toContain('    at ');
    } finally {
      await new Promise((ok) => blocker.close(ok));
    }
  });

  it('says nothing of a page that went away halfway through its call, and keeps answering', async () => {
    const printed = await consoleDuring(async () => {
      for (const path of ['/api/invoke', '/api/save-path', '/api/download']) {
        const req = request({ host: '127.0.0.1', port: host.port, path, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '1000', 'x-cress-token': host.token } });
        req.on('error', () => undefined);
        req.write('{"channel":"app:info",');
        await new Promise((ok) => setTimeout(ok, 100));
        req.destroy();
      }
      await new Promise((ok) => setTimeout(ok, 200));
    });
    expect(printed).not.toMatch(/Erro interno|ECONNRESET|aborted/);
    expect((await post({ channel: 'app:info', input: {} }, { 'x-cress-token': host.token })).status).toBe(200);
  });

  it('does not serve files outside the built UI', async () => {
    const res = await new Promise<{ status: number; body: string }>((ok) => {
      request({ host: '127.0.0.1', port: host.port, path: '/../store.sqlite' }, (r) => {
        let text = '';
        r.on('data', (d: Buffer) => (text += d.toString()));
        r.on('end', () => ok({ status: r.statusCode ?? 0, body: text }));
      }).end();
    });
    expect(res.body).not.toContain('SQLite format');
  });
});

describe('a port another program already listens on', () => {
  it('is refused in Portuguese naming the port, and the store is let go (another program may restore it)', async () => {
    const other = join(dir, 'other.sqlite');
    const before = await startHost({ storePath: other, rendererDir: join(dir, 'renderer') });
    await before.close();
    let thrown: unknown;
    try {
      const second = await startHost({ storePath: other, rendererDir: join(dir, 'renderer'), port: host.port });
      await second.close();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toContain(`A porta ${host.port} já está em uso`);
    expect((thrown as Error).message).not.toMatch(/EADDRINUSE/);
    // No session of the store is left open by the host that did not start.
    expect(readdirSync(dir).filter((name) => name.startsWith('.other.sqlite.open-'))).toEqual([]);
  });
});
