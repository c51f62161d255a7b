// An upload to the browser host when the disk of its temporary folder fills halfway: the page is
// answered at once that there is no room (never left waiting), nothing of the upload stays, and
// the next upload that fits goes through.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canMountTmpfs } from '../cli/processes';

const HOST_BIN = resolve(__dirname, '../../out/host/host.cjs');
const TOKEN = 'a'.repeat(48);
let dir: string;
let small: string;
let child: ChildProcess | null = null;
let port = 0;
let mountable = false;

function upload(bytes: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/upload?name=correcoes.csv', method: 'POST', headers: { 'x-cress-token': TOKEN, 'content-type': 'application/octet-stream' }, timeout: 15_000 },
      (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in 15 s')));
    req.on('error', fail);
    req.end(bytes);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cress-host-full-'));
  small = join(dir, 'temp');
  mkdirSync(small);
  mountable = canMountTmpfs(small);
  if (!mountable) return;
  // The host's temporary folder on a 1 MB disk of its own, in a mount namespace of its own.
  const script = 'mount -t tmpfs -o size=1m tmpfs "$SMALL" || exit 99; TMPDIR="$SMALL" exec "$NODE" "$HOST" --db "$STORE" --port 0 --token "$TOKEN"';
  child = spawn('unshare', ['-m', 'sh', '-c', script], {
    env: { ...process.env, SMALL: small, NODE: process.execPath, HOST: HOST_BIN, STORE: join(dir, 'store.sqlite'), TOKEN },
  });
  port = await new Promise<number>((ok, fail) => {
    let output = '';
    child!.stdout!.on('data', (d: Buffer) => {
      output += d.toString();
      const match = /127\.0\.0\.1:(\d+)\//.exec(output);
      if (match) ok(Number(match[1]));
    });
    child!.on('exit', (code) => fail(new Error(`host exited (${code})`)));
  });
}, 30_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((done) => child!.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('an upload larger than the room left on the host’s disk', () => {
  it('is answered at once that there is no room, leaves nothing, and a small upload then goes through', async (context) => {
    context.skip(!mountable, 'mount namespaces (unshare -m) are not allowed here: no small disk to fill.');
    const refused = await upload(Buffer.alloc(3 * 1024 * 1024, 0x41));
    expect(refused.status).toBe(507);
    const envelope = JSON.parse(refused.body) as { ok: boolean; error: { code: string; message: string } };
    expect(envelope).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    expect(envelope.error.message).toMatch(/espaço/);
    const fits = await upload(Buffer.from('CPF;E-mail\n123.456.789-09;ana@exemplo.com.br\n'));
    expect(fits.status, fits.body).toBe(200);
  }, 60_000);
});
