// The browser host: serves the built renderer and the same handler table as the desktop app over
// HTTP on 127.0.0.1, so the real UI runs in a plain browser (preview, end-to-end tests).
// Guarded like an IPC channel: loopback only, a random per-run token, and a Host header check.
// Files go through handles only: an upload or a save place gets one, and the handlers read and
// write nothing else (db/fileBroker.ts). They live in a private folder removed when the host stops,
// or by the next host to start when this one was killed (hostFolder.ts).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { HandleBroker, openDesk, type Desk, type Store } from '../../db';
import { errorKind } from '../../db/log';
import { browserFiles } from './browserFiles';
import { checkChosenToken, fromOwnPage, tokenMatches } from './guards';
import { answerJson } from './hostPaths';
import { PageTickets, tradeTicket } from './pageTickets';
import { tabSignerRefusal } from './tabSigner';
import { jsonObject, readBody, refuse, refuseTooLarge, send } from './http';
import { APP_VERSION } from '../version';
import { contentTypeOf } from '../../shared/contentTypes';

const MAX_UPLOAD = 512 * 1024 * 1024;
/** The most bytes of uploads kept at once (heldUploads.ts): four of the largest. */
const MAX_HELD = 4 * MAX_UPLOAD;
/** How long an upload stays once no job ran and none was granted it: long enough for a clerk to think over an import's mapping. */
const UPLOAD_IDLE_MS = 30 * 60_000;

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
  /** How long an upload unused by any job stays in the host's folder (30 minutes). */
  uploadIdleMs?: number;
  /** Told a new address each time a page traded its one-time address (pageTickets.ts), for another tab. */
  onAddressUsed?: (next: string) => void;
}

export interface RunningHost {
  /** The page's first address: a one-time ticket, never the token (pageTickets.ts). */
  url: string;
  /** Another one-time address, for another tab. */
  newAddress(): string;
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
  let granted = (_path: string): void => undefined;
  const broker = new HandleBroker({ onForget: (path) => forgotten(path), onGrant: (path) => granted(path) });
  const files = browserFiles(broker, options.maxUpload ?? MAX_UPLOAD, options.maxHeld ?? MAX_HELD);
  forgotten = files.forgotten;
  granted = files.granted;
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
  const tickets = new PageTickets();
  const address = () => `http://127.0.0.1:${(server.address() as { port: number }).port}/?ticket=${tickets.issue()}`;
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
      if (url.pathname === '/api/page-token') return tradeTicket(req, res, tickets, token, () => options.onAddressUsed?.(address()));
      if (!tokenMatches(String(req.headers['x-cress-token'] ?? ''), token)) return send(res, 403, 'text/plain', 'Token inválido');
      // A script that chose the token asks for an address to open the page with.
      if (url.pathname === '/api/address') return send(res, 200, 'application/json', JSON.stringify({ url: address() }));
      return files.handle(url, req, res);
    }
    if (url.pathname === '/api/invoke') {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Método não permitido');
      if (!tokenMatches(String(req.headers['x-cress-token'] ?? ''), token)) return send(res, 403, 'text/plain', 'Token inválido');
      const body = await readBody(req);
      if (body === null) return refuseTooLarge(req, res);
      const request = jsonObject(body);
      if (!request) return refuse(res, 400, 'Pedido inválido.');
      const envelope = tabSignerRefusal(req, request.channel, desk.store.path) ?? (await dispatch(request.channel, request.input ?? {}));
      return send(res, 200, 'application/json', answerJson(envelope));
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
  const sweep = sweepUnusedUploads(desk, files, options.uploadIdleMs ?? UPLOAD_IDLE_MS);
  return {
    url: address(),
    newAddress: address,
    token,
    port,
    desk,
    get store() {
      return desk.store;
    },
    get filesDir() {
      return files.root;
    },
    close: () => {
      clearInterval(sweep);
      return closeServer(server, desk).finally(() => files.remove());
    },
  };
}

/**
 * An upload sits in the clear in the temporary folder (a spreadsheet of CPFs): it goes once `idleMs`
 * passed with no job running and none granted it, not only when the host stops. A job keeps every
 * upload while it runs (the clerk may go on with the same file once it ends).
 */
function sweepUnusedUploads(desk: Desk, files: { letGoUnusedSince(before: number): void }, idleMs: number): NodeJS.Timeout {
  let busyAt = Date.now();
  const timer = setInterval(() => {
    const now = Date.now();
    if (desk.jobs.busy()) busyAt = now;
    else if (now - busyAt >= idleMs) files.letGoUnusedSince(now - idleMs);
  }, Math.min(60_000, idleMs));
  timer.unref();
  return timer;
}

/** Why the host could not listen on its port, in Portuguese: in use by another program, or not this user's to take. */
function listenError(error: unknown, port: number): Error {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE') return new Error(`A porta ${port} já está em uso por outro programa (outra prévia aberta?). Feche-o ou escolha outra porta com --port.`);
  if (code === 'EACCES') return new Error(`A porta ${port} é reservada ao administrador do sistema. Escolha uma porta acima de 1024 com --port.`);
  return error instanceof Error ? error : new Error(String(error));
}

/** The request's address; null for a target no URL can be made of (`http://[::1`). */
function requestUrl(target: string | undefined, port: number): URL | null {
  try {
    return new URL(target ?? '/', `http://127.0.0.1:${port}`);
  } catch {
    return null;
  }
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

function closeServer(server: Server, desk: Desk): Promise<void> {
  return new Promise((ok) => {
    server.closeAllConnections();
    server.close(() => {
      desk.close();
      ok();
    });
  });
}
