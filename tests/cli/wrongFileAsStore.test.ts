// The wrong file of the store's folder given as the store (--db, CRESS_DESK_DB): the -wal or -shm
// beside it, or a backup's zip. Each is refused saying what the file is and which to give instead
// — never that the store is damaged or encrypted with another key (which would send the IT person
// to restore a backup or look for another key), and nothing is made beside it.
import { mkdirSync, readdirSync } from 'node:fs';
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
