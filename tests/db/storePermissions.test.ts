// What the desk does when the computer will not let it write its store or a file, from every door
// (the dispatcher, a job): SQLite's "read-only" is STORE_READ_ONLY naming the file — or the folder,
// when it is the folder that takes no new files —, never an internal error nor a damaged store; a
// store its owner made read-only is opened read-only, even by root, and never made writable again;
// a folder or a file that may not be read is FILE_UNREADABLE naming it. The same seen from the
// built command, as a user whom permissions bind: tests/cli/permissions.test.ts.
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDispatcher, openDesk } from '../../db';
import { readAck } from '../../db/batches/ackRead';
import { privateCopy } from '../../db/imports/readers/privateCopy';
import { errorData } from '../../db/jobs/runner';
import type { Handlers } from '../../shared/contract';
import { cleanupAfterEach, tempDir } from './fixtures';

const STORE = '/dados/cress/cress-desk.sqlite';
const sqliteError = (code: string) => Object.assign(new Error('attempt to write a readonly database'), { code });
const failing = (error: unknown) => ({ 'app:info': () => Promise.reject(error) }) as unknown as Handlers;

const cleanup = cleanupAfterEach();

describe("SQLite's read-only answers", () => {
  it('are STORE_READ_ONLY naming the store, from the dispatcher and from a job, with no English in the details', async () => {
    const answer = await createDispatcher(failing(sqliteError('SQLITE_READONLY')), undefined, { storePath: () => STORE })('app:info', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'STORE_READ_ONLY', details: { path: STORE } } });
    if (!answer.ok) {
      expect(answer.error.message).toMatch(/^O arquivo de dados "\/dados\/cress\/cress-desk\.sqlite" não permite gravação/);
      expect(JSON.stringify(answer.error)).not.toMatch(/readonly database/);
    }
    expect(errorData(sqliteError('SQLITE_READONLY_CANTINIT'), STORE)).toMatchObject({ code: 'STORE_READ_ONLY', details: { path: STORE } });
  });

  it('name the folder when it is the folder that takes no new files (the -wal and -shm the store needs)', () => {
    const data = errorData(sqliteError('SQLITE_READONLY_DIRECTORY'), STORE);
    expect(data).toMatchObject({ code: 'STORE_READ_ONLY', details: { folder: '/dados/cress' } });
    expect(data.message).toMatch(/^A pasta "\/dados\/cress" do arquivo de dados não permite gravação/);
    expect(data.message).toContain('não está danificado');
    expect(data.message).not.toMatch(/Restaure/);
  });
});

describe('a store its owner made read-only', () => {
  it('opens read-only, even for root: reading works, a write is refused naming the file, and the file is not made writable again', async () => {
    const dir = tempDir();
    cleanup(() => dir.cleanup());
    const path = dir.file('store.sqlite');
    const made = openDesk({ path, appVersion: 'test', create: true });
    expect((await made.dispatch('settings:setup', { region: 9, seccional: null, operator: 'Ana Paula', demoProfessionals: 0 })).ok).toBe(true);
    made.close();
    chmodSync(path, 0o444);

    const desk = openDesk({ path, appVersion: 'test' });
    cleanup(() => desk.close());
    expect(await desk.dispatch('app:info', {})).toMatchObject({ ok: true, value: { settings: { region: 9 } } });
    const refused = await desk.dispatch('settings:update', { seccional: 'Campinas' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'STORE_READ_ONLY', details: { path } } });
    if (!refused.ok) expect(refused.error.message).toContain(`O arquivo de dados "${path}" não permite gravação`);
    // Others lose their read permission (the desk's files are its user's alone); the owner's stays as set.
    expect(statSync(path).mode & 0o777).toBe(0o400);
    expect(desk.store.db.prepare('SELECT seccional FROM settings').pluck().get()).toBeNull();
  });
});

describe('a file to read that is a folder', () => {
  it('is FILE_UNREADABLE naming it, for an acknowledgement and for a spreadsheet to import', async () => {
    const dir = tempDir();
    cleanup(() => dir.cleanup());
    const folder = dir.file('retorno.csv');
    mkdirSync(folder);
    const refusal = { code: 'FILE_UNREADABLE', message: expect.stringContaining(`"${folder}" é uma pasta`) };
    await expect(readAck(folder, 'retorno.csv')).rejects.toMatchObject(refusal);
    expect(() => privateCopy(folder, 'retorno.csv')).toThrow(expect.objectContaining(refusal));
  });
});
