// The browser host's files: uploads the page sends and files it downloads, each in a new folder of
// the host's private one (hostFolder.ts), reached by the handlers only through handles.
import { createReadStream, lstatSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, dirname, join, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { HandleBroker } from '../../db';
import { HeldDownloads } from './heldDownloads';
import { HeldUploads } from './heldUploads';
import { makeHostFolder } from './hostFolder';
import { jsonObject, readBody, refuseTooLarge, send } from './http';
import { safeName } from './safeName';

/**
 * What the desktop app does with file dialogs, done the browser's way: an upload gets a read handle
 * to the copy kept here; a save place is a fresh file in a folder of ours, behind a write handle,
 * which the page then downloads. Nothing here is ever overwritten: each file has its own new
 * folder, so an export never replaces anything, and the browser's own download names the copy in
 * the clerk's Downloads folder (adding " (1)" rather than replacing one already there).
 */
export function browserFiles(broker: HandleBroker, maxUpload: number, maxHeld: number) {
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
    /** A handler was granted `path`: an upload is in use, and kept a while longer. */
    granted(path: string): void {
      if (path.startsWith(root + sep)) uploads.used(dirname(path), Date.now());
    },
    /** Lets go the uploads no handler was granted since `before` (ms). */
    letGoUnusedSince(before: number): void {
      uploads.letGoUnusedSince(before);
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
        uploads.add({ handle, folder: dirname(path), size, usedAt: Date.now() });
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
