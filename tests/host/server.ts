// The browser host: serves the built renderer and the same handler table as the desktop app over
// HTTP on 127.0.0.1, so the real UI runs in a plain browser (preview, end-to-end tests).
// Guarded like an IPC channel: loopback only, a random per-run token, and a Host header check.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { basename, dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { openDesk, resolveStorePath, type Desk, type Store } from '../../db';
import { APP_VERSION } from '../../electron/version';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};
const MAX_BODY = 1024 * 1024;
const MAX_UPLOAD = 512 * 1024 * 1024;

export interface HostOptions {
  storePath: string;
  rendererDir: string;
  /** The built job worker (out/worker/jobs.cjs); null runs jobs inline. */
  workerPath?: string | null;
  port?: number;
  token?: string;
}

export interface RunningHost {
  url: string;
  token: string;
  port: number;
  desk: Desk;
  readonly store: Store;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const desk = openDesk({
    path: options.storePath,
    appVersion: APP_VERSION,
    workerPath: options.workerPath ?? null,
    logDir: join(dirname(resolve(options.storePath)), 'logs'),
  });
  const dispatch = desk.dispatch;
  const token = options.token ?? randomBytes(24).toString('hex');
  const files = browserFiles();
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) send(res, 500, 'text/plain', 'Erro interno');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const port = (server.address() as { port: number }).port;
    if (req.headers.host !== `127.0.0.1:${port}` && req.headers.host !== `localhost:${port}`) {
      return send(res, 421, 'text/plain', 'Host não permitido');
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/') && url.pathname !== '/api/invoke') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Método não permitido');
      if (!tokenMatches(String(req.headers['x-cress-token'] ?? ''), token)) return send(res, 403, 'text/plain', 'Token inválido');
      return files.handle(url, req, res);
    }
    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Método não permitido');
      if (!tokenMatches(String(req.headers['x-cress-token'] ?? ''), token)) return send(res, 403, 'text/plain', 'Token inválido');
      const body = await readBody(req);
      let request: { channel?: unknown; input?: unknown };
      try {
        request = JSON.parse(body) as typeof request;
      } catch {
        return send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'INPUT_INVALID', message: 'Pedido inválido.' } }));
      }
      const envelope = await dispatch(request.channel, request.input ?? {});
      return send(res, 200, 'application/json', JSON.stringify(envelope));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Método não permitido');
    return serveStatic(options.rendererDir, url.pathname, res);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    desk,
    get store() {
      return desk.store;
    },
    close: () => closeServer(server, desk),
  };
}

/** A file name safe to put in a folder of ours: no path, no control characters. */
function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f<>:"|?*]/g, '_').slice(0, 120);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : 'arquivo';
}

/**
 * What the desktop app does with file dialogs, done the browser's way: an upload gives the file a
 * path the handlers can read; a save path is a folder of ours whose file the page then downloads.
 */
function browserFiles() {
  const root = join(tmpdir(), `cress-desk-files-${process.pid}`);
  const handedOut = new Set<string>();
  const freshPath = (name: string) => {
    const dir = join(root, randomBytes(8).toString('hex'));
    mkdirSync(dir, { recursive: true });
    return join(dir, safeName(name));
  };
  return {
    async handle(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
      if (url.pathname === '/api/upload') {
        const name = safeName(url.searchParams.get('name') ?? 'arquivo');
        const path = freshPath(name);
        let size = 0;
        req.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_UPLOAD) req.destroy(new Error('upload too large'));
        });
        await pipeline(req, createWriteStream(path));
        return send(res, 200, 'application/json', JSON.stringify({ path, name }));
      }
      if (url.pathname === '/api/save-path') {
        const { suggestedName } = JSON.parse(await readBody(req)) as { suggestedName?: string };
        const path = freshPath(suggestedName ?? 'arquivo');
        handedOut.add(path);
        return send(res, 200, 'application/json', JSON.stringify({ path, name: basename(path) }));
      }
      if (url.pathname === '/api/download') {
        const { path } = JSON.parse(await readBody(req)) as { path?: string };
        if (!path || !handedOut.has(path) || !existsSync(path)) return send(res, 404, 'text/plain', 'Arquivo não encontrado');
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(basename(path))}`,
          'cache-control': 'no-store',
        });
        await pipeline(createReadStream(path), res);
        return;
      }
      send(res, 404, 'text/plain', 'Não encontrado');
    },
  };
}

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const base = resolve(root);
  const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  let file = join(base, relative || 'index.html');
  if (file !== base && !file.startsWith(base + sep)) return send(res, 404, 'text/plain', 'Não encontrado');
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(base, 'index.html');
  if (!existsSync(file)) return send(res, 404, 'text/plain', 'Interface não compilada: rode npm run build.');
  send(res, 200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // frame-ancestors only works as a header; the page's own meta CSP carries the rest.
    'content-security-policy': "frame-ancestors 'none'",
  });
  res.end(body);
}

function closeServer(server: Server, desk: Desk): Promise<void> {
  return new Promise((ok) => {
    server.closeAllConnections();
    server.close(() => {
      desk.close();
      ok();
    });
  });
}

function argValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

// Run directly: node out/host/host.cjs [--db FILE] [--port N] [--token T]
if (require.main === module) {
  const args = process.argv.slice(2);
  const storePath = resolveStorePath({ cliPath: argValue(args, '--db'), env: process.env });
  startHost({
    storePath,
    rendererDir: resolve(__dirname, '../renderer'),
    workerPath: resolve(__dirname, '../worker/jobs.cjs'),
    port: Number(argValue(args, '--port') ?? 0),
    token: argValue(args, '--token'),
  })
    .then((host) => {
      console.log(`CRESS Desk (prévia no navegador): ${host.url}`);
      console.log(`Dados: ${storePath}`);
      const stop = () => void host.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
