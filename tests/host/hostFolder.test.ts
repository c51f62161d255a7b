// The browser host's own folder, where uploads and downloads live: private to the user, never
// holding a partial upload, and gone when the host stops (closed, Ctrl+C or SIGTERM).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post, upload } from './hostClient';
import { startHost, type RunningHost } from '../../electron/preview/server';
import { posixOnly } from '../posixOnly';

const HOST_BIN = resolve(__dirname, '../../out/host/host.cjs');

let dir: string;
let rendererDir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cress-host-folder-'));
  rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>CRESS Desk</title>');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

async function until(check: () => boolean, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}

async function hostOn(name: string, maxUpload?: number): Promise<RunningHost> {
  return startHost({ storePath: join(dir, `${name}.sqlite`), rendererDir, ...(maxUpload ? { maxUpload } : {}) });
}

describe("the browser host's folder", () => {
  it('is private to the user (0700) and keeps uploads readable only by the user (0600)', async (context) => {
    posixOnly(context);
    const host = await hostOn('modes');
    try {
      expect(statSync(host.filesDir).mode & 0o777).toBe(0o700);
      expect((await upload(host, 'correcoes.csv', Buffer.from('CPF\n'))).status).toBe(200);
      const [file] = filesUnder(host.filesDir);
      expect(file).toBeDefined();
      expect(statSync(file as string).mode & 0o777).toBe(0o600);
    } finally {
      await host.close();
    }
  });

  it('taken away behind the host by a cleaner of the temporary folder, is made anew (0700) for the next upload and save, and removed when the host closes', async (context) => {
    posixOnly(context);
    const host = await hostOn('cleaned');
    const first = host.filesDir;
    try {
      rmSync(first, { recursive: true, force: true });
      const answer = await upload(host, 'correcoes.csv', Buffer.from('CPF\n'));
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ name: 'correcoes.csv' });
      expect((await post(host, '/api/save-path', JSON.stringify({ suggestedName: 'cadastro.xlsx' }))).status).toBe(200);
      expect(host.filesDir).not.toBe(first);
      expect(existsSync(first)).toBe(false);
      expect(statSync(host.filesDir).mode & 0o777).toBe(0o700);
      expect(filesUnder(host.filesDir)).toHaveLength(1);
    } finally {
      await host.close();
    }
    expect(existsSync(host.filesDir)).toBe(false);
  });

  it('keeps nothing of an upload over the size limit', async () => {
    const host = await hostOn('limit', 1024);
    try {
      const answer = await upload(host, 'grande.csv', Buffer.alloc(64 * 1024, 0x41));
      expect(answer.status).toBe(413);
      expect(filesUnder(host.filesDir)).toEqual([]);
    } finally {
      await host.close();
    }
  });

  it('keeps nothing of an upload the browser abandoned halfway', async () => {
    const host = await hostOn('abandoned');
    try {
      expect(existsSync(host.filesDir)).toBe(true);
      const req = request({
        host: '127.0.0.1',
        port: host.port,
        path: '/api/upload?name=metade.csv',
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'content-length': '100000', 'x-cress-token': host.token },
      });
      req.on('error', () => {});
      req.write(Buffer.alloc(20_000, 0x41));
      // The first half arrives and is being written…
      expect(await until(() => filesUnder(host.filesDir).length === 1)).toBe(true);
      // …then the page goes away.
      req.destroy();
      expect(await until(() => filesUnder(host.filesDir).length === 0)).toBe(true);
    } finally {
      await host.close();
    }
  });

  it('is removed when the host closes', async () => {
    const host = await hostOn('closed');
    await upload(host, 'correcoes.csv', Buffer.from('CPF\n'));
    expect(existsSync(host.filesDir)).toBe(true);
    await host.close();
    expect(existsSync(host.filesDir)).toBe(false);
  });

  it('cannot be made in a temporary folder that does not exist: the host does not start, says so naming the folder, and leaves no store behind', async () => {
    if (!existsSync(HOST_BIN)) throw new Error('Build first (npm run build): out/host/host.cjs is missing');
    const missing = join(dir, 'temporaria-que-nao-existe');
    const storePath = join(dir, 'no-temp.sqlite');
    const child = spawn(process.execPath, [HOST_BIN, '--db', storePath, '--port', '0'], { env: { ...process.env, TMPDIR: missing } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((ok) => child.on('exit', (exit) => ok(exit)));
    expect(code).toBe(1);
    expect(stderr).toContain(`A pasta temporária "${missing}"`);
    expect(stderr).toMatch(/TMPDIR/);
    expect(stderr).not.toMatch(/ENOENT: no such file|mkdtemp/);
    expect(existsSync(storePath)).toBe(false);
  });

  // SIGHUP: the terminal the host was started from is closed.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`is removed when the host is stopped with ${signal}`, async (context) => {
      posixOnly(context, 'signals');
      if (!existsSync(HOST_BIN)) throw new Error('Build first (npm run build): out/host/host.cjs is missing');
      const temp = join(dir, `tmp-${signal}`);
      mkdirSync(temp);
      const child = spawn(process.execPath, [HOST_BIN, '--db', join(dir, `${signal}.sqlite`), '--port', '0'], { env: { ...process.env, TMPDIR: temp } });
      const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
      const started = await new Promise<boolean>((ok) => {
        let output = '';
        child.stdout.on('data', (d: Buffer) => {
          output += d.toString();
          if (/http:\/\/127\.0\.0\.1:\d+/.test(output)) ok(true);
        });
        child.on('exit', () => ok(false));
      });
      expect(started).toBe(true);
      expect(readdirSync(temp).filter((name) => name.startsWith('cress-desk-files-'))).toHaveLength(1);
      child.kill(signal);
      expect(await exited).toBe(0);
      expect(readdirSync(temp).filter((name) => name.startsWith('cress-desk-files-'))).toEqual([]);
    });
  }
});
