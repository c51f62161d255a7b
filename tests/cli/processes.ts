// Other programs on the same store, for the concurrency and fault tests: the built command run
// without waiting, the browser host in a process of its own, and a plain SQLite connection in
// another process holding a read or a write transaction (as a sqlite3 session would).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { storeKeyPragmas } from '../rawStore';
import { CLI_BIN, TEST_PIN } from './command';

export const HOST_BIN = resolve(__dirname, '../../out/host/host.cjs');

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The built command on `store`, in a process of its own; resolves when it exits. */
export function cliAsync(store: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Finished> {
  return new Promise((done) => {
    const started = Date.now();
    const child = spawn(process.execPath, [CLI_BIN, '--db', store, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => done({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    child.once('exit', () => done());
  });
}

export interface HostProcess {
  pid: number;
  /** A contract call over HTTP, as the page makes it. */
  invoke(channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  /** Uploads a file as the page's file input does: the handle a job is then given as its path. */
  upload(name: string, bytes: Buffer): Promise<{ handle: string; name: string }>;
  stop(): Promise<void>;
}

/** The browser host (out/host/host.cjs, or `hostBin`) on `store`, in a process of its own (`env` on top of this one's), ready to answer, its session started. */
export function startHostProcess(store: string, hostBin: string = HOST_BIN, env: NodeJS.ProcessEnv = {}): Promise<HostProcess> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [hostBin, '--db', store, '--port', '0'], { env: { ...process.env, ...env } });
    let output = '';
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /http:\/\/127\.0\.0\.1:(\d+)\/\?ticket=(\w+)/.exec(output);
      if (!match) return;
      child.stdout?.off('data', onData);
      const port = Number(match[1]);
      // As the page does: the address's one-time ticket is traded for the token first.
      let token = '';
      const post = <T>(path: string, type: string, body: string | Buffer): Promise<T> =>
        new Promise((answer, refuse) => {
          const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': type, 'x-cress-token': token } }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => answer(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T));
          });
          req.on('error', refuse);
          req.end(body);
        });
      const host: HostProcess = {
        pid: child.pid as number,
        invoke: (channel, input) => post('/api/invoke', 'application/json', JSON.stringify({ channel, input })),
        upload: (name, bytes) => post(`/api/upload?name=${encodeURIComponent(name)}`, 'application/octet-stream', bytes),
        stop: async () => {
          child.kill('SIGTERM');
          await exited(child);
        },
      };
      // As the clerk would in the window: the desk's first active operator, with the tests' PIN.
      post<{ token: string }>('/api/page-token', 'application/json', JSON.stringify({ ticket: match[2] }))
        .then((traded) => {
          token = traded.token;
          return host.invoke('operators:list', {});
        })
        .then(async (listed) => {
          const first = ((listed.value as { operators?: { name: string; disabled: boolean }[] } | undefined)?.operators ?? []).find((o) => !o.disabled);
          if (first) await host.invoke('session:start', { name: first.name, pin: TEST_PIN });
          ok(host);
        })
        .catch(fail);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => fail(new Error(`browser host exited (${code}): ${output}`)));
  });
}

/** A new e-mail for the professional with `cpf`, saved through the host as the clerk saves it at the counter (null: no such record). */
export async function saveEmailThroughHost(host: HostProcess, cpf: string, email: string): Promise<Awaited<ReturnType<HostProcess['invoke']>> | null> {
  const found = (await host.invoke('registry:find', { key: cpf })).value as { id: number; rowVersion: number } | null;
  if (!found) return null; // no such record
  return host.invoke('corrections:save', {
    professionalId: found.id,
    expectedRowVersion: found.rowVersion,
    changes: { email },
    reason: 'Pedido no balcão',
    evidence: { kind: 'RG', arrival: 'in_person', date: '2026-11-24' },
    dipAcknowledged: true,
  });
}

export interface Holder {
  pid: number;
  /** Ends the transaction and the connection normally. */
  release(): Promise<void>;
  /** SIGKILL, as a crash or the task manager would. */
  kill(): Promise<void>;
}

const BETTER_SQLITE3 = createRequire(__filename).resolve('better-sqlite3');

/**
 * Another process with a plain SQLite connection to `store` inside a transaction: `read` (a
 * deferred transaction that has read, as a sqlite3 session running a SELECT inside BEGIN) or
 * `write` (BEGIN IMMEDIATE and an update not yet committed). Resolves once the transaction holds;
 * `releaseAfterMs`: it then commits and ends by itself after that long (the test's own thread may be busy).
 * The connection has the desk's key, as tests/rawStore.ts gives it (in the environment, not on the
 * command line, where every user of the machine could read it).
 */
export function holdStore(store: string, mode: 'read' | 'write', releaseAfterMs?: number): Promise<Holder> {
  const script = `
    const Database = require(${JSON.stringify(BETTER_SQLITE3)});
    const db = new Database(${JSON.stringify(store)}, { fileMustExist: true });
    for (const pragma of JSON.parse(process.env.STORE_KEY_PRAGMAS)) db.pragma(pragma);
    db.pragma('busy_timeout = 10000');
    if (${JSON.stringify(mode)} === 'write') {
      db.exec('BEGIN IMMEDIATE');
      db.prepare("UPDATE settings SET operator = operator").run();
    } else {
      db.exec('BEGIN');
      db.prepare('SELECT count(*) FROM professionals').get();
    }
    process.stdout.write('held\\n');
    const end = () => { db.exec('COMMIT'); db.close(); process.exit(0); };
    process.stdin.on('data', end);
    if (${JSON.stringify(releaseAfterMs ?? null)} !== null) setTimeout(end, ${JSON.stringify(releaseAfterMs ?? 0)});
    setInterval(() => {}, 1000);`;
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, STORE_KEY_PRAGMAS: JSON.stringify(storeKeyPragmas(store)) } });
    let errors = '';
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    child.stdout.once('data', () =>
      ok({
        pid: child.pid as number,
        release: async () => {
          child.stdin.write('go\n');
          await exited(child);
        },
        kill: async () => {
          child.kill('SIGKILL');
          await exited(child);
        },
      }),
    );
    child.on('exit', (code) => fail(new Error(`holder exited (${code}): ${errors}`)));
  });
}

/** Can this machine make a private mount namespace with a tmpfs (unshare -m, as root)? */
export function canMountTmpfs(folder: string): boolean {
  const probe = spawnSync('unshare', ['-m', 'sh', '-c', 'mount -t tmpfs -o size=64k tmpfs "$1"', 'sh', folder], { encoding: 'utf8' });
  return probe.status === 0;
}

/**
 * Runs `script` (sh) in a private mount namespace where `folder` is a tmpfs of `size` whose free
 * space is then cut down to `freeKib`, after `setup` (sh, run first: copy a store in). The mount
 * vanishes with the namespace. `env` is passed to the script; NODE and CLI name the command.
 */
export function onFullDisk(folder: string, size: string, freeKib: number, setup: string, script: string, env: NodeJS.ProcessEnv = {}): Finished {
  const started = Date.now();
  const full = `
    mount -t tmpfs -o size=${size} tmpfs "$FOLDER" || exit 99
    ${setup}
    head -c ${freeKib * 1024} /dev/zero > "$FOLDER/.reserve"
    cat /dev/zero > "$FOLDER/.filler" 2>/dev/null
    rm -f "$FOLDER/.reserve"
    ${script}`;
  const result = spawnSync('unshare', ['-m', 'sh', '-c', full], {
    encoding: 'utf8',
    env: { ...process.env, ...env, FOLDER: folder, NODE: process.execPath, CLI: CLI_BIN },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}
