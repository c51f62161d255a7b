import Database from 'better-sqlite3';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultUserDataDir, KNOWN_SCHEMA_VERSION, openStore, resolveStorePath } from '../../db';
import { bundledMigrationFiles } from '../../db/migrate';
import journal from '../../db/migrations/meta/_journal.json';
import { AppError } from '../../shared/errors';
import { tempDir, type TempDir } from './fixtures';
import { openRawStore } from '../rawStore';

const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'db', 'migrations');

let dir: TempDir;
afterEach(() => dir?.cleanup());

function openError(path: string): AppError {
  try {
    openStore({ path }).close();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('the store opened');
}

describe('migrations', () => {
  it('builds every table from scratch and records the schema version', () => {
    dir = tempDir();
    const store = openStore({ path: dir.file('new.sqlite') });
    const names = (store.db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'trigger')").all() as { name: string }[]).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'settings',
        'professionals',
        'corrections',
        'cep_directory',
        'cep_changes',
        'audit_log',
        'audit_anchor',
        'professionals_fts',
        'audit_log_no_update',
        'audit_log_no_delete',
      ]),
    );
    expect(store.schemaVersion).toBe(KNOWN_SCHEMA_VERSION);
    expect(store.db.pragma('user_version', { simple: true })).toBe(journal.entries.length);
    store.close();
  });

  it('ships every migration: SQL files, journal and bundle agree', () => {
    const onDisk = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).sort();
    const inJournal = journal.entries.map((e) => `${e.tag}.sql`).sort();
    expect(onDisk.length).toBeGreaterThan(0);
    expect(inJournal).toEqual(onDisk);
    expect(bundledMigrationFiles()).toEqual(onDisk);
    expect(KNOWN_SCHEMA_VERSION).toBe(onDisk.length);
  });

  it('reopens a store without applying anything twice and keeps its data', () => {
    dir = tempDir();
    const path = dir.file('again.sqlite');
    const first = openStore({ path });
    first.db.prepare("INSERT INTO settings (id, region, uf, operator, created_at, updated_at) VALUES (1, 9, 'SP', 'Ana', 'x', 'x')").run();
    first.close();
    const second = openStore({ path });
    expect(second.schemaVersion).toBe(KNOWN_SCHEMA_VERSION);
    expect(second.db.prepare('SELECT operator FROM settings').get()).toEqual({ operator: 'Ana' });
    second.close();
  });

  it('numbers the migrations in journal order, none empty', () => {
    const tags = journal.entries.map((e) => e.tag);
    expect(tags.map((t) => t.slice(0, 4))).toEqual(tags.map((_, i) => String(i).padStart(4, '0')));
    for (const tag of tags) expect(readFileSync(join(MIGRATIONS_DIR, `${tag}.sql`), 'utf8').trim()).not.toBe('');
  });
});

describe('opening a store', () => {
  it('refuses a store written by a newer version', () => {
    dir = tempDir();
    const path = dir.file('newer.sqlite');
    openStore({ path }).close();
    const raw = openRawStore(path);
    raw.pragma(`user_version = ${KNOWN_SCHEMA_VERSION + 3}`);
    raw.close();
    const error = openError(path);
    expect(error.code).toBe('STORE_NEWER');
    expect(error.message).toContain(`esquema ${KNOWN_SCHEMA_VERSION + 3}`);
    expect(error.message).toContain('Atualize o aplicativo');
  });

  it('refuses a file that is not a database, naming it', () => {
    dir = tempDir();
    const path = dir.file('planilha.sqlite');
    writeFileSync(path, 'CPF;Nome\n12345678909;Maria\n'.repeat(200));
    const error = openError(path);
    expect(error.code).toBe('STORE_CORRUPT');
    expect(error.message).toContain(path);
    // The refused file is left as it was.
    expect(readFileSync(path, 'utf8').startsWith('CPF;Nome')).toBe(true);
  });

  it("refuses another program's SQLite database instead of adding tables to it", () => {
    dir = tempDir();
    const path = dir.file('other.sqlite');
    const raw = new Database(path);
    raw.exec('CREATE TABLE clientes (id INTEGER PRIMARY KEY, nome TEXT)');
    raw.close();
    expect(openError(path).code).toBe('STORE_CORRUPT');
  });

  it('creates the folder and turns on WAL, foreign keys and the busy timeout', () => {
    dir = tempDir();
    const store = openStore({ path: join(dir.dir, 'a', 'b', 'store.sqlite') });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBe(30_000); // a writer waits its turn up to 30 s (docs/store.md)
    expect(() =>
      store.db
        .prepare("INSERT INTO corrections (uuid, professional_id, field, reason, operator, created_at) VALUES ('u', 999, 'email', 'motivo', 'Ana', 'x')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    store.close();
    expect(() => store.db.prepare('SELECT 1').get()).toThrow();
  });
});

describe('where the store lives', () => {
  it('prefers --db, then CRESS_DESK_DB, then the app data folder', () => {
    expect(resolveStorePath({ cliPath: 'x/cli.sqlite', env: { CRESS_DESK_DB: '/env.sqlite' } })).toBe(join(process.cwd(), 'x', 'cli.sqlite'));
    expect(resolveStorePath({ env: { CRESS_DESK_DB: '/data/env.sqlite' } })).toBe('/data/env.sqlite');
    expect(resolveStorePath({ env: {}, userDataDir: '/home/ana/.config/CRESS Desk' })).toBe('/home/ana/.config/CRESS Desk/cress-desk.sqlite');
  });

  it("matches Electron's userData folder on each system", () => {
    expect(defaultUserDataDir('win32', { APPDATA: 'C:\\Users\\Ana\\AppData\\Roaming' }, 'C:\\Users\\Ana')).toBe(
      'C:\\Users\\Ana\\AppData\\Roaming\\CRESS Desk',
    );
    expect(defaultUserDataDir('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/CRESS Desk');
    expect(defaultUserDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/CRESS Desk');
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ana')).toBe('/cfg/CRESS Desk');
  });
});
