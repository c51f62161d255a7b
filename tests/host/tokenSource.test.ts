// A token chosen by whoever starts the browser host must not be readable by the computer's other
// accounts: a command line is (`ps`, /proc/PID/cmdline). The host takes it from a file only its
// owner may read (--token-file) or from its environment, and says why --token is a risk.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOST_BIN } from '../cli/processes';
import { posixOnly } from '../posixOnly';

const TOKEN = 'k7'.repeat(24);
let dir: string;
let running: ChildProcess | null = null;

interface Started {
  child: ChildProcess;
  port: number | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The host with `args` and `env`: its port once it listens, or its exit code when it refused to start. */
function startHost(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Started> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [HOST_BIN, '--db', join(dir, 'store.sqlite'), '--port', '0', ...args], { env: { ...process.env, ...env } });
    running = child;
    const started: Started = { child, port: null, code: null, stdout: '', stderr: '' };
    child.stdout.on('data', (d: Buffer) => {
      started.stdout += d.toString();
      const match = /127\.0\.0\.1:(\d+)\//.exec(started.stdout);
      if (match && started.port === null) {
        started.port = Number(match[1]);
        done(started);
      }
    });
    child.stderr.on('data', (d: Buffer) => (started.stderr += d.toString()));
    child.on('exit', (code) => {
      started.code = code;
      done(started);
    });
  });
}

function info(port: number, token: string): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/invoke', method: 'POST', headers: { 'content-type': 'application/json', 'x-cress-token': token } }, (res) => {
      res.resume();
      res.on('end', () => ok(res.statusCode ?? 0));
    });
    req.on('error', fail);
    req.end(JSON.stringify({ channel: 'app:info', input: {} }));
  });
}

function tokenFile(mode: number, text = `${TOKEN}\n`): string {
  const path = join(dir, 'token.txt');
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cress-host-token-'));
});
afterEach(async () => {
  const child = running;
  running = null;
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the token of the browser host', () => {
  it('is read from a file only its owner may read, and appears nowhere in the command line', async (context) => {
    posixOnly(context, 'file modes and /proc');
    const host = await startHost(['--token-file', tokenFile(0o600)]);
    expect(host.port, host.stderr).not.toBeNull();
    expect(await info(host.port!, TOKEN)).toBe(200);
    expect(await info(host.port!, 'f'.repeat(48))).toBe(403);
    expect(readFileSync(`/proc/${host.child.pid}/cmdline`, 'utf8')).not.toContain(TOKEN);
  }, 30_000);

  it('is refused from a file other accounts may read: the host does not start, and says chmod 600', async (context) => {
    posixOnly(context);
    const host = await startHost(['--token-file', tokenFile(0o644)]);
    expect(host.port).toBeNull();
    expect(host.code).toBe(2);
    expect(host.stderr).toContain('chmod 600');
    expect(host.stderr).not.toContain(TOKEN);
  }, 30_000);

  it('is refused from a file that holds a short token, as a short --token is, naming the file, as wrong usage', async (context) => {
    posixOnly(context);
    const file = tokenFile(0o600, 'curto\n');
    const host = await startHost(['--token-file', file]);
    expect(host.port).toBeNull();
    expect(host.code).toBe(2);
    expect(host.stderr).toContain(`--token-file ${file}: informe um token de pelo menos 32 caracteres`);
  }, 30_000);

  it('is refused from CRESS_DESK_PREVIEW_TOKEN when short or with a space, naming the variable, not --token', async () => {
    for (const bad of ['abc', `${TOKEN.slice(0, 20)} ${TOKEN.slice(20)}`]) {
      const host = await startHost([], { CRESS_DESK_PREVIEW_TOKEN: bad });
      expect(host.port).toBeNull();
      expect(host.code).toBe(2);
      expect(host.stderr).toContain('CRESS_DESK_PREVIEW_TOKEN: informe um token de pelo menos 32 caracteres');
      expect(host.stderr).not.toContain('--token');
    }
  }, 30_000);

  it('is taken from CRESS_DESK_PREVIEW_TOKEN, which other accounts cannot read', async () => {
    const host = await startHost([], { CRESS_DESK_PREVIEW_TOKEN: TOKEN });
    expect(host.port, host.stderr).not.toBeNull();
    expect(await info(host.port!, TOKEN)).toBe(200);
  }, 30_000);

  it('given with --token still works, with a warning that every account of the computer sees it', async () => {
    const host = await startHost(['--token', TOKEN]);
    expect(host.port, host.stderr).not.toBeNull();
    expect(await info(host.port!, TOKEN)).toBe(200);
    expect(host.stderr).toMatch(/--token fica visível.*--token-file/);
  }, 30_000);

  it('given two ways at once is wrong usage: the host does not start', async () => {
    const host = await startHost(['--token', TOKEN], { CRESS_DESK_PREVIEW_TOKEN: TOKEN });
    expect(host.port).toBeNull();
    expect(host.code).toBe(2);
    expect(host.stderr).toContain('de um só jeito');
  }, 30_000);
});
