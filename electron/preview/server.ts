// The browser host: serves the built renderer and the same handler table as the desktop app over
// HTTP on 127.0.0.1, so the real UI runs in a plain browser (preview, end-to-end tests).
// Guarded like an IPC channel: loopback only, a random per-run token, and a Host header check.
// Files go through handles only: an upload or a save place gets one, and the handlers read and
// write nothing else (db/fileBroker.ts). They live in a private folder removed when the host stops,
// or by the next host to start when this one was killed (hostFolder.ts).
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { basename, dirname, join, normalize, resolve, sep } from 'node:path';
import { HandleBroker, openDesk, type Desk, type Store } from '../../db';
import { errorKind } from '../../db/log';
import { checkChosenToken, fromOwnPage, tokenMatches } from './guards';
import { HeldDownloads } from './heldDownloads';
import { HeldUploads } from './heldUploads';
import { makeHostFolder } from './hostFolder';
import { safeName } from './safeName';
import { APP_VERSION } from '../version';
import { contentTypeOf } from '../../shared/contentTypes';

const MAX_BODY = 1024 * 1024;
const MAX_UPLOAD = 512 * 1024 * 1024;
/** The most bytes of uploads kept at once (heldUploads.ts): four of the largest. */
const MAX_HELD = 4 * MAX_UPLOAD;

export interface HostOptions {
  storePath: string;
  rendererDir: string;
  /** The built job worker (out/worker/jobs.cjs); null runs jobs inline. */
  workerPath?: string | null;
  port?: number;
  token?: string;
  /** The largest upload accepted, in bytes (512 MB). */
  maxUpload?: number;
  /** The most bytes of uploads kept at once, and of files waiting to be downloaded (2 GB each): past it the oldest go. */
  maxHeld?: number;
}

export interface RunningHost {
  url: string;
  token: string;
  port: number;
  desk: Desk;
  readonly store: Store;
  /** The host's private folder (0700) of uploads and downloads (a new one if a temp cleaner took it); removed by `close`. */
  readonly filesDir: string;
  close(): Promise<void>;
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  // Checked and made before the store is opened (the token, the host's folder): a host that refuses to start holds nothing.
  if (options.token !== undefined) checkChosenToken(options.token);
  // An upload or a save place whose handle was forgotten can never be named again: its copy goes.
  let forgotten = (_path: string): void => undefined;
  const broker = new HandleBroker({ onForget: (path) => forgotten(path) });
  const files = browserFiles(broker, options.maxUpload ?? MAX_UPLOAD, options.maxHeld ?? MAX_HELD);
  forgotten = files.forgotten;
  let desk: Desk;
  try {
    desk = openDesk({
      path: options.storePath,
      appVersion: APP_VERSION,
      workerPath: options.workerPath ?? null,
      logDir: join(dirname(resolve(options.storePath)), 'logs'),
      files: broker,
      create: true, // the desk's own file: a first run opens on the set-up screen
      requireSessions: true,
      keptOpen: true, // open all day, as the app
    });
  } catch (error) {
    files.remove();
    throw error;
  }
  const dispatch = desk.dispatch;
  const token = options.token ?? randomBytes(24).toString('hex');
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A page that went away halfway (a closed tab, a reload) is nobody's error: nothing to say or answer.
      if ((req.destroyed && !req.complete) || (res.destroyed && !res.writableFinished)) return;
      // Only what kind of error: its message, stack or the request may carry a file name or a value.
      console.error(`Erro interno: ${errorKind(error)}`);
      if (!res.headersSent) send(res, 500, 'text/plain', 'Erro interno');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const port = (server.address() as { port: number }).port;
    if (req.headers.host !== `127.0.0.1:${port}` && req.headers.host !== `localhost:${port}`) {
      return send(res, 421, 'text/plain', 'Host não permitido');
    }
    const url = requestUrl(req.url, port);
    if (!url) return refuse(res, 400, 'Endereço inválido.'); // a malformed request target, never echoed
    if (url.pathname.startsWith('/api/') && !fromOwnPage(req, port)) {
      return refuse(res, 403, 'Pedido enviado por outro site: a prévia só atende a sua própria página.');
    }
    if (url.pathname.startsWith('/api/') && url.pathname !== '/api/invoke') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Método não permitido');
      if (!tokenMatches(String(req.headers['x-cress-token'] ?? ''), token)) return send(res, 403, 'text/plain', 'Token inválido');
      return files.handle(url, req, res);
    }
    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Método não permitido');
      if (!tokenMatches(String(req.headers['x-cress-token'] ?? ''), token)) return send(res, 403, 'text/plain', 'Token inválido');
      const body = await readBody(req);
      if (body === null) return refuseTooLarge(req, res);
      const request = jsonObject(body);
      if (!request) return refuse(res, 400, 'Pedido inválido.');
      const envelope = await dispatch(request.channel, request.input ?? {});
      return send(res, 200, 'application/json', JSON.stringify(envelope));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Método não permitido');
    return serveStatic(options.rendererDir, url.pathname, res);
  }

  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(options.port ?? 0, '127.0.0.1', () => ok());
    });
  } catch (error) {
    // The store is let go at once: a host that did not start must not keep a restore out.
    desk.close();
    files.remove();
    throw listenError(error, options.port ?? 0);
  }
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    desk,
    get store() {
      return desk.store;
    },
    get filesDir() {
      return files.root;
    },
    close: () => closeServer(server, desk).finally(() => files.remove()),
  };
}

/** Why the host could not listen on its port, in Portuguese: in use by another program, or not this user's to take. */
function listenError(error: unknown, port: number): Error {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return new Error(`A porta ${port} já está em uso por outro programa (outra prévia aberta?). Feche-o ou escolha outra porta com --port.`);
  if (code === 'EACCES') return new Error(`A porta ${port} é reservada ao administrador do sistema. Escolha uma porta acima de 1024 com --port.`);
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * What the desktop app does with file dialogs, done the browser's way: an upload gets a read handle
 * to the copy kept here; a save place is a fresh file in a folder of ours, behind a write handle,
 * which the page then downloads. Nothing here is ever overwritten: each file has its own new
 * folder, so an export never replaces anything, and the browser's own download names the copy in
 * the clerk's Downloads folder (adding " (1)" rather than replacing one already there).
 */
function browserFiles(broker: HandleBroker, maxUpload: number, maxHeld: number) {
  // A new, unguessable folder that only this user may enter (0700); stale ones of killed hosts go first.
  let root = makeHostFolder();
  // A cleaner of the temporary folder may take it away while the host runs: a new one is made, never
  // the old name again (another account could have made a folder by that name meanwhile).
  const ownRoot = (): string => {
    const found = lstatSync(root, { throwIfNoEntry: false });
    if (!found?.isDirectory() || (process.getuid !== undefined && found.uid !== process.getuid())) root = makeHostFolder();
    return root;
  };
  const freshPath = (name: string) => join(mkdtempSync(join(ownRoot(), 'f-')), safeName(name));
  const removeFolder = (folder: string) => {
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch {
      // A file a job still holds open (Windows): it goes with the host's folder when the host stops.
    }
  };
  const uploads = new HeldUploads(maxHeld, (upload) => {
    broker.revoke(upload.handle);
    removeFolder(upload.folder);
  });
  const downloads = new HeldDownloads(maxHeld, (waiting, folder) => {
    broker.revoke(waiting.handle);
    removeFolder(folder);
  });
  return {
    get root() {
      return root;
    },
    /** A handle the broker forgot (past its limit) can never be named again: its copy goes. */
    forgotten(path: string): void {
      if (!path.startsWith(root + sep)) return;
      uploads.forget(dirname(path));
      downloads.forget(dirname(path));
      removeFolder(dirname(path));
    },
    remove(): void {
      rmSync(root, { recursive: true, force: true });
    },
    async handle(url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
      if (url.pathname === '/api/upload') {
        const name = safeName(url.searchParams.get('name') ?? 'arquivo');
        if (Number(req.headers['content-length'] ?? 0) > maxUpload) return tooLarge(req, res);
        const path = freshPath(name);
        const { outcome, size } = await receive(req, path, maxUpload, (bytes) => uploads.receiving(bytes));
        uploads.arrived(size);
        if (outcome !== 'complete') {
          // Nothing of a refused or abandoned upload stays behind.
          await rm(dirname(path), { recursive: true, force: true });
          if (outcome === 'too-large') return tooLarge(req, res);
          if (outcome === 'no-room') return noRoom(req, res);
          if (outcome === 'over-budget') return overBudget(req, res);
          return undefined; // the page went away: nobody to answer
        }
        const handle = broker.issue(path, 'read', { name });
        uploads.add({ handle, folder: dirname(path), size });
        return send(res, 200, 'application/json', JSON.stringify({ handle, name }));
      }
      if (url.pathname === '/api/save-path') {
        const body = await readBody(req);
        if (body === null) return refuseTooLarge(req, res);
        const { suggestedName } = (jsonObject(body) ?? {}) as { suggestedName?: unknown };
        const path = freshPath(typeof suggestedName === 'string' ? suggestedName : 'arquivo');
        const handle = broker.issue(path, 'write');
        downloads.add(dirname(path), { handle, path });
        return send(res, 200, 'application/json', JSON.stringify({ handle, name: basename(path) }));
      }
      if (url.pathname === '/api/download') {
        const body = await readBody(req);
        if (body === null) return refuseTooLarge(req, res);
        const { handle } = (jsonObject(body) ?? {}) as { handle?: unknown };
        const entry = broker.entry(handle);
        const file = entry?.mode === 'write' && entry.path.startsWith(root + sep) ? statSync(entry.path, { throwIfNoEntry: false }) : undefined;
        if (!entry || !file?.isFile()) return send(res, 404, 'text/plain', 'Arquivo não encontrado');
        // Handed over once: the handle is spent before the first byte goes out (a second request,
        // even one racing this, finds nothing), and the host's copy goes once it was sent.
        broker.revoke(handle);
        downloads.forget(dirname(entry.path));
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(entry.name)}`,
          'cache-control': 'no-store',
        });
        try {
          await pipeline(createReadStream(entry.path), res);
        } finally {
          await rm(dirname(entry.path), { recursive: true, force: true });
        }
        return;
      }
      send(res, 404, 'text/plain', 'Não encontrado');
    },
  };
}

type Received = 'complete' | 'too-large' | 'no-room' | 'over-budget' | 'aborted';

/**
 * Writes the request body to `path` (created 0600, never over a file): `complete`, `too-large` as
 * soon as it passes `limit`, `no-room` when the host's disk could not take it (full, or refusing
 * writes), `over-budget` when `room` refuses a chunk (heldUploads.ts), or `aborted` when the page
 * went away halfway. Answers the bytes `room` was asked for, too.
 */
async function receive(req: IncomingMessage, path: string, limit: number, room: (bytes: number) => boolean): Promise<{ outcome: Received; size: number }> {
  let file;
  try {
    file = await open(path, 'wx', 0o600);
  } catch {
    return { outcome: 'no-room', size: 0 };
  }
  let size = 0;
  const ended = (outcome: Received) => ({ outcome, size });
  try {
    // destroyOnReturn: false keeps the connection open to answer 413 after stopping early.
    for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (!room(chunk.length)) return ended('over-budget');
      if (size > limit) return ended('too-large');
      try {
        await file.write(chunk);
      } catch {
        return ended('no-room'); // the page is still there, waiting for an answer
      }
    }
    return ended(req.complete ? 'complete' : 'aborted');
  } catch {
    return ended('aborted');
  } finally {
    await file.close().catch(() => {});
  }
}

function overBudget(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  const message = 'Arquivos demais sendo enviados à prévia ao mesmo tempo: espere os envios em andamento terminarem e envie este de novo.';
  send(res, 507, 'application/json', JSON.stringify({ ok: false, error: { code: 'DISK_FULL', message } }));
  req.resume(); // the rest of the body is read and dropped, never written
}

function noRoom(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  send(
    res,
    507,
    'application/json',
    JSON.stringify({
      ok: false,
      error: { code: 'DISK_FULL', message: 'Não há espaço na pasta temporária deste computador para receber o arquivo. Libere espaço no disco e envie o arquivo de novo.' },
    }),
  );
  req.resume(); // the rest of the body is read and dropped, never written
}

function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  send(res, 413, 'text/plain', 'Arquivo grande demais para a prévia no navegador.');
  req.resume(); // the rest of the body is read and dropped, never written
}

/** The request's address; null for a target no URL can be made of (`http://[::1`). */
function requestUrl(target: string | undefined, port: number): URL | null {
  try {
    return new URL(target ?? '/', `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
}

/** A JSON object sent by the page; null for anything else (an array, a number, broken JSON, a body too large). */
function jsonObject(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The request's body as text; null as soon as it passes MAX_BODY (the caller answers 413). */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  // destroyOnReturn: false keeps the connection open to answer after stopping early.
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A body past MAX_BODY: refused, the connection closed once the rest is read and dropped. */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  refuse(res, 413, 'Pedido grande demais.');
  req.resume();
}

/** A refused call, in the dispatcher's envelope so the page reads it like any other refusal. */
function refuse(res: ServerResponse, status: number, message: string): void {
  send(res, status, 'application/json', JSON.stringify({ ok: false, error: { code: 'INPUT_INVALID', message } }));
}

function serveStatic(root: string, pathname: string, res: ServerResponse): void {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return send(res, 404, 'text/plain', 'Não encontrado'); // broken percent-encoding names no file
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  let file = join(base, relative || 'index.html');
  if (file !== base && !file.startsWith(base + sep)) return send(res, 404, 'text/plain', 'Não encontrado');
  if (!existsSync(file) || statSync(file).isDirectory()) file = join(base, 'index.html');
  if (!existsSync(file)) return send(res, 404, 'text/plain', 'Interface não compilada: rode npm run build.');
  send(res, 200, contentTypeOf(file), readFileSync(file));
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
