// The wrong file of the store's folder given as the store (--db, CRESS_DESK_DB): the -wal or -shm
// beside it, or a backup's zip. Each is refused saying what the file is and which to give instead
// — never that the store is damaged or encrypted with another key (which would send the IT person
// to restore a backup or look for another key), and nothing is made beside it.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDesk, cliOn, initDesk } from './command';
import { startHostProcess } from './processes';

const desk = cliDesk('cress-wrong-file-', (d) => initDesk(d, { professionals: 50, seed: 2 }), 60_000);

describe('the wrong file given as the store', () => {
  it('the -wal and -shm of an open store: named as the store’s companions, the store named instead', async () => {
    const host = await startHostProcess(desk.store); // the -wal and -shm are there while a program has the store open
    try {
      const before = readdirSync(desk.dir).sort();
      for (const suffix of ['-wal', '-shm']) {
        const result = cliOn(() => `${desk.store}${suffix}`).run('info');
        expect(result.code, suffix).toBe(1);
        expect(result.stderr).toContain(`"${desk.store}${suffix}" é um arquivo auxiliar do banco "${desk.store}", não o banco`);
        expect(result.stderr).not.toMatch(/danificad|Chave do banco|INTERNAL/);
      }
      expect(readdirSync(desk.dir).sort()).toEqual(before);
    } finally {
      await host.stop();
    }
  }, 60_000);

  it('a backup’s zip: named as such, with how to restore it', () => {
    mkdirSync(join(desk.dir, 'copias'));
    const zip = desk.json('backup', 'create', '--out', join(desk.dir, 'copias')).body.file as string;
    const result = cliOn(() => zip).run('info');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`"${zip}" é um arquivo .zip (uma cópia de segurança ou um pacote de lote), não o arquivo de dados`);
    expect(result.stderr).toContain('backup restore');
    expect(result.stderr).not.toMatch(/danificad|INTERNAL/);
  });
});

describe('another program’s file given as the store', () => {
  /** A plain SQLite database of another program, with the user_version it keeps for its own schema. */
  function foreignDatabase(name: string, userVersion: number): string {
    const path = join(desk.dir, name);
    const db = new Database(path);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('segredo da equipe')");
    db.pragma(`user_version = ${userVersion}`);
    db.close();
    chmodSync(path, 0o644);
    return path;
  }

  const fingerprint = (path: string) => ({ sha256: createHash('sha256').update(readFileSync(path)).digest('hex'), mode: statSync(path).mode & 0o777 });

  it('whatever its user_version, is refused as no store of ours, and left byte for byte and mode as it was', () => {
    for (const userVersion of [1, 3, 12, 16, 74]) {
      const path = foreignDatabase(`notas-${userVersion}.db`, userVersion);
      const before = fingerprint(path);
      for (const command of [['info'], ['registry', 'search', 'Ana']]) {
        const result = cliOn(() => path).run(...command);
        expect(result.code, `${userVersion} ${command.join(' ')}`).toBe(3);
        expect(result.stderr).toContain('não é um banco de dados do CRESS Desk');
        expect(result.stderr).not.toMatch(/INTERNAL|no such table|Migration/);
      }
      expect(fingerprint(path), String(userVersion)).toEqual(before);
      const db = new Database(path, { readonly: true });
      expect(db.prepare('SELECT body FROM notes').pluck().get()).toBe('segredo da equipe');
      db.close();
    }
  });

  it('a spreadsheet of the team named by mistake keeps its permissions', () => {
    const path = join(desk.dir, 'planilha-da-equipe.csv');
    writeFileSync(path, 'Nome;Ramal\r\nAna;201\r\n');
    chmodSync(path, 0o664);
    const result = cliOn(() => path).run('info');
    expect(result.code).not.toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o664);
  });
});
