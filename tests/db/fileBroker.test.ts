// Who may name a file to the handler table: the command line's user names paths; the app's window
// and the browser preview only hand back the handles their dialogs and uploads were given.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { grantFiles } from '../../db/fileGrants';
import { HandleBroker, trustedFiles } from '../../db/fileBroker';
import { contract, type Handlers } from '../../shared/contract';
import { FILE_INPUTS, type FileInput } from '../../shared/contract/files';
import { AppError } from '../../shared/errors';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cress-broker-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

describe('the handle broker (app window, browser preview)', () => {
  it('gives back the path behind a handle it issued, with the name the clerk saw', () => {
    const files = new HandleBroker();
    const handle = files.issue('/home/ana/Planilhas/correções.xlsx', 'read');
    expect(handle).not.toContain('/home/ana');
    expect(files.grant(handle, 'read')).toEqual({ path: '/home/ana/Planilhas/correções.xlsx', name: 'correções.xlsx', replace: false });
    // Read handles last the session: the import inspects, previews and writes from one choice.
    expect(files.grant(handle, 'read').path).toBe('/home/ana/Planilhas/correções.xlsx');
  });

  it('refuses any path, relative or absolute, and a handle used for another purpose', () => {
    const files = new HandleBroker();
    const read = files.issue('/home/ana/a.csv', 'read');
    const folder = files.issue('/home/ana/Backups', 'folder');
    expect(refusal(() => files.grant('/etc/passwd', 'read'))).toBe('FILE_NOT_GRANTED');
    expect(refusal(() => files.grant('relatorio.xlsx', 'write'))).toBe('FILE_NOT_GRANTED');
    expect(refusal(() => files.grant('/home/ana/a.csv', 'read'))).toBe('FILE_NOT_GRANTED');
    expect(refusal(() => files.grant(read, 'write'))).toBe('FILE_NOT_GRANTED');
    expect(refusal(() => files.grant(folder, 'read'))).toBe('FILE_NOT_GRANTED');
    expect(refusal(() => new HandleBroker().grant(read, 'read'))).toBe('FILE_NOT_GRANTED');
  });

  it('lets a save replace a file only once, and only when the clerk confirmed it in the dialog', () => {
    const files = new HandleBroker();
    const confirmed = files.issue('/home/ana/lote.zip', 'write', { replace: true });
    const fresh = files.issue('/home/ana/outro.zip', 'write');
    expect(files.grant(fresh, 'write', { replace: true }).replace).toBe(false);
    expect(files.grant(confirmed, 'write').replace).toBe(true);
    expect(files.grant(confirmed, 'write').replace).toBe(false);
  });

  it('knows the paths it handed out (the file manager shows only those)', () => {
    const files = new HandleBroker();
    files.issue('/home/ana/lote.zip', 'write');
    expect(files.issued('/home/ana/lote.zip')).toBe(true);
    expect(files.issued('/etc/passwd')).toBe(false);
  });

  it('forgets the oldest handle past its limit and says which file it stood for, so the preview removes an upload nobody can name any more', () => {
    const forgotten: string[] = [];
    const broker = new HandleBroker({ limit: 2, onForget: (path) => forgotten.push(path) });
    const first = broker.issue('/tmp/envio-1/a.xlsx', 'read');
    broker.issue('/tmp/envio-2/b.xlsx', 'read');
    broker.issue('/tmp/envio-3/c.xlsx', 'read');
    expect(forgotten).toEqual(['/tmp/envio-1/a.xlsx']);
    expect(() => broker.grant(first, 'read')).toThrow(AppError);
  });

  it('refuses to issue a handle for a relative path', () => {
    expect(() => new HandleBroker().issue('lote.zip', 'write')).toThrow();
  });
});

describe("the command line's broker", () => {
  it('takes paths as its user gave them, and her wish to replace a file', () => {
    const files = trustedFiles();
    expect(files.grant('/home/ana/lote.zip', 'write', { replace: true })).toEqual({ path: '/home/ana/lote.zip', replace: true });
    expect(files.grant('/tmp/a.csv', 'read')).toEqual({ path: '/tmp/a.csv', replace: false });
  });
});

describe('the file inputs of the contract', () => {
  it('names every input field that holds a path', () => {
    const pathLike = /^(path|file|folder|dir)$|Path$|Folder$|File$/;
    const found: string[] = [];
    for (const [channel, spec] of Object.entries(contract)) {
      const input = spec.input as z.ZodType;
      if (!(input instanceof z.ZodObject)) continue;
      for (const [field, schema] of Object.entries(input.shape as Record<string, z.ZodType>)) {
        if (pathLike.test(field)) found.push(`${channel}.${field}`);
        // A list of files: each item's path-like fields.
        let inner: z.ZodType = schema;
        while (inner instanceof z.ZodDefault || inner instanceof z.ZodOptional) inner = inner.unwrap() as z.ZodType;
        const item = inner instanceof z.ZodArray ? (inner.element as z.ZodType) : null;
        if (item instanceof z.ZodObject) for (const sub of Object.keys(item.shape)) if (pathLike.test(sub)) found.push(`${channel}.${field}.${sub}`);
      }
    }
    const declared = Object.entries(FILE_INPUTS).flatMap(([channel, inputs]) =>
      inputs.map((i: FileInput) => (i.each ? `${channel}.${i.field}.${i.each.field}` : `${channel}.${i.field}`)),
    );
    expect(found.sort()).toEqual(declared.sort());
  });
});

describe('handlers behind the file grants', () => {
  function recording() {
    const seen: Record<string, unknown> = {};
    const handlers = new Proxy({} as Handlers, {
      get: (_target, channel: string) => (input: unknown) => {
        seen[channel] = input;
        return { jobId: 'x' };
      },
    });
    return { seen, handlers };
  }

  it('receive the path behind the handle, the name the clerk saw, and no replace she did not confirm', async () => {
    const files = new HandleBroker();
    const { seen, handlers } = recording();
    const granted = grantFiles(handlers, files, { listedBackup: async () => false });
    const sheet = files.issue(join(dir, 'planilha.csv'), 'read', { name: 'planilha.csv' });
    const zip = files.issue(join(dir, 'lote.zip'), 'write');
    await granted['imports:inspect']({ path: sheet, name: 'outro-nome.csv' });
    await granted['batches:export']({ id: 1, path: zip, passphrase: null, replace: true });
    expect(seen['imports:inspect']).toEqual({ path: join(dir, 'planilha.csv'), name: 'planilha.csv' });
    expect(seen['batches:export']).toEqual({ id: 1, path: join(dir, 'lote.zip'), passphrase: null, replace: false });
  });

  it('refuse to write over a file that is already there unless replacing it was confirmed', async () => {
    const existing = join(dir, 'erros.xlsx');
    writeFileSync(existing, 'relatório anterior');
    const files = new HandleBroker();
    const { seen, handlers } = recording();
    const granted = grantFiles(handlers, files, { listedBackup: async () => false });
    const unconfirmed = files.issue(existing, 'write');
    await expect(granted['imports:report']({ id: 1, path: unconfirmed })).rejects.toMatchObject({ code: 'EXPORT_DESTINATION' });
    expect(seen['imports:report']).toBeUndefined();
    const confirmed = files.issue(existing, 'write', { replace: true });
    await granted['imports:report']({ id: 1, path: confirmed });
    expect(seen['imports:report']).toEqual({ id: 1, path: existing });
  });

  it('accept a backup the list shows, and nothing else the window names', async () => {
    const listed = join(dir, 'CRESS09-backup-20260101-080000.zip');
    const files = new HandleBroker();
    const { seen, handlers } = recording();
    const granted = grantFiles(handlers, files, { listedBackup: async (path) => path === listed });
    await granted['backups:verify']({ file: listed, passphrase: null, keyFile: null });
    expect(seen['backups:verify']).toEqual({ file: listed, passphrase: null, keyFile: null });
    await expect(granted['backups:verify']({ file: join(dir, 'CRESS09-backup-20200101-080000.zip'), passphrase: null, keyFile: null })).rejects.toMatchObject({
      code: 'FILE_NOT_GRANTED',
    });
  });
});
