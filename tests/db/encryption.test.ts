// Encryption at rest, as someone who has the desk's disk but not its key sees it: the store, its
// log, a backup's copy and an import's staging file hold none of the registry's personal data in
// the clear; a store opened without the key, or with another desk's, is refused with a clear
// message and left as it was; a store an older version left plain is encrypted on its first open.
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, openStore, type Store } from '../../db';
import { snapshotStore } from '../../db/backups/snapshot';
import { STORE_KEY_ENV, useStoreKey } from '../../db/storeKey';
import { isPlainDatabaseFile } from '../../db/storeEncryption';
import type { Professional } from '../../shared/domain';
import { addProfessional, tempDir, type TempDir } from './fixtures';

let dir: TempDir;
const savedKeyFile = process.env[STORE_KEY_ENV];

beforeEach(() => {
  dir = tempDir();
  process.env[STORE_KEY_ENV] = dir.file('keys/store.key');
});

afterEach(() => {
  useStoreKey(null);
  process.env[STORE_KEY_ENV] = savedKeyFile;
  dir.cleanup();
});

const PEOPLE = [
  { registrationNumber: '71001', name: 'Genoveva Quitéria Albuquerque', motherName: 'Firmina Quitéria Albuquerque', email: 'genoveva.quiteria@exemplo.com.br' },
  { registrationNumber: '71002', name: 'Rosalvo Benedito Carvalhais', motherName: 'Eulália Benedita Carvalhais', email: 'rosalvo.carvalhais@exemplo.com.br' },
];

/** The personal values of the people above, as they could appear in a file's bytes. */
function secretsOf(people: Professional[]): string[] {
  return people.flatMap((p) => [p.cpf, p.name, p.motherName ?? '', p.email ?? '', p.name.split(' ')[1] ?? '']).filter((v) => v.length >= 6);
}

function filesHolding(paths: string[], secrets: string[]): string[] {
  const found: string[] = [];
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    for (const secret of secrets) {
      if (bytes.includes(Buffer.from(secret, 'utf8')) || bytes.includes(Buffer.from(secret, 'utf16le'))) found.push(`${path}: ${secret}`);
    }
  }
  return found;
}

function openWithPeople(): { store: Store; people: Professional[] } {
  const store = openStore({ path: dir.file('store.sqlite') });
  createHandlers(store, { appVersion: '0.0.0-test', now: () => new Date('2026-03-10T13:00:00.000Z') })['settings:setup']({
    region: 9,
    seccional: null,
    operator: 'Ana Paula',
    demoProfessionals: 0,
  });
  return { store, people: PEOPLE.map((p) => addProfessional(store, p)) };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('a store on disk', () => {
  it('holds no CPF, name, mother’s name or e-mail in the clear: not in the file, its log, a backup copy', async () => {
    const { store, people } = openWithPeople();
    const secrets = secretsOf(people);
    // While open: the log holds the latest writes.
    expect(filesHolding([store.path, `${store.path}-wal`, `${store.path}-shm`], secrets)).toEqual([]);
    await snapshotStore(store.path, dir.file('copy.sqlite'));
    store.close();
    expect(filesHolding([store.path, dir.file('copy.sqlite')], secrets)).toEqual([]);
    // …and the data is all there for the desk.
    const again = openStore({ path: store.path, create: false });
    expect(again.db.prepare('SELECT name FROM professionals ORDER BY id').pluck().all()).toEqual(people.map((p) => p.name));
    again.close();
    // A SQLite tool without the key reads nothing.
    const outside = new Database(store.path, { readonly: true });
    expect(() => outside.prepare('SELECT count(*) FROM professionals').get()).toThrow(/not a database/);
    outside.close();
  });

  it('is refused without its key, or with another desk’s, with a clear message, and left as it was', () => {
    const { store } = openWithPeople();
    store.close();
    const before = sha256(store.path);
    for (const key of ['none', 'other'] as const) {
      process.env[STORE_KEY_ENV] = dir.file(key === 'none' ? 'nowhere/store.key' : 'other.key');
      if (key === 'other') writeFileSync(dir.file('other.key'), `CRESS Desk store key 1\n${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
      let caught: unknown;
      try {
        openStore({ path: store.path, create: key === 'none' });
      } catch (error) {
        caught = error;
      }
      expect(caught, key).toMatchObject({ code: 'STORE_KEY', message: expect.stringMatching(/^Chave do banco ausente ou incorreta/) });
    }
    expect(sha256(store.path)).toBe(before);
    // A damaged start looks the same: the message says how to come back from it, since no restore can open it to replace it.
    process.env[STORE_KEY_ENV] = dir.file('keys/store.key');
    const bytes = readFileSync(store.path);
    bytes.fill(0, 0, 16);
    writeFileSync(store.path, bytes);
    expect(() => openStore({ path: store.path })).toThrow(/o arquivo está danificado e não abre nem para ser substituído: mova-o para outra pasta.*restaure a cópia de segurança mais recente/);
    // Not even the app's own open (which may create a store) makes a key for a store that exists.
    expect(existsSync(dir.file('nowhere/store.key'))).toBe(false);
  });

  it('an older version left plain is encrypted on its first open, every row kept, nothing plain left beside it', () => {
    const { store, people } = openWithPeople();
    store.close();
    // The store as the previous version left it: plain, and no store key on the desk yet.
    makePlain(store.path, readFileSync(dir.file('keys/store.key'), 'utf8').split('\n')[1] as string);
    rmSync(dir.file('keys/store.key'));
    expect(isPlainDatabaseFile(store.path)).toBe(true);
    expect(filesHolding([store.path], secretsOf(people)).length).toBeGreaterThan(0);

    const opened = openStore({ path: store.path, create: false });
    expect(opened.db.prepare('SELECT name FROM professionals ORDER BY id').pluck().all()).toEqual(people.map((p) => p.name));
    opened.close();
    expect(isPlainDatabaseFile(store.path)).toBe(false);
    expect(existsSync(dir.file('keys/store.key'))).toBe(true);
    expect(readdirSync(dir.dir).filter((f) => f.includes('encrypting'))).toEqual([]);
    expect(filesHolding([store.path, `${store.path}-wal`], secretsOf(people))).toEqual([]);
  });

  it('another program’s plain database named by mistake is refused and left as it was: not encrypted, no key made', () => {
    const other = dir.file('outro-programa.sqlite');
    const db = new Database(other);
    db.exec("CREATE TABLE clientes (nome TEXT); INSERT INTO clientes VALUES ('Cliente de outro sistema')");
    db.close();
    const before = sha256(other);
    expect(() => openStore({ path: other, create: false })).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }));
    expect(sha256(other)).toBe(before);
    expect(isPlainDatabaseFile(other)).toBe(true);
    expect(existsSync(dir.file('keys/store.key'))).toBe(false);
  });
});

/** Takes the encryption off a store (what a store of the previous version looks like). */
function makePlain(path: string, keyHex: string): void {
  const db = new Database(path);
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${keyHex}'"`);
  db.pragma('journal_mode = DELETE');
  db.pragma("rekey = ''");
  db.close();
}
